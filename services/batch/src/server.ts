import { hostname } from 'node:os';
import {
  components,
  createConsentQuery,
  createErasure,
  erasureTimingOf,
  outboxLimitsOf,
  startOutboxRelay,
  systemClock,
  withTransaction,
  type DbServiceDefinition,
} from '@healthsync/shared';
import { createActivityRepository } from './adapters/activity-repository.js';
import { createDeliveriesRepository } from './adapters/deliveries-repository.js';
import { createGenerationRepository } from './adapters/generation-repository.js';
import { createMessageBatchClient } from './adapters/message-batch-client.js';
import { createNudgeWriter } from './adapters/intelligence-client.js';
import { createUsageReader } from './adapters/usage-analytics-client.js';
import { createNotificationsRepository } from './adapters/notifications-repository.js';
import { createRunsRepository } from './adapters/runs-repository.js';
import { createFcmClient } from './adapters/fcm-client.js';
import { createPushRepository } from './adapters/push-repository.js';
import { generationSettings, pushSettings, runSettings, settings } from './config.js';
import { createEncouragementRun } from './handlers/encouragement-run.js';
import { createGeneration } from './handlers/generation.js';
import { createAiConsentGate } from './handlers/ai-consent.js';
import { createDeadLetters } from './handlers/dead-letters.js';
import { createGoalActivity } from './handlers/goal-activity.js';
import { createInbox } from './handlers/inbox.js';
import { createInactivityNotices } from './handlers/inactivity-notices.js';
import { createPushDevices, createPushDispatch } from './handlers/push.js';
import { batchRoutes } from './routes/index.js';
import { createDailyEncouragementTrigger, DAILY_ENCOURAGEMENT_BINDING } from './subscriptions/daily-encouragement.js';
import { goalEventSubscriptions } from './subscriptions/goal-events.js';
import { userDeletedSubscription } from './subscriptions/user-deleted.js';
import { deadLetterSubscription } from './subscriptions/dead-letters.js';
import { inactivityNoticeSubscription } from './subscriptions/inactivity-notices.js';

export const batchService: DbServiceDefinition<typeof settings> = {
  name: 'batch',
  dbSchema: 'batch_service',
  settings,
  async build({ config, db, dapr, logger, metrics, clock }) {
    const run = runSettings(config);
    const runs = createRunsRepository(db);
    const activity = createActivityRepository(db);
    const deliveries = createDeliveriesRepository(db);
    const notifications = createNotificationsRepository(db);
    const owner = `${hostname()}:${config.APP_PORT}/${process.pid}`;
    const consents = createAiConsentGate({
      consents: createConsentQuery({ dapr, appId: config.USER_APP_ID, timeoutMs: config.BATCH_CONSENT_TIMEOUT_MS, logger }),
      logger,
      metrics,
    });
    const generationConfig = generationSettings(config);
    const generation = generationConfig
      ? createGeneration({
          generation: createGenerationRepository(db),
          deliveries,
          notifications,
          client: createMessageBatchClient({ dapr, appId: config.INTELLIGENCE_APP_ID, timeoutMs: generationConfig.timeoutMs }),
          consents,
          settings: generationConfig,
          claimTtlSeconds: run.claimTtlSeconds,
          owner,
          logger,
          metrics,
          clock,
        })
      : undefined;
    const encouragement = createEncouragementRun({
      db,
      runs,
      activity,
      deliveries,
      notifications,
      writer: createNudgeWriter({ dapr, appId: config.INTELLIGENCE_APP_ID, timeoutMs: run.aiTimeoutMs, logger }),
      consents,
      settings: run,
      logger,
      metrics,
      owner,
      clock,
      ...(generation ? { generation } : {}),
    });
    // The batch publishes only replays of dead-lettered user-deleted events (handlers/dead-letters.ts).
    const relay = startOutboxRelay({ db, dapr, pubsub: components.events, logger, metrics, limits: outboxLimitsOf(config) });
    const deadLetters = createDeadLetters({
      db,
      logger,
      metrics,
      replaySeconds: config.BATCH_ERASURE_REPLAY_SECONDS,
      maxReplays: config.BATCH_ERASURE_MAX_REPLAYS,
      eventsEnqueued: () => void relay.flush(),
    });
    const goalActivity = createGoalActivity({ db, activity, deliveries, notifications, deadLetters, clock });
    const inbox = createInbox({ db, notifications, logger, clock });
    const pushConfig = pushSettings(config);
    const push = createPushRepository(db);
    // Erasure: the goal view, messages, preferences and dead letters' payloads, and every push device.
    const erasure = createErasure({
      db,
      steps: [...goalActivity.erasureSteps(), { name: 'push-devices', run: (userId) => withTransaction(db, (client) => push.erase(client, userId)) }],
      logger,
      metrics,
      ...erasureTimingOf(config),
    });
    const fcm = createFcmClient({
      baseUrl: pushConfig.baseUrl,
      serviceAccount: () => dapr.getSecret(components.secrets, 'fcm-service-account'),
      policy: pushConfig.policy,
      timeoutMs: pushConfig.timeoutMs,
      // The assertion's iat/exp and the access token's expiry are checked against real time.
      clock: systemClock,
      logger,
    });
    const pushDispatch = createPushDispatch({ push, notifications, fcm, settings: pushConfig, owner, clock, logger, metrics });
    const devices = createPushDevices({ db, push, logger });
    encouragement.startResuming();
    pushDispatch.start();
    return {
      routes: batchRoutes({
        inbox,
        devices,
        runs,
        deliveries,
        encouragement,
        usage: createUsageReader({ dapr, appId: config.USAGE_ANALYTICS_APP_ID, timeoutMs: run.aiTimeoutMs, logger }),
        db,
      }),
      subscriptions: [
        ...goalEventSubscriptions(goalActivity, logger, metrics),
        userDeletedSubscription(erasure, logger, metrics),
        inactivityNoticeSubscription(createInactivityNotices({ db, notifications, clock, logger }), logger, metrics),
        deadLetterSubscription(deadLetters),
      ],
      inputBindings: [{ name: DAILY_ENCOURAGEMENT_BINDING, handle: createDailyEncouragementTrigger(encouragement) }],
      async onStop() {
        await Promise.all([encouragement.stop(), pushDispatch.stop()]);
        await erasure.stop();
        await relay.stop();
      },
    };
  },
};
