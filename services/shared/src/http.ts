import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { contextFromTraceparent, currentContext, runWithContext } from './context.js';
import { AppError, isProblemBody, problem, type Problem } from './errors.js';
import { checkRequestTarget } from './request-target.js';
import type { Logger } from './logger.js';
import { routeTemplateOf, type Metrics } from './metrics.js';
import { openApiComponents, openApiPaths, type RouteSpec } from './routes.js';

import { DAPR_API_TOKEN_HEADER, REQUEST_ID_HEADER, SESSION_ID_HEADER, TRACEPARENT_HEADER, USER_ID_HEADER } from './contracts/identity.js';
import { PROBLEM_CONTENT_TYPE } from './contracts/problem.js';

export interface ServiceAppOptions {
  service: string;
  logger: Logger;
  metrics: Metrics;
  /** Named readiness checks; /readyz is 200 only when all pass. */
  readiness: Record<string, () => Promise<boolean>>;
  /** When set, every request except the probes must carry it as `dapr-api-token` (sent by the sidecar). */
  appApiToken?: string;
  /** Largest JSON body accepted. */
  bodyLimit?: string;
  /** False for the gateway, which streams bodies through untouched. */
  parseJsonBodies?: boolean;
  /**
   * Set only at the public edge (the gateway): the fraction of requests whose trace is
   * sampled, decided here whatever sampled flag the client's `traceparent` carries.
   */
  traceSampleRate?: number;
  /**
   * False at the public edge (the gateway): the user and session headers come from clients
   * there, so they never enter the request context (the gateway sets it from the token).
   */
  trustIdentityHeaders?: boolean;
  /** Set only at the public edge: rewrites the words of every problem+json answer for the request (its language). */
  localiseProblems?: (req: Request, res: Response, body: Problem) => Problem;
}

function tokenMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The Express app every service starts from: request context (trace id, request id, the
 * gateway-verified user id), JSON bodies, metrics, probes. Add routers, then call
 * `finishServiceApp` to add the 404 and error handlers.
 */
export function createServiceApp(options: ServiceAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // ETags only where a route declares them (RouteSpec.etag, ifMatch: strong tags of the
  // resource); Express would otherwise hash every JSON answer, problems included.
  app.set('etag', false);

  const localise = options.localiseProblems;
  if (localise) {
    app.use((req: Request, res: Response, next: NextFunction) => {
      const json = res.json.bind(res);
      res.json = (body: unknown) => {
        const problemAnswer = String(res.getHeader('content-type') ?? '').includes('problem+json') && isProblemBody(body);
        return json(problemAnswer ? localise(req, res, body) : body);
      };
      next();
    });
  }

  const rate = options.traceSampleRate;
  const sample = rate === undefined ? undefined : () => Math.random() < rate;
  const trustIdentityHeaders = options.trustIdentityHeaders !== false;
  app.use((req: Request, res: Response, next: NextFunction) => {
    const requestId = req.header(REQUEST_ID_HEADER) ?? undefined;
    const context = contextFromTraceparent(req.header(TRACEPARENT_HEADER) ?? undefined, requestId, sample);
    if (trustIdentityHeaders) {
      const userId = req.header(USER_ID_HEADER);
      if (userId) context.userId = userId;
      const sessionId = req.header(SESSION_ID_HEADER);
      if (sessionId) context.sessionId = sessionId;
    }
    res.setHeader(REQUEST_ID_HEADER, context.requestId);
    runWithContext(context, next);
  });

  // Only canonical paths are routed (see request-target.ts): nothing a later hop could
  // normalise into another resource gets past this line, in the gateway or in a service.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const check = checkRequestTarget(req.originalUrl);
    if (check.ok) return next();
    res
      .status(400)
      .type(PROBLEM_CONTENT_TYPE)
      .json(problem(400, 'NON_CANONICAL_PATH', `The request target is refused: ${check.reason}.`, { traceId: currentContext()?.traceId }));
  });

  if (options.appApiToken) {
    const token = options.appApiToken;
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (PROBES.has(req.path) || tokenMatches(token, req.header(DAPR_API_TOKEN_HEADER))) return next();
      res
        .status(403)
        .type(PROBLEM_CONTENT_TYPE)
        .json(problem(403, 'NOT_FROM_SIDECAR', 'Requests must come through Dapr.'));
    });
  }

  app.use(options.metrics.httpMiddleware());
  // One access-log line per request (not for probes), carrying the trace id like every line.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (PROBES.has(req.path)) return next();
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      options.logger.info('request', {
        method: req.method,
        route: routeTemplateOf(req, res),
        status: res.statusCode,
        durationMs: Number((Number(process.hrtime.bigint() - started) / 1e6).toFixed(2)),
      });
    });
    next();
  });
  if (options.parseJsonBodies !== false) {
    app.use(express.json({ limit: options.bodyLimit ?? '256kb', type: ['application/json', 'application/*+json'] }));
    // Only the OAuth token endpoint documents a form body; elsewhere a form fails validation.
    app.use(express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20, type: 'application/x-www-form-urlencoded' }));
  }

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: options.service });
  });
  app.get('/readyz', async (_req, res) => {
    const entries = await Promise.all(Object.entries(options.readiness).map(async ([name, check]) => [name, await check().catch(() => false)] as const));
    const checks = Object.fromEntries(entries);
    const ready = entries.every(([, ok]) => ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not-ready', service: options.service, checks });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics());
  });
  return app;
}

