import { deleteOutboxRowsOf, eraseIdempotencyKeys, withTransaction, type Db, type ErasureStep } from '@healthsync/shared';
import type { DocumentStore } from '../adapters/document-store.js';
import type { JudgedCache } from '../adapters/judged-cache.js';
import type { ProfileFacts } from '../domain/index.js';
import type { HealthRepositories } from '../adapters/repositories.js';

export interface UserEventsDeps {
  db: Db;
  repositories: HealthRepositories;
  documents: DocumentStore;
  cache: JudgedCache<unknown>;
}

/**
 * What the user service's events mean here. The profile upsert is ordered by occurrence time, so a
 * redelivery needs no dedupe table; erasure is the shared, recorded one (`erasureSteps`).
 */
export function createUserEvents(deps: UserEventsDeps) {
  const { db } = deps;
  const { checkups, links, profiles, linkAttempts, blobUploads } = deps.repositories;
  return {
    /**
     * Sex and birth date change how items are judged, so the cached judgement goes. The name is kept
     * only to check that an NHIS link is for the account's owner.
     */
    async profileChanged(userId: string, facts: ProfileFacts, name: string | null, occurredAt: Date): Promise<void> {
      const changed = await profiles.upsert(db, userId, facts, name, occurredAt);
      if (changed) await deps.cache.invalidate(userId);
    },

    /**
     * The parts of erasing a user, each idempotent and retried until it succeeds: the rows (checkups,
     * links, link attempts and reference rows, files waiting for upload, profile, idempotency keys, the user's events),
     * the blobs (raw payloads and result sheets, with their snapshots and versions), the cached judgement.
     */
    erasureSteps(): ErasureStep[] {
      return [
        {
          name: 'rows',
          run: (userId) =>
            withTransaction(db, async (client) => {
              await checkups.deleteAllOf(client, userId);
              await links.deleteAllOf(client, userId);
              await linkAttempts.deleteAllOf(client, userId);
              await blobUploads.deleteAllOf(client, userId);
              await profiles.erase(client, userId);
              await eraseIdempotencyKeys(client, userId);
              await deleteOutboxRowsOf(client, userId);
            }),
        },
        { name: 'blobs', run: async (userId) => void (await deps.documents.deletePrefix(`users/${userId}/`)) },
        { name: 'cache', run: (userId) => deps.cache.erase(userId) },
      ];
    },

    /**
     * What withdrawing the HEALTH_DATA consent destroys (the account lives on): the checkups, the NHIS
     * links with their reference rows, files waiting for upload and stored answers of safe retries,
     * the blobs (raw payloads and result sheets), the cached judgement. Kept: the profile (the account's,
     * not collected health data), the link attempts (the rate limit, no health data) and the access audit
     * (append-only, kept for its period: docs/decisions/020). An import in flight either committed before
     * the withdrawal was recorded (the steps remove it) or finds its link gone (its rows reference it).
     */
    withdrawalSteps(): ErasureStep[] {
      return [
        {
          name: 'rows',
          run: (userId) =>
            withTransaction(db, async (client) => {
              await checkups.deleteAllOf(client, userId);
              await links.deleteAllOf(client, userId);
              await blobUploads.deleteAllOf(client, userId);
              await eraseIdempotencyKeys(client, userId);
            }),
        },
        { name: 'blobs', run: async (userId) => void (await deps.documents.deletePrefix(`users/${userId}/`)) },
        { name: 'cache', run: (userId) => deps.cache.erase(userId) },
      ];
    },
  };
}

export type UserEvents = ReturnType<typeof createUserEvents>;
