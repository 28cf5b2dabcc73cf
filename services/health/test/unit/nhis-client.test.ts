import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createLogger, createMetrics, UpstreamUnavailableError } from '@healthsync/shared';
import { CHECKUP_RESULT_PATH, createNhisClient, type NhisClient } from '../../src/adapters/nhis-client.js';

/**
 * The NHIS client against a tiny in-process aggregator on a loopback port: no system needed. The
 * aggregator's behaviour is switched per test; it counts what reached it.
 */
type Mode = 'answer' | 'hang' | 'nhis-down' | 'http-503' | 'expire-token-once';

const fake = {
  mode: 'answer' as Mode,
  tokenCalls: 0,
  productCalls: 0,
  lastBody: '',
  validToken: 'token-1',
};

function encode(envelope: unknown): string {
  return encodeURIComponent(JSON.stringify(envelope)).replace(/%20/g, '+');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => resolve(text));
  });
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  if (req.url === '/oauth/token') {
    fake.tokenCalls += 1;
    const ok = req.headers.authorization === `Basic ${Buffer.from('client:secret').toString('base64')}` && body.includes('grant_type=client_credentials');
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ok ? { access_token: fake.validToken, token_type: 'bearer', expires_in: 604800 } : { error: 'invalid_client' }));
    return;
  }
  fake.productCalls += 1;
  fake.lastBody = body;
  if (fake.mode === 'hang') return;
  if (fake.mode === 'http-503') {
    res.writeHead(503, { 'content-type': 'application/json;charset=UTF-8' });
    res.end(encode({ result: { code: 'CF-09999' }, data: {} }));
    return;
  }
  if (req.headers.authorization !== `Bearer ${fake.validToken}`) {
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end('{"error":"invalid_token","error_description":"Access token expired"}');
    return;
  }
  const code = fake.mode === 'nhis-down' ? 'CF-12003' : 'CF-03002';
  res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
  res.end(encode({ result: { code, message: '성공', extraMessage: '', transactionId: 'abc' }, data: { jti: 'j 1' } }));
}

let server: Server;
let baseUrl: string;

before(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  Object.assign(fake, { mode: 'answer', tokenCalls: 0, productCalls: 0, lastBody: '', validToken: 'token-1' });
});

function client(overrides: { timeoutMs?: number } = {}): NhisClient {
  return createNhisClient({
    baseUrl,
    tokenUrl: `${baseUrl}/oauth/token`,
    clientId: 'client',
    clientSecret: 'secret',
    timeoutMs: overrides.timeoutMs ?? 2_000,
    breakerResetSeconds: 30,
    logger: createLogger('nhis-client-test', 'error'),
    metrics: createMetrics('nhis-client-test'),
  });
}

async function unavailable(call: Promise<unknown>): Promise<UpstreamUnavailableError> {
  const error = await call.then(
    () => assert.fail('expected the call to fail'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof UpstreamUnavailableError, `expected UpstreamUnavailableError, got ${String(error)}`);
  assert.equal(error.code, 'NHIS_UNAVAILABLE');
  assert.equal(error.status, 503);
  return error;
}

describe('the NHIS client', () => {
  test('when the aggregator answers, then the URL-encoded envelope is decoded and the request was URL-encoded JSON', async () => {
    const answer = await client().checkupResult({ userName: '홍길동', organization: '0002' });
    assert.deepEqual(answer, { code: 'CF-03002', message: '성공', extraMessage: '', data: { jti: 'j 1' } });
    assert.deepEqual(JSON.parse(decodeURIComponent(fake.lastBody)), { userName: '홍길동', organization: '0002' });
  });

  test('when several calls are made, then one access token serves them all', async () => {
    const nhis = client();
    await nhis.checkupResult({});
    await nhis.checkupResult({});
    assert.equal(fake.tokenCalls, 1);
    assert.equal(fake.productCalls, 2);
  });

  test('when the token was revoked early, then a new one is fetched and the call repeated once', async () => {
    const nhis = client();
    await nhis.checkupResult({});
    fake.validToken = 'token-2';
    const answer = await nhis.checkupResult({});
    assert.equal(answer.code, 'CF-03002');
    assert.equal(fake.tokenCalls, 2);
    assert.equal(fake.productCalls, 3);
  });

  test('when NHIS behind the aggregator is down (CF-12003), then the caller gets 503 NHIS_UNAVAILABLE with a Retry-After', async () => {
    fake.mode = 'nhis-down';
    const error = await unavailable(client().checkupResult({}));
    assert.equal(error.extra.retryAfterSeconds, 30);
  });

  test('when the aggregator itself answers HTTP 503, then the caller gets 503 NHIS_UNAVAILABLE', async () => {
    fake.mode = 'http-503';
    await unavailable(client().checkupResult({}));
  });

  test('when the aggregator does not answer, then the call gives up at the deadline', async () => {
    fake.mode = 'hang';
    const started = Date.now();
    await unavailable(client({ timeoutMs: 300 }).checkupResult({}));
    const took = Date.now() - started;
    assert.ok(took >= 250 && took < 2_000, `gave up after ${took} ms`);
  });

  test('when failures pile up, then the breaker opens and later calls fail at once without reaching the aggregator', async () => {
    fake.mode = 'nhis-down';
    const nhis = client();
    for (let i = 0; i < 5; i += 1) await unavailable(nhis.checkupResult({}));
    const reached = fake.productCalls;
    fake.mode = 'answer';
    const error = await unavailable(nhis.checkupResult({}));
    assert.equal(fake.productCalls, reached, 'short-circuited');
    assert.ok(Number(error.extra.retryAfterSeconds) >= 1 && Number(error.extra.retryAfterSeconds) <= 30);
  });

  test('when the client credentials are refused, then linking is unavailable rather than failing with our credentials in view', async () => {
    const nhis = createNhisClient({
      baseUrl,
      tokenUrl: `${baseUrl}/oauth/token`,
      clientId: 'client',
      clientSecret: 'wrong',
      timeoutMs: 2_000,
      breakerResetSeconds: 30,
      logger: createLogger('nhis-client-test', 'error'),
      metrics: createMetrics('nhis-client-test'),
    });
    const error = await unavailable(nhis.checkupResult({}));
    assert.ok(!error.message.includes('wrong'));
    assert.equal(fake.productCalls, 0);
  });
});

test('the product path is CODEF’s', () => {
  assert.equal(CHECKUP_RESULT_PATH, '/v1/kr/public/pp/nhis-health-checkup/result');
});
