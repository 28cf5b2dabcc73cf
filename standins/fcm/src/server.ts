import { randomBytes, randomInt, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import type { Logger } from './logger.js';

/**
 * Firebase Cloud Messaging's HTTP v1 API and Google's OAuth 2.0 token endpoint, as far as a
 * server that sends notifications to registration tokens uses them (docs/reference/fcm.md):
 *
 * - `POST /token`: the JWT-bearer grant (RFC 7523). The assertion must be RS256-signed by the
 *   service account's key, with `iss` its client email, `aud` the token URI, a
 *   `https://www.googleapis.com/auth/firebase.messaging` scope and at most an hour between `iat`
 *   and `exp`; Google's `invalid_grant` answers otherwise.
 * - `POST /v1/projects/{project}/messages:send`: a bearer access token from /token; the message
 *   addressed to one registration token; Google's error shapes (`google.rpc.Status` with an
 *   `FcmError` detail): 400 INVALID_ARGUMENT for a malformed token or message, 404 UNREGISTERED
 *   for a token whose app instance is gone, 401 UNAUTHENTICATED, 403 PERMISSION_DENIED, and
 *   injected 429 QUOTA_EXCEEDED / 503 UNAVAILABLE / 500 INTERNAL with `Retry-After`.
 * - With FCM_STANDIN_CONTROL=true, test-only routes under /control: what was delivered, tokens
 *   to unregister (the app was uninstalled), failures to inject, counters.
 */

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
const FCM_ERROR_TYPE = 'type.googleapis.com/google.firebase.fcm.v1.FcmError';
const BAD_REQUEST_TYPE = 'type.googleapis.com/google.rpc.BadRequest';
/** FCM's payload limit for a message to a token (bytes of the message object). */
const MAX_MESSAGE_BYTES = 4096;
/** What a registration token looks like here: FCM's are opaque, URL-safe and about 150–200 characters. */
const TOKEN_FORMAT = /^[A-Za-z0-9_:-]{32,4096}$/;

export interface DeliveredMessage {
  name: string;
  token: string;
  message: Record<string, unknown>;
  receivedAt: string;
}

export interface InjectedFailure {
  status: 429 | 500 | 503;
  /** Seconds for the Retry-After header; absent: no header. */
  retryAfterSeconds?: number;
  /** Only for sends to this token; absent: any send. */
  token?: string;
  /** Answers left. */
  remaining: number;
}

export interface RunningStandin {
  url: string;
  port: number;
  server: Server;
  state: StandinState;
  stop(): Promise<void>;
}

export interface StandinState {
  delivered: DeliveredMessage[];
  unregistered: Set<string>;
  failures: InjectedFailure[];
  accessTokens: Map<string, { expiresAt: number; scopes: string[] }>;
  counters: { tokenRequests: number; tokensIssued: number; sendRequests: number; answers: Record<string, number> };
}

class HttpAnswer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

function rpcError(status: number, rpcStatus: string, message: string, details: unknown[] = []): HttpAnswer {
  return new HttpAnswer(status, { error: { code: status, message, status: rpcStatus, ...(details.length > 0 ? { details } : {}) } });
}
const fcmDetail = (errorCode: string) => ({ '@type': FCM_ERROR_TYPE, errorCode });
const oauthError = (error: string, description: string) => new HttpAnswer(400, { error, error_description: description });

function base64urlJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function createStandin(config: Config, logger: Logger) {
  const state: StandinState = {
    delivered: [],
    unregistered: new Set(),
    failures: [],
    accessTokens: new Map(),
    counters: { tokenRequests: 0, tokensIssued: 0, sendRequests: 0, answers: {} },
  };
  let tokenUri = config.tokenUri;

  async function token(req: IncomingMessage): Promise<HttpAnswer> {
    state.counters.tokenRequests += 1;
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return oauthError('invalid_request', 'Content-Type must be application/x-www-form-urlencoded.');
    }
    const body = await readBody(req, 16_384);
    if (body === undefined) return oauthError('invalid_request', 'Request too large.');
    const form = new URLSearchParams(body);
    const grantType = form.get('grant_type');
    if (grantType !== JWT_BEARER) return oauthError('unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
    const assertion = form.get('assertion') ?? '';
    const parts = assertion.split('.');
    if (parts.length !== 3) return oauthError('invalid_grant', 'Invalid JWT: Malformed.');
    const [headerPart, claimsPart, signaturePart] = parts as [string, string, string];
    const header = base64urlJson(headerPart) as { alg?: unknown; typ?: unknown } | undefined;
    const claims = base64urlJson(claimsPart) as Record<string, unknown> | undefined;
    if (!header || !claims || typeof claims !== 'object') return oauthError('invalid_grant', 'Invalid JWT: Malformed.');
    if (header.alg !== 'RS256') return oauthError('invalid_grant', 'Invalid JWT: Unsupported signature algorithm; service accounts sign RS256.');
    const signed = verify('RSA-SHA256', Buffer.from(`${headerPart}.${claimsPart}`), config.publicKey, Buffer.from(signaturePart, 'base64url'));
    if (!signed) return oauthError('invalid_grant', 'Invalid JWT Signature.');
    if (claims.iss !== config.clientEmail) return oauthError('invalid_grant', 'Invalid JWT: the issuer is not a known service account.');
    if (claims.aud !== tokenUri) return oauthError('invalid_grant', 'Invalid JWT: Failed audience check.');
    const now = Math.floor(Date.now() / 1000);
    const { iat, exp } = claims;
    if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= iat || exp - iat > 3600 || exp <= now || iat > now + 300) {
      return oauthError(
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
      );
    }
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
    if (scopes.length === 0) return oauthError('invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
    const accessToken = `ya29.local-${randomBytes(32).toString('base64url')}`;
    state.accessTokens.set(accessToken, { expiresAt: Date.now() + config.tokenTtlSeconds * 1000, scopes });
    state.counters.tokensIssued += 1;
    return new HttpAnswer(200, { access_token: accessToken, expires_in: config.tokenTtlSeconds, token_type: 'Bearer' });
  }

  function takeFailure(target: string): InjectedFailure | undefined {
    const index = state.failures.findIndex((f) => f.remaining > 0 && (f.token === undefined || f.token === target));
    if (index < 0) return undefined;
    const failure = state.failures[index]!;
    failure.remaining -= 1;
    if (failure.remaining === 0) state.failures.splice(index, 1);
    return failure;
  }

  async function send(req: IncomingMessage, project: string): Promise<HttpAnswer> {
    state.counters.sendRequests += 1;
    const auth = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    const grant = auth ? state.accessTokens.get(auth[1]!) : undefined;
    if (!grant || grant.expiresAt <= Date.now()) {
      return rpcError(
        401,
        'UNAUTHENTICATED',
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      );
    }
    if (!grant.scopes.includes(FCM_SCOPE)) return rpcError(403, 'PERMISSION_DENIED', 'Request had insufficient authentication scopes.');
    if (project !== config.projectId) {
      return rpcError(
        403,
        'PERMISSION_DENIED',
        `Permission 'cloudmessaging.messages.create' denied on resource '//cloudresourcemanager.googleapis.com/projects/${project}'.`,
      );
    }
    const text = await readBody(req, 65_536);
    if (text === undefined) return rpcError(400, 'INVALID_ARGUMENT', 'Request payload size exceeds the limit.');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return rpcError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.');
    }
    const message = (body as { message?: unknown } | null)?.message;
    if (!message || typeof message !== 'object' || Array.isArray(message)) {
      return rpcError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.', [
        { '@type': BAD_REQUEST_TYPE, fieldViolations: [{ field: 'message', description: 'Message is required.' }] },
      ]);
    }
    const m = message as Record<string, unknown>;
    if (m.data !== undefined) {
      const data = m.data as Record<string, unknown>;
      const bad =
        typeof data !== 'object' || data === null
          ? ['message.data']
          : Object.entries(data)
              .filter(([, v]) => typeof v !== 'string')
              .map(([k]) => `message.data[${k}].value`);
      if (bad.length > 0) {
        return rpcError(400, 'INVALID_ARGUMENT', `Invalid value at '${bad[0]}' (TYPE_STRING)`, [
          { '@type': BAD_REQUEST_TYPE, fieldViolations: bad.map((field) => ({ field, description: `Invalid value at '${field}' (TYPE_STRING)` })) },
        ]);
      }
    }
    if (typeof m.token !== 'string') {
      return rpcError(400, 'INVALID_ARGUMENT', 'Recipient of the message is not set.', [fcmDetail('INVALID_ARGUMENT')]);
    }
    if (Buffer.byteLength(JSON.stringify(m)) > MAX_MESSAGE_BYTES) {
      return rpcError(400, 'INVALID_ARGUMENT', 'Message is too big', [fcmDetail('INVALID_ARGUMENT')]);
    }
    if (!TOKEN_FORMAT.test(m.token)) {
      return rpcError(400, 'INVALID_ARGUMENT', 'The registration token is not a valid FCM registration token', [fcmDetail('INVALID_ARGUMENT')]);
    }
    const failure = takeFailure(m.token);
    if (failure) {
      const headers: Record<string, string> = failure.retryAfterSeconds === undefined ? {} : { 'retry-after': String(failure.retryAfterSeconds) };
      const answer =
        failure.status === 429
          ? rpcError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded for quota metric "Send requests" of service fcm.googleapis.com.', [fcmDetail('QUOTA_EXCEEDED')])
          : failure.status === 503
            ? rpcError(503, 'UNAVAILABLE', 'The service is currently unavailable.', [fcmDetail('UNAVAILABLE')])
            : rpcError(500, 'INTERNAL', 'Internal error encountered.', [fcmDetail('INTERNAL')]);
      return new HttpAnswer(answer.status, answer.body, headers);
    }
    if (state.unregistered.has(m.token)) {
      return rpcError(404, 'NOT_FOUND', 'Requested entity was not found.', [fcmDetail('UNREGISTERED')]);
    }
    if (m.validate_only === true || (body as { validate_only?: unknown }).validate_only === true) {
      return new HttpAnswer(200, { name: `projects/${project}/messages/fake_message_id` });
    }
    const name = `projects/${project}/messages/0:${Date.now()}${String(randomInt(1_000_000)).padStart(6, '0')}%${randomBytes(8).toString('hex')}`;
    state.delivered.push({ name, token: m.token, message: m, receivedAt: new Date().toISOString() });
    logger.info('message delivered', { name });
    return new HttpAnswer(200, { name });
  }

  async function control(req: IncomingMessage, url: URL): Promise<HttpAnswer> {
    const json = async () => {
      const text = await readBody(req, 65_536);
      try {
        return JSON.parse(text ?? '') as Record<string, unknown>;
      } catch {
        return undefined;
      }
    };
    if (req.method === 'GET' && url.pathname === '/control/messages') {
      const token = url.searchParams.get('token');
      return new HttpAnswer(200, { messages: state.delivered.filter((d) => token === null || d.token === token) });
    }
    if (req.method === 'DELETE' && url.pathname === '/control/messages') {
      state.delivered.length = 0;
      return new HttpAnswer(204, undefined);
    }
    if (req.method === 'POST' && url.pathname === '/control/unregistered') {
      const body = await json();
      if (typeof body?.token !== 'string') return new HttpAnswer(400, { error: 'token (string) is required' });
      state.unregistered.add(body.token);
      return new HttpAnswer(204, undefined);
    }
    if (req.method === 'POST' && url.pathname === '/control/failures') {
      const body = await json();
      const status = body?.status;
      const count = body?.count ?? 1;
      const retryAfter = body?.retryAfterSeconds;
      if (
        (status !== 429 && status !== 500 && status !== 503) ||
        typeof count !== 'number' ||
        !Number.isInteger(count) ||
        count < 1 ||
        (retryAfter !== undefined && (typeof retryAfter !== 'number' || retryAfter < 0)) ||
        (body?.token !== undefined && typeof body.token !== 'string')
      ) {
        return new HttpAnswer(400, { error: 'status (429 | 500 | 503), count (integer ≥ 1), optional retryAfterSeconds (≥ 0) and token' });
      }
      state.failures.push({
        status,
        remaining: count,
        ...(typeof retryAfter === 'number' ? { retryAfterSeconds: retryAfter } : {}),
        ...(typeof body?.token === 'string' ? { token: body.token } : {}),
      });
      return new HttpAnswer(204, undefined);
    }
    if (req.method === 'DELETE' && url.pathname === '/control/failures') {
      state.failures.length = 0;
      return new HttpAnswer(204, undefined);
    }
    if (req.method === 'POST' && url.pathname === '/control/expire-access-tokens') {
      for (const grant of state.accessTokens.values()) grant.expiresAt = 0;
      return new HttpAnswer(204, undefined);
    }
    if (req.method === 'GET' && url.pathname === '/control/stats') {
      return new HttpAnswer(200, { ...state.counters, pendingFailures: state.failures.length });
    }
    return new HttpAnswer(404, { error: 'no such control route' });
  }

  async function route(req: IncomingMessage): Promise<HttpAnswer> {
    const url = new URL(req.url ?? '/', 'http://standin');
    if (url.pathname === '/token') return req.method === 'POST' ? token(req) : new HttpAnswer(405, { error: 'method not allowed' });
    const sendPath = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(url.pathname);
    if (sendPath) return req.method === 'POST' ? send(req, decodeURIComponent(sendPath[1]!)) : rpcError(405, 'INVALID_ARGUMENT', 'Method not allowed.');
    if (config.control && url.pathname.startsWith('/control/')) return control(req, url);
    if (url.pathname === '/healthz') return new HttpAnswer(200, { status: 'ok' });
    return rpcError(404, 'NOT_FOUND', `The requested URL ${url.pathname} was not found on this server.`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let answer: HttpAnswer;
    try {
      answer = await route(req);
    } catch (error) {
      logger.error('request failed', { error: error instanceof Error ? error.message : String(error) });
      answer = rpcError(500, 'INTERNAL', 'Internal error encountered.');
    }
    if (config.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, config.latencyMs));
    state.counters.answers[String(answer.status)] = (state.counters.answers[String(answer.status)] ?? 0) + 1;
    if (answer.body === undefined) {
      res.writeHead(answer.status, answer.headers).end();
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=UTF-8', ...answer.headers }).end(JSON.stringify(answer.body));
  }

  return {
    state,
    handler: (req: IncomingMessage, res: ServerResponse) => void handle(req, res),
    setTokenUri(uri: string) {
      tokenUri ??= uri;
    },
  };
}

export async function start(config: Config, deps: { logger: Logger }): Promise<RunningStandin> {
  const standin = createStandin(config, deps.logger);
  const server = createServer(standin.handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  standin.setTokenUri(`${url}/token`);
  deps.logger.info('listening', { url, projectId: config.projectId, control: config.control });
  return {
    url,
    port,
    server,
    state: standin.state,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
