import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { failureKindOfStatus, retryAfterMs, retryDelay, type RetryInput } from '../../src/domain/retry.js';

const base: RetryInput = {
  kind: 'RATE_LIMITED',
  attempt: 1,
  maxAttempts: 3,
  remainingMs: 10_000,
  baseDelayMs: 500,
  maxWaitMs: 5_000,
  minAttemptMs: 300,
  jitter: 0,
};

const headers = (entries: Record<string, string>) => ({ get: (name: string) => entries[name] ?? null });

describe('retrying model calls', () => {
  test('when a 429 says retry-after 2, then the next attempt waits exactly that long', () => {
    assert.equal(retryDelay({ ...base, retryAfterMs: retryAfterMs(headers({ 'retry-after': '2' }), 0) }), 2_000);
  });

  test('when retry-after-ms is sent too, then it wins over retry-after', () => {
    assert.equal(retryAfterMs(headers({ 'retry-after': '2', 'retry-after-ms': '1250' }), 0), 1_250);
  });

  test('when retry-after is an HTTP date, then the wait runs until that time', () => {
    const now = Date.parse('2026-11-24T00:00:00Z');
    assert.equal(retryAfterMs(headers({ 'retry-after': 'Tue, 24 Nov 2026 00:00:03 GMT' }), now), 3_000);
  });

  test('when a 529 comes without retry-after, then the back-off doubles per attempt', () => {
    assert.equal(retryDelay({ ...base, kind: 'OVERLOADED', attempt: 1, jitter: 0.999999 }), 500);
    assert.equal(retryDelay({ ...base, kind: 'OVERLOADED', attempt: 2, jitter: 0.999999 }), 1_000);
    assert.equal(retryDelay({ ...base, kind: 'OVERLOADED', attempt: 1, jitter: 0 }), 250);
  });

  test('when the attempts are used up, then there is no retry', () => {
    assert.equal(retryDelay({ ...base, attempt: 3 }), undefined);
  });

  test('when the API asks for a wait longer than worth taking or than the deadline allows, then there is no retry', () => {
    assert.equal(retryDelay({ ...base, retryAfterMs: 30_000 }), undefined);
    assert.equal(retryDelay({ ...base, retryAfterMs: 2_000, remainingMs: 2_100 }), undefined);
  });

  test('when the request was invalid, the breaker is open or the caller left, then it is never retried', () => {
    for (const kind of ['CLIENT_ERROR', 'CIRCUIT_OPEN', 'ABORTED'] as const) assert.equal(retryDelay({ ...base, kind }), undefined);
  });

  test('when statuses are classified, then 429, 529, 5xx and 4xx get their kinds', () => {
    assert.deepEqual([429, 529, 500, 503, 400, 401, 408].map(failureKindOfStatus), [
      'RATE_LIMITED',
      'OVERLOADED',
      'SERVER_ERROR',
      'SERVER_ERROR',
      'CLIENT_ERROR',
      'CLIENT_ERROR',
      'TIMEOUT',
    ]);
  });
});
