import { type Identity, type Person, identityKey } from '../domain/checkup-record.js';

/** People registered through the control API; they override the synthetic data for their identity. */
export interface PeopleRegistry {
  register(identity: Identity, person: Person): void;
  find(identity: Identity): Person | undefined;
  clear(): void;
}

export function createPeopleRegistry(): PeopleRegistry {
  const people = new Map<string, Person>();
  return {
    register: (identity, person) => void people.set(identityKey(identity), person),
    find: (identity) => people.get(identityKey(identity)),
    clear: () => people.clear(),
  };
}
