import { eventContracts, eventSubscription, type Erasure, type Logger, type Metrics, type Subscription, type WithdrawalPurge } from '@healthsync/shared';
import type { UserData } from '../handlers/user-data.js';

/**
 * health-checkup-imported drops the user's cached readings and recommendations (idempotent);
 * user-deleted records the erasure first and then erases everything of the user, the sweeper
 * finishing what a Redis or PostgreSQL outage left (docs/decisions/013-erasure-always-completes.md).
 */
export function createUserEventSubscriptions(userData: UserData, erasure: Erasure, purge: WithdrawalPurge, logger: Logger, metrics: Metrics): Subscription[] {
  const erasures = metrics.counter('intelligence_erasure_events_total', 'user-deleted deliveries, by what they did', ['outcome']);
  const withdrawals = metrics.counter('intelligence_consent_withdrawals_total', 'consent-withdrawn deliveries of HEALTH_DATA, by what they did', ['outcome']);
  return [
    eventSubscription(eventContracts.healthCheckupImported, {
      async handle(event) {
        await userData.checkupImported(event.data.userId);
      },
    }),
    eventSubscription(eventContracts.userDeleted, {
      async handle(event) {
        const outcome = await erasure.handle(event.data.userId);
        erasures.inc({ outcome });
        if (outcome === 'duplicate') logger.info('user-deleted for an account already erased here', { eventId: event.id });
      },
    }),
    // HEALTH_DATA withdrawn: the readings and recommendations made from the checkups go (recorded first,
    // retried by the sweeper while Redis or PostgreSQL is down).
    eventSubscription(eventContracts.consentWithdrawn, {
      async handle(event) {
        if (event.data.purpose !== 'HEALTH_DATA') return;
        const outcome = await purge.handle(event.data.userId, new Date(event.data.occurredAt));
        withdrawals.inc({ outcome });
      },
    }),
  ];
}
