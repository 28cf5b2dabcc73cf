import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import jwt from 'jsonwebtoken';
import { createLogger, createMetrics, listen, UpstreamUnavailableError, USER_ID_HEADER } from '@healthsync/shared';
import { createDaprDouble, invocationFailure, type DaprDouble } from '@healthsync/shared/testing';
import type { Upstream } from '../../src/adapters/upstream.js';
import { gatewaySchema } from '../../src/config.js';
import { buildGatewayApp } from '../../src/server.js';

/**
 * GET /api/home through the real gateway app (token check, rate limit, validation, the
 * aggregator), in-process, with the Dapr double answering the four services: what the phone
 * sees when every service answers, and when one fails, refuses or is too slow.
 */
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const KID = 'component-key';
const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: KID, use: 'sig', alg: 'ES256' }] };
const upstream: Upstream = {
  async getJson<T>(appId: string, path: string): Promise<T> {
    if (appId === 'user' && path === '/api/auth/jwks') return jwks as T;
    throw new Error(`${appId} ${path}: not served in this test`);
  },
  async forward() {
    throw new Error('nothing is forwarded in this test');
  },
};

function tokenFor(userId: string, sessionId = randomUUID()): string {
  return jwt.sign({ sid: sessionId }, privateKey, {
    algorithm: 'ES256',
    keyid: KID,
    subject: userId,
    issuer: 'healthsync',
    audience: 'healthsync-api',
    expiresIn: 600,
  });
}

const account = (id: string) => ({ id, email: 'minji.kim@example.com', name: '김민지', status: 'ACTIVE', onboardingRequired: false });
const today = { date: '2026-12-02', missions: [], completedCount: 0, totalCount: 0 };
const inbox = { items: [], unreadCount: 0, nextCursor: null };
const problem = (status: number, code: string) => ({ type: `https://healthsync.example/problems/${code}`, title: 'Error', status, code, detail: 'details' });

let dapr: DaprDouble;
let url: string;
let close: () => Promise<void>;

/** Every service answers, as for a user with no checkup yet. */
function allAnswer(): void {
  dapr.onInvoke('user', 'api/users/me', (call) => account(call.headers[USER_ID_HEADER]!));
  dapr.onInvoke('health', 'api/health/checkups/latest', (call) => {
    throw invocationFailure(call, 404, problem(404, 'NO_CHECKUPS'));
  });
  dapr.onInvoke('goal', 'api/goals/today', () => today);
  dapr.onInvoke('batch', 'api/notifications', () => inbox);
}

before(async () => {
  dapr = createDaprDouble();
  const config = gatewaySchema.parse({ APP_PORT: '1', DAPR_HTTP_PORT: '1', LOG_LEVEL: process.env.HEALTHSYNC_TEST_LOG_LEVEL ?? 'error' });
  const app = buildGatewayApp({ config, logger: createLogger('gateway', config.LOG_LEVEL), metrics: createMetrics('gateway'), dapr, upstream, direct: false });
  const server = await listen(app, 0, '127.0.0.1');
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  url = `http://127.0.0.1:${address.port}`;
  close = server.close;
});
after(() => close());

async function home(token: string | undefined, query = '', headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/api/home${query}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  return { status: response.status, body: (await response.json()) as Record<string, Record<string, unknown>> };
}

