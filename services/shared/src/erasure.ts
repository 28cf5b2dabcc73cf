import { withTransaction, type Db, type DbClient } from './db.js';
import { UnauthorizedError } from './errors.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

/**
 * Account erasure that always completes (docs/decisions/013-erasure-always-completes.md).
 *
 * Every service with personal data keeps `erased_users` in its schema: one row per erased
 * account, written when the service learns of the deletion (the `user-deleted` event), before
 * anything else is tried. The row is at once
 *  - the tombstone: a write for that user, even with a still-valid token, is refused;
 *  - the pending erasure: the service's erasure steps (its rows, its cache entries, its blobs)
 *    run at once and, while any of them fails (Redis, Blob or PostgreSQL down), again from a
 *    sweeper with a growing back-off until every step has succeeded.
 *
 *   create table erased_users (user_id <text|uuid> primary key, erased_at timestamptz not null default now(),
 *     completed_at timestamptz, attempts integer not null default 0,
 *     next_attempt_at timestamptz not null default now(), last_error text);
 *
 * In-flight writes: a write takes the user's erasure lock SHARED in its transaction and then
 * checks the tombstone (`lockLiveUser`); recording the tombstone takes it EXCLUSIVE. So a write
 * that began before the deletion commits before the tombstone does (and the erasure steps, which
 * run after it, remove what it wrote), and every write after it sees the tombstone.
 */

/** A still-valid token of an erased account: the client should drop its session. */
export class AccountDeletedError extends UnauthorizedError {
  constructor() {
    super('ACCOUNT_DELETED', 'This account has been deleted.');
  }
}

// Advisory locks are per database and the services' schemas may share one: the key names the schema.
const LOCK = `hashtextextended('erasure:' || current_schema() || ':' || $1::text, 0)`;

/**
 * Takes the user's erasure lock (shared) for the rest of the transaction and tells whether the
 * user is still live. Two statements on purpose: the tombstone is read with a snapshot taken
 * after the lock was granted, so an erasure that committed while we waited is seen.
 */
export async function holdLiveUser(client: DbClient, userId: string): Promise<boolean> {
  await client.query(`select pg_advisory_xact_lock_shared(${LOCK})`, [userId]);
  const erased = await client.query('select 1 from erased_users where user_id = $1', [userId]);
  return erased.rowCount === 0;
}

/** `holdLiveUser` for a write on behalf of the user: an erased user gets 401 ACCOUNT_DELETED. */
export async function lockLiveUser(client: DbClient, userId: string): Promise<void> {
  if (!(await holdLiveUser(client, userId))) throw new AccountDeletedError();
}

/** The same for many users at once (a bulk write); returns those that were erased. */
export async function holdLiveUsers(client: DbClient, userIds: readonly string[]): Promise<Set<string>> {
  const ids = [...new Set(userIds)].sort();
  if (ids.length === 0) return new Set();
  await client.query(
    `select pg_advisory_xact_lock_shared(hashtextextended('erasure:' || current_schema() || ':' || id, 0)) from unnest($1::text[]) as id order by id`,
    [ids],
  );
  // `any($1)` takes the column's type (uuid or text), so the primary key's index is used.
  const erased = await client.query<{ id: string }>('select user_id::text as id from erased_users where user_id = any($1)', [ids]);
  return new Set(erased.rows.map((r) => r.id));
}

/** Runs `work` in a transaction holding the user's lock; an erased user gets 401 ACCOUNT_DELETED. */
export function withLiveUser<T>(db: Db, userId: string, work: (client: DbClient) => Promise<T>): Promise<T> {
  return withTransaction(db, async (client) => {
    await lockLiveUser(client, userId);
    return work(client);
  });
}

/** Runs `work` only while the user is live; false (and nothing done) once they are erased. */
export type WhileLive = (userId: string, work: () => Promise<void>) => Promise<boolean>;

/**
 * For writes outside PostgreSQL that must not outlive an erasure (a cache entry): `work` runs in a
 * transaction holding the user's lock (shared), so an erasure that starts meanwhile waits for it and
 * its steps then remove what it wrote, and after the erasure nothing is written.
 */
export function whileLiveIn(db: Db): WhileLive {
  return (userId, work) =>
    withTransaction(db, async (client) => {
      if (!(await holdLiveUser(client, userId))) return false;
      await work();
      return true;
    });
}

/** One part of a service's erasure. It must be idempotent: it runs again until every step has succeeded. */
export interface ErasureStep {
  name: string;
  run(userId: string): Promise<void>;
}

/** How long after the n-th failed attempt (1, 2, …) the next one is due: doubling from `baseMs`, at most `maxMs`. */
export function erasureRetryDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
}

export interface ErasureOptions {
  db: Db;
  steps: ErasureStep[];
  logger: Logger;
  metrics: Metrics;
  /** How often the sweeper looks for pending erasures that are due. */
  sweepIntervalMs: number;
  /** The longest wait between two attempts of one erasure (the back-off doubles from the sweep interval up to this). */
  maxRetryDelayMs: number;
}

/** What handling one `user-deleted` delivery did. */
export type ErasureOutcome = 'erased' | 'pending' | 'duplicate';

