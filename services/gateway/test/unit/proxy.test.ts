import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import net from 'node:net';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { createLogger, createMetrics, createServiceApp, finishServiceApp } from '@healthsync/shared';
import { bufferedResponse, confinedUrl, type Upstream } from '../../src/adapters/upstream.js';
import { gatewaySchema } from '../../src/config.js';
import { createProxyHandler } from '../../src/handlers/proxy.js';
import { cors, securityHeaders } from '../../src/routes/edge.js';

/**
 * The gateway's edge behaviour with the upstream replaced: what a client sees when the
 * service answers, fails inside Dapr, times out or cannot be reached.
 */
type Behaviour = 'ok' | 'problem' | 'sidecar-500' | 'timeout' | 'refused' | 'unsized-small' | 'unsized-large';
let behaviour: Behaviour = 'ok';
const seenHeaders: Record<string, string>[] = [];
const seenPaths: string[] = [];

const upstream: Upstream = {
  async getJson() {
    throw new Error('not used: the route table comes from fragments()');
  },
  async forward(_app, request, headers) {
    seenHeaders.push(headers);
    seenPaths.push(request.pathAndQuery);
    switch (behaviour) {
      case 'ok':
        return bufferedResponse(200, { 'content-type': 'application/json', 'x-internal': 'secret' }, JSON.stringify({ ok: true }));
      case 'problem':
        return bufferedResponse(404, { 'content-type': 'application/problem+json' }, JSON.stringify({ code: 'CHECKUP_NOT_FOUND' }));
      case 'sidecar-500':
        return bufferedResponse(500, { 'content-type': 'application/json' }, JSON.stringify({ errorCode: 'ERR_DIRECT_INVOKE', message: 'connection refused' }));
      case 'timeout':
        throw Object.assign(new Error('timed out'), { name: 'TimeoutError' });
      case 'refused':
        throw new TypeError('fetch failed');
      case 'unsized-small':
        return unsized([Buffer.from('{"items":['), Buffer.from('1,2,'), Buffer.from('3]}')]);
      case 'unsized-large':
        // 300 KB in 10 KB pieces: more than the gateway holds back to send in one write.
        return unsized(Array.from({ length: 30 }, (_, i) => Buffer.alloc(10 * 1024, 97 + (i % 26))));
    }
  },
};

/** An answer the way the sidecar passes one on: in chunks, without Content-Length. */
function unsized(chunks: Buffer[]) {
  const body = Readable.from(chunks);
  return {
    status: 200,
    header: (name: string) => (name === 'content-type' ? 'application/json' : undefined),
    body,
    text: async () => Buffer.concat(chunks).toString('utf8'),
    cancel: () => body.destroy(),
  };
}

let knownServices = ['health'];
const fragments = async () =>
  [
    {
      service: 'health',
      paths: {
        '/api/health/checkups': { get: { security: [{ bearerAuth: [] }] } },
        '/api/health/live': { post: { security: [{ bearerAuth: [] }], responses: { '200': { content: { 'text/event-stream': {} } } } } },
        '/api/health/checkups/{id}': {
          get: { security: [{ bearerAuth: [] }], parameters: [{ name: 'id', in: 'path', schema: { type: 'string', format: 'uuid' } }] },
        },
        '/api/health/service-info': { get: { security: [] } },
        '/api/health/nhis/links': { post: { security: [{ bearerAuth: [] }] } },
      } as never,
      components: {},
    },
  ].filter((fragment) => knownServices.includes(fragment.service));

/** Sends a request target byte for byte (fetch and http.request would normalise or refuse it). */
function rawRequest(port: number, method: string, target: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      const lines = [`${method} ${target} HTTP/1.1`, 'host: 127.0.0.1', 'connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    });
  });
}

