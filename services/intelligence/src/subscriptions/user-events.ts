import { components, subscription, type Subscription } from '@healthsync/shared';
import { z } from 'zod';
import type { UserData } from '../handlers/user-data.js';

const checkupImported = z.object({ userId: z.string().min(1), checkupIds: z.array(z.string()).optional() });
const userDeleted = z.object({ userId: z.string().min(1) });

/**
 * health-checkup-imported drops the user's cached readings and recommendations; user-deleted
 * erases everything of the user. Both are idempotent, so redeliveries need no dedupe table.
 */
export function createUserEventSubscriptions(userData: UserData): Subscription[] {
  return [
    subscription({
      pubsub: components.events,
      topic: 'health-checkup-imported',
      route: '/events/health-checkup-imported',
      schema: checkupImported,
      async handle(event) {
        await userData.checkupImported(event.data.userId);
      },
    }),
    subscription({
      pubsub: components.events,
      topic: 'user-deleted',
      route: '/events/user-deleted',
      schema: userDeleted,
      async handle(event) {
        await userData.erase(event.data.userId);
      },
    }),
  ];
}
