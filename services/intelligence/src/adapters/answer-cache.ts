import { components, holdLiveUser, withTransaction, type Dapr, type Db, type Logger, type Metrics } from '@healthsync/shared';
import type { Feature } from '../domain/prompts.js';

/**
 * AI answers in the Dapr state store `cache`, keyed by user, feature and a hash of the facts
 * that were sent. The keys of each user are listed in PostgreSQL so a new checkup import or an
 * account deletion can drop exactly them. A cache outage only costs a model call: reads miss,
 * writes are skipped; only invalidation reports failure (so the event is redelivered).
 */
export interface AnswerCache {
  get<T>(feature: Feature, userId: string, hash: string): Promise<T | undefined>;
  put(feature: Feature, userId: string, hash: string, value: unknown, ttlSeconds: number): Promise<void>;
  /** Drops the user's cached answers of the given features (all when omitted); returns how many. */
  invalidate(userId: string, features?: Feature[]): Promise<number>;
  /** Forgets keys whose entries have expired in the state store anyway. */
  prune(): Promise<number>;
}

export function cacheKey(feature: Feature, userId: string, hash: string): string {
  return `ai:${feature}:${userId}:${hash}`;
}

export function createAnswerCache(deps: { dapr: Dapr; db: Db; logger: Logger; metrics: Metrics; maxTtlSeconds: number }): AnswerCache {
  const lookups = deps.metrics.counter('ai_cache_lookups_total', 'Cached AI answer lookups, by feature and result', ['feature', 'result']);

  return {
    async get<T>(feature: Feature, userId: string, hash: string): Promise<T | undefined> {
      try {
        const value = await deps.dapr.getState<T>(components.cache, cacheKey(feature, userId, hash));
        lookups.inc({ feature, result: value === undefined ? 'miss' : 'hit' });
        return value;
      } catch (error) {
        lookups.inc({ feature, result: 'error' });
        deps.logger.warn('cache read failed; asking the model instead', { feature, error: String(error) });
        return undefined;
      }
    },

    async put(feature, userId, hash, value, ttlSeconds) {
      const key = cacheKey(feature, userId, hash);
      try {
        // The key is listed with the write, under the user's erasure lock (shared): an erasure running
        // now waits for this write and then drops the key; after it nothing is cached for the user.
        // (An import's invalidation may miss a key written meanwhile: its facts hash is never asked again.)
        await withTransaction(deps.db, async (client) => {
          if (!(await holdLiveUser(client, userId))) return;
          await client.query(
            `insert into cached_answers (user_id, cache_key, feature) values ($1, $2, $3)
             on conflict (user_id, cache_key) do update set created_at = now()`,
            [userId, key, feature],
          );
          await deps.dapr.saveState(components.cache, key, value, { ttlSeconds });
        });
      } catch (error) {
        deps.logger.warn('cache write failed; the answer is served uncached', { feature, error: String(error) });
      }
    },

    async invalidate(userId, features) {
      const result = await deps.db.query<{ cache_key: string }>(
        features ? 'select cache_key from cached_answers where user_id = $1 and feature = any($2)' : 'select cache_key from cached_answers where user_id = $1',
        features ? [userId, features] : [userId],
      );
      for (const row of result.rows) await deps.dapr.deleteState(components.cache, row.cache_key);
      const keys = result.rows.map((r) => r.cache_key);
      if (keys.length > 0) await deps.db.query('delete from cached_answers where user_id = $1 and cache_key = any($2)', [userId, keys]);
      return keys.length;
    },

    async prune() {
      const result = await deps.db.query('delete from cached_answers where created_at < now() - make_interval(secs => $1)', [deps.maxTtlSeconds]);
      return result.rowCount ?? 0;
    },
  };
}
