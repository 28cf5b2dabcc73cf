import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeHistoryCursor, encodeHistoryCursor } from '../../src/domain/history-cursor.js';

test('when a page names its last checkup, then its cursor reads back as that checkup and nothing else', () => {
  const id = '5f0c3b4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
  const cursor = encodeHistoryCursor(id);
  assert.match(cursor, /^[A-Za-z0-9_-]+$/, 'safe in a query string as it is');
  assert.equal(decodeHistoryCursor(cursor), id);
});

test('when a cursor was not made by the API, then it names no checkup', () => {
  for (const forged of [
    '',
    'bm90LWEtY3Vyc29y',
    Buffer.from('c1:not-a-uuid').toString('base64url'),
    Buffer.from('c2:5f0c3b4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f').toString('base64url'),
    Buffer.from("c1:5f0c3b4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f' or 1=1 --").toString('base64url'),
    '5f0c3b4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
  ]) {
    assert.equal(decodeHistoryCursor(forged), undefined, forged);
  }
});
