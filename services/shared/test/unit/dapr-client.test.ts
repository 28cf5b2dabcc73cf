import assert from 'node:assert/strict';
import http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Code, ConnectError, type ConnectRouter, type HandlerContext } from '@connectrpc/connect';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import { Dapr as DaprApi } from '@dapr/dapr/proto/dapr/proto/runtime/v1/dapr_pb.js';
import { ConfigError } from '../../src/config.js';
import { contextFromTraceparent, runWithContext } from '../../src/context.js';
import { createDapr, DaprCallError, StateConflictError } from '../../src/dapr.js';
import { UpstreamUnavailableError } from '../../src/errors.js';

/**
 * The client against stand-in sidecars on loopback: a gRPC server speaking the SDK's own Dapr
 * API definition and an HTTP server answering like daprd's HTTP API. What is checked is what the
 * services rely on: failures throw (publish and state included), every call carries the API token
 * and the trace context, a deadline ends a call the sidecar does not answer.
 */
const TOKEN = 'test-dapr-api-token';
const context = contextFromTraceparent('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
const inRequest = <T>(fn: () => Promise<T>) => runWithContext(context, fn);
/** `traceparent` as our context forwards it: the trace id is the caller's, the span id ours. */
const traceparentOfContext = context.traceparent;

async function rejectsWith(promise: Promise<unknown>, check: (error: unknown) => boolean, what: string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(check(error), `${what}, got ${error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error)}`);
    return true;
  });
}
const upstreamCode = (code: string) => (error: unknown) => error instanceof UpstreamUnavailableError && error.code === code;

