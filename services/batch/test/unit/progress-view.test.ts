import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activeSetOf, progressFacts } from '../../src/domain/progress-view.js';
import { buildSet, buildView } from './builders.js';

const today = '2026-11-24';

test('when a set of 2 missions ran all week with nothing checked off, then the rate is 0 % and every day was missed', () => {
  const facts = progressFacts(buildView({ sets: [buildSet({ startedOn: '2026-11-10', missionCount: 2 })] }), today);
  assert.equal(facts.completionRate7d, 0);
  assert.deepEqual(facts.window7d, { from: '2026-11-17', to: '2026-11-23', scheduled: 14, completed: 0 });
  assert.equal(facts.consecutiveMissedDays, 14);
  assert.equal(facts.activeMissionCount, 2);
  assert.equal(facts.lastActivityDate, null);
});

test('when some days had check-offs, then the rate counts them over what was scheduled and missed days stop at the last active day', () => {
  const view = buildView({
    sets: [buildSet({ startedOn: '2026-11-01', missionCount: 2 })],
    days: [
      { day: '2026-11-17', scheduled: 2, completed: 2 },
      { day: '2026-11-19', scheduled: 2, completed: 1 },
      { day: '2026-11-21', scheduled: 2, completed: 2 },
    ],
    lastActivityOn: '2026-11-21',
  });
  const facts = progressFacts(view, today);
  assert.equal(facts.completionRate7d, 35.7); // 5 of 14
  assert.equal(facts.consecutiveMissedDays, 2); // 22nd and 23rd
  assert.equal(facts.lastActivityDate, '2026-11-21');
  assert.equal(facts.daysSinceLastActivity, 3);
});

test('when something is checked off today, then no day counts as missed (today is not over)', () => {
  const view = buildView({ days: [{ day: today, scheduled: 2, completed: 1 }], lastActivityOn: today });
  const facts = progressFacts(view, today);
  assert.equal(facts.consecutiveMissedDays, 0);
  assert.equal(facts.completedToday, 1);
  assert.equal(facts.scheduledToday, 2);
});

test('when the set was chosen today, then the last seven days had nothing scheduled: no rate and no missed days', () => {
  const facts = progressFacts(buildView({ sets: [buildSet({ startedOn: today })] }), today);
  assert.equal(facts.completionRate7d, null);
  assert.equal(facts.consecutiveMissedDays, 0);
  assert.equal(facts.goalSetStartedOn, today);
});

test('when a set replaced another mid-week, then each day counts the missions of the set in force that day', () => {
  const old = buildSet({ startedOn: '2026-11-01', endedOn: '2026-11-21', missionCount: 1 });
  const current = buildSet({ startedOn: '2026-11-21', missionCount: 3 });
  const facts = progressFacts(buildView({ sets: [old, current] }), today);
  // 17..20: 1 a day (4); 21..23: 3 a day (9)
  assert.equal(facts.window7d.scheduled, 13);
  assert.equal(facts.activeMissionCount, 3);
  assert.equal(facts.goalSetId, current.goalSetId);
});

test('when a reset left days without missions, then the missed-day count stops at the gap', () => {
  const ended = buildSet({ startedOn: '2026-11-01', endedOn: '2026-11-20', missionCount: 2 });
  const current = buildSet({ startedOn: '2026-11-22', missionCount: 2 });
  const facts = progressFacts(buildView({ sets: [ended, current] }), today);
  assert.equal(facts.consecutiveMissedDays, 2); // 22nd, 23rd; the 21st had nothing scheduled
  assert.equal(facts.window7d.scheduled, 10); // 17..19 and 22..23
});

test('when a check-off event said how many were scheduled, then that count wins over the set size (late check-offs count)', () => {
  const view = buildView({
    sets: [buildSet({ startedOn: '2026-11-01', missionCount: 2 })],
    days: [{ day: '2026-11-23', scheduled: 3, completed: 3 }],
    lastActivityOn: '2026-11-23',
  });
  const facts = progressFacts(view, today);
  assert.equal(facts.window7d.scheduled, 15);
  assert.equal(facts.window7d.completed, 3);
  assert.equal(facts.completionRate7d, 20);
});

test('when every set has ended, then the user has no active missions', () => {
  const facts = progressFacts(buildView({ sets: [buildSet({ startedOn: '2026-11-01', endedOn: '2026-11-23' })] }), today);
  assert.equal(facts.activeMissionCount, 0);
  assert.equal(facts.goalSetId, null);
});

test('when only the end of a set is known (its GoalSet has not arrived), then it neither counts as active nor as scheduled', () => {
  const unknownStart = buildSet({ startedOn: null, endedOn: '2026-11-22', missionCount: 5 });
  assert.equal(activeSetOf([unknownStart]), undefined);
  const facts = progressFacts(buildView({ sets: [unknownStart] }), today);
  assert.equal(facts.window7d.scheduled, 0);
});

test('when two sets look active (the replacement event is late), then the newer one is taken', () => {
  const older = buildSet({ goalSetId: 'a', startedOn: '2026-11-01' });
  const newer = buildSet({ goalSetId: 'b', startedOn: '2026-11-20' });
  assert.equal(activeSetOf([newer, older])?.goalSetId, 'b');
  assert.equal(activeSetOf([buildSet({ goalSetId: 'x', startedOn: today }), buildSet({ goalSetId: 'y', startedOn: today })])?.goalSetId, 'y');
});

test('when a user has missed for months, then the count stops at the 60-day look-back', () => {
  const facts = progressFacts(buildView({ sets: [buildSet({ startedOn: '2026-01-01' })] }), today);
  assert.equal(facts.consecutiveMissedDays, 60);
});