/** Serves the service's OpenAPI fragment to the gateway, which merges them. */
export function mountOpenApi(
  app: Express,
  service: string,
  routes: RouteSpec[],
  securitySchemes: () => Promise<Record<string, unknown>> = async () => ({}),
): void {
  const paths = openApiPaths(routes);
  app.get('/internal/openapi', async (_req, res) => {
    res.json({ service, paths, components: openApiComponents({ securitySchemes: await securitySchemes() }) });
  });
}

/** Turns every error into RFC 9457 problem+json; only 5xx are logged as errors. */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const traceId = currentContext()?.traceId;
    let status = 500;
    let body;
    if (error instanceof AppError) {
      status = error.status;
      body = problem(error.status, error.code, error.message, { ...error.extra, traceId });
      if (error.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
      const retryAfter = error.extra.retryAfterSeconds;
      if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    } else if (isBodyParserError(error)) {
      status = error.status;
      const code = error.type === 'entity.too.large' ? 'PAYLOAD_TOO_LARGE' : error.type === 'entity.parse.failed' ? 'MALFORMED_JSON' : 'BAD_REQUEST';
      body = problem(status, code, code === 'MALFORMED_JSON' ? 'The body is not valid JSON.' : error.message, { traceId });
    } else {
      body = problem(500, 'INTERNAL', 'Something went wrong on our side.', { traceId });
    }
    if (status >= 500) logger.error('request failed', { method: req.method, path: req.path, status, error });
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(status).type(PROBLEM_CONTENT_TYPE).json(body);
  };
}

function isBodyParserError(error: unknown): error is { status: number; type: string; message: string } {
  return typeof error === 'object' && error !== null && 'type' in error && 'status' in error && typeof (error as { status: unknown }).status === 'number';
}

export function finishServiceApp(app: Express, logger: Logger): void {
  app.use((req: Request, res: Response) => {
    res
      .status(404)
      .type(PROBLEM_CONTENT_TYPE)
      .json(problem(404, 'ROUTE_NOT_FOUND', `No route for ${req.method} ${req.path}`, { traceId: currentContext()?.traceId }));
  });
  app.use(errorHandler(logger));
}

/** Listens, and returns a function that stops accepting and waits for requests in flight. */
export async function listen(app: Express, port: number, host: string): Promise<{ server: Server; close(): Promise<void> }> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, () => resolve(s));
    s.once('error', reject);
  });
  server.keepAliveTimeout = 65_000;
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 10_000).unref();
      }),
  };
}