export interface Erasure {
  /**
   * Records the tombstone (waiting for the user's in-flight writes) and runs the steps. Throws only
   * when the tombstone could not be recorded (PostgreSQL down): the event is then redelivered.
   * Once recorded, a failing step leaves the erasure pending for the sweeper instead.
   */
  handle(userId: string): Promise<ErasureOutcome>;
  /** Runs the pending erasures that are due; returns how many completed. Also runs on a timer. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

/** While one attempt runs, no other replica starts the same erasure (a lease, not a lock held across the steps). */
const LEASE_SECONDS = 120;

export function createErasure(options: ErasureOptions): Erasure {
  const { db, steps, logger, metrics } = options;
  const completed = metrics.counter('erasures_completed_total', 'Account erasures finished by this replica');
  const stepFailures = metrics.counter('erasure_step_failures_total', 'Erasure steps that failed and will be retried, by step', ['step']);
  const pendingGauge = metrics.gauge('erasures_pending', 'Account erasures recorded but not finished');
  const oldestPending = metrics.gauge('erasure_oldest_pending_seconds', 'Age of the oldest unfinished account erasure');
  let running: Promise<number> | undefined;
  let stopped = false;

  /** Runs every step (a failing one does not stop the others) and records the outcome. */
  async function attempt(userId: string, attempts: number): Promise<boolean> {
    const failures: { step: string; error: string }[] = [];
    for (const step of steps) {
      try {
        await step.run(userId);
      } catch (error) {
        failures.push({ step: step.name, error: error instanceof Error ? error.message : String(error) });
        stepFailures.inc({ step: step.name });
      }
    }
    const attempt = attempts + 1;
    try {
      if (failures.length === 0) {
        await db.query('update erased_users set completed_at = now(), attempts = $2, last_error = null where user_id = $1', [userId, attempt]);
        completed.inc();
        logger.info('account erasure completed', { userId, attempt });
        return true;
      }
      const delayMs = erasureRetryDelayMs(attempt, options.sweepIntervalMs, options.maxRetryDelayMs);
      const lastError = failures.map((f) => `${f.step}: ${f.error}`).join('; ');
      await db.query(
        `update erased_users set attempts = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4)
         where user_id = $1 and completed_at is null`,
        [userId, attempt, lastError.slice(0, 1000), delayMs / 1000],
      );
      logger.warn('account erasure incomplete; the sweeper retries', {
        userId,
        attempt,
        failedSteps: failures.map((f) => f.step),
        error: lastError.slice(0, 500),
        retryInSeconds: Math.round(delayMs / 1000),
      });
    } catch (error) {
      // The lease expires and the sweeper tries again.
      logger.warn('could not record the erasure attempt; the sweeper retries', { userId, error: String(error) });
    }
    return false;
  }

  async function refreshGauges(): Promise<void> {
    const result = await db.query<{ n: string; oldest: number | null }>(
      `select count(*) as n, extract(epoch from now() - min(erased_at))::float8 as oldest from erased_users where completed_at is null`,
    );
    pendingGauge.set(Number(result.rows[0]?.n ?? 0));
    oldestPending.set(result.rows[0]?.oldest ?? 0);
  }

  async function sweepOnce(): Promise<number> {
    const due = await db.query<{ userId: string; attempts: number }>(
      `update erased_users set next_attempt_at = now() + make_interval(secs => $1)
       where user_id in (select user_id from erased_users where completed_at is null and next_attempt_at <= now()
                         order by next_attempt_at limit 20 for update skip locked)
       returning user_id::text as "userId", attempts`,
      [LEASE_SECONDS],
    );
    let done = 0;
    for (const row of due.rows) if (await attempt(row.userId, row.attempts)) done += 1;
    await refreshGauges();
    return done;
  }

  const sweep = (): Promise<number> => {
    running ??= sweepOnce()
      .catch((error: unknown) => {
        logger.warn('erasure sweep failed; trying again later', { error: String(error) });
        return 0;
      })
      .finally(() => (running = undefined));
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void sweep();
  }, options.sweepIntervalMs);
  timer.unref();

  return {
    async handle(userId) {
      const recorded = await withTransaction(db, async (client) => {
        // Exclusive: waits for the user's writes in flight; every later one sees the tombstone.
        await client.query(`select pg_advisory_xact_lock(${LOCK})`, [userId]);
        const inserted = await client.query(
          `insert into erased_users (user_id, next_attempt_at) values ($1, now() + make_interval(secs => $2)) on conflict (user_id) do nothing`,
          [userId, LEASE_SECONDS],
        );
        if (inserted.rowCount) return { attempts: 0 };
        // Known already: finished (a redelivery), or pending (take it over now rather than wait for the sweeper).
        const claimed = await client.query<{ attempts: number }>(
          `update erased_users set next_attempt_at = now() + make_interval(secs => $2) where user_id = $1 and completed_at is null returning attempts`,
          [userId, LEASE_SECONDS],
        );
        return claimed.rows[0];
      });
      if (!recorded) return 'duplicate';
      logger.info('account erasure recorded', { userId, attempt: recorded.attempts + 1 });
      const done = await attempt(userId, recorded.attempts);
      await refreshGauges().catch(() => undefined);
      return done ? 'erased' : 'pending';
    },

    sweep,

    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
