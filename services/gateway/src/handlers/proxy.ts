import { Transform } from 'node:stream';
import type { Request, Response } from 'express';
import {
  AppError,
  checkRequestTarget,
  ValidationError,
  currentContext,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  isProblemBody,
  problem,
  REQUEST_ID_HEADER,
  SESSION_ID_HEADER,
  UnauthorizedError,
  USER_ID_HEADER,
  type Logger,
  type Metrics,
  type RouteSpec,
} from '@healthsync/shared';
import { buildRouteTable, GATEWAY_APP, matchRoute, serviceForPath, upstreamPath, type RouteEntry } from '../domain/routing.js';
import type { Authenticator } from '../adapters/authenticator.js';
import { UnconfinedPathError, type Upstream, type UpstreamResponse } from '../adapters/upstream.js';
import type { ServiceFragment } from '../adapters/openapi-source.js';
import type { GatewayConfig } from '../config.js';

export interface ProxyDeps {
  config: GatewayConfig;
  upstream: Upstream;
  authenticator: Authenticator;
  rateLimiter: { check(clientKey: string): Promise<{ allowed: boolean; limit: number; remaining: number; resetSeconds: number } | undefined> };
  fragments: () => Promise<ServiceFragment[]>;
  /** The gateway's own routes (declared like a service's), answered here after the same checks. */
  local?: { fragment: ServiceFragment; routes: RouteSpec[] };
  logger: Logger;
  metrics: Metrics;
}

/** Request headers passed on to services; everything else (cookies, auth) stays here. */
const FORWARDED_REQUEST_HEADERS = [
  'content-type',
  'content-length',
  'accept',
  'accept-language',
  'if-none-match',
  'if-match',
  'last-event-id',
  IDEMPOTENCY_KEY_HEADER,
];
/** A header value the gateway passes on: tabs, spaces and visible ASCII only. */
const VISIBLE_ASCII = /^[\t\x20-\x7e]*$/;
/** Answers up to this size (with a Content-Length) are read whole and sent in one write. */
const BUFFERED_ANSWER_BYTES = 256 * 1024;
/** Response headers passed back to the client. */
const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'cache-control',
  'etag',
  'location',
  'retry-after',
  'content-disposition',
  'x-accel-buffering',
  IDEMPOTENT_REPLAYED_HEADER,
];