describe('Dapr client over gRPC (DAPR_CLIENT_PROTOCOL=grpc: the SDK stub)', () => {
  const seen: { method: string; request: unknown; token: string | null; traceparent: string | null; timeoutMs: number | undefined }[] = [];
  const store = new Map<string, { value: Uint8Array; etag: number }>();
  let failPublish = false;
  let server: http2.Http2Server;
  let port = 0;
  const sessions = new Set<http2.ServerHttp2Session>();

  const record = (method: string, request: unknown, ctx: HandlerContext) =>
    seen.push({
      method,
      request,
      token: ctx.requestHeader.get('dapr-api-token'),
      traceparent: ctx.requestHeader.get('traceparent'),
      timeoutMs: ctx.timeoutMs(),
    });

  before(async () => {
    const routes = (router: ConnectRouter) =>
      router.service(DaprApi, {
        publishEvent(request, ctx) {
          record('publishEvent', request, ctx);
          if (failPublish) throw new ConnectError('error when publish to topic events in pubsub events: broker down', Code.Internal);
          return {};
        },
        async getState(request, ctx) {
          record('getState', request, ctx);
          // Answers only when the client gives up: the deadline reached the sidecar.
          if (request.key === 'slow') await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
          const entry = store.get(request.key);
          return entry ? { data: entry.value, etag: String(entry.etag) } : {};
        },
        saveState(request, ctx) {
          record('saveState', request, ctx);
          for (const item of request.states) {
            const current = store.get(item.key);
            if (item.etag && String(current?.etag) !== item.etag.value) throw new ConnectError('possible etag mismatch', Code.Aborted);
            store.set(item.key, { value: item.value, etag: (current?.etag ?? 0) + 1 });
          }
          return {};
        },
        deleteState(request, ctx) {
          record('deleteState', request, ctx);
          if (request.key === 'broken') throw new ConnectError('failed deleting state', Code.Internal);
          store.delete(request.key);
          return {};
        },
        getSecret(request, ctx) {
          record('getSecret', request, ctx);
          if (request.storeName !== 'secretstore') throw new ConnectError('secret store secretstore2 not found', Code.InvalidArgument);
          const data: Record<string, string> = request.key === 'postgres-url' ? { 'postgres-url': 'postgresql://u:p@h/db' } : {};
          return { data };
        },
      });
    server = http2.createServer(connectNodeAdapter({ routes }));
    // The clients keep their HTTP/2 sessions open; closing the server must end them.
    server.on('session', (session) => sessions.add(session));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const session of sessions) session.destroy();
    await closed;
  });

  const client = (timeoutMs = 1_000) => createDapr({ httpPort: 1, grpcPort: port, protocol: 'grpc', apiToken: TOKEN, invokeTimeoutMs: timeoutMs });

  test('publishes JSON with our event id, the broker metadata, the token, the trace context and a deadline', async () => {
    seen.length = 0;
    await inRequest(() => client().publish('events', 'mission-completed', { userId: 'u1', day: 3 }, { id: 'evt-1', metadata: { partitionKey: 'u1' } }));
    const call = seen[0]!;
    const request = call.request as { pubsubName: string; topic: string; data: Uint8Array; dataContentType: string; metadata: Record<string, string> };
    assert.equal(request.pubsubName, 'events');
    assert.equal(request.topic, 'mission-completed');
    assert.deepEqual(JSON.parse(Buffer.from(request.data).toString()), { userId: 'u1', day: 3 });
    assert.equal(request.dataContentType, 'application/json');
    assert.deepEqual(request.metadata, { partitionKey: 'u1', 'cloudevent.id': 'evt-1' });
    assert.equal(call.token, TOKEN);
    assert.equal(call.traceparent, traceparentOfContext);
    assert.ok(call.timeoutMs !== undefined && call.timeoutMs > 0 && call.timeoutMs <= 1_000, `deadline ${call.timeoutMs}`);
  });

  test('a publish the sidecar refuses throws PUBLISH_FAILED', async () => {
    failPublish = true;
    try {
      await rejectsWith(client().publish('events', 'mission-completed', {}), upstreamCode('PUBLISH_FAILED'), 'PUBLISH_FAILED');
    } finally {
      failPublish = false;
    }
  });

  test('state: a missing key is undefined; a saved value comes back with its ETag and TTL metadata went along', async () => {
    const dapr = client();
    assert.equal(await dapr.getStateEntry('cache', 'nothing-here'), undefined);
    await dapr.saveState('cache', 'k1', { count: 2, label: '' }, { ttlSeconds: 120 });
    const saved = seen.findLast((s) => s.method === 'saveState')!.request as { states: { metadata: Record<string, string> }[] };
    assert.deepEqual(saved.states[0]!.metadata, { ttlInSeconds: '120' });
    assert.deepEqual(await dapr.getStateEntry('cache', 'k1'), { value: { count: 2, label: '' }, etag: '1' });
    // A stored JSON string stays a string (no number or object sneaks in on the way back).
    await dapr.saveState('cache', 'k2', '123');
    assert.equal(await dapr.getState('cache', 'k2'), '123');
  });

  test('a conditional save on a stale ETag throws StateConflictError', async () => {
    const dapr = client();
    await dapr.saveState('cache', 'counter', 1);
    const entry = await dapr.getStateEntry<number>('cache', 'counter');
    await dapr.saveState('cache', 'counter', 2, { etag: entry!.etag! });
    await rejectsWith(dapr.saveState('cache', 'counter', 3, { etag: entry!.etag! }), (e) => e instanceof StateConflictError, 'StateConflictError');
    assert.equal(await dapr.getState('cache', 'counter'), 2);
  });

  test('a failed delete throws STATE_UNAVAILABLE', async () => {
    await rejectsWith(client().deleteState('cache', 'broken'), upstreamCode('STATE_UNAVAILABLE'), 'STATE_UNAVAILABLE');
  });

  test('a call the sidecar does not answer in time throws UPSTREAM_TIMEOUT at the deadline', async () => {
    const started = Date.now();
    await rejectsWith(client(200).getState('cache', 'slow'), upstreamCode('UPSTREAM_TIMEOUT'), 'UPSTREAM_TIMEOUT');
    assert.ok(Date.now() - started < 1_500, `took ${Date.now() - started} ms`);
  });

  test('secrets: the value; a missing key or store is a DaprCallError that quotes nothing', async () => {
    const dapr = client();
    assert.equal(await dapr.getSecret('secretstore', 'postgres-url'), 'postgresql://u:p@h/db');
    await rejectsWith(dapr.getSecret('secretstore', 'absent'), (e) => e instanceof DaprCallError && e.upstreamStatus === 404 && e.upstreamBody === '', '404');
    await rejectsWith(dapr.getSecret('secretstore2', 'x'), (e) => e instanceof DaprCallError && e.upstreamStatus === 400 && e.upstreamBody === '', '400');
  });

  test('no sidecar listening throws SIDECAR_UNREACHABLE', async () => {
    const closed = http2.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const dapr = createDapr({ httpPort: 1, grpcPort: freePort, protocol: 'grpc' });
    await rejectsWith(dapr.publish('events', 't', {}), upstreamCode('SIDECAR_UNREACHABLE'), 'SIDECAR_UNREACHABLE');
  });

  test('without a gRPC port the gRPC client refuses to start, naming the setting', () => {
    assert.throws(
      () => createDapr({ httpPort: 3500, protocol: 'grpc' }),
      (error: unknown) => error instanceof ConfigError && error.problems.some((p) => p.startsWith('DAPR_GRPC_PORT is missing')),
    );
  });
});

