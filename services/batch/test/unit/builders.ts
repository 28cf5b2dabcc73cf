import type { ProgressFacts, UserView, ViewSet } from '../../src/domain/progress-view.js';

let sequence = 0;
const nextId = (prefix: string) => `${prefix}-${++sequence}`;

export function buildSet(overrides: Partial<ViewSet> = {}): ViewSet {
  const missionCount = overrides.missionCount ?? overrides.missions?.length ?? 2;
  return {
    goalSetId: nextId('set'),
    startedOn: '2026-11-01',
    endedOn: null,
    missionCount,
    missions: Array.from({ length: missionCount }, (_, i) => ({
      missionId: `m${i + 1}`,
      title: `미션 ${i + 1}`,
      category: 'exercise',
      difficulty: 'easy',
      minutes: 20,
    })),
    ...overrides,
  };
}

export function buildView(overrides: Partial<UserView> = {}): UserView {
  return { userId: nextId('user'), sets: [buildSet()], days: [], lastActivityOn: null, ...overrides };
}

/** Facts of a user who is behind: 2 missions, 7-day rate 30 %, 1 missed day. */
export function buildFacts(overrides: Partial<ProgressFacts> = {}): ProgressFacts {
  return {
    today: '2026-11-24',
    goalSetId: 'set-a',
    goalSetStartedOn: '2026-11-01',
    activeMissionCount: 2,
    activeMissions: [{ missionId: 'm1', title: '물 8잔 마시기', category: 'diet', minutes: 15 }],
    scheduledToday: 2,
    completedToday: 0,
    completionRate7d: 30,
    window7d: { from: '2026-11-17', to: '2026-11-23', scheduled: 14, completed: 4 },
    consecutiveMissedDays: 1,
    lastActivityDate: '2026-11-22',
    daysSinceLastActivity: 2,
    ...overrides,
  };
}
