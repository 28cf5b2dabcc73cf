import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_PREFERENCES } from '../../src/domain/quiet-hours.js';
import { byUrgency, select, urgency, urgencyLevel } from '../../src/domain/selection.js';
import { buildFacts } from './builders.js';

const prefs = DEFAULT_PREFERENCES;

test('when the 7-day rate is just below 60 %, then the user is encouraged; at 60 % with no missed days, they are on track', () => {
  assert.equal(select(buildFacts({ completionRate7d: 59.9, consecutiveMissedDays: 0 }), prefs).kind, 'encourage');
  assert.deepEqual(select(buildFacts({ completionRate7d: 60, consecutiveMissedDays: 0 }), prefs), { kind: 'skip', reason: 'ON_TRACK' });
  assert.deepEqual(select(buildFacts({ completionRate7d: 95, consecutiveMissedDays: 1 }), prefs), { kind: 'skip', reason: 'ON_TRACK' });
});

test('when a user with a good rate missed the last 2 days, then they are encouraged anyway', () => {
  assert.equal(select(buildFacts({ completionRate7d: 71.4, consecutiveMissedDays: 2 }), prefs).kind, 'encourage');
});

test('when the user opted out, then they are skipped whatever their progress', () => {
  assert.deepEqual(select(buildFacts({ completionRate7d: 0, consecutiveMissedDays: 7 }), { ...prefs, optedOut: true }), { kind: 'skip', reason: 'OPTED_OUT' });
});

test('when the user has no active missions, then there is nothing to encourage', () => {
  assert.deepEqual(select(buildFacts({ activeMissionCount: 0 }), prefs), { kind: 'skip', reason: 'NO_ACTIVE_MISSIONS' });
});

test('when everything scheduled today is already checked off, then the user is not nudged', () => {
  assert.deepEqual(select(buildFacts({ scheduledToday: 2, completedToday: 2, completionRate7d: 10 }), prefs), { kind: 'skip', reason: 'DONE_TODAY' });
  assert.equal(select(buildFacts({ scheduledToday: 2, completedToday: 1, completionRate7d: 10 }), prefs).kind, 'encourage');
});

test('when nothing was scheduled in the last seven days (a set chosen today), then the user is new, not behind', () => {
  assert.deepEqual(select(buildFacts({ completionRate7d: null, consecutiveMissedDays: 0 }), prefs), { kind: 'skip', reason: 'NEW_GOAL' });
});

test('when two users are behind, then the lower rate, more missed days and longer idleness come first', () => {
  const low = urgency(buildFacts({ completionRate7d: 10, consecutiveMissedDays: 0, daysSinceLastActivity: 1 }));
  const high = urgency(buildFacts({ completionRate7d: 50, consecutiveMissedDays: 0, daysSinceLastActivity: 1 }));
  assert.ok(low > high);
  const missing = urgency(buildFacts({ completionRate7d: 50, consecutiveMissedDays: 3, daysSinceLastActivity: 1 }));
  assert.ok(missing > high);
  const idle = urgency(buildFacts({ completionRate7d: 50, consecutiveMissedDays: 0, daysSinceLastActivity: 5 }));
  assert.ok(idle > high);
});

test('when the score is computed, then it is the original (1 − rate)×50 + missed×20 + min(idle×5, 30), with idle days breaking ties', () => {
  // rate 40 %: 30; 2 missed: 40; idle 3: 15 → 85, plus 3/1000
  assert.equal(urgency(buildFacts({ completionRate7d: 40, consecutiveMissedDays: 2, daysSinceLastActivity: 3 })), 85.003);
  // idle is capped at 30 points, missed days at 7
  assert.equal(urgency(buildFacts({ completionRate7d: 0, consecutiveMissedDays: 20, daysSinceLastActivity: 20 })), 50 + 140 + 30 + 0.02);
  // never active: idle since the set started
  assert.equal(
    urgency(buildFacts({ completionRate7d: 0, consecutiveMissedDays: 0, daysSinceLastActivity: null, lastActivityDate: null, goalSetStartedOn: '2026-11-22' })),
    50 + 10 + 0.002,
  );
});

test('when users are sorted for the run, then the most urgent is first and equal scores are ordered by user id', () => {
  const users = [
    { userId: 'c', urgency: 10 },
    { userId: 'b', urgency: 80 },
    { userId: 'a', urgency: 10 },
  ];
  assert.deepEqual(
    [...users].sort(byUrgency).map((u) => u.userId),
    ['b', 'a', 'c'],
  );
});

test('when the urgency level is named, then it follows the original thresholds', () => {
  assert.equal(urgencyLevel(buildFacts({ completionRate7d: 29.9, consecutiveMissedDays: 0 })), 'HIGH');
  assert.equal(urgencyLevel(buildFacts({ completionRate7d: 90, consecutiveMissedDays: 3 })), 'HIGH');
  assert.equal(urgencyLevel(buildFacts({ completionRate7d: 45, consecutiveMissedDays: 0 })), 'MEDIUM');
  assert.equal(urgencyLevel(buildFacts({ completionRate7d: 90, consecutiveMissedDays: 2 })), 'MEDIUM');
  assert.equal(urgencyLevel(buildFacts({ completionRate7d: 90, consecutiveMissedDays: 0 })), 'LOW');
});
