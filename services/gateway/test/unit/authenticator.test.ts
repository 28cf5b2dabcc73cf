import assert from 'node:assert/strict';
import { generateKeyPairSync, createHash, type KeyObject } from 'node:crypto';
import { test } from 'node:test';
import jwt from 'jsonwebtoken';
import { AppError, createLogger, createMetrics, type Dapr } from '@healthsync/shared';
import type { Request } from 'express';
import { createJwtAuthenticator } from '../../src/adapters/authenticator.js';
import type { Upstream } from '../../src/adapters/upstream.js';
import { jwksAction, usableKeys } from '../../src/domain/jwks.js';

/**
 * The authenticator with the user service's JWKS and the revocation store replaced: key
 * rotation (fetch on an unknown kid, rate-limited, retired keys forgotten) and what happens
 * when the revocation list cannot be read.
 */
interface Key {
  kid: string;
  privateKey: KeyObject;
  jwk: Record<string, string>;
}
function newKey(): Key {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, string>;
  const kid = createHash('sha256')
    .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }))
    .digest('base64url');
  return { kid, privateKey, jwk: { ...jwk, kid, alg: 'ES256', use: 'sig' } };
}
const sign = (key: Key, sid = 'session-1') =>
  jwt.sign({ sid }, key.privateKey, {
    algorithm: 'ES256',
    keyid: key.kid,
    subject: 'user-1',
    issuer: 'healthsync',
    audience: 'healthsync-api',
    expiresIn: 900,
  });
const request = (token: string) => ({ header: (name: string) => (name === 'authorization' ? `Bearer ${token}` : undefined) }) as unknown as Request;

function setUp(options: { minIntervalMs?: number; maxAgeMs?: number; revocations?: () => Promise<unknown> } = {}) {
  const published: { keys: Key[] } = { keys: [] };
  let fetches = 0;
  let clock = 1_000_000;
  const upstream: Upstream = {
    async getJson<T>() {
      fetches += 1;
      return { keys: published.keys.map((k) => k.jwk) } as T;
    },
    async forward() {
      throw new Error('not used');
    },
  };
  const dapr = { getState: options.revocations ?? (async () => undefined) } as unknown as Dapr;
  const authenticator = createJwtAuthenticator({
    upstream,
    dapr,
    issuer: 'healthsync',
    audience: 'healthsync-api',
    logger: createLogger('authenticator-test', 'error'),
    metrics: createMetrics('authenticator-test'),
    policy: { minIntervalMs: options.minIntervalMs ?? 30, maxAgeMs: options.maxAgeMs ?? 60_000 },
    now: () => clock,
    // Like a timer: sleepers that started together wake together at the same time.
    async sleep(ms) {
      const wakeAt = clock + ms;
      await new Promise((resolve) => setImmediate(resolve));
      clock = Math.max(clock, wakeAt);
    },
  });
  return {
    authenticator,
    published,
    fetches: () => fetches,
    advance(ms: number) {
      clock += ms;
    },
  };
}

test('when the user service rotates its key, then requests with old and new tokens all succeed, with one JWKS fetch for the new key', async () => {
  const [a, b] = [newKey(), newKey()];
  const system = setUp();
  system.published.keys = [a];
  assert.equal((await system.authenticator.authenticate(request(sign(a))))?.userId, 'user-1');
  assert.equal(system.fetches(), 1);
  // Rotation: the new key is current, the old one still published; tokens of both are in use.
  system.published.keys = [b, a];
  const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => system.authenticator.authenticate(request(sign(i % 2 ? a : b)))));
  assert.deepEqual(
    results.filter((r) => r.status === 'rejected'),
    [],
    'no request fails during the rotation',
  );
  assert.equal(system.fetches(), 2, 'one fetch for the unknown kid, shared by every request that carried it');
});

test('when a token with an unknown kid arrives right after a fetch, then it waits for the next allowed fetch instead of failing', async () => {
  const [a, b] = [newKey(), newKey()];
  const system = setUp({ minIntervalMs: 40 });
  system.published.keys = [a];
  await system.authenticator.authenticate(request(sign(a)));
  system.published.keys = [b, a];
  // The clock has not moved: a fetch now would break the rate limit, so the request waits.
  assert.equal((await system.authenticator.authenticate(request(sign(b))))?.userId, 'user-1');
  assert.equal(system.fetches(), 2);
});

