import type { Db, DbClient } from '@healthsync/shared';
import type { ExportRow, ExportState } from '../domain/data-export.js';

const COLUMNS = `id, user_id as "userId", state, created_at as "createdAt", ready_at as "readyAt", expires_at as "expiresAt",
  size_bytes::float8 as "sizeBytes", failure`;

export interface ClaimedExport {
  id: string;
  userId: string;
  attempts: number;
  createdAt: Date;
}

/** SQL for the export jobs (`data_exports`). Times are passed in (the service clock). */
export const dataExportsRepository = {
  async insert(client: DbClient, row: { id: string; userId: string; createdAt: Date }): Promise<void> {
    await client.query(`insert into data_exports (id, user_id, state, created_at, next_attempt_at) values ($1, $2, 'PENDING', $3, $3)`, [
      row.id,
      row.userId,
      row.createdAt,
    ]);
  },

  /** The user's exports, newest first. */
  async ofUser(db: Db | DbClient, userId: string): Promise<ExportRow[]> {
    const result = await db.query<ExportRow>(`select ${COLUMNS} from data_exports where user_id = $1 order by created_at desc, id desc`, [userId]);
    return result.rows;
  },

  /** Only the owner's: another user's id is simply not found. */
  async find(db: Db, userId: string, id: string): Promise<(ExportRow & { blobPath: string | null }) | undefined> {
    const result = await db.query<ExportRow & { blobPath: string | null }>(
      `select ${COLUMNS}, blob_path as "blobPath" from data_exports where user_id = $1 and id = $2`,
      [userId, id],
    );
    return result.rows[0];
  },

  /**
   * Takes due pending exports for this replica until `leaseUntil` (another replica skips them; a
   * lease that ran out, its replica dead, is taken over). Erased users' exports are never taken.
   */
  async claimDue(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedExport[]> {
    const result = await db.query<ClaimedExport>(
      `update data_exports set claimed_until = $2, attempts = attempts + 1
        where id in (select id from data_exports e
                      where state = 'PENDING' and next_attempt_at <= $1 and (claimed_until is null or claimed_until <= $1)
                        and not exists (select 1 from erased_users u where u.user_id = e.user_id::text)
                      order by next_attempt_at limit $3 for update skip locked)
        returning id, user_id as "userId", attempts, created_at as "createdAt"`,
      [now, leaseUntil, limit],
    );
    return result.rows;
  },

  /** Marks a claimed export ready; false when it is no longer a pending export (deleted meanwhile). */
  async markReady(client: DbClient, id: string, at: { readyAt: Date; expiresAt: Date }, blobPath: string, sizeBytes: number): Promise<boolean> {
    const result = await client.query(
      `update data_exports set state = 'READY', ready_at = $2, expires_at = $3, blob_path = $4, size_bytes = $5, claimed_until = null, failure = null
        where id = $1 and state = 'PENDING'`,
      [id, at.readyAt, at.expiresAt, blobPath, sizeBytes],
    );
    return (result.rowCount ?? 0) > 0;
  },

  /** A failed attempt: tried again at `nextAttemptAt`, or FAILED for good (expiring like a ready one, so the sweeper removes it). */
  async recordFailure(db: Db, id: string, failure: string, next: { retryAt: Date } | { failedAt: Date; expiresAt: Date }): Promise<void> {
    if ('retryAt' in next) {
      await db.query(`update data_exports set failure = $2, next_attempt_at = $3, claimed_until = null where id = $1 and state = 'PENDING'`, [
        id,
        failure,
        next.retryAt,
      ]);
    } else {
      await db.query(
        `update data_exports set state = 'FAILED', failure = $2, ready_at = null, expires_at = $3, claimed_until = null where id = $1 and state = 'PENDING'`,
        [id, failure, next.expiresAt],
      );
    }
  },

  /** Ready exports whose expiry has passed: their ZIPs are to be removed. */
  async expiredReady(db: Db, now: Date, limit: number): Promise<{ id: string; blobPath: string }[]> {
    const result = await db.query<{ id: string; blobPath: string }>(
      `select id, blob_path as "blobPath" from data_exports where state = 'READY' and expires_at <= $1 order by expires_at limit $2`,
      [now, limit],
    );
    return result.rows;
  },

  async markExpired(db: Db, id: string): Promise<void> {
    await db.query(`update data_exports set state = 'EXPIRED', blob_path = null where id = $1 and state = 'READY'`, [id]);
  },

  /** Removes the rows of exports that expired (or failed) before `before`; how many. */
  async deleteFinishedBefore(db: Db, before: Date): Promise<number> {
    const result = await db.query(`delete from data_exports where state in ('EXPIRED', 'FAILED') and expires_at <= $1`, [before]);
    return result.rowCount ?? 0;
  },

  /** Whether a replica holds a live claim on one of the user's exports (its ZIP may be on its way to Storage). */
  async buildingFor(db: Db | DbClient, userId: string, now: Date): Promise<boolean> {
    const result = await db.query(`select 1 from data_exports where user_id = $1 and state = 'PENDING' and claimed_until > $2`, [userId, now]);
    return (result.rowCount ?? 0) > 0;
  },

  async deleteAllOf(db: Db | DbClient, userId: string): Promise<number> {
    const result = await db.query('delete from data_exports where user_id = $1', [userId]);
    return result.rowCount ?? 0;
  },

  async stateOf(client: DbClient, id: string): Promise<ExportState | undefined> {
    const result = await client.query<{ state: ExportState }>('select state from data_exports where id = $1', [id]);
    return result.rows[0]?.state;
  },
};
