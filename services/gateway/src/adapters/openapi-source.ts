import type { Logger } from '@healthsync/shared';
import type { Upstream } from './upstream.js';

export interface ServiceFragment {
  service: string;
  paths: Record<string, Record<string, never>>;
  components: Record<string, Record<string, unknown>>;
}

/**
 * Collects every service's OpenAPI fragment through service invocation (the same
 * transport the gateway forwards with). A service that
 * does not answer keeps its last known fragment; its routes are then forwarded unchecked.
 */
export function createOpenApiSource(upstream: Upstream, apps: string[], logger: Logger, refreshMs = 30_000) {
  const fragments = new Map<string, ServiceFragment>();
  /** The fragments as one array, made again only when a refresh changed them (not per request). */
  let list: ServiceFragment[] = [];
  let fetchedAt = 0;
  let inFlight: Promise<void> | undefined;

  async function refresh(): Promise<void> {
    await Promise.all(
      apps.map(async (app) => {
        try {
          fragments.set(app, await upstream.getJson<ServiceFragment>(app, '/internal/openapi', 3_000));
        } catch (error) {
          logger.warn('service OpenAPI fragment unavailable', { app, error: String(error) });
        }
      }),
    );
    list = [...fragments.values()];
    fetchedAt = Date.now();
  }

  return {
    /** Fragments, refreshed when older than `refreshMs` or when a service is missing. */
    async get(): Promise<ServiceFragment[]> {
      const stale = Date.now() - fetchedAt > (fragments.size < apps.length ? 2_000 : refreshMs);
      if (stale) {
        inFlight ??= refresh().finally(() => (inFlight = undefined));
        // Only wait on the very first load; later refreshes happen behind the current table.
        if (fetchedAt === 0) await inFlight;
      }
      return list;
    },
  };
}
