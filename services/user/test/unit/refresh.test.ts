import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refreshOutcome } from '../../src/domain/refresh.js';

const now = new Date('2026-11-24T03:00:00Z');
const live = { expiresAt: new Date('2026-12-24T03:00:00Z'), usedAt: null, revokedAt: null };

test('when an unused, unrevoked token within its lifetime is presented, then it rotates', () => {
  assert.equal(refreshOutcome(live, now), 'ROTATE');
});

test('when no stored token matches, then it is unknown', () => {
  assert.equal(refreshOutcome(undefined, now), 'UNKNOWN');
});

test('when a token is presented at or after its expiry, then it has expired', () => {
  assert.equal(refreshOutcome({ ...live, expiresAt: now }, now), 'EXPIRED');
  assert.equal(refreshOutcome({ ...live, expiresAt: new Date(now.getTime() + 1) }, now), 'ROTATE');
});

test('when a revoked token is presented, then it is refused as revoked', () => {
  assert.equal(refreshOutcome({ ...live, revokedAt: now }, now), 'REVOKED');
});

test('when a token already exchanged is presented again, then it is reuse — even if the session was revoked or it expired meanwhile', () => {
  assert.equal(refreshOutcome({ ...live, usedAt: now }, now), 'REUSED');
  assert.equal(refreshOutcome({ ...live, usedAt: now, revokedAt: now, expiresAt: now }, now), 'REUSED');
});