test('when clients send tokens with made-up kids, then the JWKS is fetched at most once per interval and they get 401', async () => {
  const [a] = [newKey()];
  const system = setUp({ minIntervalMs: 20 });
  system.published.keys = [a];
  await system.authenticator.authenticate(request(sign(a)));
  const forged = Array.from({ length: 30 }, () => sign(newKey()));
  const results = await Promise.allSettled(forged.map((token) => system.authenticator.authenticate(request(token))));
  for (const result of results) {
    assert.equal(result.status, 'rejected');
    assert.equal((result.reason as AppError).status, 401);
  }
  assert.equal(system.fetches(), 2, 'thirty unknown kids at once cost one fetch');
});

test('when a key is retired from the JWKS, then after the next refresh its tokens are refused', async () => {
  const [a, b] = [newKey(), newKey()];
  const system = setUp({ maxAgeMs: 1_000 });
  system.published.keys = [b, a];
  await system.authenticator.authenticate(request(sign(a)));
  system.published.keys = [b];
  system.advance(1_000);
  // Still accepted: the stale set is used while it is fetched again in the background.
  await system.authenticator.authenticate(request(sign(a)));
  await new Promise((resolve) => setTimeout(resolve, 10));
  await assert.rejects(system.authenticator.authenticate(request(sign(a))), (error: AppError) => error.status === 401 && error.code === 'INVALID_TOKEN');
  assert.equal((await system.authenticator.authenticate(request(sign(b))))?.userId, 'user-1');
});

test('when the revocation list cannot be read, then the request is refused with 503 (fail closed), never let through', async () => {
  const a = newKey();
  const system = setUp({
    revocations: async () => {
      throw new Error('connection refused');
    },
  });
  system.published.keys = [a];
  await assert.rejects(system.authenticator.authenticate(request(sign(a))), (error: AppError) => {
    assert.equal(error.status, 503);
    assert.equal(error.code, 'REVOCATION_CHECK_UNAVAILABLE');
    assert.equal(error.extra.retryAfterSeconds, 5);
    return true;
  });
});

test('when the session is on the revocation list, then the token is refused with 401 SESSION_REVOKED', async () => {
  const a = newKey();
  const system = setUp({ revocations: async () => ({ revokedAt: '2026-01-01T00:00:00Z' }) });
  system.published.keys = [a];
  await assert.rejects(system.authenticator.authenticate(request(sign(a))), (error: AppError) => error.status === 401 && error.code === 'SESSION_REVOKED');
});

test('when a JWKS carries other key types, private parts or encryption keys, then only EC P-256 signing keys are kept', () => {
  const a = newKey();
  const keys = usableKeys({
    keys: [
      a.jwk,
      { ...a.jwk, kid: 'rsa', kty: 'RSA' },
      { ...a.jwk, kid: 'priv', d: 'secret' },
      { ...a.jwk, kid: 'enc', use: 'enc' },
      { ...a.jwk, kid: '' },
      null,
    ],
  });
  assert.deepEqual(
    keys.map((k) => k.kid),
    [a.kid],
  );
  assert.throws(() => usableKeys({}));
});

test('when the fetch decision is made, then unknown kids wait out the interval and a stale set refreshes in the background', () => {
  const policy = { minIntervalMs: 10_000, maxAgeMs: 300_000 };
  assert.deepEqual(jwksAction(false, { lastAttemptMs: undefined, lastSuccessMs: undefined }, policy, 0), { kind: 'fetch-then-check', waitMs: 0 });
  assert.deepEqual(jwksAction(false, { lastAttemptMs: 1_000, lastSuccessMs: 1_000 }, policy, 4_000), { kind: 'fetch-then-check', waitMs: 7_000 });
  assert.deepEqual(jwksAction(false, { lastAttemptMs: 1_000, lastSuccessMs: 1_000 }, policy, 11_000), { kind: 'fetch-then-check', waitMs: 0 });
  assert.deepEqual(jwksAction(true, { lastAttemptMs: 1_000, lastSuccessMs: 1_000 }, policy, 200_000), { kind: 'use' });
  assert.deepEqual(jwksAction(true, { lastAttemptMs: 1_000, lastSuccessMs: 1_000 }, policy, 301_000), { kind: 'use-and-refresh' });
  // A failed fetch moments ago: keep using the set, do not hammer the user service.
  assert.deepEqual(jwksAction(true, { lastAttemptMs: 300_500, lastSuccessMs: 1_000 }, policy, 301_000), { kind: 'use' });
});
