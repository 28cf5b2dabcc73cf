import { components, subscription, type Logger, type Metrics, type Subscription } from '@healthsync/shared';
import { z } from 'zod';
import type { Applied, GoalActivity } from '../handlers/goal-activity.js';

/**
 * The goal service's events (services/goal/src/domain/events.ts), which build the batch's
 * view of who is active. Only the fields the batch needs are read; the rest may grow.
 */
const day = z.iso.date();
const base = { userId: z.uuid(), occurredAt: z.iso.datetime({ offset: true }) };

const goalSetSchema = z.object({
  ...base,
  goalSetId: z.string().min(1),
  previousGoalSetId: z.string().min(1).nullable(),
  startedOn: day,
  missions: z
    .array(
      z.object({
        missionId: z.string().min(1),
        title: z.string(),
        category: z.string(),
        difficulty: z.string(),
        minutes: z.number().int().min(0),
      }),
    )
    .min(1),
});

const checkSchema = z.object({
  ...base,
  goalSetId: z.string().min(1),
  missionId: z.string().min(1),
  date: day,
  dateTotals: z.object({ scheduled: z.number().int().min(0), completed: z.number().int().min(0) }),
});

const resetSchema = z.object({ ...base, goalSetId: z.string().min(1), endedOn: day });

export const GOAL_TOPICS = {
  goalSet: 'goal-set',
  missionCompleted: 'mission-completed',
  missionUndone: 'mission-undone',
  missionsReset: 'missions-reset',
} as const;

export function goalEventSubscriptions(activity: GoalActivity, logger: Logger, metrics: Metrics): Subscription[] {
  const consumed = metrics.counter('batch_goal_events_total', 'Goal events applied to the batch view, by topic and outcome', ['topic', 'outcome']);
  const record = (topic: string, eventId: string, outcome: Applied) => {
    consumed.inc({ topic, outcome });
    if (outcome === 'ignored') logger.info('goal event for an erased user ignored', { topic, eventId });
  };
  const checkSubscription = (topic: string) =>
    subscription({
      pubsub: components.events,
      topic,
      route: `/events/${topic}`,
      schema: checkSchema,
      async handle(event) {
        const e = event.data;
        record(
          topic,
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
    subscription({
      pubsub: components.events,
      topic: GOAL_TOPICS.goalSet,
      route: `/events/${GOAL_TOPICS.goalSet}`,
      schema: goalSetSchema,
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
          GOAL_TOPICS.goalSet,
          event.id,
          await activity.goalSet({ userId: e.userId, goalSetId: e.goalSetId, previousGoalSetId: e.previousGoalSetId, startedOn: e.startedOn, missions }),
        );
      },
    }),
    checkSubscription(GOAL_TOPICS.missionCompleted),
    checkSubscription(GOAL_TOPICS.missionUndone),
    subscription({
      pubsub: components.events,
      topic: GOAL_TOPICS.missionsReset,
      route: `/events/${GOAL_TOPICS.missionsReset}`,
      schema: resetSchema,
      async handle(event) {
        const e = event.data;
        record(GOAL_TOPICS.missionsReset, event.id, await activity.setEnded({ userId: e.userId, goalSetId: e.goalSetId, endedOn: e.endedOn }));
      },
    }),
  ];
}
