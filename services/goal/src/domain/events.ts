import type { IsoDate } from './dates.js';
import type { Mission } from './missions.js';
import type { ResetReason } from './reset.js';

/**
 * The goal service's domain events (pub/sub component `events`). The outbox adds `eventId`,
 * which is also the CloudEvent id consumers dedupe on. Payloads carry ids, dates and
 * counts, never free text the user typed.
 */
export const TOPICS = {
  goalSet: 'goal-set',
  missionCompleted: 'mission-completed',
  missionUndone: 'mission-undone',
  missionsReset: 'missions-reset',
} as const;

interface EventBase {
  userId: string;
  /** ISO 8601 instant of the change. */
  occurredAt: string;
}

/** `goal-set`: the user chose a new set of missions (replacing `previousGoalSetId`, if any). */
export interface GoalSetEvent extends EventBase {
  type: 'GoalSet';
  goalSetId: string;
  previousGoalSetId: string | null;
  /** Seoul day the set starts. */
  startedOn: IsoDate;
  missions: {
    missionId: string;
    title: string;
    category: Mission['category'];
    difficulty: Mission['difficulty'];
    minutes: number;
    source: Mission['source'];
  }[];
}

/** `mission-completed` / `mission-undone`: one check-off of one mission on one Seoul day was added or removed. */
export interface MissionCheckEvent extends EventBase {
  type: 'MissionCompleted' | 'MissionUndone';
  goalSetId: string;
  missionId: string;
  /** The Seoul day checked off or undone (today or yesterday). */
  date: IsoDate;
  /** The mission's current streak after the change. */
  currentStreak: number;
  /** That day's totals after the change, over all missions scheduled that day. */
  dateTotals: { scheduled: number; completed: number };
  /** The user's active missions after the change. */
  activeMissionCount: number;
}

/** `missions-reset`: the user ended their set without choosing a new one yet. */
export interface MissionsResetEvent extends EventBase {
  type: 'MissionsReset';
  goalSetId: string;
  /** Seoul day the set ended. */
  endedOn: IsoDate;
  reason: ResetReason;
  missionIds: string[];
}

export function goalSetEvent(input: Omit<GoalSetEvent, 'type' | 'missions'> & { missions: readonly Mission[] }): GoalSetEvent {
  return {
    type: 'GoalSet',
    userId: input.userId,
    occurredAt: input.occurredAt,
    goalSetId: input.goalSetId,
    previousGoalSetId: input.previousGoalSetId,
    startedOn: input.startedOn,
    missions: input.missions.map((m) => ({
      missionId: m.missionId,
      title: m.title,
      category: m.category,
      difficulty: m.difficulty,
      minutes: m.minutes,
      source: m.source,
    })),
  };
}
