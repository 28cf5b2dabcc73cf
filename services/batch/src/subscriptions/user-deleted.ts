import { eventContracts, eventSubscription, type Subscription } from '@healthsync/shared';
import type { GoalActivity } from '../handlers/goal-activity.js';

/** UserDeleted: erase the user's notifications, preferences, run decisions and goal view (idempotent). */
export function userDeletedSubscription(activity: GoalActivity): Subscription {
  return eventSubscription(eventContracts.userDeleted, {
    async handle(event) {
      await activity.eraseUser(event.data.userId);
    },
  });
}
