import type { EventData, eventContracts } from '@healthsync/shared';
import type { Mission } from './missions.js';

/**
 * The goal service's domain events (pub/sub component `events`), as their contracts in
 * @healthsync/shared define them; the outbox adds `eventId`, which is also the CloudEvent id
 * consumers dedupe on. Payloads carry ids, dates and counts, never free text the user typed.
 */
/** `goal-set`: the user chose a new set of missions (replacing `previousGoalSetId`, if any). */
export type GoalSetEvent = EventData<typeof eventContracts.goalSet>;
/** `mission-completed` / `mission-undone`: one check-off of one mission on one Seoul day was added or removed. */
export type MissionCheckEvent = EventData<typeof eventContracts.missionCompleted> | EventData<typeof eventContracts.missionUndone>;
/** `missions-reset`: the user ended their set without choosing a new one yet. */
export type MissionsResetEvent = EventData<typeof eventContracts.missionsReset>;

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
