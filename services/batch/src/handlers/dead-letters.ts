import { DEAD_LETTER_TOPIC, enqueueEvent, eventContracts, withTransaction, type Db, type DbClient, type Logger, type Metrics } from '@healthsync/shared';

/** The one topic whose dead letters are published again: an account erasure must reach every service. */
export const USER_DELETED_TOPIC = eventContracts.userDeleted.topic;

/** A dead-lettered event as Dapr forwards it: the original CloudEvent (id, topic, source), its data untouched. */
export interface DeadLetter {
  id: string;
  topic: string;
  source: string;
  data: unknown;
}

/** How long after its n-th dead-lettering (1, 2, …) a user-deleted is published again: doubling, at most a day. */
export function replayDelaySeconds(replay: number, baseSeconds: number): number {
  return Math.min(86_400, baseSeconds * 2 ** Math.min(Math.max(replay - 1, 0), 20));
}

/**
 * Every dead-lettered event is recorded once (by CloudEvent id) and counted, so an alert can fire
 * and an operator can see what was lost to which topic. A dead-lettered `user-deleted` is never only
 * recorded: it is published again through the batch's outbox after a growing delay (some subscriber
 * could not even record the erasure — its database was down), up to `maxReplays` times; the erasure
 * is idempotent in every service. The payload of another event of an erased account is not kept.
 */
export function createDeadLetters(deps: { db: Db; logger: Logger; metrics: Metrics; replaySeconds: number; maxReplays: number; eventsEnqueued(): void }) {
  const { db, logger } = deps;
  const recorded = deps.metrics.counter('dead_letters_recorded_total', 'Dead-lettered events recorded by the batch service', ['topic']);
  const replays = deps.metrics.counter('dead_letters_replayed_total', 'Dead-lettered user-deleted events published again, by outcome', ['outcome']);

  async function isErased(client: DbClient, userId: string | undefined): Promise<boolean> {
    if (!userId) return false;
    return (await client.query('select 1 from erased_users where user_id::text = $1', [userId])).rowCount !== 0;
  }

  return {
    async record(event: DeadLetter): Promise<void> {
      const data = (typeof event.data === 'object' && event.data !== null ? event.data : { value: event.data }) as Record<string, unknown>;
      const originalTopic = event.topic && event.topic !== DEAD_LETTER_TOPIC ? event.topic : typeof data.type === 'string' ? data.type : event.topic;
      const userId = typeof data.userId === 'string' ? data.userId : undefined;
      const isErasure = originalTopic === USER_DELETED_TOPIC || data.type === 'UserDeleted';
      const replay = (typeof data.replay === 'number' ? data.replay : 0) + 1;
      const outcome = await withTransaction(db, async (client) => {
        const payload = !isErasure && (await isErased(client, userId)) ? { redacted: 'account erased' } : data;
        const inserted = await client.query(
          `insert into dead_letters (event_id, original_topic, source, payload, user_id) values ($1, $2, $3, $4, $5) on conflict (event_id) do nothing`,
          [event.id, originalTopic, event.source, JSON.stringify(payload), userId ?? null],
        );
        if (!inserted.rowCount) return 'duplicate' as const;
        if (!isErasure || !userId) return 'recorded' as const;
        if (replay > deps.maxReplays) return 'exhausted' as const;
        const delay = replayDelaySeconds(replay, deps.replaySeconds);
        const replayId = await enqueueEvent(
          client,
          eventContracts.userDeleted,
          {
            type: 'UserDeleted',
            userId,
            occurredAt: typeof data.occurredAt === 'string' && !Number.isNaN(Date.parse(data.occurredAt)) ? data.occurredAt : new Date().toISOString(),
            replayOf: typeof data.replayOf === 'string' ? data.replayOf : event.id,
            replay,
          },
          { notBefore: new Date(Date.now() + delay * 1000) },
        );
        await client.query('update dead_letters set replayed_as = $2 where event_id = $1', [event.id, replayId]);
        return 'replayed' as const;
      });
      if (outcome === 'duplicate') return;
      recorded.inc({ topic: originalTopic });
      logger.error('event dead-lettered', { eventId: event.id, originalTopic, source: event.source });
      if (outcome === 'replayed') {
        replays.inc({ outcome: 'replayed' });
        deps.eventsEnqueued();
        logger.warn('dead-lettered user-deleted will be published again', { eventId: event.id, userId, replay });
      } else if (outcome === 'exhausted') {
        replays.inc({ outcome: 'exhausted' });
        logger.error('dead-lettered user-deleted was replayed as often as allowed; an operator must look at it', {
          eventId: event.id,
          userId,
          replays: replay - 1,
        });
      }
    },

    /** An erased account's other dead letters keep no payload (the record of what failed stays). */
    async redact(client: DbClient, userId: string): Promise<void> {
      await client.query(
        `update dead_letters set payload = '{"redacted": "account erased"}'
         where user_id = $1 and coalesce(original_topic, '') not in ('user-deleted', 'UserDeleted')`,
        [userId],
      );
    },
  };
}

export type DeadLetters = ReturnType<typeof createDeadLetters>;
