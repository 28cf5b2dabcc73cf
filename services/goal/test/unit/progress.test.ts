import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seoulDate } from '../../src/domain/dates.js';
import {
  buildLedger,
  consecutiveMissedDays,
  dailySeries,
  dayTotals,
  longestRun,
  missionBestStreak,
  missionCurrentRun,
  missionCurrentStreak,
  monthlyTotals,
  overallBestStreak,
  overallCurrentStreak,
  rate,
  weeklyTotals,
  withCheckOff,
  type Ledger,
} from '../../src/domain/progress.js';
import { ledgerOf } from '../../src/domain/views.js';
import { buildGoals, buildSet, seoul } from './builders.js';

/** One mission active since `from`, checked off on `days`. */
function single(from: string, days: string[], missionId = 'walk'): Ledger {
  return buildLedger([{ missionId, spans: [{ from, until: null }], completedOn: days }]);
}

const streakOf = (ledger: Ledger, today: string, missionId = 'walk') =>
  missionCurrentStreak(
    ledger.missions.find((m) => m.missionId === missionId),
    today,
  );

describe('a mission’s current streak', () => {
  test('when a mission is checked off three days in a row up to today, then the streak is 3', () => {
    assert.equal(streakOf(single('2026-11-20', ['2026-11-22', '2026-11-23', '2026-11-24']), '2026-11-24'), 3);
  });

  test('when today is not checked off yet, then the run up to yesterday still counts (the day is not over)', () => {
    assert.equal(streakOf(single('2026-11-20', ['2026-11-22', '2026-11-23']), '2026-11-24'), 2);
  });

  test('when a whole day was missed, then the streak is broken', () => {
    const ledger = single('2026-11-20', ['2026-11-20', '2026-11-21', '2026-11-23', '2026-11-25']);
    assert.equal(streakOf(ledger, '2026-11-25'), 1, 'the 24th is missing');
    assert.equal(streakOf(ledger, '2026-11-26'), 1, 'still 1 on the 26th until it is over');
    assert.equal(streakOf(ledger, '2026-11-27'), 0, 'the 26th was missed too');
  });

  test('when nothing was ever checked off, then the streak is 0', () => {
    assert.equal(streakOf(single('2026-11-20', []), '2026-11-24'), 0);
    assert.equal(missionCurrentStreak(undefined, '2026-11-24'), 0);
  });

  test('when the run is read, then it names its first and last day', () => {
    const ledger = single('2026-11-20', ['2026-11-21', '2026-11-22', '2026-11-23']);
    assert.deepEqual(missionCurrentRun(ledger.missions[0]!, '2026-11-24'), { length: 3, start: '2026-11-21', end: '2026-11-23' });
    assert.equal(missionCurrentRun(ledger.missions[0]!, '2026-11-25'), null);
  });
});

describe('midnight in Seoul', () => {
  const ledger = single('2026-11-23', ['2026-11-23', '2026-11-24']);
  const at = (wallClock: string) => streakOf(ledger, seoulDate(seoul(wallClock)));

  test('when the check-off was at 23:59 and it is now 00:00 the next day, then the streak holds until that day ends', () => {
    assert.equal(at('2026-11-24T23:59:59'), 2);
    assert.equal(at('2026-11-25T00:00:00'), 2);
    assert.equal(at('2026-11-25T23:59:59'), 2);
    assert.equal(at('2026-11-26T00:00:00'), 0);
  });

  test('when it is 08:59 in Seoul (still the previous day in UTC), then the Seoul day is what counts', () => {
    // 2026-11-24T23:59:00Z is 08:59 on the 25th in Seoul.
    const today = seoulDate(new Date('2026-11-24T23:59:00Z'));
    assert.equal(today, '2026-11-25');
    const withToday = withCheckOff(ledger, 'walk', today, true);
    assert.equal(streakOf(withToday, today), 3);
  });
});

