import { eventContracts, eventSubscription, type Subscription } from '@healthsync/shared';
import type { UserData } from '../handlers/user-data.js';

/**
 * health-checkup-imported drops the user's cached readings and recommendations; user-deleted
 * erases everything of the user. Both are idempotent, so redeliveries need no dedupe table.
 */
export function createUserEventSubscriptions(userData: UserData): Subscription[] {
  return [
    eventSubscription(eventContracts.healthCheckupImported, {
      async handle(event) {
        await userData.checkupImported(event.data.userId);
      },
    }),
    eventSubscription(eventContracts.userDeleted, {
      async handle(event) {
        await userData.erase(event.data.userId);
      },
    }),
  ];
}
