import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { addDays, daysBetween, isIsoDate, seoulDate, seoulToday, seoulYesterday, settableClock } from '../../src/clock.js';

/** An instant written as Seoul wall-clock time. */
const seoul = (local: string) => new Date(`${local}+09:00`);

describe('Seoul calendar days', () => {
  test('when it is 23:59:59.999 in Seoul, then it is still that day; one millisecond later it is the next', () => {
    assert.equal(seoulDate(seoul('2026-11-24T23:59:59.999')), '2026-11-24');
    assert.equal(seoulDate(seoul('2026-11-25T00:00:00.000')), '2026-11-25');
    // The same instants in UTC: the Seoul day turns at 15:00 UTC.
    assert.equal(seoulDate(new Date('2026-11-24T14:59:59.999Z')), '2026-11-24');
    assert.equal(seoulDate(new Date('2026-11-24T15:00:00.000Z')), '2026-11-25');
  });

  test('when the year ends, then Seoul is in the new year nine hours before UTC', () => {
    assert.equal(seoulDate(new Date('2026-12-31T15:00:00Z')), '2027-01-01');
    assert.equal(seoulDate(new Date('2026-12-31T14:59:59Z')), '2026-12-31');
  });

  test('when days are added across month, year and leap-day boundaries, then the calendar is followed', () => {
    assert.equal(addDays('2026-11-30', 1), '2026-12-01');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2027-02-28', 1), '2027-03-01');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
    assert.equal(daysBetween('2026-11-24', '2026-12-24'), 30);
    assert.equal(daysBetween('2026-12-24', '2026-11-24'), -30);
    assert.throws(() => addDays('2026-2-3', 1), RangeError);
  });

  test('when a date is written wrongly or does not exist, then it is not a calendar date', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '2026-2-3', '20261124', '2026-11-24T00:00:00Z', '', 'today']) assert.equal(isIsoDate(bad), false, bad);
    for (const good of ['2028-02-29', '2026-11-24', '2026-12-31']) assert.equal(isIsoDate(good), true, good);
  });
});

describe('the clock', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  test('when a test clock is set or advanced past Seoul midnight, then today and yesterday follow it', () => {
    const clock = settableClock(seoul('2026-11-24T23:59:00'));
    assert.equal(seoulToday(clock), '2026-11-24');
    assert.equal(seoulYesterday(clock), '2026-11-23');
    clock.advance(60_000);
    assert.equal(seoulToday(clock), '2026-11-25');
    assert.equal(seoulYesterday(clock), '2026-11-24');
    clock.set('2027-01-01T00:00:00+09:00');
    assert.equal(seoulToday(clock), '2027-01-01');
    assert.equal(seoulYesterday(clock), '2026-12-31');
  });

  test('when the caller changes the Date it was given, then the clock does not move', () => {
    const clock = settableClock('2026-11-24T03:00:00Z');
    clock.now().setUTCFullYear(1999);
    assert.equal(clock.now().toISOString(), '2026-11-24T03:00:00.000Z');
  });

  test('when the server runs in Los Angeles, Kiritimati or UTC, then today in Seoul is the same', () => {
    const clock = settableClock(seoul('2026-11-25T00:30:00'));
    for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC', 'Asia/Seoul']) {
      process.env.TZ = zone;
      assert.equal(seoulToday(clock), '2026-11-25', zone);
    }
  });
});
