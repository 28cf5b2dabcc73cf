import { components, createErasure, erasureTimingOf, outboxLimitsOf, startOutboxRelay, whileLiveIn, type DbServiceDefinition } from '@healthsync/shared';
import { createGoalsRepository } from './adapters/goals-repository.js';
import { createIntelligenceClient } from './adapters/intelligence-client.js';
import { createTodayCache } from './adapters/today-cache.js';
import { settings } from './config.js';
import { createGoals } from './handlers/goals.js';
import { goalRoutes } from './routes/index.js';
import { userDeletedSubscription } from './subscriptions/user-deleted.js';

export const goalService: DbServiceDefinition<typeof settings> = {
  name: 'goal',
  dbSchema: 'goal_service',
  settings,
  async build({ config, db, dapr, logger, metrics, clock }) {
    const relay = startOutboxRelay({ db, dapr, pubsub: components.events, logger, metrics, limits: outboxLimitsOf(config) });
    const goals = createGoals({
      db,
      repository: createGoalsRepository(),
      intelligence: createIntelligenceClient({ dapr, appId: config.INTELLIGENCE_APP_ID, timeoutMs: config.RECOMMENDATIONS_TIMEOUT_MS, logger }),
      cache: createTodayCache({ state: dapr, ttlSeconds: config.TODAY_CACHE_TTL_SECONDS, logger, metrics, whileLive: whileLiveIn(db) }),
      clock,
      logger,
      celebrationTimeoutMs: config.CELEBRATION_TIMEOUT_MS,
      eventsEnqueued: () => void relay.flush(),
    });
    const erasure = createErasure({ db, steps: goals.erasureSteps(), logger, metrics, ...erasureTimingOf(config) });
    const sweep = setInterval(() => {
      goals.announceDue().catch((error: unknown) => logger.warn('celebration sweep failed', { error: String(error) }));
    }, config.CELEBRATION_SWEEP_SECONDS * 1000);
    sweep.unref();
    return {
      routes: goalRoutes({ goals, db }),
      subscriptions: [userDeletedSubscription(erasure, logger, metrics)],
      async onStop() {
        clearInterval(sweep);
        await erasure.stop();
        await relay.stop();
      },
    };
  },
};