describe('Dapr client over HTTP (the default: the SDK HTTP client)', () => {
  const seen: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  let server: http.Server;
  let port = 0;

  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        const url = req.url!;
        const json = (status: number, value: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(value));
        };
        if (url.startsWith('/v1.0/invoke/goal/method/internal/slow')) setTimeout(() => json(200, {}), 1_000);
        else if (url.startsWith('/v1.0/invoke/goal/method/internal/missing'))
          json(404, { type: 'about:blank', title: 'Not Found', status: 404, code: 'RECOMMENDATIONS_NOT_FOUND' });
        else if (url.startsWith('/v1.0/invoke/goal/method/internal/empty')) res.writeHead(204).end();
        else if (url.startsWith('/v1.0/invoke/goal/method/')) json(200, { echoed: body ? JSON.parse(body) : null });
        else if (url.startsWith('/v1.0/publish/')) json(500, { errorCode: 'ERR_PUBSUB_PUBLISH_MESSAGE', message: 'broker down' });
        else if (url === '/v1.0/secrets/secretstore/postgres-url') json(200, { 'postgres-url': 'postgresql://u:p@h/db' });
        else if (url.startsWith('/v1.0/secrets/'))
          json(403, { errorCode: 'ERR_PERMISSION_DENIED', message: 'access denied by policy to get "absent" from "secretstore"' });
        else if (url.startsWith('/v1.0/state/cache/bulk')) json(200, [{ key: 'k', data: { n: 1 }, etag: '7' }]);
        else if (url.startsWith('/v1.0/state/cache')) json(409, { errorCode: 'ERR_STATE_SAVE', message: 'possible etag mismatch' });
        else json(500, {});
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  });

  const client = (timeoutMs = 1_000) => createDapr({ httpPort: port, protocol: 'http', apiToken: TOKEN, invokeTimeoutMs: timeoutMs });

  test('invokes with the method, JSON body, caller headers, the token and the trace context', async () => {
    seen.length = 0;
    const answer = await inRequest(() => client().invoke('goal', '/internal/things?x=1', { method: 'PUT', body: { a: 1 }, headers: { 'x-extra': 'yes' } }));
    assert.deepEqual(answer, { echoed: { a: 1 } });
    const call = seen[0]!;
    assert.equal(call.method, 'PUT');
    assert.equal(call.url, '/v1.0/invoke/goal/method/internal/things?x=1');
    assert.equal(call.headers['dapr-api-token'], TOKEN);
    assert.equal(call.headers.traceparent, traceparentOfContext);
    assert.equal(call.headers['x-extra'], 'yes');
    assert.match(String(call.headers['content-type']), /^application\/json/);
  });

  test("a target's error answer is a DaprCallError with its status and whole body", async () => {
    await rejectsWith(
      client().invoke('goal', 'internal/missing'),
      (e) => e instanceof DaprCallError && e.upstreamStatus === 404 && (JSON.parse(e.upstreamBody) as { code: string }).code === 'RECOMMENDATIONS_NOT_FOUND',
      'DaprCallError 404 with the problem body',
    );
  });

  test('an empty answer is undefined', async () => {
    assert.equal(await client().invoke('goal', 'internal/empty', { method: 'POST', body: {} }), undefined);
  });

  test('an invocation past its deadline throws UPSTREAM_TIMEOUT at the deadline', async () => {
    const started = Date.now();
    await rejectsWith(client().invoke('goal', 'internal/slow', { timeoutMs: 200 }), upstreamCode('UPSTREAM_TIMEOUT'), 'UPSTREAM_TIMEOUT');
    assert.ok(Date.now() - started < 1_500, `took ${Date.now() - started} ms`);
  });

  test('a refused publish throws PUBLISH_FAILED, and the publish carried our event id, the token and the trace context', async () => {
    seen.length = 0;
    await rejectsWith(
      inRequest(() => client().publish('events', 'mission-completed', { a: 1 }, { id: 'evt-2', metadata: { partitionKey: 'u1' } })),
      upstreamCode('PUBLISH_FAILED'),
      'PUBLISH_FAILED',
    );
    const call = seen[0]!;
    const url = new URL(call.url, 'http://x');
    assert.equal(url.pathname, '/v1.0/publish/events/mission-completed');
    assert.equal(url.searchParams.get('metadata.cloudevent.id'), 'evt-2');
    assert.equal(url.searchParams.get('metadata.partitionKey'), 'u1');
    assert.deepEqual(JSON.parse(call.body), { a: 1 });
    assert.equal(call.headers['dapr-api-token'], TOKEN);
    assert.equal(call.headers.traceparent, traceparentOfContext);
  });

  test('reads the ETag; a stale conditional save throws StateConflictError; both carry the token and the trace context', async () => {
    const dapr = client();
    seen.length = 0;
    assert.deepEqual(await inRequest(() => dapr.getStateEntry('cache', 'k')), { value: { n: 1 }, etag: '7' });
    await rejectsWith(
      inRequest(() => dapr.saveState('cache', 'k', 2, { etag: '7', ttlSeconds: 120 })),
      (e) => e instanceof StateConflictError,
      'StateConflictError',
    );
    const [read, save] = seen;
    assert.deepEqual(JSON.parse(read!.body), { keys: ['k'], parallelism: 1 });
    assert.deepEqual(JSON.parse(save!.body), [{ key: 'k', value: 2, metadata: { ttlInSeconds: '120' }, etag: '7', options: { concurrency: 'first-write' } }]);
    for (const call of [read!, save!]) {
      assert.equal(call.headers['dapr-api-token'], TOKEN);
      assert.equal(call.headers.traceparent, traceparentOfContext);
    }
  });

  test('a failed delete throws STATE_UNAVAILABLE', async () => {
    await rejectsWith(client().deleteState('other', 'k'), upstreamCode('STATE_UNAVAILABLE'), 'STATE_UNAVAILABLE');
  });

  test('secrets: the value, read without quoting the answer on failure', async () => {
    assert.equal(await client().getSecret('secretstore', 'postgres-url'), 'postgresql://u:p@h/db');
    await rejectsWith(
      client().getSecret('secretstore', 'absent'),
      (e) => e instanceof DaprCallError && e.upstreamStatus === 403 && e.upstreamBody === '',
      '403',
    );
  });

  test('the default protocol is HTTP and needs no gRPC port', async () => {
    const dapr = createDapr({ httpPort: port, apiToken: TOKEN });
    assert.deepEqual(await dapr.getStateEntry('cache', 'k'), { value: { n: 1 }, etag: '7' });
  });

  test('no sidecar listening throws SIDECAR_UNREACHABLE', async () => {
    const dapr = createDapr({ httpPort: 1, protocol: 'http' });
    await rejectsWith(dapr.invoke('goal', 'x'), upstreamCode('SIDECAR_UNREACHABLE'), 'SIDECAR_UNREACHABLE');
  });
});
