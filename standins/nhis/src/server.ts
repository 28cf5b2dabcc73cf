import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { createOutageSwitch } from './adapters/outage.js';
import { createPeopleRegistry } from './adapters/people-registry.js';
import { createSessionStore } from './adapters/session-store.js';
import { createTokenStore } from './adapters/token-store.js';
import type { Config } from './config.js';
import { createCheckupHandler } from './handlers/checkup.js';
import { type Logger, createLogger } from './logger.js';
import { createCheckupRouter } from './routes/checkup.js';
import { createControlRouter } from './routes/control.js';
import { createOAuthRouter } from './routes/oauth.js';

export interface Clock {
  now(): number;
}

export interface Deps {
  clock: Clock;
  logger: Logger;
}

export interface RunningStandin {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

/** The path as logged: approval ids (jti) are short-lived credentials and stay out of logs. */
const loggedPath = (path: string) => path.replace(/^(\/_control\/approvals\/)[^/]+/, '$1:jti');

/**
 * With the test controls on, the stand-in's time can be moved forward (POST /_control/clock), so a
 * test sees the approval window pass without waiting it out; the offset applies to every time check.
 */
function testClock(base: Clock): Clock & { offsetMs: number } {
  const clock = { offsetMs: 0, now: () => base.now() + clock.offsetMs };
  return clock;
}

export function createApp(config: Config, deps: Deps) {
  const { logger } = deps;
  const movable = testClock(deps.clock);
  const clock: Clock = config.controlEnabled ? movable : deps.clock;
  const tokens = createTokenStore(config.tokenTtlSeconds);
  const sessions = createSessionStore(() => clock.now());
  const people = createPeopleRegistry();
  const outage = createOutageSwitch();
  const handler = createCheckupHandler({
    sessions,
    people,
    outage,
    clock,
    logger,
    approvalTtlMs: config.approvalTtlMs,
    unapprovedRetries: config.unapprovedRetries,
  });

  const app = express();
  app.disable('x-powered-by');
  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info('request', {
        method: req.method,
        path: loggedPath(req.path),
        status: res.statusCode,
        durationMs: Number((process.hrtime.bigint() - started) / 1_000_000n),
      });
    });
    next();
  });
  app.use(createOAuthRouter({ clientId: config.clientId, clientSecret: config.clientSecret, tokens, clock }));
  app.use(createCheckupRouter({ handler, tokens, outage, clock, logger }));
  if (config.controlEnabled) app.use(createControlRouter({ sessions, people, outage, clock: movable, logger }));
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'not_found' });
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = typeof (err as { status?: unknown }).status === 'number' ? (err as { status: number }).status : 500;
    if (status >= 500) logger.error('unhandled error', { error: err instanceof Error ? err.message : String(err) });
    res.status(status).json({ error: status >= 500 ? 'internal_error' : 'bad_request' });
  });
  return app;
}

/** Starts the stand-in on 127.0.0.1 and resolves once it listens. */
export async function start(config: Config, deps: Partial<Deps> = {}): Promise<RunningStandin> {
  const full: Deps = { clock: deps.clock ?? { now: Date.now }, logger: deps.logger ?? createLogger() };
  const server: Server = createServer(createApp(config, full));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  full.logger.info('NHIS stand-in listening', { url: `http://${HOST}:${port}`, control: config.controlEnabled });
  return {
    url: `http://${HOST}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Hung (simulated outage) and keep-alive connections would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
