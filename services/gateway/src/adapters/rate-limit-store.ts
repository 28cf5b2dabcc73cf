import type { Dapr, Logger, Metrics } from '@healthsync/shared';
import { decide, type WindowDecision } from '../domain/rate-limit.js';

const CACHE = 'cache';

/**
 * Counts requests per client and window in the shared cache, so the limit holds across
 * gateway replicas. Counting is approximate under concurrency (read, then write without
 * a compare-and-set); when the cache is down the gateway lets requests through and says
 * so in logs and metrics rather than refusing everyone.
 */
export function createRateLimiter(dapr: Dapr, limitPerMinute: number, logger: Logger, metrics: Metrics) {
  const degraded = metrics.counter('gateway_rate_limit_degraded_total', 'Requests let through because the cache was unavailable');
  const pending = new Map<string, number>();
  return {
    async check(clientKey: string, now = Date.now()): Promise<WindowDecision | undefined> {
      const probe = decide(clientKey, 0, limitPerMinute, now);
      try {
        const stored = (await dapr.getState<number>(CACHE, probe.windowKey)) ?? 0;
        const local = pending.get(probe.windowKey) ?? 0;
        const decision = decide(clientKey, stored + local, limitPerMinute, now);
        if (decision.allowed) {
          pending.set(probe.windowKey, local + 1);
          dapr
            .saveState(CACHE, probe.windowKey, stored + local + 1, { ttlSeconds: 120 })
            .catch(() => degraded.inc())
            .finally(() => {
              const left = (pending.get(probe.windowKey) ?? 1) - 1;
              if (left <= 0) pending.delete(probe.windowKey);
              else pending.set(probe.windowKey, left);
            });
        }
        return decision;
      } catch (error) {
        degraded.inc();
        logger.warn('rate limiting skipped: cache unavailable', { error: String(error) });
        return undefined;
      }
    },
  };
}