describe('gateway edge with a controllable upstream', () => {
  let server: Server;
  let base: string;
  let port: number;
  before(async () => {
    const logger = createLogger('gateway-test', 'error');
    const metrics = createMetrics('gateway-test');
    const config = gatewaySchema.parse({ APP_PORT: '1', DAPR_HTTP_PORT: '2', CORS_ORIGINS: 'https://app.healthsync.example', BODY_LIMIT_BYTES: '1000' });
    const app = createServiceApp({ service: 'gateway-test', logger, metrics, readiness: {}, parseJsonBodies: false });
    app.use(securityHeaders);
    app.use(cors(config.CORS_ORIGINS));
    app.use(
      '/api',
      createProxyHandler({
        config,
        upstream,
        authenticator: { authenticate: async (req) => (req.header('authorization') === 'Bearer good' ? { userId: 'u-1', sessionId: 's-1' } : undefined) },
        rateLimiter: { check: async () => undefined },
        fragments,
        logger,
        metrics,
      }),
    );
    finishServiceApp(app, logger);
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : 0;
    base = `http://127.0.0.1:${port}`;
  });
  after(() => server.close());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers: { authorization: 'Bearer good', ...headers } });

  test('when the service answers, then the body passes through and only allow-listed headers come back', async () => {
    behaviour = 'ok';
    const response = await get('/api/health/checkups');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { ok: true });
    assert.equal(response.headers.get('x-internal'), null);
  });

  test('when the sidecar passes a small answer on in chunks, then the client gets it whole with its length', async () => {
    behaviour = 'unsized-small';
    const response = await get('/api/health/checkups');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-length'), String('{"items":[1,2,3]}'.length));
    assert.equal(response.headers.get('transfer-encoding'), null);
    assert.deepEqual(await response.json(), { items: [1, 2, 3] });
  });

  test('when an answer without a length is larger than the gateway holds back, then it streams through intact', async () => {
    behaviour = 'unsized-large';
    const response = await get('/api/health/checkups');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-length'), null);
    const body = Buffer.from(await response.arrayBuffer());
    assert.equal(body.length, 30 * 10 * 1024);
    for (let i = 0; i < 30; i += 1) assert.equal(body[i * 10 * 1024], 97 + (i % 26), `piece ${i} in its place`);
  });

  test('when the route is protected, then the verified ids are forwarded and client identity headers are not', async () => {
    behaviour = 'ok';
    await get('/api/health/checkups', { 'x-healthsync-user-id': 'someone-else', cookie: 'a=b' });
    const headers = seenHeaders.at(-1)!;
    assert.equal(headers['x-healthsync-user-id'], 'u-1');
    assert.equal(headers['x-healthsync-session-id'], 's-1');
    assert.equal(headers.cookie, undefined);
    assert.match(headers.traceparent ?? '', /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
  });

  test('when the service answers with its own problem, then the client gets it unchanged', async () => {
    behaviour = 'problem';
    const response = await get('/api/health/checkups');
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), { code: 'CHECKUP_NOT_FOUND' });
  });

  test('when Dapr cannot reach the service, then 502 problem+json without internal details', async () => {
    for (const b of ['sidecar-500', 'refused'] as const) {
      behaviour = b;
      const response = await get('/api/health/checkups');
      assert.equal(response.status, 502, b);
      assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
      const body = (await response.json()) as { code: string; detail: string };
      assert.equal(body.code, 'UPSTREAM_UNAVAILABLE');
      assert.doesNotMatch(JSON.stringify(body), /ERR_DIRECT_INVOKE|connection refused/);
    }
  });

  test('when the service does not answer in time, then 504 problem+json', async () => {
    behaviour = 'timeout';
    const response = await get('/api/health/checkups');
    assert.equal(response.status, 504);
    assert.equal(((await response.json()) as { code: string }).code, 'UPSTREAM_TIMEOUT');
  });

  test('when a body is larger than the limit, then 413 problem+json and nothing is forwarded', async () => {
    behaviour = 'ok';
    const before = seenHeaders.length;
    const response = await fetch(`${base}/api/health/nhis/links`, {
      method: 'POST',
      headers: { authorization: 'Bearer good', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(5000) }),
    });
    assert.equal(response.status, 413);
    assert.equal(((await response.json()) as { code: string }).code, 'PAYLOAD_TOO_LARGE');
    assert.equal(seenHeaders.length, before);
  });

  test('when a method is not offered on a path, then 405 with Allow and nothing is forwarded', async () => {
    const before = seenHeaders.length;
    const response = await fetch(`${base}/api/health/service-info`, { method: 'POST', body: '{}' });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'GET');
    assert.equal(seenHeaders.length, before);
  });

  test('when an allowed origin sends a preflight, then CORS answers it; other origins get no CORS headers', async () => {
    const preflight = await fetch(`${base}/api/health/checkups`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.healthsync.example', 'access-control-request-method': 'GET' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://app.healthsync.example');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    const foreign = await fetch(`${base}/api/health/checkups`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
  });
  test('when a path would climb out of the API, then 400 problem+json and nothing is forwarded', async () => {
    behaviour = 'ok';
    const before = seenPaths.length;
    for (const target of [
      '/api/health/checkups/..\\..\\..\\..\\v1.0\\metadata',
      '/api/health/checkups/..%5c..%5cv1.0%5cmetadata',
      '/api/health/checkups/..%2f..%2fv1.0%2fmetadata',
      '/api/health/checkups/%2e%2e/%2e%2e/v1.0/metadata',
      '/api/health/checkups/%252e%252e%252f',
      '/api/health/../../v1.0/metadata',
      '/api/health/checkups/x%00',
    ]) {
      const response = await rawRequest(port, 'GET', target, { authorization: 'Bearer good' });
      assert.equal(response.status, 400, target);
      assert.equal((JSON.parse(response.body) as { code: string }).code, 'NON_CANONICAL_PATH', target);
    }
    assert.equal(seenPaths.length, before);
  });

  test('when a path parameter breaks its documented schema, then 400 names it and nothing is forwarded', async () => {
    const before = seenPaths.length;
    const response = await get('/api/health/checkups/not-a-uuid');
    assert.equal(response.status, 400);
    const body = (await response.json()) as { code: string; errors: { field: string }[] };
    assert.equal(body.code, 'VALIDATION_FAILED');
    assert.deepEqual(
      body.errors.map((e) => e.field),
      ['path.id'],
    );
    assert.equal(seenPaths.length, before);
  });

  test('when forwarding, then the upstream path is the template with the parameters, not the raw request', async () => {
    behaviour = 'ok';
    const response = await get('/api/health/checkups/6F1C2B9E-0D7A-4C55-9F7E-2D8B3F1A9C10?b=2&a=%ED%95%9C');
    assert.equal(response.status, 200);
    assert.equal(seenPaths.at(-1), '/api/health/checkups/6F1C2B9E-0D7A-4C55-9F7E-2D8B3F1A9C10?b=2&a=%ED%95%9C');
  });

  test("when a service's routes have not loaded, then its paths answer 503 and nothing is forwarded", async () => {
    knownServices = [];
    try {
      const before = seenPaths.length;
      const response = await get('/api/health/checkups');
      assert.equal(response.status, 503);
      assert.equal(response.headers.get('retry-after'), '5');
      assert.equal(((await response.json()) as { code: string }).code, 'ROUTES_UNAVAILABLE');
      assert.equal(seenPaths.length, before);
    } finally {
      knownServices = ['health'];
    }
  });
  test('when a client asks for a stream, then the service may still answer with its own problem (Dapr would turn it into a 500)', async () => {
    behaviour = 'ok';
    await fetch(`${base}/api/health/live`, { method: 'POST', headers: { authorization: 'Bearer good', accept: 'text/event-stream' } });
    assert.equal(seenHeaders.at(-1)!.accept, 'text/event-stream, application/problem+json');
    await get('/api/health/checkups', { accept: 'text/event-stream' });
    assert.equal(seenHeaders.at(-1)!.accept, 'text/event-stream', 'only streaming routes are changed');
  });
});

describe('the final upstream URL', () => {
  const base = 'http://127.0.0.1:3500/v1.0/invoke/health/method';
  test("when the path stays under the app's API, then it is used as built", () => {
    assert.equal(confinedUrl(base, '/api/health/checkups/1?a=b'), `${base}/api/health/checkups/1?a=b`);
  });
  test('when URL parsing would move the path, then it is refused', () => {
    for (const path of ['/api/health/../../../metadata', '/api/health/..\\..\\x', '/api/health/%2e%2e/%2e%2e/x', '/internal/x', '/v1.0/state/x']) {
      assert.throws(() => confinedUrl(base, path), /refusing/, path);
    }
  });
});
