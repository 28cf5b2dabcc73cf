import { eraseIdempotencyKeys, withTransaction, type Db, type Logger } from '@healthsync/shared';
import type { DocumentStore } from '../adapters/document-store.js';
import type { JudgedCache } from '../adapters/judged-cache.js';
import type { ProfileFacts } from '../domain/index.js';
import type { HealthRepositories } from '../adapters/repositories.js';

export interface UserEventsDeps {
  db: Db;
  repositories: HealthRepositories;
  documents: DocumentStore;
  cache: JudgedCache<unknown>;
  logger: Logger;
}

/**
 * What the user service's events mean here. Both handlers are idempotent by construction (an upsert
 * ordered by occurrence time; deleting what is there), so a redelivery needs no dedupe table.
 */
export function createUserEvents(deps: UserEventsDeps) {
  const { db, logger } = deps;
  const { checkups, links, profiles, linkAttempts } = deps.repositories;
  return {
    /**
     * Sex and birth date change how items are judged, so the cached judgement goes. The name is kept
     * only to check that an NHIS link is for the account's owner.
     */
    async profileChanged(userId: string, facts: ProfileFacts, name: string | null, occurredAt: Date): Promise<void> {
      const changed = await profiles.upsert(db, userId, facts, name, occurredAt);
      if (changed) await deps.cache.invalidate(userId);
    },

    /** Erases the user's checkups, links and link attempts, reference rows, blobs and profile. */
    async userDeleted(userId: string): Promise<void> {
      const erased = await withTransaction(db, async (client) => {
        const count = await checkups.deleteAllOf(client, userId);
        await links.deleteAllOf(client, userId);
        await linkAttempts.deleteAllOf(client, userId);
        await profiles.erase(client, userId);
        await eraseIdempotencyKeys(client, userId);
        return count;
      });
      // After the rows: if deleting blobs fails the event is redelivered and this runs again.
      const blobs = await deps.documents.deletePrefix(`users/${userId}/`);
      await deps.cache.invalidate(userId);
      logger.info('user data erased', { userId, checkups: erased, blobs });
    },
  };
}

export type UserEvents = ReturnType<typeof createUserEvents>;
