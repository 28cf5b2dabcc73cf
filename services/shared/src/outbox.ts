import { randomUUID } from 'node:crypto';
import { CLOUDEVENT_TYPE_METADATA, contractOfTopic, type EventContract, type EventData } from './contracts/events.js';
import type { Dapr } from './dapr.js';
import type { Db, DbClient } from './db.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

/**
 * Transactional outbox (docs/decisions/003-outbox.md, 013-erasure-always-completes.md): an event
 * is written in the same transaction as the change it describes, then relayed to the pub/sub
 * component. A broker outage delays events; it never loses them. Each service's schema has the
 * table (see its migrations):
 *
 *   create table outbox (id uuid primary key, seq bigint generated always as identity, topic text not null,
 *     payload jsonb not null, event_type text, aggregate_id text, created_at timestamptz not null default now(),
 *     available_at timestamptz not null default now(), published_at timestamptz, parked_at timestamptz,
 *     attempts integer not null default 0, strikes integer not null default 0,
 *     last_attempt_at timestamptz, last_error text);
 *
 * The event id is the CloudEvent id, so consumers can dedupe redeliveries; `event_type` is the
 * CloudEvent type (the contract's name and version at the time the event was written). Events of
 * one aggregate (by default the payload's `userId`) go out in the order they were written; a row
 * that fails holds back only the later rows of its own aggregate, and one that keeps failing
 * is parked (set aside, counted and logged by id) so that those rows go on. Published rows are
 * deleted after a retention window.
 */
export interface OutboxOptions {
  /** Events of one aggregate are published in order; defaults to the payload's `userId`. */
  aggregateId?: string;
  /** Not published before this time (a delayed retry). */
  notBefore?: Date;
}

/** A producer tried to publish an event its contract refuses (a programming error). */
export class EventContractError extends Error {}

/**
 * Writes an event of `contract` with the change in `client`'s transaction. The payload is checked
 * against the contract first: an event its consumers would drop fails the change instead.
 */
