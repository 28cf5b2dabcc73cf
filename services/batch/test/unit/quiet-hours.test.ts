import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_QUIET_HOURS, deliveryTime, isQuietAt } from '../../src/domain/quiet-hours.js';

/** An instant given as Seoul wall-clock time. */
const kst = (local: string) => new Date(`${local}+09:00`);

test('when it is 22:00 KST or later, or before 08:00, then the default quiet hours apply; 08:00 and 21:59 are not quiet', () => {
  assert.equal(isQuietAt(kst('2026-11-24T22:00:00'), DEFAULT_QUIET_HOURS), true);
  assert.equal(isQuietAt(kst('2026-11-25T03:30:00'), DEFAULT_QUIET_HOURS), true);
  assert.equal(isQuietAt(kst('2026-11-25T07:59:59'), DEFAULT_QUIET_HOURS), true);
  assert.equal(isQuietAt(kst('2026-11-25T08:00:00'), DEFAULT_QUIET_HOURS), false);
  assert.equal(isQuietAt(kst('2026-11-24T21:59:59'), DEFAULT_QUIET_HOURS), false);
  assert.equal(isQuietAt(kst('2026-11-24T09:00:00'), DEFAULT_QUIET_HOURS), false);
});

test('when a message is written at 23:10 KST, then it waits until 08:00 KST the next morning', () => {
  const { deliverAt, deferred } = deliveryTime(kst('2026-11-24T23:10:00'), DEFAULT_QUIET_HOURS);
  assert.equal(deferred, true);
  assert.equal(deliverAt.toISOString(), kst('2026-11-25T08:00:00').toISOString());
});

test('when a message is written at 06:30 KST, then it waits until 08:00 the same morning', () => {
  const { deliverAt, deferred } = deliveryTime(kst('2026-11-25T06:30:00'), DEFAULT_QUIET_HOURS);
  assert.equal(deferred, true);
  assert.equal(deliverAt.toISOString(), '2026-11-24T23:00:00.000Z');
});

test('when the 09:00 run writes a message outside quiet hours, then it is shown at once', () => {
  const at = kst('2026-11-24T09:00:00');
  assert.deepEqual(deliveryTime(at, DEFAULT_QUIET_HOURS), { deliverAt: at, deferred: false });
});

test('when the user set their own quiet hours (a window within one day), then those apply instead of the default', () => {
  const own = { start: '09:00', end: '12:30' };
  assert.equal(isQuietAt(kst('2026-11-24T23:00:00'), own), false);
  const { deliverAt, deferred } = deliveryTime(kst('2026-11-24T09:00:00'), own);
  assert.equal(deferred, true);
  assert.equal(deliverAt.toISOString(), kst('2026-11-24T12:30:00').toISOString());
  assert.equal(deliveryTime(kst('2026-11-24T12:30:00'), own).deferred, false);
});

test('when the user wants no quiet hours, then a message is never deferred', () => {
  const at = kst('2026-11-25T02:00:00');
  assert.deepEqual(deliveryTime(at, null), { deliverAt: at, deferred: false });
});

test('when the quiet hours end at midnight, then a message written at 23:59 waits until 00:00', () => {
  const { deliverAt } = deliveryTime(kst('2026-11-24T23:59:30'), { start: '21:00', end: '00:00' });
  assert.equal(deliverAt.toISOString(), kst('2026-11-25T00:00:00').toISOString());
});

test('when the server runs in another time zone, then quiet hours still follow Seoul time (only instants are compared)', () => {
  // 14:30 UTC is 23:30 in Seoul, whatever TZ the process has.
  assert.equal(isQuietAt(new Date('2026-11-24T14:30:00Z'), DEFAULT_QUIET_HOURS), true);
  assert.equal(isQuietAt(new Date('2026-11-24T00:30:00Z'), DEFAULT_QUIET_HOURS), false);
});
