import { eventContracts, eventSubscription, type Subscription } from '@healthsync/shared';
import type { GoalActivity } from '../handlers/goal-activity.js';

/**
 * UserDeleted: erase the user's notifications, preferences, run decisions and goal view, and
 * every push device of the account (idempotent; a redelivery finds nothing left).
 */
export function userDeletedSubscription(activity: GoalActivity, erasePushDevices: (userId: string) => Promise<void>): Subscription {
  return eventSubscription(eventContracts.userDeleted, {
    async handle(event) {
      await erasePushDevices(event.data.userId);
      await activity.eraseUser(event.data.userId);
    },
  });
}