describe('undo', () => {
  test('when today’s check-off is undone, then the streak falls back to the run ending yesterday', () => {
    const ledger = single('2026-11-20', ['2026-11-22', '2026-11-23', '2026-11-24']);
    const undone = withCheckOff(ledger, 'walk', '2026-11-24', false);
    assert.equal(streakOf(undone, '2026-11-24'), 2);
    assert.equal(streakOf(ledger, '2026-11-24'), 3, 'the input is not changed');
  });

  test('when yesterday is undone inside a run, then the run is split and only today remains', () => {
    const ledger = single('2026-11-20', ['2026-11-22', '2026-11-23', '2026-11-24']);
    const undone = withCheckOff(ledger, 'walk', '2026-11-23', false);
    assert.equal(streakOf(undone, '2026-11-24'), 1);
    assert.equal(missionBestStreak(undone.missions[0], '2026-11-24'), 1);
  });

  test('when a day is checked off, undone and checked off again, then it is as if it was checked off once', () => {
    const base = single('2026-11-20', ['2026-11-23']);
    const redone = withCheckOff(withCheckOff(withCheckOff(base, 'walk', '2026-11-24', true), 'walk', '2026-11-24', false), 'walk', '2026-11-24', true);
    const twice = withCheckOff(withCheckOff(base, 'walk', '2026-11-24', true), 'walk', '2026-11-24', true);
    assert.equal(streakOf(redone, '2026-11-24'), 2);
    assert.deepEqual(redone.missions[0]!.doneSorted, ['2026-11-23', '2026-11-24']);
    assert.deepEqual(twice.missions[0]!.doneSorted, ['2026-11-23', '2026-11-24'], 'checking off twice counts once');
  });

  test('when yesterday is checked off late, then it bridges into today’s run', () => {
    const ledger = single('2026-11-20', ['2026-11-21', '2026-11-22', '2026-11-24']);
    assert.equal(streakOf(ledger, '2026-11-24'), 1);
    assert.equal(streakOf(withCheckOff(ledger, 'walk', '2026-11-23', true), '2026-11-24'), 4);
  });
});

