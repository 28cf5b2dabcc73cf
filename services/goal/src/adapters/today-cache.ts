import { components, type Dapr, type Logger, type Metrics } from '@healthsync/shared';
import type { IsoDate } from '../domain/dates.js';
import type { TodayView } from '../domain/views.js';

/**
 * Today's view in the Dapr state store `cache`. The key holds the Seoul day and the user's
 * data version, which every write bumps in the same transaction: a view computed before a
 * write can never be served after it, even if it is saved late; the write also deletes the
 * old key so it does not linger. The cache only makes reads faster: when the store is down,
 * reads go to the database and writes still succeed.
 */
export interface TodayCache {
  get(userId: string, day: IsoDate, version: number): Promise<TodayView | undefined>;
  save(userId: string, day: IsoDate, version: number, view: TodayView): Promise<void>;
  invalidate(userId: string, day: IsoDate, version: number): Promise<void>;
}

type StateStore = Pick<Dapr, 'getState' | 'saveState' | 'deleteState'>;

const CACHE_STORE = components.cache;

export function todayKey(userId: string, day: IsoDate, version: number): string {
  return `today:${userId}:${day}:v${version}`;
}

export function createTodayCache(options: { state: StateStore; ttlSeconds: number; logger: Logger; metrics?: Metrics }): TodayCache {
  const { state, logger } = options;
  const outcomes = options.metrics?.counter('goal_today_cache_total', 'Today-view cache lookups and writes, by outcome', ['outcome']);
  const count = (outcome: string) => outcomes?.inc({ outcome });
  const warn = (what: string, error: unknown) =>
    logger.warn(`today cache ${what} failed; using the database`, { error: error instanceof Error ? error.message : String(error) });

  return {
    async get(userId, day, version) {
      try {
        const view = await state.getState<TodayView>(CACHE_STORE, todayKey(userId, day, version));
        count(view ? 'hit' : 'miss');
        return view;
      } catch (error) {
        count('error');
        warn('read', error);
        return undefined;
      }
    },
    async save(userId, day, version, view) {
      try {
        await state.saveState(CACHE_STORE, todayKey(userId, day, version), view, { ttlSeconds: options.ttlSeconds });
      } catch (error) {
        count('error');
        warn('write', error);
      }
    },
    async invalidate(userId, day, version) {
      try {
        await state.deleteState(CACHE_STORE, todayKey(userId, day, version));
      } catch (error) {
        count('error');
        warn('invalidation', error);
      }
    },
  };
}
