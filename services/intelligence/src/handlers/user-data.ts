import { eraseIdempotencyKeys, withTransaction, type Db, type Logger } from '@healthsync/shared';
import type { AnswerCache } from '../adapters/answer-cache.js';
import type { MessageBatchesRepository } from '../adapters/message-batches-repository.js';
import type { IntelligenceRepositories } from '../adapters/repositories.js';

/** What the events this service consumes do to a user's data. Both are idempotent. */
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

    /** The account was deleted: erase chats, recommendations, cached answers, usage counts and batched message requests. */
    async erase(userId: string): Promise<void> {
      await deps.cache.invalidate(userId);
      await withTransaction(deps.db, async (client) => {
        await chats.eraseUser(client, userId);
        await recommendations.eraseUser(client, userId);
        await tokenUsage.erase(client, userId);
        await chatStreams.erase(client, userId);
        await deps.batches.eraseUser(client, userId);
        await eraseIdempotencyKeys(client, userId);
      });
      deps.logger.info('user data erased', { userId });
    },
  };
}

export type UserData = ReturnType<typeof createUserData>;
