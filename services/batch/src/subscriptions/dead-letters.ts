import { DEAD_LETTER_TOPIC, subscription } from '@healthsync/shared';
import { z } from 'zod';
import type { DeadLetters } from '../handlers/dead-letters.js';

/**
 * Events that a subscriber could not handle after Dapr's delivery retries, from every service
 * (each subscription names `dead-letters`): recorded, and a user-deleted published again
 * (handlers/dead-letters.ts). It has no dead-letter topic of its own; a failure to record is retried.
 */
export function deadLetterSubscription(deadLetters: DeadLetters) {
  return subscription({
    pubsub: 'events',
    topic: DEAD_LETTER_TOPIC,
    route: '/events/dead-letters',
    schema: z.unknown(),
    deadLetterTopic: null,
    async handle(event) {
      await deadLetters.record({ id: event.id, topic: event.topic, source: event.source, data: event.data });
    },
  });
}
