import { StateConflictError, type Dapr, type Logger, type Metrics } from '@healthsync/shared';
import { decide, windowStart, type WindowDecision } from '../domain/rate-limit.js';

const CACHE = 'cache';
const WINDOW_MS = 60_000;

interface WindowCount {
  windowKey: string;
  windowStart: number;
  /** The shared total (every replica) as last read or written. */
  shared: number | undefined;
  /** Requests this replica let through since its last sync. */
  pending: number;
  lastSync: number;
  syncing: Promise<void> | undefined;
}

/**
 * Counts requests per client and minute in the shared cache, so the limit holds across
 * gateway replicas, without a cache round trip on every request: each replica counts
 * locally and adds its count to the shared entry at most every `syncMs` (a conditional
 * save on the entry's ETag, retried on conflict). The first request of a client in a
 * window reads the shared count. Between syncs a replica may let through up to one sync
 * interval's worth of requests that other replicas already counted. When the cache is
 * down, requests pass and the gap is logged and counted, rather than refusing everyone.
 */
export function createRateLimiter(dapr: Dapr, limitPerMinute: number, logger: Logger, metrics: Metrics, syncMs = 250) {
  const degraded = metrics.counter('gateway_rate_limit_degraded_total', 'Requests let through because the cache was unavailable');
  const counts = new Map<string, WindowCount>();
  /** The window the map holds entries of; older windows' entries are dropped once it moves on. */
  let currentWindow = 0;

  async function sync(entry: WindowCount): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const stored = await dapr.getStateEntry<number>(CACHE, entry.windowKey);
      const flushing = entry.pending;
      const total = (stored?.value ?? 0) + flushing;
      try {
        if (flushing > 0) {
          await dapr.saveState(CACHE, entry.windowKey, total, { ttlSeconds: 120, ...(stored?.etag ? { etag: stored.etag } : {}) });
        }
        entry.pending -= flushing;
        entry.shared = total;
        entry.lastSync = Date.now();
        return;
      } catch (error) {
        if (!(error instanceof StateConflictError)) throw error;
      }
    }
  }

  function syncInBackground(entry: WindowCount): Promise<void> {
    entry.syncing ??= sync(entry)
      .catch((error: unknown) => {
        degraded.inc();
        logger.warn('rate limiting degraded: cache unavailable', { error: String(error) });
        entry.shared ??= 0;
        entry.lastSync = Date.now();
      })
      .finally(() => (entry.syncing = undefined));
    return entry.syncing;
  }

  return {
    async check(clientKey: string, now = Date.now()): Promise<WindowDecision | undefined> {
      const start = windowStart(now, WINDOW_MS);
      // Once a minute, not on every request: a pass over every client's entry costs as many
      // steps as there are clients.
      if (start > currentWindow) {
        currentWindow = start;
        for (const [key, entry] of counts) if (entry.windowStart < start) counts.delete(key);
      }
      const windowKey = `ratelimit:${clientKey}:${start}`;
      let entry = counts.get(windowKey);
      if (!entry) {
        entry = { windowKey, windowStart: start, shared: undefined, pending: 0, lastSync: 0, syncing: undefined };
        counts.set(windowKey, entry);
      }
      if (entry.shared === undefined) await syncInBackground(entry);
      const decision = decide(clientKey, (entry.shared ?? 0) + entry.pending, limitPerMinute, now);
      if (decision.allowed) {
        entry.pending += 1;
        if (now - entry.lastSync >= syncMs) void syncInBackground(entry);
      }
      return decision;
    },
  };
}
