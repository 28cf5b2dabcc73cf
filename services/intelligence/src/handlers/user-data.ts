import { eraseIdempotencyKeys, withTransaction, type Db, type ErasureStep, type Logger } from '@healthsync/shared';
import type { AnswerCache } from '../adapters/answer-cache.js';
import type { MessageBatchesRepository } from '../adapters/message-batches-repository.js';
import type { IntelligenceRepositories } from '../adapters/repositories.js';

/** What the events this service consumes do to a user's data. */
export function createUserData(deps: {
  db: Db;
  repositories: IntelligenceRepositories;
  cache: AnswerCache;
  batches: MessageBatchesRepository;
  logger: Logger;
}) {
  const { chats, recommendations, tokenUsage, chatStreams } = deps.repositories;
  return {
    /** A new checkup was imported: readings and recommendations built on the old facts are stale. */
    async checkupImported(userId: string): Promise<void> {
      const dropped = await deps.cache.invalidate(userId, ['diagnosis', 'recommendations']);
      deps.logger.info('cached AI answers dropped after a checkup import', { userId, dropped });
    },

    /**
     * The parts of erasing a user, each idempotent and retried until it succeeds (the erasure is
     * recorded before any of them runs: docs/decisions/013-erasure-always-completes.md): the cached
     * answers (their keys are listed in PostgreSQL until they are gone from the store), then the rows:
     * chats, recommendations, usage counts, open streams, batched message requests and idempotency keys.
     */
    erasureSteps(): ErasureStep[] {
      return [
        { name: 'cache', run: async (userId) => void (await deps.cache.invalidate(userId)) },
        {
          name: 'rows',
          run: (userId) =>
            withTransaction(deps.db, async (client) => {
              await chats.eraseUser(client, userId);
              await recommendations.eraseUser(client, userId);
              await tokenUsage.erase(client, userId);
              await chatStreams.erase(client, userId);
              await deps.batches.eraseUser(client, userId);
              await eraseIdempotencyKeys(client, userId);
            }),
        },
      ];
    },

    /**
     * What withdrawing the HEALTH_DATA consent destroys here: what was made from the checkups — the
     * cached AI readings and recommendations, and the stored recommendation sets. The chats stay (the
     * user's own words, covered by the other consent), as do usage counts (no health data).
     */
    withdrawalSteps(): ErasureStep[] {
      return [
        { name: 'cache', run: async (userId) => void (await deps.cache.invalidate(userId, ['diagnosis', 'recommendations'])) },
        { name: 'rows', run: (userId) => withTransaction(deps.db, (client) => recommendations.eraseUser(client, userId)) },
      ];
    },
  };
}

export type UserData = ReturnType<typeof createUserData>;
