import type { Db, DbClient } from '@healthsync/shared';
import type { InboxPosition } from '../domain/inbox-cursor.js';
import type { InboxKind, InboxSource } from '../domain/inbox-kinds.js';
import { clockToMinute, minuteToClock, type Preferences } from '../domain/quiet-hours.js';

/** The in-app inbox and the users' notification preferences. */
export interface InboxItem {
  id: string;
  kind: InboxKind;
  text: string;
  source: InboxSource;
  /** When it appeared in the inbox (after quiet hours, if it waited), ISO 8601 with microseconds. */
  deliveredAt: string;
  readAt: Date | null;
}

export interface StoredPreferences extends Preferences {
  updatedAt: Date;
}

const ITEM_COLUMNS = `id, kind, text, source, to_char(deliver_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "deliveredAt", read_at as "readAt"`;

type PreferenceRow = { user_id: string; opted_out: boolean; quiet_start_minute: number | null; quiet_end_minute: number | null; updated_at: Date };

function preferencesOfRow(row: PreferenceRow): StoredPreferences {
  return {
    optedOut: row.opted_out,
    quietHours:
      row.quiet_start_minute === null || row.quiet_end_minute === null
        ? null
        : { start: minuteToClock(row.quiet_start_minute), end: minuteToClock(row.quiet_end_minute) },
    updatedAt: row.updated_at,
  };
}

export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;

export function createNotificationsRepository(db: Db) {
  return {
    /**
     * Messages delivered by `now` (the service's clock, which also set their delivery times), newest
     * first, after `position` when given; one more than `limit` tells whether a next page exists.
     */
    async page(userId: string, now: Date, position: InboxPosition | undefined, limit: number): Promise<InboxItem[]> {
      const result = await db.query<InboxItem>(
        `select ${ITEM_COLUMNS} from notifications
         where user_id = $1 and deliver_at <= $5
           and ($2::timestamptz is null or (deliver_at, id) < ($2::timestamptz, $3::uuid))
         order by deliver_at desc, id desc
         limit $4`,
        [userId, position?.deliveredAt ?? null, position?.id ?? null, limit, now],
      );
      return result.rows;
    },

    async unreadCount(userId: string, now: Date): Promise<number> {
      const result = await db.query<{ n: number }>('select count(*)::int as n from notifications where user_id = $1 and read_at is null and deliver_at <= $2', [
        userId,
        now,
      ]);
      return result.rows[0]?.n ?? 0;
    },

    /** Marks one of the user's delivered messages read (again is fine); undefined when there is no such message. */
    async markRead(userId: string, id: string, now: Date): Promise<InboxItem | undefined> {
      const result = await db.query<InboxItem>(
        `update notifications set read_at = coalesce(read_at, $3)
         where id = $1 and user_id = $2 and deliver_at <= $3
         returning ${ITEM_COLUMNS}`,
        [id, userId, now],
      );
      return result.rows[0];
    },

    async preferences(userId: string): Promise<StoredPreferences | undefined> {
      const result = await db.query<PreferenceRow>('select * from preferences where user_id = $1', [userId]);
      return result.rows[0] ? preferencesOfRow(result.rows[0]) : undefined;
    },

    async preferencesOf(userIds: string[]): Promise<Map<string, StoredPreferences>> {
      if (userIds.length === 0) return new Map();
      const result = await db.query<PreferenceRow>('select * from preferences where user_id = any($1::uuid[])', [userIds]);
      return new Map(result.rows.map((row) => [row.user_id, preferencesOfRow(row)]));
    },

    async savePreferences(client: DbClient, userId: string, preferences: Preferences): Promise<StoredPreferences> {
      const result = await client.query<PreferenceRow>(
        `insert into preferences (user_id, opted_out, quiet_start_minute, quiet_end_minute, updated_at)
         values ($1, $2, $3, $4, clock_timestamp())
         on conflict (user_id) do update set opted_out = excluded.opted_out, quiet_start_minute = excluded.quiet_start_minute,
           quiet_end_minute = excluded.quiet_end_minute, updated_at = excluded.updated_at
         returning *`,
        [
          userId,
          preferences.optedOut,
          preferences.quietHours ? clockToMinute(preferences.quietHours.start) : null,
          preferences.quietHours ? clockToMinute(preferences.quietHours.end) : null,
        ],
      );
      return preferencesOfRow(result.rows[0]!);
    },

    /**
     * Writes an inbox message for an event (a celebration) unless that event already wrote one;
     * true when it is new. Its push follows like every message's (push_state PENDING).
     */
    async addForEvent(
      client: DbClient,
      message: { id: string; userId: string; kind: InboxKind; text: string; source: 'AI' | 'FALLBACK'; deliverAt: Date; sourceEventId: string },
    ): Promise<boolean> {
      const result = await client.query(
        `insert into notifications (id, user_id, kind, text, source, deliver_at, source_event_id)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (source_event_id) where source_event_id is not null do nothing`,
        [message.id, message.userId, message.kind, message.text, message.source, message.deliverAt, message.sourceEventId],
      );
      return (result.rowCount ?? 0) > 0;
    },

    /** Daily encouragements still waiting for quiet hours to end (an opted-out user gets none). */
    async dropWaiting(client: DbClient, userId: string, now: Date): Promise<number> {
      const result = await client.query(`delete from notifications where user_id = $1 and deliver_at > $2 and kind = 'ENCOURAGEMENT'`, [userId, now]);
      return result.rowCount ?? 0;
    },

    async retimeWaiting(client: DbClient, userId: string, now: Date, deliverAt: Date): Promise<number> {
      const result = await client.query('update notifications set deliver_at = $3 where user_id = $1 and deliver_at > $2', [userId, now, deliverAt]);
      return result.rowCount ?? 0;
    },

    /**
     * Writes a message of the service's own (SYSTEM) with the given id, once: a second write of the
     * same id does nothing. False when it was there already.
     */
    async writeSystemMessage(client: DbClient, message: { id: string; userId: string; kind: InboxKind; text: string; deliverAt: Date }): Promise<boolean> {
      const result = await client.query(
        `insert into notifications (id, user_id, kind, text, source, deliver_at) values ($1, $2, $3, $4, 'SYSTEM', $5) on conflict (id) do nothing`,
        [message.id, message.userId, message.kind, message.text, message.deliverAt],
      );
      return (result.rowCount ?? 0) > 0;
    },

    async erase(client: DbClient, userId: string): Promise<void> {
      await client.query('delete from notifications where user_id = $1', [userId]);
      await client.query('delete from preferences where user_id = $1', [userId]);
    },
  };
}
