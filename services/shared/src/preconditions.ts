import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Db } from './db.js';
import { AppError } from './errors.js';

/**
 * Conditional requests for the resources two devices may edit at once (profile, notification
 * preferences): every read and write answers an `ETag`; a read with a matching
 * `If-None-Match` is a 304; a write whose `If-Match` no longer matches is a 412 and changes
 * nothing. The tag is a hash of the representation itself, so it changes exactly when what
 * the client sees changes.
 */
export function entityTag(representation: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(representation)).digest('base64url').slice(0, 27)}"`;
}

/** Entity tags listed in an If-Match / If-None-Match header (`*` as itself); weak tags compare by value. */
export function listedTags(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .filter(Boolean);
}

/** Whether a read may answer 304 (RFC 9110 §13.1.2: weak comparison). */
export function notModified(ifNoneMatch: string | undefined, current: string): boolean {
  const tags = listedTags(ifNoneMatch);
  return tags.includes('*') || tags.includes(current);
}

/** Whether a write may go ahead (RFC 9110 §13.1.1); no header means the client did not ask. */
export function preconditionHolds(ifMatch: string | undefined, current: string): boolean {
  if (ifMatch === undefined) return true;
  const tags = listedTags(ifMatch);
  return tags.includes('*') || tags.includes(current);
}

export class PreconditionFailedError extends AppError {
  constructor() {
    super(412, 'PRECONDITION_FAILED', 'Someone changed this since you read it (If-Match no longer matches); read it again and retry your change.');
  }
}

/** A few connections of their own for the locks, so a write waiting for its turn never holds one the writes need. */
const lockPools = new WeakMap<Db, pg.Pool>();
function lockPoolOf(db: Db): pg.Pool {
  let pool = lockPools.get(db);
  if (!pool) {
    pool = new pg.Pool({ ...db.options, max: 4, idleTimeoutMillis: 10_000 });
    pool.on('error', () => undefined);
    lockPools.set(db, pool);
  }
  return pool;
}

/**
 * Runs a conditional write with the resource locked for this user (a PostgreSQL advisory lock,
 * so replicas take turns too): the check of If-Match and the write cannot interleave with
 * another device's conditional write.
 */
export async function underResourceLock<T>(db: Db, resource: string, work: () => Promise<T>): Promise<T> {
  const client = await lockPoolOf(db).connect();
  try {
    await client.query('select pg_advisory_lock(hashtextextended($1, 0))', [resource]);
    try {
      return await work();
    } finally {
      await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [resource]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}

/** Closes the lock connections of a pool that is being closed. */
export async function endResourceLocks(db: Db): Promise<void> {
  await lockPools.get(db)?.end();
  lockPools.delete(db);
}
