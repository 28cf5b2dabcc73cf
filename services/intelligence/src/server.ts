import { components, createConsentCheck, createErasure, createWithdrawalPurge, erasureTimingOf, type DbServiceDefinition } from '@healthsync/shared';
import { createAnswerCache } from './adapters/answer-cache.js';
import { createClaude } from './adapters/claude.js';
import { createClaudeBatches } from './adapters/claude-batches.js';
import { createMessageBatchesRepository } from './adapters/message-batches-repository.js';
import { createHealthClient } from './adapters/health-client.js';
import { createIntelligenceRepositories } from './adapters/repositories.js';
import { createUsagePublisher } from './adapters/usage.js';
import { settings } from './config.js';
import { createAiRunner } from './handlers/ai-runner.js';
import { createChat } from './handlers/chat.js';
import { createDiagnosis } from './handlers/diagnosis.js';
import { createMessageBatches } from './handlers/message-batches.js';
import { createMessages } from './handlers/messages.js';
import { createRecommendations } from './handlers/recommendations.js';
import { createTokenBudget } from './handlers/token-budget.js';
import { createUserData } from './handlers/user-data.js';
import { intelligenceRoutes } from './routes/index.js';
import { createUserEventSubscriptions } from './subscriptions/user-events.js';

/** How often the list of cached answer keys forgets entries that have expired anyway. */
const CACHE_PRUNE_MS = 10 * 60_000;
/** Message batches (their requests' facts and texts) are kept this long, then dropped. */
const MESSAGE_BATCH_KEEP_DAYS = 3;

export const intelligenceService: DbServiceDefinition<typeof settings> = {
  name: 'intelligence',
  dbSchema: 'intelligence_service',
  settings,
  async build({ config, db, dapr, logger, metrics, clock }) {
    const repositories = createIntelligenceRepositories();
    const usage = createUsagePublisher({ dapr, logger, metrics });
    const apiKey = await dapr.getSecret(components.secrets, 'claude-api-key');
    const model = createClaude({
      baseURL: config.CLAUDE_BASE_URL,
      apiKey,
      model: config.CLAUDE_MODEL,
      attemptTimeoutMs: config.CLAUDE_ATTEMPT_TIMEOUT_MS,
      maxAttempts: config.CLAUDE_MAX_ATTEMPTS,
      retryBaseMs: config.CLAUDE_RETRY_BASE_MS,
      maxRetryWaitMs: config.CLAUDE_MAX_RETRY_WAIT_MS,
      breaker: {
        resetTimeoutMs: config.CLAUDE_BREAKER_RESET_MS,
        errorThresholdPercentage: config.CLAUDE_BREAKER_ERROR_PERCENT,
        volumeThreshold: config.CLAUDE_BREAKER_VOLUME,
      },
      // Telemetry only: the budget is kept by the reservations around each call (handlers/token-budget.ts).
      onCall(record) {
        usage.publish(record, clock.now());
      },
      logger,
      metrics,
    });
    const health = createHealthClient({ dapr, timeoutMs: config.HEALTH_TIMEOUT_MS, logger });
    const cache = createAnswerCache({ dapr, db, logger, metrics, maxTtlSeconds: Math.max(config.AI_CACHE_TTL_SECONDS, config.AI_MESSAGE_CACHE_TTL_SECONDS) });
    const budget = createTokenBudget({ db, tokenUsage: repositories.tokenUsage, dailyTokenBudget: config.AI_DAILY_TOKEN_BUDGET, clock, logger });
    const runner = createAiRunner({
      model,
      budget,
      requestDeadlineMs: config.CLAUDE_REQUEST_DEADLINE_MS,
      maxTokens: config.CLAUDE_MAX_TOKENS,
      clock,
      logger,
      metrics,
    });
    const shared = { health, cache, runner, model: config.CLAUDE_MODEL, cacheTtlSeconds: config.AI_CACHE_TTL_SECONDS, clock };
    const diagnosis = createDiagnosis(shared);
    const recommendations = createRecommendations({ ...shared, db, repositories });
    const consents = createConsentCheck({ dapr, timeoutMs: config.USER_TIMEOUT_MS, logger });
    const messages = createMessages({
      cache,
      runner,
      consents,
      logger,
      metrics,
      model: config.CLAUDE_MODEL,
      maxTokens: config.CLAUDE_CHAT_MAX_TOKENS,
      cacheTtlSeconds: config.AI_MESSAGE_CACHE_TTL_SECONDS,
    });
    const chat = createChat({
      db,
      repositories,
      health,
      model,
      runner,
      budget,
      maxConcurrentStreams: config.CHAT_MAX_CONCURRENT_STREAMS,
      contextMessages: config.CHAT_CONTEXT_MESSAGES,
      maxTokens: config.CLAUDE_CHAT_MAX_TOKENS,
      streamDeadlineMs: config.CLAUDE_STREAM_DEADLINE_MS,
      clock,
      logger,
    });
    const batchRepository = createMessageBatchesRepository(db);
    const messageBatches = createMessageBatches({
      db,
      repository: batchRepository,
      api: createClaudeBatches({ baseURL: config.CLAUDE_BASE_URL, apiKey, logger }),
      model: config.CLAUDE_MODEL,
      maxTokens: config.CLAUDE_CHAT_MAX_TOKENS,
      clock,
      logger,
      metrics,
      onCall(record) {
        usage.publish(record, clock.now());
      },
    });
    const userData = createUserData({ db, repositories, cache, batches: batchRepository, logger });
    const erasure = createErasure({ db, steps: userData.erasureSteps(), logger, metrics, ...erasureTimingOf(config) });
    const withdrawals = createWithdrawalPurge({
      db,
      table: 'health_data_withdrawals',
      steps: userData.withdrawalSteps(),
      logger,
      metrics,
      metricPrefix: 'intelligence_data_purges',
      ...erasureTimingOf(config),
    });
    const prune = setInterval(() => {
      cache.prune().catch((error: unknown) => logger.warn('could not prune the cached answer keys', { error: String(error) }));
      batchRepository.prune(MESSAGE_BATCH_KEEP_DAYS).catch((error: unknown) => logger.warn('could not prune old message batches', { error: String(error) }));
    }, CACHE_PRUNE_MS);
    prune.unref();

    return {
      routes: intelligenceRoutes({
        diagnosis,
        recommendations,
        chat,
        messages,
        messageBatches,
        logger,
        consents,
        db,
      }),
      subscriptions: createUserEventSubscriptions(userData, erasure, withdrawals, logger, metrics),
      async onStop() {
        clearInterval(prune);
        await erasure.stop();
        await withdrawals.stop();
      },
    };
  },
};
