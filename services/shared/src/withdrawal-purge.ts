import { withTransaction, type Db } from './db.js';
import { erasureRetryDelayMs, type ErasureStep } from './erasure.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

/**
 * Destroying what was collected under a consent once it is withdrawn (PIPA art. 21 and 37; the
 * `consent-withdrawn` event), with the erasure's machinery (docs/decisions/013-erasure-always-completes.md)
 * but no tombstone: the account lives on, and the user may consent and link again.
 *
 * The service keeps one row per user in its own table:
 *
 *   create table <table> (user_id text primary key, withdrawn_at timestamptz not null,
 *     recorded_at timestamptz not null default now(), completed_at timestamptz,
 *     attempts integer not null default 0, next_attempt_at timestamptz not null default now(), last_error text);
 *
 * `handle` records the withdrawal first (waiting for the user's writes in flight: it takes the user's
 * erasure lock exclusively, which every write holds shared), then runs the steps; a failing step
 * (Blob Storage or Redis down) leaves the row pending for a sweeper that retries with a doubling
 * back-off, replicas sharing the rows with SKIP LOCKED and a lease. A redelivery of the same
 * withdrawal, or a late one older than the latest recorded, does nothing (`duplicate`), so a replay
 * never destroys what the user collected after consenting again.
 */
export interface WithdrawalPurgeOptions {
  db: Db;
  /** The table in the service's schema (its name is the service's own, never input). */
  table: string;
  steps: ErasureStep[];
  logger: Logger;
  metrics: Metrics;
  /** Prefix of the metric names, e.g. `health_data_purges`. */
  metricPrefix: string;
  sweepIntervalMs: number;
  maxRetryDelayMs: number;
}

export type PurgeOutcome = 'purged' | 'pending' | 'duplicate';

export interface WithdrawalPurge {
  /** Records the withdrawal made at `withdrawnAt` and destroys; throws only when it could not be recorded. */
  handle(userId: string, withdrawnAt: Date): Promise<PurgeOutcome>;
  /** Runs the pending purges that are due; returns how many completed. Also runs on a timer. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

const LEASE_SECONDS = 120;
// The erasure lock's key (services/shared/src/erasure.ts): writes of a user hold it shared.
const LOCK = `hashtextextended('erasure:' || current_schema() || ':' || $1::text, 0)`;

export function createWithdrawalPurge(options: WithdrawalPurgeOptions): WithdrawalPurge {
  const { db, table, steps, logger, metrics, metricPrefix } = options;
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`not a table name: ${table}`);
  const completed = metrics.counter(`${metricPrefix}_completed_total`, 'Destructions after a consent withdrawal finished by this replica');
  const stepFailures = metrics.counter(`${metricPrefix}_step_failures_total`, 'Destruction steps that failed and will be retried, by step', ['step']);
  const pending = metrics.gauge(`${metricPrefix}_pending`, 'Destructions after a consent withdrawal recorded but not finished');
  let running: Promise<number> | undefined;
  let stopped = false;

  async function attempt(userId: string, attempts: number): Promise<boolean> {
    const failures: string[] = [];
    for (const step of steps) {
      try {
        await step.run(userId);
      } catch (error) {
        failures.push(`${step.name}: ${error instanceof Error ? error.message : String(error)}`);
        stepFailures.inc({ step: step.name });
      }
    }
    const attempt = attempts + 1;
    try {
      if (failures.length === 0) {
        await db.query(`update ${table} set completed_at = now(), attempts = $2, last_error = null where user_id = $1`, [userId, attempt]);
        completed.inc();
        logger.info('data collected under a withdrawn consent destroyed', { userId, attempt });
        return true;
      }
      const delayMs = erasureRetryDelayMs(attempt, options.sweepIntervalMs, options.maxRetryDelayMs);
      const lastError = failures.join('; ').slice(0, 1000);
      await db.query(
        `update ${table} set attempts = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4) where user_id = $1 and completed_at is null`,
        [userId, attempt, lastError, delayMs / 1000],
      );
      logger.warn('destruction after a consent withdrawal incomplete; the sweeper retries', {
        userId,
        attempt,
        error: lastError.slice(0, 500),
        retryInSeconds: Math.round(delayMs / 1000),
      });
    } catch (error) {
      logger.warn('could not record the destruction attempt; the sweeper retries', { userId, error: String(error) });
    }
    return false;
  }

  async function refreshGauge(): Promise<void> {
    const result = await db.query<{ n: string }>(`select count(*) as n from ${table} where completed_at is null`);
    pending.set(Number(result.rows[0]?.n ?? 0));
  }

  async function sweepOnce(): Promise<number> {
    const due = await db.query<{ userId: string; attempts: number }>(
      `update ${table} set next_attempt_at = now() + make_interval(secs => $1)
       where user_id in (select user_id from ${table} where completed_at is null and next_attempt_at <= now()
                         order by next_attempt_at limit 20 for update skip locked)
       returning user_id::text as "userId", attempts`,
      [LEASE_SECONDS],
    );
    let done = 0;
    for (const row of due.rows) if (await attempt(row.userId, row.attempts)) done += 1;
    await refreshGauge();
    return done;
  }

  const sweep = (): Promise<number> => {
    running ??= sweepOnce()
      .catch((error: unknown) => {
        logger.warn('destruction sweep failed; trying again later', { error: String(error) });
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
    async handle(userId, withdrawnAt) {
      const recorded = await withTransaction(db, async (client) => {
        // Exclusive: the user's writes in flight (an NHIS import) commit first, and the steps then remove what they wrote.
        await client.query(`select pg_advisory_xact_lock(${LOCK})`, [userId]);
        const result = await client.query<{ attempts: number }>(
          `insert into ${table} (user_id, withdrawn_at, next_attempt_at) values ($1, $2, now() + make_interval(secs => $3))
           on conflict (user_id) do update set withdrawn_at = excluded.withdrawn_at, recorded_at = now(), completed_at = null,
             attempts = 0, last_error = null, next_attempt_at = excluded.next_attempt_at
           where ${table}.withdrawn_at < excluded.withdrawn_at
           returning attempts`,
          [userId, withdrawnAt, LEASE_SECONDS],
        );
        return result.rows[0];
      });
      if (!recorded) return 'duplicate';
      logger.info('consent withdrawal recorded; destroying the data collected under it', { userId });
      const done = await attempt(userId, recorded.attempts);
      await refreshGauge().catch(() => undefined);
      return done ? 'purged' : 'pending';
    },
    sweep,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
