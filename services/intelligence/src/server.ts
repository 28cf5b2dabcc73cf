import { components, type ServiceDefinition } from '@healthsync/shared';
import { createAnswerCache } from './adapters/answer-cache.js';
import { createClaude } from './adapters/claude.js';
import { createHealthClient } from './adapters/health-client.js';
import { createUsagePublisher, tokenUsage } from './adapters/usage.js';
import { settings } from './config.js';
import { seoulDay } from './domain/budget.js';
import { createAiRunner } from './handlers/ai-runner.js';
import { createChat } from './handlers/chat.js';
import { createDiagnosis } from './handlers/diagnosis.js';
import { createMessages } from './handlers/messages.js';
import { createRecommendations } from './handlers/recommendations.js';
import { createUserData } from './handlers/user-data.js';
import { intelligenceRoutes } from './routes/index.js';
import { createUserEventSubscriptions } from './subscriptions/user-events.js';

const clock = () => new Date();

/** How often the list of cached answer keys forgets entries that have expired anyway. */
const CACHE_PRUNE_MS = 10 * 60_000;

export const intelligenceService: ServiceDefinition<typeof settings> = {
  name: 'intelligence',
  dbSchema: 'intelligence_service',
  settings,
  async build({ config, db, dapr, logger, metrics }) {
    const usage = createUsagePublisher({ dapr, logger, metrics });
    const model = createClaude({
      baseURL: config.CLAUDE_BASE_URL,
      apiKey: await dapr.getSecret(components.secrets, 'claude-api-key'),
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
      onCall(record) {
        const now = clock();
        usage.publish(record, now);
        if (record.inputTokens + record.outputTokens > 0) {
          tokenUsage
            .add(db, record.userId, seoulDay(now), { inputTokens: record.inputTokens, outputTokens: record.outputTokens })
            .catch((error: unknown) => logger.warn('token usage not recorded', { error: String(error) }));
        }
      },
      logger,
      metrics,
    });
    const health = createHealthClient({ dapr, timeoutMs: config.HEALTH_TIMEOUT_MS, logger });
    const cache = createAnswerCache({ dapr, db, logger, metrics, maxTtlSeconds: Math.max(config.AI_CACHE_TTL_SECONDS, config.AI_MESSAGE_CACHE_TTL_SECONDS) });
    const runner = createAiRunner({
      db,
      model,
      dailyTokenBudget: config.AI_DAILY_TOKEN_BUDGET,
      requestDeadlineMs: config.CLAUDE_REQUEST_DEADLINE_MS,
      maxTokens: config.CLAUDE_MAX_TOKENS,
      clock,
      logger,
      metrics,
    });
    const shared = { health, cache, runner, model: config.CLAUDE_MODEL, cacheTtlSeconds: config.AI_CACHE_TTL_SECONDS, clock };
    const diagnosis = createDiagnosis(shared);
    const recommendations = createRecommendations({ ...shared, db });
    const messages = createMessages({ cache, runner, model: config.CLAUDE_MODEL, maxTokens: config.CLAUDE_CHAT_MAX_TOKENS, cacheTtlSeconds: config.AI_MESSAGE_CACHE_TTL_SECONDS });
    const chat = createChat({
      db,
      health,
      model,
      runner,
      contextMessages: config.CHAT_CONTEXT_MESSAGES,
      maxTokens: config.CLAUDE_CHAT_MAX_TOKENS,
      streamDeadlineMs: config.CLAUDE_STREAM_DEADLINE_MS,
      clock,
      logger,
    });
    const userData = createUserData({ db, cache, logger });
    const prune = setInterval(() => {
      cache.prune().catch((error: unknown) => logger.warn('could not prune the cached answer keys', { error: String(error) }));
    }, CACHE_PRUNE_MS);
    prune.unref();

    return {
      routes: intelligenceRoutes({ diagnosis, recommendations, chat, messages, logger, db }),
      subscriptions: createUserEventSubscriptions(userData),
      onStop: async () => clearInterval(prune),
    };
  },
};
