import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import winston from 'winston';
import type { z } from 'zod';
import { settableClock, type SettableClock } from '../clock.js';
import { contractOfTopic } from '../contracts/events.js';
import { createDb, type Db } from '../db.js';
import { SESSION_ID_HEADER, USER_ID_HEADER } from '../contracts/identity.js';
import { listen } from '../http.js';
import { createLogger } from '../logger.js';
import { createMetrics } from '../metrics.js';
import { endResourceLocks } from '../preconditions.js';
import { buildServiceApp, loadServiceConfig, type DbServiceDefinition } from '../service.js';
import { createDaprDouble, type DaprDouble } from './dapr-double.js';

/**
 * Runs one service in this process for a component test: the real app (routes, handlers,
 * repositories, subscriptions) on a random port against the real PostgreSQL, with the
 * in-memory Dapr double in place of the sidecar and a settable clock.
 *
 * The database is the component tests' own, which `npm test` starts and migrates; it names
 * each service's schema and connection string (as the service's own role) in
 * HEALTHSYNC_TEST_DATABASES (Azurite in HEALTHSYNC_TEST_BLOB_CONNECTION_STRING).
 */
export interface ComponentOptions {
  /** Settings as the environment would give them (beyond the harness's placeholders). */
  env?: Record<string, string>;
  /** Secrets the service reads from the secret store at start-up. */
  secrets?: Record<string, string>;
  /** Defaults to 2026-11-24 12:00 in Seoul. */
  clock?: SettableClock;
  dapr?: DaprDouble;
}

export interface RequestOptions extends RequestInit {
  /** Sent as the gateway-verified user (and a session of theirs), as the gateway does. */
  userId?: string;
  json?: unknown;
}

export interface Component {
  /** http://127.0.0.1:<port> */
  url: string;
  dapr: DaprDouble;
  clock: SettableClock;
  /** A pool on the service's own schema, for checking what was stored. */
  db: Db;
  request(pathAndQuery: string, options?: RequestOptions): Promise<Response>;
  /**
   * Delivers a pub/sub event to the service as its sidecar would (a CloudEvent whose type is the
   * topic's contract's, as its producer publishes it, unless `type` says otherwise).
   */
  deliver(route: string, topic: string, data: unknown, id?: string, envelope?: { type?: string; pubsub?: string }): Promise<Response>;
  /** The service's log entries of level info and above so far (whatever LOG_LEVEL prints), oldest first. */
  logs(): Record<string, unknown>[];
  stop(): Promise<void>;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run component tests through \`npm test -- component\` (it starts their database)`);
  return value;
}

/** A service's schema and its connection string in the component tests' own database. */
export interface TestDatabase {
  schema: string;
  /** Connects as the service's own role, which may use only its schema. */
  url: string;
}

/** Every service's schema and role in the component tests' own database (test.mjs starts and migrates it), by service name. */
export function testDatabases(): Record<string, TestDatabase> {
  return JSON.parse(requiredEnv('HEALTHSYNC_TEST_DATABASES')) as Record<string, TestDatabase>;
}

/** The database of one service, checked against the schema its definition declares. */
export function testDatabase(service: string, schema: string): TestDatabase {
  const database = testDatabases()[service];
  if (!database) throw new Error(`HEALTHSYNC_TEST_DATABASES names no database for ${service} (scripts/migrate.mjs lists the services with a schema)`);
  if (database.schema !== schema) throw new Error(`${service} declares the schema ${schema}, but the migrations give it ${database.schema}`);
  return database;
}
/** Azurite's connection string for the component tests. */
export const testBlobConnectionString = () => requiredEnv('HEALTHSYNC_TEST_BLOB_CONNECTION_STRING');

export async function startComponent<S extends z.ZodRawShape>(definition: DbServiceDefinition<S>, options: ComponentOptions = {}): Promise<Component> {
  const config = loadServiceConfig(definition, {
    // Placeholders: the harness listens on a random port and has no sidecar.
    APP_PORT: '1',
    DAPR_HTTP_PORT: '1',
    LOG_LEVEL: process.env.HEALTHSYNC_TEST_LOG_LEVEL ?? 'error',
    ...options.env,
  });
  const logger = createLogger(definition.name, config.LOG_LEVEL);
  // Everything from info up is kept for the test to read; the console still prints only LOG_LEVEL and up.
  const captured: string[] = [];
  for (const transport of logger.transports) transport.level = config.LOG_LEVEL;
  logger.level = 'info';
  logger.add(
    new winston.transports.Stream({
      level: 'info',
      stream: new Writable({
        write(chunk: Buffer, _encoding, done) {
          captured.push(chunk.toString('utf8'));
          done();
        },
      }),
    }),
  );
  const dapr = options.dapr ?? createDaprDouble({ secrets: options.secrets ?? {} });
  const clock = options.clock ?? settableClock('2026-11-24T12:00:00+09:00');
  const db = createDb(testDatabase(definition.name, definition.dbSchema).url, definition.dbSchema, 5);
  const built = await buildServiceApp(definition, { config, logger, metrics: createMetrics(definition.name), dapr, clock, db, checkAnswers: true });
  const server = await listen(built.app, 0, '127.0.0.1');
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('the component did not listen on a TCP port');
  const url = `http://127.0.0.1:${address.port}`;

  const request = (pathAndQuery: string, { userId, json, headers, ...init }: RequestOptions = {}) =>
    fetch(`${url}${pathAndQuery}`, {
      ...init,
      headers: {
        ...(userId ? { [USER_ID_HEADER]: userId, [SESSION_ID_HEADER]: `session-of-${userId}` } : {}),
        ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(headers as Record<string, string> | undefined),
      },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });

  return {
    url,
    dapr,
    clock,
    db,
    request,
    deliver: (route, topic, data, id = randomUUID(), envelope = {}) =>
      request(route, {
        method: 'POST',
        headers: { 'content-type': 'application/cloudevents+json' },
        body: JSON.stringify({
          specversion: '1.0',
          id,
          source: 'component-test',
          type: envelope.type ?? contractOfTopic(envelope.pubsub ?? 'events', topic)?.type ?? 'com.dapr.event.sent',
          topic,
          pubsubname: envelope.pubsub ?? 'events',
          datacontenttype: 'application/json',
          data,
        }),
      }),
    logs: () =>
      captured
        .join('')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    async stop() {
      await server.close();
      await built.stop();
      await endResourceLocks(db);
      await db.end();
    },
  };
}