describe('GET /api/home with the Dapr double', () => {
  test('every part from its service, as the token’s user; a client-sent user id is ignored', async () => {
    allAnswer();
    const userId = randomUUID();
    const before = dapr.invocations.length;
    const { status, body } = await home(tokenFor(userId), '?inboxLimit=3', { [USER_ID_HEADER]: randomUUID() });
    assert.equal(status, 200);
    assert.deepEqual(body, {
      profile: { status: 'OK', data: account(userId) },
      latestCheckup: { status: 'NONE' },
      todayMissions: { status: 'OK', data: today },
      inbox: { status: 'OK', data: inbox },
    });
    const calls = dapr.invocations.slice(before);
    assert.deepEqual(calls.map((c) => `${c.appId} ${c.method} ${c.path}`).sort(), [
      'batch GET api/notifications?limit=3',
      'goal GET api/goals/today',
      'health GET api/health/checkups/latest',
      'user GET api/users/me',
    ]);
    for (const call of calls) assert.equal(call.headers[USER_ID_HEADER], userId);
  });

  test('a service whose sidecar cannot reach it: that part is UNAVAILABLE, the rest is served', async () => {
    allAnswer();
    dapr.onInvoke('goal', 'api/goals/today', (call) => {
      throw invocationFailure(call, 500, { errorCode: 'ERR_DIRECT_INVOKE', message: 'failed to invoke, id: goal, err: connection refused' });
    });
    const { status, body } = await home(tokenFor(randomUUID()));
    assert.equal(status, 200);
    assert.deepEqual(body.todayMissions, { status: 'UNAVAILABLE', code: 'UPSTREAM_UNAVAILABLE', detail: 'The goal service is unavailable.' });
    assert.equal(body.profile!.status, 'OK');
    assert.equal(body.inbox!.status, 'OK');
    assert.equal(body.latestCheckup!.status, 'NONE');
    assert.ok(!JSON.stringify(body).includes('connection refused'), 'nothing of the sidecar’s error reaches the client');
  });

  test('a service that answers its own 5xx keeps its code; one that does not answer in time is UPSTREAM_TIMEOUT', async () => {
    allAnswer();
    dapr.onInvoke('user', 'api/users/me', (call) => {
      throw invocationFailure(call, 500, problem(500, 'INTERNAL'));
    });
    dapr.onInvoke('batch', 'api/notifications', () => {
      // What the sidecar client throws when the part's deadline passes.
      throw new UpstreamUnavailableError('UPSTREAM_TIMEOUT', 'Dapr call timed out');
    });
    const { status, body } = await home(tokenFor(randomUUID()));
    assert.equal(status, 200);
    assert.equal(body.profile!.status, 'UNAVAILABLE');
    assert.equal(body.profile!.code, 'INTERNAL');
    assert.deepEqual(body.inbox, { status: 'UNAVAILABLE', code: 'UPSTREAM_TIMEOUT', detail: 'The batch service did not answer in time.' });
    assert.deepEqual(body.todayMissions, { status: 'OK', data: today });
  });

  test('every service down: still 200, every part marked', async () => {
    for (const [app, path] of [
      ['user', 'api/users/me'],
      ['health', 'api/health/checkups/latest'],
      ['goal', 'api/goals/today'],
      ['batch', 'api/notifications'],
    ] as const) {
      dapr.onInvoke(app, path, (call) => {
        throw invocationFailure(call, 500, { errorCode: 'ERR_DIRECT_INVOKE' });
      });
    }
    const { status, body } = await home(tokenFor(randomUUID()));
    assert.equal(status, 200);
    assert.deepEqual(
      Object.values(body).map((part) => part.code),
      ['UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE'],
    );
  });

  test('no token, a bad token or a bad inboxLimit: problem+json, and no service is called', async () => {
    allAnswer();
    const before = dapr.invocations.length;
    const anonymous = await home(undefined);
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.code, 'UNAUTHENTICATED');
    const forged = await home(`${tokenFor(randomUUID()).slice(0, -4)}AAAA`);
    assert.equal(forged.status, 401);
    assert.equal(forged.body.code, 'INVALID_TOKEN');
    for (const bad of ['?inboxLimit=0', '?inboxLimit=21', '?inboxLimit=x']) {
      const invalid = await home(tokenFor(randomUUID()), bad);
      assert.equal(invalid.status, 400, bad);
      assert.equal(invalid.body.code, 'VALIDATION_FAILED');
      assert.deepEqual(
        (invalid.body.errors as unknown as { field: string }[]).map((e) => e.field),
        ['query.inboxLimit'],
      );
    }
    const post = await fetch(`${url}/api/home`, { method: 'POST', headers: { authorization: `Bearer ${tokenFor(randomUUID())}` } });
    assert.equal(post.status, 405);
    assert.equal(dapr.invocations.length, before);
  });
});
