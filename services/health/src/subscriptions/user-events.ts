import {
  eventContracts,
  eventSubscription,
  type Erasure,
  type EventPayload,
  type Logger,
  type Metrics,
  type Subscription,
  type WithdrawalPurge,
} from '@healthsync/shared';
import type { UserEvents } from '../handlers/user-events.js';

type ProfileEvent = EventPayload<typeof eventContracts.userRegistered> | EventPayload<typeof eventContracts.userProfileChanged>;

/**
 * The user service's events: profile facts for judging, and erasure on deletion (recorded first,
 * then finished by the sweeper whatever is down: docs/decisions/013-erasure-always-completes.md).
 */
export function createUserEventSubscriptions(events: UserEvents, erasure: Erasure, purge: WithdrawalPurge, logger: Logger, metrics: Metrics): Subscription[] {
  const erasures = metrics.counter('health_erasure_events_total', 'user-deleted deliveries, by what they did', ['outcome']);
  const withdrawals = metrics.counter('health_consent_withdrawals_total', 'consent-withdrawn deliveries of HEALTH_DATA, by what they did', ['outcome']);
  const onProfile = async (data: ProfileEvent) => {
    const facts = { birthDate: data.profile.birthDate, sex: data.profile.sex, occupation: data.profile.occupation };
    // `name` is absent in events older than the field; linking then waits for the next one.
    await events.profileChanged(data.userId, facts, data.profile.name ?? null, new Date(data.occurredAt));
  };
  return [
    eventSubscription(eventContracts.userRegistered, { handle: ({ data }) => onProfile(data) }),
    eventSubscription(eventContracts.userProfileChanged, { handle: ({ data }) => onProfile(data) }),
    eventSubscription(eventContracts.userDeleted, {
      async handle({ id, data }) {
        const outcome = await erasure.handle(data.userId);
        erasures.inc({ outcome });
        if (outcome === 'duplicate') logger.info('user-deleted for an account already erased here', { eventId: id });
      },
    }),
    // HEALTH_DATA withdrawn: the checkups, their files and the link state are destroyed (recorded first, then
    // finished by the sweeper whatever is down). The other consent covered sending, not storing: nothing to do.
    eventSubscription(eventContracts.consentWithdrawn, {
      async handle({ id, data }) {
        if (data.purpose !== 'HEALTH_DATA') return;
        const outcome = await purge.handle(data.userId, new Date(data.occurredAt));
        withdrawals.inc({ outcome });
        if (outcome === 'duplicate') logger.info('consent-withdrawn already handled here', { eventId: id });
      },
    }),
  ];
}
