import type { Express } from 'express';
import { z } from 'zod';
import { baseSettings, loadConfig } from './config.js';
import { createDapr, type Dapr } from './dapr.js';
import { createDb, isDbReachable, type Db } from './db.js';
import { createServiceApp, finishServiceApp, listen, mountOpenApi } from './http.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createRouter, type RouteSpec } from './routes.js';
import { mountInputBinding, mountSubscriptions, type Subscription } from './subscriptions.js';

/** Component names are the contract between code and platform (see components/). */
export const components = {
  /** Domain events (Redis Streams locally, Service Bus topics in Azure). */
  events: 'events',
  /** High-volume usage stream (Redis locally, Event Hubs in Azure). */
  usageStream: 'usage-stream',
  /** Cache (Redis locally, Azure Cache for Redis). */
  cache: 'cache',
  /** Secrets (local file locally, Key Vault in Azure). */
  secrets: 'secretstore',
  /** Revoked sessions, shared by the user service and the gateway. */
  revocations: 'revocations',
} as const;

export interface ServiceRuntime<C> {
  config: C;
  logger: Logger;
  metrics: Metrics;
  dapr: Dapr;
  /** Present when the service declared a database schema. */
  db: Db;
}

export interface ServiceParts {
  routes: RouteSpec[];
  subscriptions?: Subscription[];
  inputBindings?: { name: string; handle(): Promise<void> }[];
  /** Extra readiness checks beyond sidecar and database. */
  readiness?: Record<string, () => Promise<boolean>>;
  /** Background work to stop before the process exits (relays, timers). */
  onStop?(): Promise<void>;
  /** Security schemes this service adds to the API document (the user service: the sign-in flow). */
  securitySchemes?(): Promise<Record<string, unknown>>;
  /** Hook to add routes that are not schema-described (e.g. streaming proxies). */
  extend?(app: Express): void;
}

export type BaseConfig = z.output<z.ZodObject<typeof baseSettings>>;
export type ServiceConfig<S extends z.ZodRawShape> = BaseConfig & z.output<z.ZodObject<S>>;

export interface ServiceDefinition<S extends z.ZodRawShape> {
  name: string;
  /** The service's own PostgreSQL schema; omitted for services without a database. */
  dbSchema?: string;
  /** Settings beyond the base ones, each with a one-line comment where declared. */
  settings: S;
  build(runtime: ServiceRuntime<ServiceConfig<S>>): Promise<ServiceParts>;
}

export interface RunningService {
  port: number;
  stop(): Promise<void>;
}

/**
 * Reads and validates configuration, connects to the sidecar and the database (whose
 * connection string comes from the secret store), builds the service's parts and listens.
 */
export async function startService<S extends z.ZodRawShape>(definition: ServiceDefinition<S>): Promise<RunningService> {
  const schema = z.object({ ...baseSettings, ...definition.settings });
  const config = loadConfig(schema) as unknown as ServiceConfig<S>;
  const logger = createLogger(definition.name, config.LOG_LEVEL);
  const metrics = createMetrics(definition.name);
  const dapr = createDapr({
    httpPort: config.DAPR_HTTP_PORT,
    ...(config.DAPR_API_TOKEN ? { apiToken: config.DAPR_API_TOKEN } : {}),
  });

  await dapr.waitUntilReady();
  let db: Db | undefined;
  if (definition.dbSchema) {
    const url = await dapr.getSecret(components.secrets, 'postgres-url');
    db = createDb(url, definition.dbSchema);
  }
  const runtime = { config, logger, metrics, dapr, db: db as Db };
  const parts = await definition.build(runtime);

  const app = createServiceApp({
    service: definition.name,
    logger,
    metrics,
    ...(config.APP_API_TOKEN ? { appApiToken: config.APP_API_TOKEN } : {}),
    readiness: {
      sidecar: () => dapr.isHealthy(),
      ...(db ? { database: () => isDbReachable(db) } : {}),
      ...parts.readiness,
    },
  });
  mountSubscriptions(app, parts.subscriptions ?? [], logger, metrics);
  for (const binding of parts.inputBindings ?? []) mountInputBinding(app, binding.name, binding.handle, logger);
  mountOpenApi(app, definition.name, parts.routes, parts.securitySchemes);
  parts.extend?.(app);
  app.use(createRouter(parts.routes));
  finishServiceApp(app, logger);

  const server = await listen(app, config.APP_PORT, config.APP_HOST);
  logger.info('service started', { port: config.APP_PORT });
  return {
    port: config.APP_PORT,
    async stop() {
      await server.close();
      await parts.onStop?.();
      await db?.end();
      logger.info('service stopped');
    },
  };
}

/** The signal handling every main.ts uses. */
export function stopOnSignals(service: RunningService, logger: Logger = createLogger('main')): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('stop failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
