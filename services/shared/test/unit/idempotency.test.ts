import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  decideClaim,
  IDEMPOTENCY_STALE_MS,
  IDEMPOTENCY_WINDOW_MS,
  keepsAnswer,
  parseIdempotencyKey,
  requestFingerprint,
  ValidationError,
} from '../../src/index.js';

const now = new Date('2026-12-02T01:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('Idempotency-Key', () => {
  test('a UUID is a key; no header is no key; anything else is a 400 naming the header', () => {
    assert.equal(parseIdempotencyKey('3f1c2e0a-8d4b-4c51-9a7e-2b6f0d9e1a55'), '3f1c2e0a-8d4b-4c51-9a7e-2b6f0d9e1a55');
    assert.equal(parseIdempotencyKey(undefined), undefined);
    for (const bad of ['', 'short', 'x'.repeat(129), 'has space in it', '../../etc/passwd', 'ключ-ключ-ключ', 'a%2fb%2fc%2fd']) {
      assert.throws(
        () => parseIdempotencyKey(bad),
        (error: unknown) => error instanceof ValidationError && error.issues[0]?.field === 'header.Idempotency-Key',
        bad,
      );
    }
    assert.throws(() => parseIdempotencyKey(['3f1c2e0a-8d4b', '3f1c2e0a-8d4b']), ValidationError);
  });

  test('the same request in another key order has the same fingerprint; another body, route or parameter does not', () => {
    const base = { method: 'post', route: '/api/goals/reset', params: {}, query: {}, body: { reason: 'TOO_HARD', note: 'n' } };
    const fp = requestFingerprint(base);
    assert.equal(requestFingerprint({ ...base, body: { note: 'n', reason: 'TOO_HARD' } }), fp);
    assert.notEqual(requestFingerprint({ ...base, body: { reason: 'TOO_EASY', note: 'n' } }), fp);
    assert.notEqual(requestFingerprint({ ...base, route: '/api/health/nhis/links' }), fp);
    assert.notEqual(requestFingerprint({ ...base, params: { id: 'a' } }), fp);
    assert.notEqual(requestFingerprint({ ...base, method: 'put' }), fp);
  });

  test('claims: new → claim, same finished request → replay, different request → mismatch, running → in progress until stale', () => {
    const fp = 'f1';
    assert.equal(decideClaim(undefined, fp, now), 'claim');
    assert.equal(decideClaim({ fingerprint: fp, state: 'completed', claimedAt: ago(1000) }, fp, now), 'replay');
    assert.equal(decideClaim({ fingerprint: fp, state: 'completed', claimedAt: ago(IDEMPOTENCY_WINDOW_MS - 1) }, fp, now), 'replay');
    assert.equal(decideClaim({ fingerprint: 'f2', state: 'completed', claimedAt: ago(1000) }, fp, now), 'mismatch');
    assert.equal(decideClaim({ fingerprint: 'f2', state: 'in_progress', claimedAt: ago(1000) }, fp, now), 'mismatch');
    assert.equal(decideClaim({ fingerprint: fp, state: 'in_progress', claimedAt: ago(1000) }, fp, now), 'in-progress');
    assert.equal(decideClaim({ fingerprint: fp, state: 'in_progress', claimedAt: ago(IDEMPOTENCY_STALE_MS) }, fp, now), 'take-over');
    // After 24 hours the key is free again, whatever it was used for.
    assert.equal(decideClaim({ fingerprint: 'f2', state: 'completed', claimedAt: ago(IDEMPOTENCY_WINDOW_MS) }, fp, now), 'take-over');
  });

  test('answers a retry could change (5xx, 429) and 401s (they say who asked) are not kept', () => {
    assert.deepEqual([200, 201, 204, 400, 401, 404, 409, 422, 429, 500, 502, 503].filter(keepsAnswer), [200, 201, 204, 400, 404, 409, 422]);
  });
});
