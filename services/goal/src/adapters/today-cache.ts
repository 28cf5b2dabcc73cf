import { components, type Dapr, type Logger, type Metrics, type WhileLive } from '@healthsync/shared';
import type { IsoDate } from '../domain/dates.js';
import type { TodayView } from '../domain/views.js';

/**
 * Today's view in the Dapr state store `cache`, one entry per user that also holds the Seoul day
 * and the user's data version it was computed for; every write bumps the version in the same
 * transaction, so a view computed before a write is never served after it, even if it is saved
 * late (it no longer matches). One key per user also lets erasure drop exactly what there is.
 * The cache only makes reads faster: when the store is down, reads go to the database and writes
 * still succeed; only erasure must know that a drop failed (`erase`), to try again.
 */
export interface TodayCache {
  get(userId: string, day: IsoDate, version: number): Promise<TodayView | undefined>;
  /** Saves the view unless the user has been erased (a read that finished after the erasure writes nothing). */
  save(userId: string, day: IsoDate, version: number, view: TodayView): Promise<void>;
  invalidate(userId: string): Promise<void>;
  /** Drops an erased user's entry; throws when the store cannot be reached (the erasure is retried). */
  erase(userId: string): Promise<void>;
}

type StateStore = Pick<Dapr, 'getState' | 'saveState' | 'deleteState'>;

const CACHE_STORE = components.cache;

export function todayKey(userId: string): string {
  return `today:${userId}`;
}

interface Entry {
  day: IsoDate;
  version: number;
  view: TodayView;
}

export function createTodayCache(options: { state: StateStore; ttlSeconds: number; logger: Logger; metrics?: Metrics; whileLive: WhileLive }): TodayCache {
  const { state, logger } = options;
  const outcomes = options.metrics?.counter('goal_today_cache_total', 'Today-view cache lookups and writes, by outcome', ['outcome']);
  const count = (outcome: string) => outcomes?.inc({ outcome });
  const warn = (what: string, error: unknown) =>
    logger.warn(`today cache ${what} failed; using the database`, { error: error instanceof Error ? error.message : String(error) });

  return {
    async get(userId, day, version) {
      try {
        const entry = await state.getState<Entry>(CACHE_STORE, todayKey(userId));
        const hit = entry?.day === day && entry.version === version;
        count(hit ? 'hit' : 'miss');
        return hit ? entry.view : undefined;
      } catch (error) {
        count('error');
        warn('read', error);
        return undefined;
      }
    },
    async save(userId, day, version, view) {
      try {
        const entry: Entry = { day, version, view };
        await options.whileLive(userId, () => state.saveState(CACHE_STORE, todayKey(userId), entry, { ttlSeconds: options.ttlSeconds }));
      } catch (error) {
        count('error');
        warn('write', error);
      }
    },
    async invalidate(userId) {
      try {
        await state.deleteState(CACHE_STORE, todayKey(userId));
      } catch (error) {
        count('error');
        warn('invalidation', error);
      }
    },
    async erase(userId) {
      await state.deleteState(CACHE_STORE, todayKey(userId));
    },
  };
}
