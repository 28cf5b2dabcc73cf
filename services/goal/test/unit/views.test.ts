import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addDays, seoulDate } from '../../src/domain/dates.js';
import { progressFacts, progressReport, todayView, type CelebrationRecord, type UserGoals } from '../../src/domain/views.js';
import { buildGoals, buildSet, seoul } from './builders.js';

describe('a week of missions, day by day', () => {
  // Monday 23 Nov: the user chooses walk + water. They check off as follows (Seoul days):
  //   Mon walk, water · Tue walk, water · Wed walk · Thu walk (water late, on Fri morning) · Fri walk
  const checkOffs: [string, string][] = [
    ['2026-11-23T08:00', 'walk'],
    ['2026-11-23T21:00', 'water'],
    ['2026-11-24T07:30', 'walk'],
    ['2026-11-24T23:59', 'water'],
    ['2026-11-25T12:00', 'walk'],
    ['2026-11-26T12:00', 'walk'],
    ['2026-11-27T00:10', 'water@yesterday'],
    ['2026-11-27T09:00', 'walk'],
  ];
  const goalsAt = (wallClock: string): UserGoals => {
    const now = seoul(wallClock).getTime();
    const completions = checkOffs
      .filter(([at]) => seoul(at).getTime() <= now)
      .map(([at, what]) => {
        const day = seoulDate(seoul(at));
        return what.endsWith('@yesterday') ? { missionId: what.split('@')[0]!, date: addDays(day, -1) } : { missionId: what, date: day };
      });
    return { sets: [buildSet('s1', '2026-11-23', ['walk', 'water'])], completions };
  };
  const viewAt = (wallClock: string) => todayView(goalsAt(wallClock), seoulDate(seoul(wallClock)));
  const streaks = (wallClock: string) => Object.fromEntries(viewAt(wallClock).missions.map((m) => [m.missionId, m.currentStreak]));

  test('when the user checks off over several days, then each morning and evening shows the right streaks and today’s rate', () => {
    assert.deepEqual(streaks('2026-11-23T07:00'), { walk: 0, water: 0 });
    assert.deepEqual(streaks('2026-11-23T22:00'), { walk: 1, water: 1 });
    assert.equal(viewAt('2026-11-23T22:00').completionRate, 100);
    assert.deepEqual(streaks('2026-11-24T08:00'), { walk: 2, water: 1 }, 'water not yet today: still 1 from Monday');
    assert.equal(viewAt('2026-11-24T08:00').completionRate, 50);
    assert.deepEqual(streaks('2026-11-25T13:00'), { walk: 3, water: 2 });
    assert.deepEqual(streaks('2026-11-26T13:00'), { walk: 4, water: 0 }, 'water missed Wednesday');
    assert.deepEqual(streaks('2026-11-27T00:20'), { walk: 4, water: 1 }, 'Thursday’s water logged late counts for Thursday');
    assert.deepEqual(streaks('2026-11-27T10:00'), { walk: 5, water: 1 });
  });

  test('when the overall streak is read, then only days with every mission done count', () => {
    assert.equal(viewAt('2026-11-24T23:59').overallStreak, 2);
    assert.equal(viewAt('2026-11-25T13:00').overallStreak, 2, 'Wednesday is not over yet');
    assert.equal(viewAt('2026-11-26T00:00').overallStreak, 0, 'Wednesday ended half done');
    assert.equal(viewAt('2026-11-27T10:00').overallStreak, 1, 'Thursday became perfect with the late check-off');
  });

  test('when the week’s progress is read on Friday, then daily, weekly and per-mission figures match', () => {
    const report = progressReport(goalsAt('2026-11-27T10:00'), [], '2026-11-23', '2026-11-27', '2026-11-27');
    assert.deepEqual(
      report.days.map((d) => d.completionRate),
      [100, 100, 50, 100, 50],
    );
    assert.deepEqual(report.overall, { scheduled: 10, completed: 8, completionRate: 80, currentStreak: 1, bestStreak: 2 });
    assert.deepEqual(report.weeks, [{ weekStart: '2026-11-23', days: 5, scheduled: 10, completed: 8, completionRate: 80 }]);
    const walk = report.missions.find((m) => m.missionId === 'walk')!;
    const water = report.missions.find((m) => m.missionId === 'water')!;
    assert.deepEqual(
      [walk.completedDays, walk.scheduledDays, walk.completionRate, walk.currentStreak, walk.bestStreak, walk.lastCompletedOn],
      [5, 5, 100, 5, 5, '2026-11-27'],
    );
    assert.deepEqual([water.completedDays, water.scheduledDays, water.completionRate, water.currentStreak, water.bestStreak], [3, 5, 60, 1, 2]);
    assert.deepEqual(report.chart.daily.labels, ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
    assert.deepEqual(report.chart.daily.completionRate, [100, 100, 50, 100, 50]);
    assert.deepEqual(
      report.chart.byMission.missionIds,
      report.missions.map((m) => m.missionId),
    );
    assert.deepEqual(
      report.goalSets.map((s) => [s.id, s.status]),
      [['s1', 'ACTIVE']],
    );
  });
});

describe('the today view', () => {
  test('when the user has never chosen missions, then the view is empty with no rate', () => {
    assert.deepEqual(todayView({ sets: [], completions: [] }, '2026-11-24'), {
      date: '2026-11-24',
      timeZone: 'Asia/Seoul',
      goalSetId: null,
      startedOn: null,
      missions: [],
      completedCount: 0,
      totalCount: 0,
      completionRate: null,
      overallStreak: 0,
    });
  });

  test('when a mission was checked off yesterday and today, then it shows both and a streak of 2', () => {
    const view = todayView(buildGoals([buildSet('s1', '2026-11-24', ['walk', 'water'])], { walk: ['2026-11-23', '2026-11-24'] }), '2026-11-24');
    assert.equal(view.goalSetId, 's1');
    assert.deepEqual(
      view.missions.map((m) => [m.missionId, m.doneToday, m.doneYesterday, m.currentStreak]),
      [
        ['walk', true, true, 2],
        ['water', false, false, 0],
      ],
    );
    assert.deepEqual([view.completedCount, view.totalCount, view.completionRate], [1, 2, 50]);
  });

  test('when the missions were reset, then no mission is shown though their history remains', () => {
    const view = todayView(
      buildGoals([buildSet('s1', '2026-11-20', ['walk'], { endedOn: '2026-11-24', status: 'RESET' })], { walk: ['2026-11-23'] }),
      '2026-11-24',
    );
    assert.deepEqual([view.goalSetId, view.missions.length, view.completionRate], [null, 0, null]);
  });
});

describe('progress history', () => {
  const goals = buildGoals(
    [
      buildSet('s1', '2026-10-01', ['old'], { endedOn: '2026-10-20' }),
      buildSet('s2', '2026-10-20', ['walk'], { endedOn: '2026-11-10', status: 'RESET' }),
      buildSet('s3', '2026-11-15', ['water']),
    ],
    { old: ['2026-10-02'], walk: ['2026-11-01', '2026-11-02'], water: ['2026-11-20'] },
  );
  const celebration = (createdOn: string): CelebrationRecord => ({
    id: `c-${createdOn}`,
    missionId: 'walk',
    milestone: 3,
    text: '축하',
    source: 'FALLBACK',
    createdOn,
    createdAt: `${createdOn}T00:00:00.000Z`,
  });

  test('when the period covers two sets, then both are listed newest first and a set outside it is not', () => {
    const report = progressReport(goals, [celebration('2026-11-03'), celebration('2026-10-05')], '2026-11-01', '2026-11-24', '2026-11-24');
    assert.deepEqual(
      report.goalSets.map((s) => [s.id, s.status, s.startedOn, s.endedOn]),
      [
        ['s3', 'ACTIVE', '2026-11-15', null],
        ['s2', 'RESET', '2026-10-20', '2026-11-10'],
      ],
    );
    assert.deepEqual(
      report.celebrations.map((c) => c.createdOn),
      ['2026-11-03'],
      'only the period’s celebrations',
    );
    assert.deepEqual(
      report.missions.map((m) => [m.missionId, m.active, m.scheduledDays, m.completedDays]),
      [
        ['water', true, 10, 1],
        ['walk', false, 9, 2],
      ],
    );
    assert.equal(report.days.find((d) => d.date === '2026-11-12')!.completionRate, null, 'between the reset and the next choice');
  });
});

describe('progress facts for the batch', () => {
  test('when a user missed the last two days, then the facts say so with the 7-day rate over the full days before today', () => {
    const goals = buildGoals([buildSet('s1', '2026-11-16', ['walk', 'water'])], {
      walk: ['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21'],
      water: ['2026-11-20', '2026-11-21'],
    });
    const facts = progressFacts('u1', goals, '2026-11-24');
    assert.deepEqual(facts, {
      userId: 'u1',
      goalSetId: 's1',
      goalSetStartedOn: '2026-11-16',
      activeMissions: [
        { missionId: 'walk', title: '미션 walk', category: 'exercise', difficulty: 'easy', minutes: 10, doneToday: false, currentStreak: 0 },
        { missionId: 'water', title: '미션 water', category: 'exercise', difficulty: 'easy', minutes: 10, doneToday: false, currentStreak: 0 },
      ],
      activeMissionCount: 2,
      completedToday: 0,
      // 17–23 Nov: 14 scheduled, 7 done.
      completionRate7d: 50,
      window7d: { from: '2026-11-17', to: '2026-11-23' },
      consecutiveMissedDays: 2,
      lastActivityDate: '2026-11-21',
      currentStreak: 0,
    });
  });

  test('when the user has no active missions, then there are no facts; when they started today, the rate is null', () => {
    assert.equal(
      progressFacts('u1', buildGoals([buildSet('s1', '2026-11-16', ['walk'], { endedOn: '2026-11-20', status: 'RESET' })]), '2026-11-24'),
      undefined,
    );
    const fresh = progressFacts('u1', buildGoals([buildSet('s1', '2026-11-24', ['walk'])], { walk: ['2026-11-24'] }), '2026-11-24')!;
    assert.deepEqual(
      [fresh.completionRate7d, fresh.consecutiveMissedDays, fresh.completedToday, fresh.currentStreak, fresh.lastActivityDate],
      [null, 0, 1, 1, '2026-11-24'],
    );
  });
});
