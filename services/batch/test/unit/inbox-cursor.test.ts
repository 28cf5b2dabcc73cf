import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeCursor, encodeCursor } from '../../src/domain/inbox-cursor.js';

test('when a page ends, then its cursor names the last message exactly, microseconds included', () => {
  const position = { deliveredAt: '2026-11-24T00:00:01.123456Z', id: '0b6f1c2e-6d0a-4c43-9a57-3f2a1c8e9d10' };
  assert.deepEqual(decodeCursor(encodeCursor(position)), position);
});

test('when a client sends a cursor we did not make, then it is refused', () => {
  for (const bad of ['x', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["yesterday","abc"]').toString('base64url'), '%%%']) {
    assert.equal(decodeCursor(bad), undefined, bad);
  }
});
