import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { createBehaviourSwitch } from './adapters/behaviour.js';
import { createBatchStore } from './adapters/batch-store.js';
import { createRealism } from './adapters/realism.js';
import { createRequestLog } from './adapters/request-log.js';
import { createStats } from './adapters/stats.js';
import type { Config } from './config.js';
import { newId } from './domain/ids.js';
import { type Clock, createMessagesHandler } from './handlers/messages.js';
import { type Logger, createLogger } from './logger.js';
import { sendApiError } from './routes/api-errors.js';
import { createControlRouter } from './routes/control.js';
import { createBatchesRouter } from './routes/batches.js';
import { createMessagesRouter } from './routes/messages.js';

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

export function createApp(config: Config, deps: Deps) {
  const { clock, logger } = deps;
  const behaviour = createBehaviourSwitch();
  const requestLog = createRequestLog();
  const stats = createStats(() => clock.now());
  const handler = createMessagesHandler({ behaviour, requestLog, stats, clock, logger });
  const realism = createRealism(config.realism, { now: () => clock.now() });
  const batches = createBatchStore({ realism: config.realism, clock, answerOf: (request) => handler.answerOf(request) });

  const app = express();
  app.disable('x-powered-by');
  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.setHeader('request-id', newId('req'));
    res.on('finish', () => {
      logger.info('request', {
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        requestId: res.getHeader('request-id'),
        durationMs: Number((process.hrtime.bigint() - started) / 1_000_000n),
      });
    });
    next();
  });
  app.use(createMessagesRouter({ apiKey: config.apiKey, handler, stats, realism }));
  app.use(createBatchesRouter({ apiKey: config.apiKey, batches, realism }));
  if (config.controlEnabled) app.use(createControlRouter({ behaviour, requestLog, stats, batches, realism: config.realism, logger }));
  app.use((_req: Request, res: Response) => {
    sendApiError(res, 404, 'not_found_error', 'Not found');
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    logger.error('unhandled error', { error: err instanceof Error ? err.message : String(err) });
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendApiError(res, 500, 'api_error', 'Internal server error');
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
  full.logger.info('Claude stand-in listening', { url: `http://${HOST}:${port}`, control: config.controlEnabled, realism: config.realism });
  return {
    url: `http://${HOST}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Slow (delayed) and keep-alive connections would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
