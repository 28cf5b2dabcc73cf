import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decide, windowStart } from '../../src/domain/rate-limit.js';

test('when a client is under its limit, then the request is allowed and the remaining count shrinks', () => {
  const decision = decide('ip:1.2.3.4', 0, 3, 60_000 * 10 + 15_000);
  assert.deepEqual(decision, { allowed: true, limit: 3, remaining: 2, resetSeconds: 45, windowKey: 'ratelimit:ip:1.2.3.4:600000' });
});

test('when the request would be one past the limit, then it is refused with nothing remaining', () => {
  assert.equal(decide('c', 2, 3, 0).allowed, true);
  const refused = decide('c', 3, 3, 0);
  assert.equal(refused.allowed, false);
  assert.equal(refused.remaining, 0);
});

test('when a new minute starts, then the window key changes', () => {
  assert.equal(windowStart(119_999, 60_000), 60_000);
  assert.equal(windowStart(120_000, 60_000), 120_000);
  assert.notEqual(decide('c', 0, 1, 119_999).windowKey, decide('c', 0, 1, 120_000).windowKey);
});

test('when the window is about to end, then the reset is at least one second', () => {
  assert.equal(decide('c', 0, 1, 59_999).resetSeconds, 1);
});
