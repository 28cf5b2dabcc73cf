import type { Express } from 'express';
import { z } from 'zod';
import { systemClock, type Clock } from './clock.js';
import { baseSettings, loadConfig } from './config.js';
import { REVOCATION_STORE } from './contracts/revocation.js';
import { createDapr, daprOptionsFrom, type Dapr } from './dapr.js';
import { createDb, isDbReachable, type Db } from './db.js';
import { createServiceApp, finishServiceApp, listen, mountOpenApi } from './http.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createIdempotencyStore } from './idempotency.js';
import { endResourceLocks } from './preconditions.js';
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
  revocations: REVOCATION_STORE,
} as const;

/**
 * The secret holding a service's database connection string: each service connects as its own
 * PostgreSQL role, which may use only that service's schema (scripts/migrate.mjs grants it), and
 * only that service's secret scope admits the secret (docs/decisions/010-one-database-role-per-service.md).
 */
export const databaseSecretName = (service: string): string => `postgres-url-${service}`;

export interface ServiceRuntime<C> {
  config: C;
  logger: Logger;
  metrics: Metrics;
  dapr: Dapr;
  /** The time source of every handler (a fixed one in tests). */
  clock: Clock;
  /** Component tests: every JSON answer is checked against the schema its route documents (see createRouter). */
  checkAnswers?: boolean;
}

/** The runtime of a service that declared a database schema: its pool is always there. */
export interface DbServiceRuntime<C> extends ServiceRuntime<C> {
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

interface DefinitionBase<S extends z.ZodRawShape> {
  name: string;
  /** Settings beyond the base ones, each with a one-line comment where declared. */
  settings: S;
}

/** A service with its own PostgreSQL schema. */
export interface DbServiceDefinition<S extends z.ZodRawShape> extends DefinitionBase<S> {
  dbSchema: string;
  build(runtime: DbServiceRuntime<ServiceConfig<S>>): Promise<ServiceParts>;
}

/** A service without a database. */
export interface PlainServiceDefinition<S extends z.ZodRawShape> extends DefinitionBase<S> {
  dbSchema?: undefined;
  build(runtime: ServiceRuntime<ServiceConfig<S>>): Promise<ServiceParts>;
}

export type ServiceDefinition<S extends z.ZodRawShape> = DbServiceDefinition<S> | PlainServiceDefinition<S>;

/** The validated settings of a service, from the environment (or the values a test gives). */
export function loadServiceConfig<S extends z.ZodRawShape>(definition: { settings: S }, env: NodeJS.ProcessEnv = process.env): ServiceConfig<S> {
  return loadConfig(z.object({ ...baseSettings, ...definition.settings }), env) as ServiceConfig<S>;
}

/** A built service: its Express app (not listening) and how to stop its background work. */
export interface ServiceApp {
  app: Express;
  /** Stops the parts' background work (relays, timers); the caller owns server, pool and sidecar. */
  stop(): Promise<void>;
}

/**
 * Builds the service's parts on a runtime and assembles its app: probes, subscriptions,
 * bindings, the API document and the routes. No environment, no sidecar wait, no listening:
 * `startService` does those in a process, component tests give a runtime of their own.
 */
export async function buildServiceApp<S extends z.ZodRawShape>(
  definition: DbServiceDefinition<S>,
  runtime: DbServiceRuntime<ServiceConfig<S>>,
): Promise<ServiceApp>;
export async function buildServiceApp<S extends z.ZodRawShape>(
  definition: PlainServiceDefinition<S>,
  runtime: ServiceRuntime<ServiceConfig<S>>,
): Promise<ServiceApp>;
export async function buildServiceApp<S extends z.ZodRawShape>(
  definition: ServiceDefinition<S>,
  runtime: ServiceRuntime<ServiceConfig<S>> & { db?: Db },
): Promise<ServiceApp> {
  const { config, logger, metrics, dapr, db } = runtime;
  let parts: ServiceParts;
  if (definition.dbSchema !== undefined) {
    if (!db) throw new Error(`${definition.name} declares the schema ${definition.dbSchema} but was given no database`);
    parts = await definition.build({ ...runtime, db });
  } else {
    parts = await definition.build(runtime);
  }

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
  const idempotency = db && parts.routes.some((route) => route.idempotent) ? { store: createIdempotencyStore(db), clock: runtime.clock } : undefined;
  app.use(createRouter(parts.routes, { checkAnswers: runtime.checkAnswers ?? false, ...(idempotency ? { idempotency } : {}), ...(db ? { db } : {}) }));
  finishServiceApp(app, logger);
  return { app, stop: async () => parts.onStop?.() };
}

export interface RunningService {
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts the service in this process: reads and validates configuration from the environment,
 * waits for the sidecar, connects to the database (whose connection string comes from the
 * secret store), builds the app and listens.
 */
export async function startService<S extends z.ZodRawShape>(definition: ServiceDefinition<S>): Promise<RunningService> {
  const config = loadServiceConfig(definition);
  const logger = createLogger(definition.name, config.LOG_LEVEL);
  const metrics = createMetrics(definition.name);
  const dapr = createDapr(daprOptionsFrom(config, logger));
  await dapr.waitUntilReady();
  const runtime = { config, logger, metrics, dapr, clock: systemClock };

  let db: Db | undefined;
  let built: ServiceApp;
  if (definition.dbSchema !== undefined) {
    db = createDb(await dapr.getSecret(components.secrets, databaseSecretName(definition.name)), definition.dbSchema);
    built = await buildServiceApp(definition, { ...runtime, db });
  } else {
    built = await buildServiceApp(definition, runtime);
  }

  const server = await listen(built.app, config.APP_PORT, config.APP_HOST);
  logger.info('service started', { port: config.APP_PORT });
  return {
    port: config.APP_PORT,
    async stop() {
      await server.close();
      await built.stop();
      if (db) await endResourceLocks(db);
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
