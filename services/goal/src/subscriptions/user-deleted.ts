import { eventContracts, eventSubscription, type Logger, type Metrics, type Subscription } from '@healthsync/shared';
import type { Goals } from '../handlers/goals.js';

export const USER_DELETED_TOPIC = eventContracts.userDeleted.topic;

/**
 * UserDeleted: erase the user's sets, check-offs and celebrations. The erase and the record
 * of the event id commit together, so a redelivery (same CloudEvent id) is recognised and
 * counted instead of being processed again.
 */
export function userDeletedSubscription(goals: Goals, logger: Logger, metrics: Metrics): Subscription {
  const consumed = metrics.counter('goal_events_consumed_total', 'Events the goal service consumed, by topic and outcome', ['topic', 'outcome']);
  return eventSubscription(eventContracts.userDeleted, {
    async handle(event) {
      const outcome = await goals.eraseUser(event.id, USER_DELETED_TOPIC, event.data.userId);
      consumed.inc({ topic: USER_DELETED_TOPIC, outcome });
      if (outcome === 'erased') logger.info('user goal data erased', { userId: event.data.userId, eventId: event.id });
      else logger.info('duplicate delivery skipped', { topic: USER_DELETED_TOPIC, eventId: event.id });
    },
  });
}
