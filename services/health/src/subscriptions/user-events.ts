import { eventContracts, eventSubscription, type EventPayload, type Subscription } from '@healthsync/shared';
import type { UserEvents } from '../handlers/user-events.js';

type ProfileEvent = EventPayload<typeof eventContracts.userRegistered> | EventPayload<typeof eventContracts.userProfileChanged>;

/** The user service's events: profile facts for judging, and erasure on deletion. */
export function createUserEventSubscriptions(events: UserEvents): Subscription[] {
  const onProfile = async (data: ProfileEvent) => {
    const facts = { birthDate: data.profile.birthDate, sex: data.profile.sex, occupation: data.profile.occupation };
    // `name` is absent in events older than the field; linking then waits for the next one.
    await events.profileChanged(data.userId, facts, data.profile.name ?? null, new Date(data.occurredAt));
  };
  return [
    eventSubscription(eventContracts.userRegistered, { handle: ({ data }) => onProfile(data) }),
    eventSubscription(eventContracts.userProfileChanged, { handle: ({ data }) => onProfile(data) }),
    eventSubscription(eventContracts.userDeleted, {
      async handle({ data }) {
        await events.userDeleted(data.userId);
      },
    }),
  ];
}
