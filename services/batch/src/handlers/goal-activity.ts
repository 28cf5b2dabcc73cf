import { randomUUID } from 'node:crypto';
import { holdLiveUser, withTransaction, type Clock, type Db, type DbClient, type ErasureStep } from '@healthsync/shared';
import { DEFAULT_PREFERENCES, deliveryTime } from '../domain/quiet-hours.js';
import type { ActivityRepository, DayTotalsFact, GoalSetFact, SetEndedFact } from '../adapters/activity-repository.js';
import type { DeadLetters } from './dead-letters.js';
import type { DeliveriesRepository } from '../adapters/deliveries-repository.js';
import type { NotificationsRepository } from '../adapters/notifications-repository.js';

/**
 * Keeps the batch's view of who is active up to date from the goal service's events, and
 * erases a deleted user everywhere in the batch. Every handler is idempotent (upserts; day
 * totals only move forward in event time), so a redelivered event changes nothing.
 */
export type Applied = 'applied' | 'ignored';

/** A celebration the goal service announced (`celebration-earned`). */
export interface CelebrationFact {
  eventId: string;
  userId: string;
  text: string;
  source: 'AI' | 'FALLBACK';
}

export type GoalActivity = ReturnType<typeof createGoalActivity>;

export function createGoalActivity(deps: {
  db: Db;
  activity: ActivityRepository;
  deliveries: DeliveriesRepository;
  notifications: NotificationsRepository;
  deadLetters: Pick<DeadLetters, 'redact'>;
  clock: Clock;
}) {
  const { db, activity, deliveries, notifications, deadLetters, clock } = deps;

  /** Runs `change` under the user's lock unless the user was erased (a late event). */
  function forLiveUser(userId: string, change: (client: DbClient) => Promise<void>): Promise<Applied> {
    return withTransaction(db, async (client) => {
      if (!(await activity.lockLiveUser(client, userId))) return 'ignored';
      await change(client);
      return 'applied';
    });
  }

  return {
    goalSet: (fact: GoalSetFact) => forLiveUser(fact.userId, (client) => activity.applyGoalSet(client, fact)),
    dayTotals: (fact: DayTotalsFact) => forLiveUser(fact.userId, (client) => activity.applyDayTotals(client, fact)),
    setEnded: (fact: SetEndedFact) => forLiveUser(fact.userId, (client) => activity.applySetEnded(client, fact)),

    /**
     * A celebration becomes an inbox message, once per event, whatever the user's preferences:
     * written during quiet hours it waits until they end (as every message does), and its push —
     * the same dispatcher as every message's — honours opt-out and quiet hours at send time.
     */
    async celebration(fact: CelebrationFact): Promise<Applied | 'duplicate'> {
      const preferences = (await notifications.preferences(fact.userId)) ?? DEFAULT_PREFERENCES;
      return withTransaction(db, async (client) => {
        if (!(await holdLiveUser(client, fact.userId))) return 'ignored';
        const added = await notifications.addForEvent(client, {
          id: randomUUID(),
          userId: fact.userId,
          kind: 'CELEBRATION',
          text: fact.text,
          source: fact.source,
          deliverAt: deliveryTime(clock.now(), preferences.quietHours).deliverAt,
          sourceEventId: fact.eventId,
        });
        return added ? 'applied' : 'duplicate';
      });
    },

    /** Erasing a user here (idempotent, retried until it succeeds): messages, preferences, decisions, goal view, dead letters' payloads. */
    erasureSteps(): ErasureStep[] {
      return [
        {
          name: 'rows',
          run: (userId) =>
            withTransaction(db, async (client) => {
              await activity.erase(client, userId);
              await notifications.erase(client, userId);
              await deliveries.erase(client, userId);
              await deadLetters.redact(client, userId);
            }),
        },
      ];
    },
  };
}
