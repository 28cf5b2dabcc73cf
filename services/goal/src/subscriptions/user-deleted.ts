import { eventContracts, eventSubscription, type Erasure, type Logger, type Metrics, type Subscription } from '@healthsync/shared';

export const USER_DELETED_TOPIC = eventContracts.userDeleted.topic;

/**
 * UserDeleted: the erasure is recorded first (the tombstone that refuses the user's later writes),
 * then the user's sets, check-offs, celebrations, events and cached view are erased — by the
 * sweeper if something is down (docs/decisions/013-erasure-always-completes.md). A redelivery for
 * an account already erased here is recognised and counted as a duplicate.
 */
export function userDeletedSubscription(erasure: Erasure, logger: Logger, metrics: Metrics): Subscription {
  const consumed = metrics.counter('goal_events_consumed_total', 'Events the goal service consumed, by topic and outcome', ['topic', 'outcome']);
  return eventSubscription(eventContracts.userDeleted, {
    async handle(event) {
      const outcome = await erasure.handle(event.data.userId);
      consumed.inc({ topic: USER_DELETED_TOPIC, outcome });
      if (outcome === 'duplicate') logger.info('duplicate delivery skipped', { topic: USER_DELETED_TOPIC, eventId: event.id });
    },
  });
}