describe('best streaks', () => {
  test('when there were several runs, then the best is the longest one, wherever it is', () => {
    assert.equal(longestRun(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-05', '2026-11-06']), 3);
    assert.equal(longestRun([]), 0);
    assert.equal(longestRun(['2026-12-30', '2026-12-31', '2027-01-01']), 3, 'across the year end');
    assert.equal(longestRun(['2028-02-28', '2028-02-29', '2028-03-01']), 3, 'across a leap day');
  });
});

describe('daily completion rates', () => {
  test('when 1 of 3 is done, then the rate is 33.3 %; nothing scheduled has no rate', () => {
    assert.equal(rate(1, 3), 33.3);
    assert.equal(rate(2, 3), 66.7);
    assert.equal(rate(0, 2), 0);
    assert.equal(rate(0, 0), null);
  });

  test('when a mission is added mid-week, then it counts only from the day it was added', () => {
    // Monday 23rd: walk. Wednesday 25th: the set is replaced by walk + water.
    const goals = buildGoals([buildSet('s1', '2026-11-23', ['walk'], { endedOn: '2026-11-25' }), buildSet('s2', '2026-11-25', ['walk', 'water'])], {
      walk: ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26'],
      water: ['2026-11-25', '2026-11-27'],
    });
    const days = dailySeries(ledgerOf(goals), '2026-11-23', '2026-11-29');
    assert.deepEqual(
      days.map((d) => [d.date, d.scheduled, d.completed]),
      [
        ['2026-11-23', 1, 1],
        ['2026-11-24', 1, 1],
        ['2026-11-25', 2, 2],
        ['2026-11-26', 2, 1],
        ['2026-11-27', 2, 1],
        ['2026-11-28', 2, 0],
        ['2026-11-29', 2, 0],
      ],
    );
    const [week] = weeklyTotals(days);
    assert.deepEqual(week, { weekStart: '2026-11-23', days: 7, scheduled: 12, completed: 6, completionRate: 50 });
  });

  test('when a mission chosen today is checked off for yesterday, then yesterday counts it and no rate exceeds 100 %', () => {
    const goals = buildGoals([buildSet('s1', '2026-11-24', ['walk'])], { walk: ['2026-11-23', '2026-11-24'] });
    const ledger = ledgerOf(goals);
    assert.deepEqual(dayTotals(ledger, '2026-11-23'), { date: '2026-11-23', scheduled: 1, completed: 1, completionRate: 100 });
    assert.deepEqual(dayTotals(ledger, '2026-11-22'), { date: '2026-11-22', scheduled: 0, completed: 0, completionRate: null });
    assert.equal(streakOf(ledger, '2026-11-24'), 2);
  });

  test('when a set is replaced, then the dropped missions stop counting on the day of the change and kept ones go on', () => {
    const goals = buildGoals([buildSet('s1', '2026-11-20', ['walk', 'water'], { endedOn: '2026-11-23' }), buildSet('s2', '2026-11-23', ['walk', 'sleep'])], {
      walk: ['2026-11-21', '2026-11-22', '2026-11-23'],
    });
    const ledger = ledgerOf(goals);
    assert.equal(dayTotals(ledger, '2026-11-22').scheduled, 2, 'walk + water');
    assert.equal(dayTotals(ledger, '2026-11-23').scheduled, 2, 'walk + sleep, not water');
    assert.equal(streakOf(ledger, '2026-11-23'), 3, 'walk’s streak survives the change of set');
  });

  test('when the set was reset, then from that day nothing is scheduled and the days have no rate', () => {
    const goals = buildGoals([buildSet('s1', '2026-11-20', ['walk'], { endedOn: '2026-11-23', status: 'RESET' })], { walk: ['2026-11-20'] });
    const days = dailySeries(ledgerOf(goals), '2026-11-22', '2026-11-24');
    assert.deepEqual(
      days.map((d) => d.completionRate),
      [0, null, null],
    );
  });

  test('when a set was chosen and replaced on the same day, then its missions never count', () => {
    const goals = buildGoals([buildSet('s1', '2026-11-23', ['walk'], { endedOn: '2026-11-23' }), buildSet('s2', '2026-11-23', ['water'])]);
    assert.equal(dayTotals(ledgerOf(goals), '2026-11-23').scheduled, 1);
  });

  test('when a period spans a month end inside a week, then weeks and months are both cut correctly and empty days are left out', () => {
    const goals = buildGoals([buildSet('s1', '2026-11-27', ['walk'])], { walk: ['2026-11-27', '2026-11-28', '2026-11-30', '2026-12-01'] });
    const days = dailySeries(ledgerOf(goals), '2026-11-25', '2026-12-02');
    assert.deepEqual(weeklyTotals(days), [
      { weekStart: '2026-11-23', days: 5, scheduled: 3, completed: 2, completionRate: 66.7 },
      { weekStart: '2026-11-30', days: 3, scheduled: 3, completed: 2, completionRate: 66.7 },
    ]);
    assert.deepEqual(monthlyTotals(days), [
      { month: '2026-11', days: 6, scheduled: 4, completed: 3, completionRate: 75 },
      { month: '2026-12', days: 2, scheduled: 2, completed: 1, completionRate: 50 },
    ]);
  });
});

describe('the overall streak (perfect days)', () => {
  const goals = buildGoals([buildSet('s1', '2026-11-20', ['walk', 'water'])], {
    walk: ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24'],
    water: ['2026-11-20', '2026-11-22', '2026-11-23', '2026-11-24'],
  });
  const ledger = ledgerOf(goals);

  test('when every mission was done on the last three days, then the overall streak is 3 and a half-done day broke it before', () => {
    assert.equal(overallCurrentStreak(ledger, '2026-11-24'), 3);
    assert.equal(overallBestStreak(ledger, '2026-11-24'), 3);
  });

  test('when today is only half done, then the streak up to yesterday stands', () => {
    const halfToday = withCheckOff(ledger, 'water', '2026-11-24', false);
    assert.equal(overallCurrentStreak(halfToday, '2026-11-24'), 2);
  });

  test('when there are no missions at all, then every overall figure is 0', () => {
    const empty = buildLedger([]);
    assert.equal(overallCurrentStreak(empty, '2026-11-24'), 0);
    assert.equal(overallBestStreak(empty, '2026-11-24'), 0);
    assert.equal(consecutiveMissedDays(empty, '2026-11-24'), 0);
  });
});

describe('missed days', () => {
  test('when nothing was done for the last two days, then 2 days are missed; anything done today resets it', () => {
    const ledger = single('2026-11-20', ['2026-11-21']);
    assert.equal(consecutiveMissedDays(ledger, '2026-11-24'), 2);
    assert.equal(consecutiveMissedDays(withCheckOff(ledger, 'walk', '2026-11-24', true), '2026-11-24'), 0);
  });

  test('when the missions started today, then no day is missed yet', () => {
    assert.equal(consecutiveMissedDays(single('2026-11-24', []), '2026-11-24'), 0);
  });

  test('when the days before the missions started are empty, then they are not counted as missed', () => {
    assert.equal(consecutiveMissedDays(single('2026-11-22', []), '2026-11-24'), 2);
  });
});
