import { components, subscription, type Subscription } from '@healthsync/shared';
import { z } from 'zod';
import type { GoalActivity } from '../handlers/goal-activity.js';

/** UserDeleted: erase the user's notifications, preferences, run decisions and goal view (idempotent). */
export function userDeletedSubscription(activity: GoalActivity): Subscription {
  return subscription({
    pubsub: components.events,
    topic: 'user-deleted',
    route: '/events/user-deleted',
    schema: z.object({ userId: z.uuid() }),
    async handle(event) {
      await activity.eraseUser(event.data.userId);
    },
  });
}
