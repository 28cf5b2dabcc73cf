import { components, subscription, type Clock, type Erasure, type Logger, type Metrics, type Subscription } from '@healthsync/shared';
import { z } from 'zod';
import type { UserEvents } from '../handlers/user-events.js';

const profileEvent = z.object({
  userId: z.string().min(1),
  occurredAt: z.string().optional(),
  profile: z.object({
    /** Absent in events published before the name was shared; linking then waits for the next one. */
    name: z.string().max(200).nullable().optional(),
    birthDate: z.iso.date().nullable().optional(),
    sex: z.enum(['M', 'F']).nullable().optional(),
    occupation: z.string().nullable().optional(),
  }),
});

const deletedEvent = z.object({ userId: z.string().min(1) });

/** When the event happened; the time of arrival when the event does not say. */
function occurrence(text: string | undefined, clock: Clock): Date {
  const date = text ? new Date(text) : new Date(Number.NaN);
  return Number.isNaN(date.getTime()) ? clock.now() : date;
}

/**
 * The user service's events: profile facts for judging, and erasure on deletion (recorded first,
 * then finished by the sweeper whatever is down: docs/decisions/013-erasure-always-completes.md).
 */
export function createUserEventSubscriptions(events: UserEvents, erasure: Erasure, clock: Clock, logger: Logger, metrics: Metrics): Subscription[] {
  const erasures = metrics.counter('health_erasure_events_total', 'user-deleted deliveries, by what they did', ['outcome']);
  const onProfile = (topic: string) =>
    subscription({
      pubsub: components.events,
      topic,
      route: `/events/${topic}`,
      schema: profileEvent,
      async handle({ data }) {
        const facts = { birthDate: data.profile.birthDate ?? null, sex: data.profile.sex ?? null, occupation: data.profile.occupation ?? null };
        await events.profileChanged(data.userId, facts, data.profile.name ?? null, occurrence(data.occurredAt, clock));
      },
    });
  return [
    onProfile('user-registered'),
    onProfile('user-profile-changed'),
    subscription({
      pubsub: components.events,
      topic: 'user-deleted',
      route: '/events/user-deleted',
      schema: deletedEvent,
      async handle({ id, data }) {
        const outcome = await erasure.handle(data.userId);
        erasures.inc({ outcome });
        if (outcome === 'duplicate') logger.info('user-deleted for an account already erased here', { eventId: id });
      },
    }),
  ];
}