function sendProblem(res: Response, status: number, code: string, detail: string, extra: Record<string, unknown> = {}): void {
  res
    .status(status)
    .type('application/problem+json')
    .json(problem(status, code, detail, { traceId: currentContext()?.traceId, ...extra }));
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

/** Reads chunks until the body ends or more than `limit` bytes have come (then the rest is still to be read). */
async function readUpTo(chunks: AsyncIterator<Buffer>, limit: number): Promise<{ ended: boolean; chunks: Buffer[] }> {
  const read: Buffer[] = [];
  let bytes = 0;
  while (bytes <= limit) {
    const next = await chunks.next();
    if (next.done) return { ended: true, chunks: read };
    read.push(next.value);
    bytes += next.value.length;
  }
  return { ended: false, chunks: read };
}

const routeTables = new WeakMap<ServiceFragment, RouteEntry[]>();
function routeTableOf(fragment: ServiceFragment): RouteEntry[] {
  let table = routeTables.get(fragment);
  if (!table) {
    table = buildRouteTable(fragment.paths, fragment.service);
    routeTables.set(fragment, table);
  }
  return table;
}

/**
 * `/api/<prefix>/…` → the owning service through the sidecar. The request target was
 * already checked to be canonical (shared app middleware). Checks, in order: that the
 * service's routes are known (503 otherwise: nothing is forwarded unchecked), that a route
 * exists (404/405) and its path parameters satisfy the documented schema (400), the token
 * when the route needs one (401), the client's rate (429) and the body size (413); then
 * forwards to the path built from the route template and streams the answer back.
 */
export function createProxyHandler(deps: ProxyDeps) {
  const upstreamLatency = deps.metrics.histogram('gateway_upstream_duration_seconds', 'Upstream calls by app and outcome', ['app', 'outcome']);

  const localRoutes = new Map((deps.local?.routes ?? []).map((spec) => [`${spec.method} ${spec.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`, spec]));
  const localSuccess = (spec: RouteSpec) => Number(Object.keys(spec.responses).find((status) => status.startsWith('2')) ?? 200);

  return async (req: Request, res: Response): Promise<void> => {
    /** A gateway route: its query validated by its own schema, the identity from the token only. */
    const answerHere = async (template: string, identity: { userId: string; sessionId: string } | undefined, query: string): Promise<void> => {
      const spec = localRoutes.get(`${req.method === 'HEAD' ? 'get' : req.method.toLowerCase()} ${template}`);
      if (!spec) return sendProblem(res, 404, 'ROUTE_NOT_FOUND', `No route for ${req.method} ${template}`);
      const parsed = spec.query ? spec.query.safeParse(Object.fromEntries(new URLSearchParams(query))) : undefined;
      if (parsed && !parsed.success) {
        throw new ValidationError(parsed.error.issues.map((issue) => ({ field: ['query', ...issue.path.map(String)].join('.'), message: issue.message })));
      }
      const result = await spec.handler({
        params: undefined,
        query: parsed?.data,
        body: undefined,
        userId: identity?.userId ?? '',
        sessionId: identity?.sessionId ?? '',
        req,
        res,
      });
      if (res.headersSent) return;
      if (result === undefined) res.status(204).end();
      else res.status(localSuccess(spec)).json(result);
    };

    const target = checkRequestTarget(req.originalUrl);
    if (!target.ok) return sendProblem(res, 400, 'NON_CANONICAL_PATH', `The request target is refused: ${target.reason}.`);
    const path = target.path;
    const app = serviceForPath(path);
    if (!app) return sendProblem(res, 404, 'ROUTE_NOT_FOUND', `No route for ${req.method} ${path}`);

    const fragment = app === GATEWAY_APP ? deps.local?.fragment : (await deps.fragments()).find((candidate) => candidate.service === app);
    if (!fragment) {
      res.setHeader('Retry-After', '5');
      return sendProblem(res, 503, 'ROUTES_UNAVAILABLE', `The ${app} service's routes are not known yet; try again shortly.`);
    }
    const match = matchRoute(routeTableOf(fragment), req.method, path);
    if (match.kind === 'not-found') return sendProblem(res, 404, 'ROUTE_NOT_FOUND', `No route for ${req.method} ${path}`);
    if (match.kind === 'method-not-allowed') {
      res.setHeader('Allow', match.allow.join(', '));
      return sendProblem(res, 405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}`);
    }
    res.locals.routeTemplate = match.template;
    if (match.invalid.length > 0) {
      return sendProblem(res, 400, 'VALIDATION_FAILED', 'The request is not valid.', { errors: match.invalid });
    }

    // The user id is taken from the verified token only; a client-sent header is dropped.
    const identity = match.requiresUser ? await deps.authenticator.authenticate(req) : undefined;
    if (match.requiresUser && !identity) throw new UnauthorizedError();
    // Log lines of this request carry the verified user (the context never takes a client's header).
    const context = currentContext();
    if (context && identity) {
      context.userId = identity.userId;
      context.sessionId = identity.sessionId;
    }

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

    if (app === GATEWAY_APP) return answerHere(match.template, identity, target.query);

    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value !== 'string') continue;
      // Only visible ASCII goes on to the next hop (which would refuse the rest mid-call).
      if (!VISIBLE_ASCII.test(value)) {
        return sendProblem(res, 400, 'VALIDATION_FAILED', 'The request is not valid.', {
          errors: [{ field: `header.${name}`, message: 'must be visible ASCII characters' }],
        });
      }
      headers[name] = value;
    }
    // Dapr treats a call whose Accept is exactly text/event-stream as a live stream and turns any
    // error answer of the app into its own 500; naming problem+json as acceptable too keeps the
    // stream and lets the service's own 4xx (e.g. 429 CHAT_STREAMS_EXCEEDED) reach the client.
    if (match.streams && headers.accept?.trim() === 'text/event-stream') headers.accept = 'text/event-stream, application/problem+json';
    if (context) {
      headers.traceparent = context.traceparent;
      headers[REQUEST_ID_HEADER] = context.requestId;
    }
    if (identity) {
      headers[USER_ID_HEADER] = identity.userId;
      headers[SESSION_ID_HEADER] = identity.sessionId;
    }

    const timeoutMs = match.streams ? deps.config.STREAM_TIMEOUT_MS : deps.config.UPSTREAM_TIMEOUT_MS;
    const started = process.hrtime.bigint();
    const observe = (outcome: string) => upstreamLatency.observe({ app, outcome }, Number(process.hrtime.bigint() - started) / 1e9);

    let upstreamResponse: UpstreamResponse;
    try {
      const hasBody = !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(req.method) && declaredLength !== 0;
      const body = hasBody ? req.pipe(limitBody(deps.config.BODY_LIMIT_BYTES)) : undefined;
      upstreamResponse = await deps.upstream.forward(
        app,
        { method: req.method, pathAndQuery: upstreamPath(match.template, match.params, target.query), ...(body ? { body } : {}) },
        headers,
        timeoutMs,
      );
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof UnconfinedPathError) {
        deps.logger.warn('refused a path that would leave the API', { app, template: match.template });
        return sendProblem(res, 400, 'NON_CANONICAL_PATH', 'The request target is refused.');
      }
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      observe(timedOut ? 'timeout' : 'unreachable');
      deps.logger.warn('upstream call failed', { app, timedOut, error: String(error) });
      if (timedOut) return sendProblem(res, 504, 'UPSTREAM_TIMEOUT', `The ${app} service did not answer in time.`);
      return sendProblem(res, 502, 'UPSTREAM_UNAVAILABLE', `The ${app} service is unavailable.`);
    }

    const contentType = upstreamResponse.header('content-type') ?? '';
    // A failure inside Dapr (target down, access denied, breaker open) is not the service's
    // own answer: the service always answers errors as problem+json.
    if (
      (upstreamResponse.status >= 500 && !contentType.includes('problem+json')) ||
      (upstreamResponse.status === 403 && contentType.startsWith('application/json'))
    ) {
      const text = await upstreamResponse.text().catch(() => '');
      observe('failed');
      deps.logger.warn('upstream failed inside the sidecar', { app, status: upstreamResponse.status, body: text.slice(0, 300) });
      return sendProblem(res, 502, 'UPSTREAM_UNAVAILABLE', `The ${app} service is unavailable.`);
    }

    // An ordinary answer of modest size goes out in one write with its length, whether the
    // service gave one or the sidecar passed it on in chunks; a stream (server-sent events) or
    // a large body is passed on as it arrives.
    const length = Number(upstreamResponse.header('content-length') ?? NaN);
    const chunks = upstreamResponse.body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    let whole: Buffer | undefined;
    let head: Buffer[] = [];
    if (!(length > BUFFERED_ANSWER_BYTES) && !contentType.startsWith('text/event-stream')) {
      try {
        const read = await readUpTo(chunks, BUFFERED_ANSWER_BYTES);
        if (read.ended) whole = read.chunks.length === 1 ? read.chunks[0]! : Buffer.concat(read.chunks);
        else head = read.chunks;
      } catch (error) {
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        observe(timedOut ? 'timeout' : 'unreachable');
        deps.logger.warn('upstream answer broke off', { app, timedOut, error: String(error) });
        if (timedOut) return sendProblem(res, 504, 'UPSTREAM_TIMEOUT', `The ${app} service did not answer in time.`);
        return sendProblem(res, 502, 'UPSTREAM_UNAVAILABLE', `The ${app} service is unavailable.`);
      }
    }
    observe(String(upstreamResponse.status));
    res.status(upstreamResponse.status);
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = upstreamResponse.header(name);
      if (value) res.setHeader(name, value);
    }
    if (whole) {
      // A service's own problem: its words follow the client's language (res.json localises it, see server.ts).
      if (contentType.includes('problem+json')) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(whole.toString('utf8'));
        } catch {
          parsed = undefined;
        }
        if (isProblemBody(parsed)) {
          res.json(parsed);
          return;
        }
      }
      res.setHeader('Content-Length', String(whole.length));
      res.end(whole);
      return;
    }
    res.flushHeaders();
    // The response's 'close' is the client hanging up; the request's fires as soon as its
    // body has been read. Ending the upstream call closes the service's request, which
    // stops generating (chat streams).
    res.on('close', () => {
      if (!res.writableFinished) upstreamResponse.cancel();
    });
    const send = async (chunk: Buffer) => {
      if (res.write(chunk) || res.destroyed) return;
      await new Promise<void>((resolve) => {
        const go = () => {
          res.off('drain', go).off('close', go);
          resolve();
        };
        res.on('drain', go).on('close', go);
      });
    };
    for (const chunk of head) await send(chunk);
    while (!res.destroyed) {
      const next = await chunks.next();
      if (next.done) break;
      await send(next.value);
    }
    res.end();
  };
}
