import type { IsoDate } from '../../src/domain/dates.js';
import type { Mission } from '../../src/domain/missions.js';
import type { GoalSetRecord, UserGoals } from '../../src/domain/views.js';

/** A catalogue mission snapshot; tests override only what they are about. */
export function buildMission(missionId: string, overrides: Partial<Mission> = {}): Mission {
  return {
    missionId,
    title: `미션 ${missionId}`,
    description: '설명',
    category: 'exercise',
    difficulty: 'easy',
    minutes: 10,
    benefit: '효과',
    source: 'CATALOGUE',
    recommendationSetId: null,
    ...overrides,
  };
}

export function buildSet(id: string, startedOn: IsoDate, missionIds: string[], end?: { endedOn: IsoDate; status?: 'REPLACED' | 'RESET' }): GoalSetRecord {
  return {
    id,
    status: end ? (end.status ?? 'REPLACED') : 'ACTIVE',
    startedOn,
    endedOn: end?.endedOn ?? null,
    endReason: end?.status === 'RESET' ? 'OTHER' : null,
    missions: missionIds.map((m) => buildMission(m)),
  };
}

/** Goals from sets and a map of mission id → days checked off. */
export function buildGoals(sets: GoalSetRecord[], done: Record<string, IsoDate[]> = {}): UserGoals {
  return {
    sets,
    completions: Object.entries(done).flatMap(([missionId, days]) => days.map((date) => ({ missionId, date }))),
  };
}

/** An instant given as Seoul wall-clock time, e.g. seoul('2026-11-24T23:59:59'). */
export function seoul(wallClock: string): Date {
  return new Date(`${wallClock}+09:00`);
}
