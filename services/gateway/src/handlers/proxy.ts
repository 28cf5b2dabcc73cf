import { Transform } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import {
  AppError,
  currentContext,
  problem,
  REQUEST_ID_HEADER,
  SESSION_ID_HEADER,
  UnauthorizedError,
  USER_ID_HEADER,
  type Logger,
  type Metrics,
} from '@healthsync/shared';
import { buildRouteTable, matchRoute, serviceForPath, type RouteEntry } from '../domain/routing.js';
import type { Authenticator } from '../adapters/authenticator.js';
import type { Upstream } from '../adapters/upstream.js';
import type { ServiceFragment } from '../adapters/openapi-source.js';
import type { GatewayConfig } from '../config.js';

export interface ProxyDeps {
  config: GatewayConfig;
  upstream: Upstream;
  authenticator: Authenticator;
  rateLimiter: { check(clientKey: string): Promise<{ allowed: boolean; limit: number; remaining: number; resetSeconds: number } | undefined> };
  fragments: () => Promise<ServiceFragment[]>;
  logger: Logger;
  metrics: Metrics;
}

/** Request headers passed on to services; everything else (cookies, auth) stays here. */
const FORWARDED_REQUEST_HEADERS = ['content-type', 'content-length', 'accept', 'accept-language', 'if-none-match', 'last-event-id'];
/** Response headers passed back to the client. */
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'cache-control', 'etag', 'location', 'retry-after', 'content-disposition', 'x-accel-buffering'];

function sendProblem(res: Response, status: number, code: string, detail: string, extra: Record<string, unknown> = {}): void {
  res.status(status).type('application/problem+json').json(problem(status, code, detail, { traceId: currentContext()?.traceId, ...extra }));
}

function limitBody(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) callback(new AppError(413, 'PAYLOAD_TOO_LARGE', `The body exceeds ${maxBytes} bytes.`));
      else callback(null, chunk);
    },
  });
}

let routeCache: { source: ServiceFragment[]; table: RouteEntry[] } | undefined;
function routeTable(fragments: ServiceFragment[]): RouteEntry[] {
  if (routeCache?.source !== fragments) {
    routeCache = { source: fragments, table: buildRouteTable(Object.assign({}, ...fragments.map((f) => f.paths))) };
  }
  return routeCache.table;
}

/**
 * `/api/<prefix>/…` → the owning service through the sidecar. Checks, in order: that a
 * route exists (404/405), the token when the route needs one (401), the client's rate
 * (429) and the body size (413); then streams the request and the answer through.
 */
export function createProxyHandler(deps: ProxyDeps) {
  const upstreamLatency = deps.metrics.histogram('gateway_upstream_duration_seconds', 'Upstream calls by app and outcome', ['app', 'outcome']);

  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const path = `${req.baseUrl}${req.path}`;
    const app = serviceForPath(path);
    if (!app) return sendProblem(res, 404, 'ROUTE_NOT_FOUND', `No route for ${req.method} ${path}`);

    const fragments = await deps.fragments();
    const knowsService = fragments.some((fragment) => fragment.service === app);
    const match = knowsService ? matchRoute(routeTable(fragments), req.method, path) : undefined;
    if (match?.kind === 'not-found') return sendProblem(res, 404, 'ROUTE_NOT_FOUND', `No route for ${req.method} ${path}`);
    if (match?.kind === 'method-not-allowed') {
      res.setHeader('Allow', match.allow.join(', '));
      return sendProblem(res, 405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}`);
    }

    if (match?.kind === 'found') res.locals.routeTemplate = match.template;

    // The user id is taken from the verified token only; a client-sent header is dropped.
    const requiresUser = match ? match.requiresUser : true;
    const identity = requiresUser ? await deps.authenticator.authenticate(req) : undefined;
    if (requiresUser && !identity) throw new UnauthorizedError();

    const clientKey = identity ? `user:${identity.userId}` : `ip:${req.ip ?? 'unknown'}`;
    const decision = await deps.rateLimiter.check(clientKey);
    if (decision) {
      res.setHeader('RateLimit-Limit', String(decision.limit));
      res.setHeader('RateLimit-Remaining', String(decision.remaining));
      res.setHeader('RateLimit-Reset', String(decision.resetSeconds));
      if (!decision.allowed) {
        res.setHeader('Retry-After', String(decision.resetSeconds));
        return sendProblem(res, 429, 'RATE_LIMITED', 'Too many requests; try again later.');
      }
    }

    const declaredLength = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
    if (declaredLength !== undefined && declaredLength > deps.config.BODY_LIMIT_BYTES) {
      return sendProblem(res, 413, 'PAYLOAD_TOO_LARGE', `The body exceeds ${deps.config.BODY_LIMIT_BYTES} bytes.`);
    }

    const context = currentContext();
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    if (context) {
      headers.traceparent = context.traceparent;
      headers[REQUEST_ID_HEADER] = context.requestId;
    }
    if (identity) {
      headers[USER_ID_HEADER] = identity.userId;
      headers[SESSION_ID_HEADER] = identity.sessionId;
    }

    const streams = match?.kind === 'found' && match.streams;
    const timeoutMs = streams ? deps.config.STREAM_TIMEOUT_MS : deps.config.UPSTREAM_TIMEOUT_MS;
    const started = process.hrtime.bigint();
    const observe = (outcome: string) => upstreamLatency.observe({ app, outcome }, Number(process.hrtime.bigint() - started) / 1e9);

    let upstreamResponse: globalThis.Response;
    try {
      const hasBody = !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(req.method) && declaredLength !== 0;
      const body = hasBody ? req.pipe(limitBody(deps.config.BODY_LIMIT_BYTES)) : undefined;
      body?.on('error', (error) => next(error));
      upstreamResponse = await deps.upstream.forward(app, { method: req.method, pathAndQuery: req.originalUrl, ...(body ? { body } : {}) }, headers, timeoutMs);
    } catch (error) {
      if (error instanceof AppError) throw error;
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      observe(timedOut ? 'timeout' : 'unreachable');
      deps.logger.warn('upstream call failed', { app, timedOut, error: String(error) });
      if (timedOut) return sendProblem(res, 504, 'UPSTREAM_TIMEOUT', `The ${app} service did not answer in time.`);
      return sendProblem(res, 502, 'UPSTREAM_UNAVAILABLE', `The ${app} service is unavailable.`);
    }

    const contentType = upstreamResponse.headers.get('content-type') ?? '';
    // A failure inside Dapr (target down, access denied, breaker open) is not the service's
    // own answer: the service always answers errors as problem+json.
    if (upstreamResponse.status >= 500 && !contentType.includes('problem+json') || upstreamResponse.status === 403 && contentType.startsWith('application/json')) {
      const text = await upstreamResponse.text();
      observe('failed');
      deps.logger.warn('upstream failed inside the sidecar', { app, status: upstreamResponse.status, body: text.slice(0, 300) });
      return sendProblem(res, 502, 'UPSTREAM_UNAVAILABLE', `The ${app} service is unavailable.`);
    }

    observe(String(upstreamResponse.status));
    res.status(upstreamResponse.status);
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = upstreamResponse.headers.get(name);
      if (value) res.setHeader(name, value);
    }
    if (!upstreamResponse.body) {
      res.end();
      return;
    }
    res.flushHeaders();
    const reader = upstreamResponse.body.getReader();
    req.on('close', () => void reader.cancel().catch(() => undefined));
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      res.write(value);
    }
    res.end();
  };
}
