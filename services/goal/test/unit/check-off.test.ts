import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkOff } from '../../src/domain/check-off.js';
import { buildGoals, buildSet } from './builders.js';

const today = '2026-11-24';
const set = buildSet('s1', '2026-11-01', ['walk', 'water']);

describe('the check-off decision the handler applies', () => {
  test('when the third day in a row is checked off, then the after-state has it, the run is 3 days and 3 is celebrated', () => {
    const before = buildGoals([set], { walk: ['2026-11-22', '2026-11-23'] });
    const decision = checkOff(before, { missionId: 'walk', date: today, done: true }, today, []);
    assert.deepEqual(
      decision.after.completions.filter((c) => c.missionId === 'walk').map((c) => c.date),
      ['2026-11-22', '2026-11-23', today],
    );
    assert.deepEqual(decision.runAfter, { length: 3, start: '2026-11-22', end: today });
    assert.equal(decision.milestone, 3);
    assert.deepEqual(decision.totals, { date: today, scheduled: 2, completed: 1, completionRate: 50 });
    assert.equal(before.completions.length, 2, 'the goals before are not changed');
  });

  test('when the milestone was already celebrated in this run, then it is not due again', () => {
    const before = buildGoals([set], { walk: ['2026-11-22', '2026-11-23'] });
    const decision = checkOff(before, { missionId: 'walk', date: today, done: true }, today, [{ milestone: 3, streakEndedOn: today }]);
    assert.equal(decision.milestone, null);
    assert.equal(decision.runAfter?.length, 3);
  });

  test('when yesterday is checked off and joins a run, then the run counts from its first day', () => {
    const before = buildGoals([set], { walk: ['2026-11-21', '2026-11-22', today] });
    const decision = checkOff(before, { missionId: 'walk', date: '2026-11-23', done: true }, today, []);
    assert.deepEqual(decision.runAfter, { length: 4, start: '2026-11-21', end: today });
    assert.equal(decision.milestone, 3, 'the run grew from 1 to 4 days and crossed 3');
  });

  test('when a day is undone, then it leaves the after-state, the run shrinks and nothing is celebrated', () => {
    const before = buildGoals([set], { walk: ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', today], water: [today] });
    const decision = checkOff(before, { missionId: 'walk', date: '2026-11-23', done: false }, today, []);
    assert.deepEqual(
      decision.after.completions.filter((c) => c.missionId === 'walk').map((c) => c.date),
      ['2026-11-20', '2026-11-21', '2026-11-22', today],
    );
    assert.deepEqual(decision.runAfter, { length: 1, start: today, end: today });
    assert.equal(decision.milestone, null);
    assert.deepEqual(decision.totals, { date: '2026-11-23', scheduled: 2, completed: 0, completionRate: 0 });
  });

  test('when the only check-off of a mission is undone, then it has no run', () => {
    const before = buildGoals([set], { walk: [today] });
    assert.equal(checkOff(before, { missionId: 'walk', date: today, done: false }, today, []).runAfter, null);
  });
});
