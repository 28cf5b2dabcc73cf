import type { Db, DbClient } from '@healthsync/shared';

/** A file of an import waiting in PostgreSQL for its upload to Blob Storage. */
export interface PendingUpload {
  path: string;
  userId: string;
  body: Buffer;
  contentType: string;
  contentDisposition: string | null;
}

/**
 * SQL for `blob_uploads`: an import stores its files here in the same transaction as the checkups,
 * and they are moved to Blob Storage afterwards (at once, or by the uploader when Storage was down).
 * So a Storage outage never loses an import, and no blob is ever written for a checkup that was not
 * stored (or for a user erased meanwhile).
 */
const blobUploads = {
  async insert(client: DbClient, upload: PendingUpload): Promise<void> {
    await client.query(
      `insert into blob_uploads (path, user_id, body, content_type, content_disposition) values ($1, $2, $3, $4, $5)
       on conflict (path) do nothing`,
      [upload.path, upload.userId, upload.body, upload.contentType, upload.contentDisposition],
    );
  },

  /** The oldest waiting uploads (of one user, or of anyone), without their bytes. */
  async waiting(db: Db, limit: number, userId?: string): Promise<{ path: string; userId: string }[]> {
    const result = await db.query<{ path: string; userId: string }>(
      `select path, user_id as "userId" from blob_uploads where ($1::text is null or user_id = $1) order by created_at limit $2`,
      [userId ?? null, limit],
    );
    return result.rows;
  },

  /** Locks one waiting upload for the rest of the transaction; undefined when another uploader has it or it is gone. */
  async claim(client: DbClient, path: string): Promise<PendingUpload | undefined> {
    const result = await client.query<PendingUpload>(
      `select path, user_id as "userId", body, content_type as "contentType", content_disposition as "contentDisposition"
       from blob_uploads where path = $1 for update skip locked`,
      [path],
    );
    return result.rows[0];
  },

  /** A file still waiting, to serve from here until it is in Blob Storage. */
  async find(db: Db, path: string): Promise<PendingUpload | undefined> {
    const result = await db.query<PendingUpload>(
      `select path, user_id as "userId", body, content_type as "contentType", content_disposition as "contentDisposition"
       from blob_uploads where path = $1`,
      [path],
    );
    return result.rows[0];
  },

  async remove(client: DbClient | Db, path: string): Promise<void> {
    await client.query('delete from blob_uploads where path = $1', [path]);
  },

  async recordFailure(db: Db, path: string, error: string): Promise<void> {
    await db.query('update blob_uploads set attempts = attempts + 1, last_error = $2 where path = $1', [path, error.slice(0, 500)]);
  },

  async deleteAllOf(client: DbClient, userId: string): Promise<void> {
    await client.query('delete from blob_uploads where user_id = $1', [userId]);
  },
};

export function createBlobUploadsRepository() {
  return { blobUploads };
}
