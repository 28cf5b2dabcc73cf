import type { Db, DbClient } from '@healthsync/shared';
import type { InboxMessage, NotificationKind, PushPlatform } from '../domain/push.js';

/** The devices that get pushes, and each inbox message's push progress (migrations/010_push.sql). */
export interface PushDevice {
  deviceId: string;
  platform: PushPlatform;
  token: string;
  registeredAt: Date;
  updatedAt: Date;
}

export interface ClaimedPush extends InboxMessage {
  userId: string;
  deliverAt: Date;
}

type DeviceRow = { device_id: string; platform: PushPlatform; token: string; registered_at: Date; updated_at: Date };
const deviceOf = (row: DeviceRow): PushDevice => ({
  deviceId: row.device_id,
  platform: row.platform,
  token: row.token,
  registeredAt: row.registered_at,
  updatedAt: row.updated_at,
});

export type PushRepository = ReturnType<typeof createPushRepository>;

export function createPushRepository(db: Db) {
  return {
    /**
     * Registers a device's token for the user (again is fine). A token is one app instance: if
     * another account (or another device id) held it, it moves here — one token is never shared.
     * Returns the device and how many other registrations gave the token up.
     */
    async register(
      client: DbClient,
      userId: string,
      deviceId: string,
      platform: PushPlatform,
      token: string,
    ): Promise<{ device: PushDevice; movedFrom: number }> {
      // Registrations of one token take turns: two accounts registering it at once would otherwise
      // both find it free and the second insert would break the token's uniqueness.
      await client.query('select pg_advisory_xact_lock(hashtextextended($1, 20))', [token]);
      const moved = await client.query('delete from push_devices where token = $1 and not (user_id = $2 and device_id = $3)', [token, userId, deviceId]);
      const result = await client.query<DeviceRow>(
        `insert into push_devices (user_id, device_id, platform, token)
         values ($1, $2, $3, $4)
         on conflict (user_id, device_id) do update
           set platform = excluded.platform, token = excluded.token,
               updated_at = case when push_devices.token = excluded.token and push_devices.platform = excluded.platform
                                 then push_devices.updated_at else clock_timestamp() end
         returning device_id, platform, token, registered_at, updated_at`,
        [userId, deviceId, platform, token],
      );
      return { device: deviceOf(result.rows[0]!), movedFrom: moved.rowCount ?? 0 };
    },

    async devices(userId: string): Promise<PushDevice[]> {
      const result = await db.query<DeviceRow>(
        'select device_id, platform, token, registered_at, updated_at from push_devices where user_id = $1 order by registered_at, device_id',
        [userId],
      );
      return result.rows.map(deviceOf);
    },

    async unregister(userId: string, deviceId: string): Promise<boolean> {
      const result = await db.query('delete from push_devices where user_id = $1 and device_id = $2', [userId, deviceId]);
      return (result.rowCount ?? 0) > 0;
    },

    /** FCM said the token is gone: removed wherever it is registered. */
    async removeToken(token: string): Promise<number> {
      const result = await db.query('delete from push_devices where token = $1', [token]);
      return result.rowCount ?? 0;
    },

    async erase(client: DbClient, userId: string): Promise<void> {
      await client.query('delete from push_devices where user_id = $1', [userId]);
    },

    /**
     * Claims up to `limit` messages whose push is due: in the inbox by `now`, waiting no longer
     * (`push_next_at`), or claimed by a replica whose claim expired. The claim keeps other
     * replicas off until `claimTtlSeconds` from now.
     */
    async claimDue(now: Date, limit: number, claimTtlSeconds: number, owner: string): Promise<ClaimedPush[]> {
      const result = await db.query<{ id: string; user_id: string; kind: NotificationKind; text: string; deliver_at: Date }>(
        `update notifications n set push_state = 'CLAIMED', push_claimed_by = $4,
           push_claim_expires_at = $1::timestamptz + make_interval(secs => $3), push_attempts = n.push_attempts + 1
         where n.id in (
           select id from notifications
           where (push_state = 'PENDING' and deliver_at <= $1 and (push_next_at is null or push_next_at <= $1))
              or (push_state = 'CLAIMED' and push_claim_expires_at <= $1)
           order by deliver_at
           limit $2
           for update skip locked)
         returning n.id, n.user_id, n.kind, n.text, n.deliver_at`,
        [now, limit, claimTtlSeconds, owner],
      );
      return result.rows.map((r) => ({ id: r.id, userId: r.user_id, kind: r.kind, text: r.text, deliverAt: r.deliver_at }));
    },

    /** The push of a message is decided: SENT to at least one device, SKIPPED or FAILED, with the reason. */
    async finish(id: string, state: 'SENT' | 'SKIPPED' | 'FAILED', reason: string | null, now: Date): Promise<void> {
      await db.query(
        `update notifications set push_state = $2, push_reason = $3, pushed_at = $4, push_claimed_by = null, push_claim_expires_at = null
         where id = $1 and push_state = 'CLAIMED'`,
        [id, state, reason, now],
      );
    },

    /** Back to waiting until `at` (quiet hours, or push itself unavailable). */
    async wait(id: string, at: Date, reason: string): Promise<void> {
      await db.query(
        `update notifications set push_state = 'PENDING', push_next_at = $2, push_reason = $3, push_claimed_by = null, push_claim_expires_at = null
         where id = $1 and push_state = 'CLAIMED'`,
        [id, at, reason],
      );
    },

    /** The push state of a message (operators and tests). */
    async pushOf(id: string): Promise<{ state: string; reason: string | null; attempts: number } | undefined> {
      const result = await db.query<{ state: string; reason: string | null; attempts: number }>(
        'select push_state as state, push_reason as reason, push_attempts as attempts from notifications where id = $1',
        [id],
      );
      return result.rows[0];
    },
  };
}
