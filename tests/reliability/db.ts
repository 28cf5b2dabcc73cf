import pg from 'pg';
import { secrets } from '../support/system.js';

/**
 * The suites' looks into PostgreSQL (as the admin): the outbox tables, the views other services
 * keep from events, connection counts. The only write is `seedStreak`, test set-up that gives a
 * mission the two earlier days a streak milestone needs (the API can check off only today and
 * yesterday).
 */
let pool: pg.Pool | undefined;

function db(): pg.Pool {
  if (!pool) {
    pool = new pg.Pool({ connectionString: secrets['postgres-admin-url'], max: 2, connectionTimeoutMillis: 3_000, idleTimeoutMillis: 5_000 });
    // PostgreSQL is one of the processes the fault suite kills: a broken idle connection is dropped, not fatal.
    pool.on('error', () => undefined);
  }
  return pool;
}

export async function closeDb(): Promise<void> {
  await pool?.end();
  pool = undefined;
}

/** Unpublished outbox rows of every service schema that has an outbox. */
export async function outboxPending(): Promise<Record<string, number>> {
  const schemas = await db().query<{ table_schema: string }>(
    `select table_schema from information_schema.tables where table_name = 'outbox' and table_schema like '%\\_service' order by 1`,
  );
  const pending: Record<string, number> = {};
  for (const { table_schema: schema } of schemas.rows) {
    const result = await db().query<{ n: number }>(`select count(*)::int as n from ${pg.escapeIdentifier(schema)}.outbox where published_at is null`);
    pending[schema] = result.rows[0]?.n ?? 0;
  }
  return pending;
}

/**
 * Gives the user's active missions a streak of the two days before yesterday's: the set starts
 * two days ago and each mission is checked off then (yesterday's check-off goes through the API).
 */
export async function seedStreak(userId: string, missionIds: string[], twoDaysAgo: string): Promise<void> {
  const client = await db().connect();
  try {
    await client.query('begin');
    await client.query(
      `update goal_service.goal_sets set started_on = $2, started_at = started_at - interval '2 days' where user_id = $1 and status = 'ACTIVE'`,
      [userId, twoDaysAgo],
    );
    for (const missionId of missionIds) {
      await client.query(
        `insert into goal_service.completions (user_id, mission_id, completed_on, completed_at) values ($1, $2, $3, now() - interval '2 days') on conflict do nothing`,
        [userId, missionId, twoDaysAgo],
      );
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The batch's totals of a day for a user, as built from the goal events (undefined: no event seen yet). */
export async function batchDayTotals(userId: string, day: string): Promise<{ scheduled: number; completed: number } | undefined> {
  const result = await db().query<{ scheduled: number; completed: number }>(
    'select scheduled, completed from batch_service.activity_days where user_id = $1 and day = $2',
    [userId, day],
  );
  return result.rows[0];
}

/** The health service's copy of a user's occupation (from user events); undefined when it has none. */
export async function healthOccupation(userId: string): Promise<string | null | undefined> {
  const result = await db().query<{ occupation: string | null }>('select occupation from health_service.profiles where user_id = $1', [userId]);
  return result.rows[0]?.occupation;
}

/**
 * The usage-analytics service's figures for one Seoul day: model requests counted in its daily
 * rows, and AI usage events it recorded (by event id). Each event adds one request, so the two
 * agree unless an event was counted twice or a count went missing.
 */
export async function usageDay(day: string): Promise<{ requests: number; events: number }> {
  const result = await db().query<{ requests: number; events: number }>(
    `select (select coalesce(sum(requests), 0)::int from usage_analytics_service.daily_usage where day = $1) as requests,
            (select count(*)::int from usage_analytics_service.processed_events where day = $1) as events`,
    [day],
  );
  return result.rows[0] ?? { requests: 0, events: 0 };
}

/** Server connections, by database user (client backends only). */
export async function postgresConnections(): Promise<Record<string, number>> {
  const result = await db().query<{ usename: string | null; n: number }>(
    `select usename, count(*)::int as n from pg_stat_activity where backend_type = 'client backend' group by usename order by usename`,
  );
  return Object.fromEntries(result.rows.map((r) => [r.usename ?? '?', r.n]));
}
