import { NotFoundError, ValidationError, withLiveUser, type Clock, type Db, type Logger } from '@healthsync/shared';
import type { InboxItem, NotificationsRepository, StoredPreferences } from '../adapters/notifications-repository.js';
import { decodeCursor, encodeCursor } from '../domain/inbox-cursor.js';
import type { InboxKind, InboxSource } from '../domain/inbox-kinds.js';
import { DEFAULT_PREFERENCES, deliveryTime, type Preferences } from '../domain/quiet-hours.js';

/** The signed-in user's inbox and notification preferences. */
export interface NotificationView {
  id: string;
  kind: InboxKind;
  text: string;
  source: InboxSource;
  deliveredAt: string;
  read: boolean;
  readAt: string | null;
}

export interface InboxPage {
  items: NotificationView[];
  unreadCount: number;
  nextCursor: string | null;
}

export interface PreferencesView extends Preferences {
  timeZone: 'Asia/Seoul';
  /** True until the user saves their own preferences. */
  isDefault: boolean;
  updatedAt: string | null;
}

function viewOf(item: InboxItem): NotificationView {
  return {
    id: item.id,
    kind: item.kind,
    text: item.text,
    source: item.source,
    deliveredAt: new Date(item.deliveredAt).toISOString(),
    read: item.readAt !== null,
    readAt: item.readAt?.toISOString() ?? null,
  };
}

function preferencesView(stored: StoredPreferences | undefined): PreferencesView {
  const preferences = stored ?? DEFAULT_PREFERENCES;
  return {
    optedOut: preferences.optedOut,
    quietHours: preferences.quietHours,
    timeZone: 'Asia/Seoul',
    isDefault: stored === undefined,
    updatedAt: stored?.updatedAt.toISOString() ?? null,
  };
}

export type Inbox = ReturnType<typeof createInbox>;

export function createInbox(deps: { db: Db; notifications: NotificationsRepository; logger: Logger; clock: Clock }) {
  const { db, notifications, logger, clock } = deps;

  return {
    async list(userId: string, query: { limit: number; cursor?: string | undefined }): Promise<InboxPage> {
      const position = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      if (query.cursor !== undefined && !position) {
        throw new ValidationError([{ field: 'query.cursor', message: 'not a cursor this API returned' }]);
      }
      const now = clock.now();
      const [rows, unreadCount] = await Promise.all([notifications.page(userId, now, position, query.limit + 1), notifications.unreadCount(userId, now)]);
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: items.map(viewOf),
        unreadCount,
        nextCursor: rows.length > query.limit && last ? encodeCursor({ deliveredAt: last.deliveredAt, id: last.id }) : null,
      };
    },

    async markRead(userId: string, id: string): Promise<NotificationView> {
      const item = await notifications.markRead(userId, id, clock.now());
      // Another user's message, or one still waiting for quiet hours, does not exist for this user.
      if (!item) throw new NotFoundError('NOTIFICATION_NOT_FOUND', 'No such notification in your inbox.');
      return viewOf(item);
    },

    async preferences(userId: string): Promise<PreferencesView> {
      return preferencesView(await notifications.preferences(userId));
    },

    /**
     * Saves the preferences. Messages still waiting for quiet hours follow the new setting:
     * opting out drops waiting encouragements (celebrations stay: the inbox keeps them, only
     * their push is skipped); the others are re-timed to the new quiet hours (at once if now is not quiet).
     */
    async savePreferences(userId: string, preferences: Preferences): Promise<PreferencesView> {
      const now = clock.now();
      const { saved, changed } = await withLiveUser(db, userId, async (client) => {
        const saved = await notifications.savePreferences(client, userId, preferences);
        const dropped = preferences.optedOut ? await notifications.dropWaiting(client, userId, now) : 0;
        const changed = dropped + (await notifications.retimeWaiting(client, userId, now, deliveryTime(now, preferences.quietHours).deliverAt));
        return { saved, changed };
      });
      if (changed > 0) logger.info('waiting messages follow new preferences', { optedOut: preferences.optedOut, messages: changed });
      return preferencesView(saved);
    },
  };
}
