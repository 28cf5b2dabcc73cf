import { DEAD_LETTER_TOPIC, subscription, type Db, type Logger, type Metrics } from '@healthsync/shared';
import { z } from 'zod';

/**
 * Records every dead-lettered event once (by CloudEvent id) and counts it, so an alert can
 * fire and an operator can see what was lost to which topic. It has no dead-letter topic
 * of its own; a failure to record is retried.
 */
export function deadLetterSubscription(db: Db, logger: Logger, metrics: Metrics) {
  const recorded = metrics.counter('dead_letters_recorded_total', 'Dead-lettered events recorded by the batch service', ['topic']);
  return subscription({
    pubsub: 'events',
    topic: DEAD_LETTER_TOPIC,
    route: '/events/dead-letters',
    schema: z.unknown(),
    deadLetterTopic: null,
    async handle(event) {
      const data = (typeof event.data === 'object' && event.data !== null ? event.data : { value: event.data }) as Record<string, unknown>;
      const originalTopic = typeof data.type === 'string' ? data.type : event.topic;
      const inserted = await db.query(
        `insert into dead_letters (event_id, original_topic, source, payload) values ($1, $2, $3, $4)
         on conflict (event_id) do nothing`,
        [event.id, originalTopic, event.source, JSON.stringify(data)],
      );
      if (inserted.rowCount) {
        recorded.inc({ topic: originalTopic });
        logger.error('event dead-lettered', { eventId: event.id, originalTopic, source: event.source });
      }
    },
  });
}
