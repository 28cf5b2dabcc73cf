import {
  ConfigError,
  components,
  createConsentCheck,
  createErasure,
  createWithdrawalPurge,
  erasureTimingOf,
  outboxLimitsOf,
  startOutboxRelay,
  whileLiveIn,
  type DbServiceDefinition,
} from '@healthsync/shared';
import { createDocumentStore, type BlobAccess, type TokenCredential } from './adapters/document-store.js';
import { createHealthRepositories } from './adapters/repositories.js';
import { createJudgedCache } from './adapters/judged-cache.js';
import { createNhisClient } from './adapters/nhis-client.js';
import { settings } from './config.js';
import { createAccessAudit } from './handlers/access-audit.js';
import { createDataExports } from './handlers/data-exports.js';
import { createReading, type LatestJudged } from './handlers/checkups.js';
import { createLinking } from './handlers/links.js';
import { createDocumentUploads } from './handlers/document-uploads.js';
import { createUserEvents } from './handlers/user-events.js';
import { healthRoutes } from './routes/index.js';
import { createUserEventSubscriptions } from './subscriptions/user-events.js';

/** How often pending links whose approval window passed are closed (and their identity erased). */
const EXPIRY_SWEEP_MS = 60_000;
/** How often access-audit rows past their retention are destroyed. */
const AUDIT_PURGE_MS = 3_600_000;

/**
 * In Azure the service reaches Blob Storage with its managed identity, so no key exists anywhere.
 * `@azure/identity` is loaded only on that path (it is not needed locally); deployments that set
 * BLOB_AUTH=managed-identity must ship it.
 */
async function managedIdentityCredential(): Promise<TokenCredential> {
  const moduleName = '@azure/identity';
  const identity = (await import(moduleName)) as { DefaultAzureCredential: new () => TokenCredential };
  return new identity.DefaultAzureCredential();
}

