import { components, type Dapr, type Logger, type Metrics, type WhileLive } from '@healthsync/shared';

/**
 * The latest judged checkup per user in the Dapr state store `cache` (Redis locally). The cache only
 * makes reads cheaper: every failure is logged and counted, and the caller falls back to the database.
 * Only erasure needs to know that a drop failed (`erase`), so that it is tried again.
 */
export interface JudgedCache<T> {
  get(userId: string): Promise<T | undefined>;
  /** Caches the value unless the user has been erased (a read that finished after the erasure writes nothing). */
  put(userId: string, value: T): Promise<void>;
  /**
   * Drops the entry now and once more a moment later: a read that began before the change and finishes
   * after the first drop cannot leave a stale entry behind.
   */
  invalidate(userId: string): Promise<void>;
  /** Drops the entry of an erased user; throws when the cache cannot be reached (the erasure is retried). */
  erase(userId: string): Promise<void>;
}

export function createJudgedCache<T>(dapr: Dapr, options: { ttlSeconds: number; logger: Logger; metrics: Metrics; whileLive: WhileLive }): JudgedCache<T> {
  const { logger } = options;
  const lookups = options.metrics.counter('health_latest_cache_total', 'Latest-judged cache lookups by outcome', ['outcome']);
  // v2: the view gained overallJudgement, censored values and summary.outsideCriteria; a view cached in the
  // old shape is simply not found and recomputed.
  const key = (userId: string) => `latest-judged:v2:${userId}`;

  const drop = async (userId: string): Promise<void> => {
    try {
      await dapr.deleteState(components.cache, key(userId));
    } catch (error) {
      lookups.inc({ outcome: 'error' });
      logger.warn('cache unavailable: could not drop the latest judged checkup', { error: String(error) });
    }
  };

  return {
    async get(userId) {
      try {
        const value = await dapr.getState<T>(components.cache, key(userId));
        lookups.inc({ outcome: value === undefined ? 'miss' : 'hit' });
        return value;
      } catch (error) {
        lookups.inc({ outcome: 'error' });
        logger.warn('cache unavailable: reading the latest judged checkup from the database', { error: String(error) });
        return undefined;
      }
    },
    async put(userId, value) {
      try {
        await options.whileLive(userId, () => dapr.saveState(components.cache, key(userId), value, { ttlSeconds: options.ttlSeconds }));
      } catch (error) {
        lookups.inc({ outcome: 'error' });
        logger.warn('cache unavailable: the latest judged checkup was not cached', { error: String(error) });
      }
    },
    async invalidate(userId) {
      await drop(userId);
      setTimeout(() => void drop(userId), 1_500).unref();
    },
    async erase(userId) {
      await dapr.deleteState(components.cache, key(userId));
    },
  };
}
