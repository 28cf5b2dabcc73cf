import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seoulDate } from '../../src/domain/run-date.js';

test('when it is 14:59 UTC, then it is still the same day in Seoul; at 15:00 UTC the Seoul day turns', () => {
  assert.equal(seoulDate(new Date('2026-11-24T14:59:59.999Z')), '2026-11-24');
  assert.equal(seoulDate(new Date('2026-11-24T15:00:00.000Z')), '2026-11-25');
});

test('when the year ends, then the Seoul date moves to the new year nine hours early', () => {
  assert.equal(seoulDate(new Date('2026-12-31T15:00:00Z')), '2027-01-01');
});