export const healthService: DbServiceDefinition<typeof settings> = {
  name: 'health',
  dbSchema: 'health_service',
  settings,
  async build({ config, db, dapr, logger, metrics, clock }) {
    if (config.BLOB_AUTH === 'managed-identity' && !config.BLOB_ACCOUNT_URL) {
      throw new ConfigError(['BLOB_ACCOUNT_URL is missing (required with BLOB_AUTH=managed-identity)']);
    }
    const blobAccess: BlobAccess =
      config.BLOB_AUTH === 'managed-identity'
        ? { kind: 'token-credential', accountUrl: config.BLOB_ACCOUNT_URL!, credential: await managedIdentityCredential(), container: config.BLOB_CONTAINER }
        : { kind: 'connection-string', connectionString: await dapr.getSecret(components.secrets, 'blob-connection-string'), container: config.BLOB_CONTAINER };
    const exportStore = createDocumentStore(
      { ...blobAccess, container: config.EXPORT_BLOB_CONTAINER },
      { logger, metrics, timeoutMs: config.BLOB_TIMEOUT_MS, breakerResetSeconds: config.BLOB_BREAKER_RESET_SECONDS },
    );
    const documents = createDocumentStore(blobAccess, {
      logger,
      metrics,
      timeoutMs: config.BLOB_TIMEOUT_MS,
      breakerResetSeconds: config.BLOB_BREAKER_RESET_SECONDS,
    });
    // Storage down at start-up costs documents only: the container is created on the first upload instead.
    await documents
      .ensureContainer()
      .catch(() => logger.warn('Blob Storage is unreachable at start-up; documents wait for it', { container: config.BLOB_CONTAINER }));

    const nhis = createNhisClient({
      baseUrl: config.NHIS_BASE_URL,
      tokenUrl: config.NHIS_TOKEN_URL ?? `${config.NHIS_BASE_URL.replace(/\/$/, '')}/oauth/token`,
      clientId: await dapr.getSecret(components.secrets, 'nhis-client-id'),
      clientSecret: await dapr.getSecret(components.secrets, 'nhis-client-secret'),
      timeoutMs: config.NHIS_TIMEOUT_MS,
      breakerResetSeconds: config.NHIS_BREAKER_RESET_SECONDS,
      logger,
      metrics,
    });
    const cache = createJudgedCache<LatestJudged>(dapr, { ttlSeconds: config.LATEST_CACHE_TTL_SECONDS, logger, metrics, whileLive: whileLiveIn(db) });
    const relay = startOutboxRelay({ db, dapr, pubsub: components.events, logger, metrics, limits: outboxLimitsOf(config) });

    const repositories = createHealthRepositories();
    const uploads = createDocumentUploads({ db, repositories, documents, logger, metrics, retryIntervalMs: config.BLOB_UPLOAD_RETRY_SECONDS * 1000 });
    const linking = createLinking({
      db,
      repositories,
      nhis,
      uploads,
      cache,
      logger,
      clock,
      approvalWindowSeconds: config.NHIS_APPROVAL_WINDOW_SECONDS,
      inquiryType: config.NHIS_INQUIRY_TYPE,
      // A call to NHIS, storing the results, and slack: after this a stuck complete no longer blocks the link.
      completeBudgetMs: config.NHIS_TIMEOUT_MS + 30_000,
      attemptsPerHour: config.NHIS_LINK_ATTEMPTS_PER_HOUR,
      eventsEnqueued: () => void relay.flush(),
    });
    const reading = createReading({ db, repositories, documents, cache, logger });
    const userEvents = createUserEvents({ db, repositories, documents, cache });
    const audit = createAccessAudit({ db, clock, logger });
    const exports = createDataExports({
      db,
      clock,
      dapr,
      logger,
      metrics,
      repositories,
      reading,
      audit,
      store: exportStore,
      settings: {
        ttlSeconds: config.EXPORT_TTL_SECONDS,
        perDay: config.EXPORTS_PER_DAY,
        leaseSeconds: config.EXPORT_LEASE_SECONDS,
        maxAttempts: config.EXPORT_MAX_ATTEMPTS,
        retrySeconds: config.EXPORT_RETRY_SECONDS,
        partTimeoutMs: config.EXPORT_PART_TIMEOUT_MS,
        uploadTimeoutMs: config.EXPORT_UPLOAD_TIMEOUT_MS,
        workerIntervalMs: config.EXPORT_WORKER_SECONDS * 1000,
        keepFinishedSeconds: config.EXPORT_KEEP_FINISHED_SECONDS,
      },
    });
    // A withdrawal of HEALTH_DATA destroys the user's exports too: they hold copies of the checkups.
    const withdrawals = createWithdrawalPurge({
      db,
      table: 'health_data_withdrawals',
      steps: [...userEvents.withdrawalSteps(), exports.erasureStep()],
      logger,
      metrics,
      metricPrefix: 'health_data_purges',
      ...erasureTimingOf(config),
    });
    const erasure = createErasure({ db, steps: [...userEvents.erasureSteps(), exports.erasureStep()], logger, metrics, ...erasureTimingOf(config) });
    const consents = createConsentCheck({ dapr, timeoutMs: config.USER_TIMEOUT_MS, logger });
    const purge = setInterval(() => {
      audit.purgeExpired().then(
        (purged) => purged > 0 && logger.info('access-audit entries past their retention destroyed', { purged }),
        (error: unknown) => logger.warn('could not destroy expired access-audit entries', { error: String(error) }),
      );
    }, AUDIT_PURGE_MS);
    purge.unref();

    const sweep = setInterval(() => {
      linking.expireStale().catch((error: unknown) => logger.warn('could not close expired NHIS links', { error: String(error) }));
    }, EXPIRY_SWEEP_MS);
    sweep.unref();

    return {
      routes: healthRoutes({ reading, linking, audit, consents, exports, clock, db }),
      subscriptions: createUserEventSubscriptions(userEvents, erasure, withdrawals, logger, metrics),
      async onStop() {
        clearInterval(sweep);
        clearInterval(purge);
        await exports.stop();
        await uploads.stop();
        await erasure.stop();
        await withdrawals.stop();
        await relay.stop();
      },
    };
  },
};