export async function enqueueEvent<C extends EventContract>(client: DbClient, contract: C, data: EventData<C>, options: OutboxOptions = {}): Promise<string> {
  const id = randomUUID();
  const parsed = contract.schema.safeParse({ ...data, eventId: id });
  if (!parsed.success) {
    throw new EventContractError(
      `${contract.type} does not match its contract: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const payload = parsed.data as Record<string, unknown>;
  const aggregate = options.aggregateId ?? (typeof payload.userId === 'string' ? payload.userId : null);
  await client.query('insert into outbox (id, topic, event_type, payload, aggregate_id, available_at) values ($1, $2, $3, $4, $5, coalesce($6, now()))', [
    id,
    contract.topic,
    contract.type,
    JSON.stringify(payload),
    aggregate,
    options.notBefore ?? null,
  ]);
  return id;
}

/** Deletes every outbox row of an aggregate (an erased user's events, published or not). */
export async function deleteOutboxRowsOf(client: DbClient | Db, aggregateId: string): Promise<number> {
  const result = await client.query('delete from outbox where aggregate_id = $1', [aggregateId]);
  return result.rowCount ?? 0;
}

export interface OutboxRelay {
  /** Publishes what is pending now (also runs on a timer); returns how many went out. */
  flush(): Promise<number>;
  stop(): Promise<void>;
}

export interface OutboxLimits {
  /** Published rows are deleted this long after publishing. */
  retentionSeconds: number;
  /** A row is parked after this many failed attempts made while the broker was accepting other events. */
  parkAfterStrikes: number;
  /** … or after this many failed attempts in all, whatever the broker did meanwhile. */
  parkAfterAttempts: number;
  /** The longest wait before a failed row is tried again (the wait doubles from one second). */
  maxRetryDelaySeconds: number;
}

export const DEFAULT_OUTBOX_LIMITS: OutboxLimits = { retentionSeconds: 3 * 86_400, parkAfterStrikes: 5, parkAfterAttempts: 30, maxRetryDelaySeconds: 300 };

/**
 * What to do with a row whose publish just failed. A failure "strikes" only when the broker
 * accepted some other event since the row's previous attempt (or in this round): then the row
 * itself is the problem. While the broker refuses everything (an outage), attempts count only
 * toward the much higher `parkAfterAttempts`, so an outage delays events and parks nothing
 * until it has lasted hours.
 */
export function afterPublishFailure(
  row: { attempts: number; strikes: number },
  brokerAcceptedOthers: boolean,
  limits: Pick<OutboxLimits, 'parkAfterStrikes' | 'parkAfterAttempts' | 'maxRetryDelaySeconds'>,
): { attempts: number; strikes: number; park: boolean; retryInSeconds: number } {
  const attempts = row.attempts + 1;
  const strikes = row.strikes + (brokerAcceptedOthers ? 1 : 0);
  return {
    attempts,
    strikes,
    park: strikes >= limits.parkAfterStrikes || attempts >= limits.parkAfterAttempts,
    retryInSeconds: Math.min(limits.maxRetryDelaySeconds, 2 ** Math.min(attempts - 1, 20)),
  };
}

interface PendingRow {
  id: string;
  topic: string;
  eventType: string | null;
  payload: Record<string, unknown>;
  aggregate: string;
  attempts: number;
  strikes: number;
  lastAttemptAt: Date | null;
}

/** How often published rows past the retention are deleted. */
const PURGE_INTERVAL_MS = 60_000;

/**
 * Publishes pending events in order of writing. One replica relays at a time (a transaction-scoped
 * advisory lock), so order per aggregate holds with several replicas; the others skip the round.
 */
export function startOutboxRelay(options: {
  db: Db;
  dapr: Dapr;
  pubsub: string;
  logger: Logger;
  metrics: Metrics;
  intervalMs?: number;
  limits?: Partial<OutboxLimits>;
}): OutboxRelay {
  const { db, dapr, pubsub, logger, metrics } = options;
  const limits = { ...DEFAULT_OUTBOX_LIMITS, ...options.limits };
  const published = metrics.counter('outbox_events_published_total', 'Events relayed from the outbox', ['topic']);
  const failures = metrics.counter('outbox_publish_failures_total', 'Relay attempts that failed', ['topic']);
  const parked = metrics.counter('outbox_events_parked_total', 'Events set aside after failing again and again (an operator looks at them)', ['topic']);
  const purged = metrics.counter('outbox_events_purged_total', 'Published events deleted after the retention window');
  const pending = metrics.gauge('outbox_pending_events', 'Events waiting in the outbox');
  const parkedNow = metrics.gauge('outbox_parked_events', 'Events parked in the outbox');
  let running: Promise<number> | undefined;
  let stopped = false;
  let lastSuccessAt = 0;
  let lastPurgeAt = 0;

  async function purge(): Promise<void> {
    lastPurgeAt = Date.now();
    for (;;) {
      const result = await db.query(
        `delete from outbox where id in (select id from outbox where published_at < now() - make_interval(secs => $1) limit 1000)`,
        [limits.retentionSeconds],
      );
      purged.inc(result.rowCount ?? 0);
      if ((result.rowCount ?? 0) < 1000) return;
    }
  }

  async function relayBatch(): Promise<number> {
    let client: DbClient;
    try {
      client = await db.connect();
    } catch (error) {
      // The database is down: the rows wait in it, and the next tick tries again. (Unhandled,
      // this rejection of the timer's flush would end the process.)
      logger.warn('outbox relay cannot reach the database; will retry', { error: String(error) });
      return 0;
    }
    let count = 0;
    try {
      await client.query('begin');
      const lock = await client.query<{ got: boolean }>(`select pg_try_advisory_xact_lock(hashtextextended('outbox-relay:' || current_schema(), 0)) as got`);
      if (!lock.rows[0]?.got) {
        await client.query('commit');
        return 0;
      }
      // The first pending rows in writing order, except those of an aggregate whose oldest pending row is
      // waiting for its retry time: that aggregate's later rows wait behind it.
      const rows = await client.query<PendingRow>(
        `with heads as (
           select distinct on (coalesce(aggregate_id, id::text)) coalesce(aggregate_id, id::text) as aggregate, available_at
           from outbox where published_at is null and parked_at is null
           order by coalesce(aggregate_id, id::text), seq)
         select o.id, o.topic, o.event_type as "eventType", o.payload, coalesce(o.aggregate_id, o.id::text) as aggregate, o.attempts, o.strikes,
                o.last_attempt_at as "lastAttemptAt"
         from outbox o
         where o.published_at is null and o.parked_at is null
           and not exists (select 1 from heads h where h.aggregate = coalesce(o.aggregate_id, o.id::text) and h.available_at > now())
         order by o.seq limit 100`,
      );
      const held = new Set<string>();
      const failed: { row: PendingRow; error: string }[] = [];
      for (const row of rows.rows) {
        if (held.has(row.aggregate)) continue; // an earlier row of the same aggregate failed in this round
        // Rows written before the type was recorded take the topic's contract.
        const type = row.eventType ?? contractOfTopic(pubsub, row.topic)?.type;
        try {
          await dapr.publish(pubsub, row.topic, row.payload, { id: row.id, ...(type ? { metadata: { [CLOUDEVENT_TYPE_METADATA]: type } } : {}) });
          await client.query('update outbox set published_at = now(), attempts = attempts + 1, last_attempt_at = now(), last_error = null where id = $1', [
            row.id,
          ]);
          published.inc({ topic: row.topic });
          lastSuccessAt = Date.now();
          count += 1;
        } catch (error) {
          failures.inc({ topic: row.topic });
          held.add(row.aggregate);
          failed.push({ row, error: String(error).slice(0, 500) });
        }
      }
      for (const { row, error } of failed) {
        const acceptedOthers = count > 0 || (row.lastAttemptAt !== null && lastSuccessAt > row.lastAttemptAt.getTime());
        const next = afterPublishFailure(row, acceptedOthers, limits);
        await client.query(
          `update outbox set attempts = $2, strikes = $3, last_attempt_at = now(), last_error = $4,
             available_at = now() + make_interval(secs => $5), parked_at = case when $6 then now() end
           where id = $1`,
          [row.id, next.attempts, next.strikes, error, next.retryInSeconds, next.park],
        );
        if (next.park) {
          parked.inc({ topic: row.topic });
          logger.error('outbox event parked after failing again and again; later events of its aggregate go on without it', {
            eventId: row.id,
            topic: row.topic,
            attempts: next.attempts,
            error,
          });
        } else {
          logger.warn('outbox relay could not publish; will retry', { topic: row.topic, eventId: row.id, attempt: next.attempts, error });
        }
      }
      await client.query('commit');
      const left = await client.query<{ pending: string; parked: string }>(
        `select count(*) filter (where parked_at is null) as pending, count(*) filter (where parked_at is not null) as parked
         from outbox where published_at is null`,
      );
      pending.set(Number(left.rows[0]?.pending ?? 0));
      parkedNow.set(Number(left.rows[0]?.parked ?? 0));
      if (Date.now() - lastPurgeAt >= Math.min(PURGE_INTERVAL_MS, limits.retentionSeconds * 1000)) await purge();
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      logger.warn('outbox relay batch failed', { error: String(error) });
    } finally {
      client.release();
    }
    return count;
  }

  const flush = (): Promise<number> => {
    running ??= relayBatch().finally(() => (running = undefined));
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void flush();
  }, options.intervalMs ?? 1_000);
  timer.unref();

  return {
    flush,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
