import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { seoulToday } from '@healthsync/shared';
import { addDays, daysBetween, eachDay, isIsoDate, monthOf, seoulDate, weekStart } from '../../src/domain/dates.js';
import { todayView } from '../../src/domain/views.js';
import { buildGoals, buildSet, seoul } from './builders.js';

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
    assert.deepEqual(eachDay('2026-11-29', '2026-12-01'), ['2026-11-29', '2026-11-30', '2026-12-01']);
    assert.deepEqual(eachDay('2026-12-01', '2026-11-29'), []);
  });

  test('when a week or month is asked for, then weeks start on Monday and months are YYYY-MM', () => {
    assert.equal(weekStart('2026-11-23'), '2026-11-23'); // a Monday
    assert.equal(weekStart('2026-11-29'), '2026-11-23'); // the Sunday after
    assert.equal(weekStart('2026-12-01'), '2026-11-30');
    assert.equal(weekStart('2027-01-01'), '2026-12-28');
    assert.equal(monthOf('2026-11-29'), '2026-11');
  });

  test('when a date is written wrongly or does not exist, then it is not a calendar date', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '2026-2-3', '20261124', '2026-11-24T00:00:00Z', '', 'today']) assert.equal(isIsoDate(bad), false, bad);
    for (const good of ['2028-02-29', '2026-11-24', '2026-12-31']) assert.equal(isIsoDate(good), true, good);
  });
});

describe('the server’s time zone is irrelevant', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  test('when the server runs in Los Angeles, Kiritimati or UTC, then today in Seoul and the today view are the same', () => {
    const clock = { now: () => seoul('2026-11-25T00:30:00') };
    const goals = buildGoals([buildSet('s1', '2026-11-23', ['walk'])], { walk: ['2026-11-23', '2026-11-24'] });
    const results = ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC', 'Asia/Seoul'].map((zone) => {
      process.env.TZ = zone;
      const today = seoulToday(clock);
      return { zone, today, view: todayView(goals, today) };
    });
    for (const result of results) {
      assert.equal(result.today, '2026-11-25', result.zone);
      assert.deepEqual(result.view, results[0]!.view, result.zone);
    }
    assert.equal(results[0]!.view.missions[0]!.currentStreak, 2, 'yesterday and the day before, today not over yet');
  });
});
