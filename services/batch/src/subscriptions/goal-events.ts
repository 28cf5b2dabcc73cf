import { eventContracts, eventSubscription, type Logger, type Metrics, type Subscription } from '@healthsync/shared';
import type { Applied, GoalActivity } from '../handlers/goal-activity.js';

/**
 * The goal service's events (their contracts: services/shared/src/contracts/events.ts), which
 * build the batch's view of who is active.
 */
export function goalEventSubscriptions(activity: GoalActivity, logger: Logger, metrics: Metrics): Subscription[] {
  const consumed = metrics.counter('batch_goal_events_total', 'Goal events applied to the batch view, by topic and outcome', ['topic', 'outcome']);
  const record = (topic: string, eventId: string, outcome: Applied | 'duplicate') => {
    consumed.inc({ topic, outcome });
    if (outcome === 'ignored') logger.info('goal event for an erased user ignored', { topic, eventId });
  };
  const checkSubscription = (contract: typeof eventContracts.missionCompleted | typeof eventContracts.missionUndone) =>
    eventSubscription(contract, {
      async handle(event) {
        const e = event.data;
        record(
          contract.topic,
          event.id,
          await activity.dayTotals({
            userId: e.userId,
            day: e.date,
            scheduled: e.dateTotals.scheduled,
            completed: e.dateTotals.completed,
            occurredAt: e.occurredAt,
          }),
        );
      },
    });
  return [
    eventSubscription(eventContracts.goalSet, {
      async handle(event) {
        const e = event.data;
        const missions = e.missions.map((m) => ({
          missionId: m.missionId,
          title: m.title,
          category: m.category,
          difficulty: m.difficulty,
          minutes: m.minutes,
        }));
        record(
          eventContracts.goalSet.topic,
          event.id,
          await activity.goalSet({ userId: e.userId, goalSetId: e.goalSetId, previousGoalSetId: e.previousGoalSetId, startedOn: e.startedOn, missions }),
        );
      },
    }),
    checkSubscription(eventContracts.missionCompleted),
    checkSubscription(eventContracts.missionUndone),
    eventSubscription(eventContracts.celebrationEarned, {
      async handle(event) {
        const e = event.data;
        // Deduplicated on the payload's eventId (the goal outbox's id, also the CloudEvent id).
        const outcome = await activity.celebration({ eventId: e.eventId, userId: e.userId, text: e.text, source: e.source });
        record(eventContracts.celebrationEarned.topic, event.id, outcome);
        if (outcome === 'applied') logger.info('celebration in the inbox', { userId: e.userId, celebrationId: e.celebrationId, milestone: e.milestone });
      },
    }),
    eventSubscription(eventContracts.missionsReset, {
      async handle(event) {
        const e = event.data;
        record(eventContracts.missionsReset.topic, event.id, await activity.setEnded({ userId: e.userId, goalSetId: e.goalSetId, endedOn: e.endedOn }));
      },
    }),
  ];
}
