import { randomUUID } from 'node:crypto';
import { CLOUDEVENT_TYPE_METADATA, contractOfTopic, type EventContract, type EventData } from './contracts/events.js';
import type { Dapr } from './dapr.js';
import type { Db, DbClient } from './db.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

// Transactional outbox: an event is written in the same transaction as the change it
// describes, then relayed to the pub/sub component. A broker outage delays events; it
// never loses them. Each service's schema has the table (see its migrations):
//
//   create table outbox (id uuid primary key, topic text not null, payload jsonb not null,
//     created_at timestamptz not null default now(), published_at timestamptz,
//     attempts integer not null default 0, last_error text, event_type text);
//
// The event id is the CloudEvent id, so consumers can dedupe redeliveries; `event_type` is the
// CloudEvent type (the contract's name and version at the time the event was written).

/** A producer tried to publish an event its contract refuses (a programming error). */
export class EventContractError extends Error {}

/**
 * Writes an event of `contract` with the change in `client`'s transaction. The payload is checked
 * against the contract first: an event its consumers would drop fails the change instead.
 */
export async function enqueueEvent<C extends EventContract>(client: DbClient, contract: C, data: EventData<C>): Promise<string> {
  const id = randomUUID();
  const parsed = contract.schema.safeParse({ ...data, eventId: id });
  if (!parsed.success) {
    throw new EventContractError(
      `${contract.type} does not match its contract: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  await client.query('insert into outbox (id, topic, event_type, payload) values ($1, $2, $3, $4)', [
    id,
    contract.topic,
    contract.type,
    JSON.stringify(parsed.data),
  ]);
  return id;
}

export interface OutboxRelay {
  /** Publishes what is pending now (also runs on a timer); returns how many went out. */
  flush(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Publishes pending events in order of creation. Rows are claimed with SKIP LOCKED, so
 * several replicas relay without publishing the same row twice at the same time.
 */
export function startOutboxRelay(options: { db: Db; dapr: Dapr; pubsub: string; logger: Logger; metrics: Metrics; intervalMs?: number }): OutboxRelay {
  const { db, dapr, pubsub, logger, metrics } = options;
  const published = metrics.counter('outbox_events_published_total', 'Events relayed from the outbox', ['topic']);
  const failures = metrics.counter('outbox_publish_failures_total', 'Relay attempts that failed', ['topic']);
  const pending = metrics.gauge('outbox_pending_events', 'Events waiting in the outbox');
  let running: Promise<number> | undefined;
  let stopped = false;

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
      const rows = await client.query<{ id: string; topic: string; eventType: string | null; payload: Record<string, unknown> }>(
        `select id, topic, event_type as "eventType", payload from outbox where published_at is null
         order by created_at limit 50 for update skip locked`,
      );
      for (const row of rows.rows) {
        // Rows written before the type was recorded take the topic's contract.
        const type = row.eventType ?? contractOfTopic(pubsub, row.topic)?.type;
        try {
          await dapr.publish(pubsub, row.topic, row.payload, { id: row.id, ...(type ? { metadata: { [CLOUDEVENT_TYPE_METADATA]: type } } : {}) });
          await client.query('update outbox set published_at = now(), attempts = attempts + 1, last_error = null where id = $1', [row.id]);
          published.inc({ topic: row.topic });
          count += 1;
        } catch (error) {
          failures.inc({ topic: row.topic });
          await client.query('update outbox set attempts = attempts + 1, last_error = $2 where id = $1', [row.id, String(error).slice(0, 500)]);
          logger.warn('outbox relay could not publish; will retry', { topic: row.topic, eventId: row.id, error: String(error) });
          break; // keep order: stop at the first failure
        }
      }
      await client.query('commit');
      const left = await client.query<{ n: string }>('select count(*) as n from outbox where published_at is null');
      pending.set(Number(left.rows[0]?.n ?? 0));
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
