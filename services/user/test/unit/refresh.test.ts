import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openSuccessor, REFRESH_GRACE_MS, refreshOutcome, sealSuccessor } from '../../src/domain/refresh.js';

const now = new Date('2026-11-24T03:00:00Z');
const live = { expiresAt: new Date('2026-12-24T03:00:00Z'), usedAt: null, revokedAt: null, sealedSuccessor: null, successorUsed: false };

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

const sealed = Buffer.from('sealed');
const ago = (ms: number) => new Date(now.getTime() - ms);

test('when the just-used token comes back within the grace window and its new pair is unused, then it is a retry that gets that pair', () => {
  assert.equal(refreshOutcome({ ...live, usedAt: ago(1_000), sealedSuccessor: sealed }, now), 'REPLAY');
  assert.equal(refreshOutcome({ ...live, usedAt: ago(REFRESH_GRACE_MS - 1), sealedSuccessor: sealed }, now), 'REPLAY');
});

test('when the grace window has passed, the new pair was used, or the session was revoked, then it is still reuse', () => {
  assert.equal(refreshOutcome({ ...live, usedAt: ago(REFRESH_GRACE_MS), sealedSuccessor: sealed }, now), 'REUSED');
  assert.equal(refreshOutcome({ ...live, usedAt: ago(1_000), sealedSuccessor: sealed, successorUsed: true }, now), 'REUSED');
  assert.equal(refreshOutcome({ ...live, usedAt: ago(1_000), sealedSuccessor: sealed, revokedAt: now }, now), 'REUSED');
  assert.equal(refreshOutcome({ ...live, usedAt: ago(1_000), sealedSuccessor: null }, now), 'REUSED');
});

test('the sealed pair opens only with the token it replaced', () => {
  const pair = { accessToken: 'eyJ.a.b', refreshToken: 'new-refresh', accessExpiresAt: now.toISOString() };
  const box = sealSuccessor('old-refresh-token', pair);
  assert.ok(!box.toString('utf8').includes('new-refresh'), 'not in clear text');
  assert.deepEqual(openSuccessor('old-refresh-token', box), pair);
  assert.equal(openSuccessor('another-token', box), undefined);
  const tampered = Buffer.from(box);
  tampered.writeUInt8(tampered.readUInt8(tampered.length - 1) ^ 1, tampered.length - 1);
  assert.equal(openSuccessor('old-refresh-token', tampered), undefined);
});
