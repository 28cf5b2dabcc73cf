import { holdLiveUser, withTransaction, type Clock, type Db, type EventPayload, type eventContracts, type Logger } from '@healthsync/shared';
import type { NotificationsRepository } from '../adapters/notifications-repository.js';
import { inactivityNoticeText } from '../domain/inbox-kinds.js';
import { DEFAULT_PREFERENCES, deliveryTime } from '../domain/quiet-hours.js';

export type NoticeOutcome = 'written' | 'duplicate' | 'ignored';

/**
 * The user service's inactive-account-notice becomes an inbox message (kind INACTIVITY_NOTICE),
 * which the push dispatcher then pushes like any other: quiet hours and opt-out are honoured there,
 * at send time (docs/decisions/019-push-notifications.md). The message is written even for a user who
 * opted out of pushes (it is about their account, not a nudge), at the end of their quiet hours if it
 * arrives during them. Its id is the event's, so a redelivery writes nothing; an erased user gets none.
 */
export function createInactivityNotices(deps: { db: Db; notifications: NotificationsRepository; clock: Clock; logger: Logger }) {
  const { db, notifications, clock, logger } = deps;
  return {
    async handle(event: EventPayload<typeof eventContracts.inactiveAccountNotice>): Promise<NoticeOutcome> {
      const preferences = (await notifications.preferences(event.userId)) ?? DEFAULT_PREFERENCES;
      const { deliverAt, deferred } = deliveryTime(clock.now(), preferences.quietHours);
      const outcome = await withTransaction(db, async (client): Promise<NoticeOutcome> => {
        if (!(await holdLiveUser(client, event.userId))) return 'ignored';
        const written = await notifications.writeSystemMessage(client, {
          id: event.eventId,
          userId: event.userId,
          kind: 'INACTIVITY_NOTICE',
          text: inactivityNoticeText(new Date(event.erasureAt), event.inactiveDays),
          deliverAt,
        });
        return written ? 'written' : 'duplicate';
      });
      if (outcome === 'written') logger.info('inactivity notice in the inbox', { userId: event.userId, deferred, erasureAt: event.erasureAt });
      return outcome;
    },
  };
}

export type InactivityNotices = ReturnType<typeof createInactivityNotices>;
