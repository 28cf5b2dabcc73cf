import { randomUUID } from 'node:crypto';
import { lockLiveUser, withTransaction, type Db, type DbClient } from '@healthsync/shared';
import { attemptDecision, type AttemptDecision } from '../domain/index.js';

/** SQL for the per-user limit on NHIS link attempts (a sliding window). */
export const linkAttempts = {
  /**
   * Counts one attempt if it fits the window. The user's attempts are serialised by a transaction-scoped
   * advisory lock, so concurrent requests cannot all see room for one more. An erased user gets
   * 401 ACCOUNT_DELETED (a token still valid for a few minutes).
   */
  async take(db: Db, userId: string, now: Date, limit: number, windowMs: number): Promise<AttemptDecision & { id?: string }> {
    return withTransaction(db, async (client) => {
      await lockLiveUser(client, userId);
      await client.query(`select pg_advisory_xact_lock(hashtextextended('nhis-link-attempts:' || $1, 0))`, [userId]);
      const recent = await client.query<{ at: Date }>('select attempted_at as at from nhis_link_attempts where user_id = $1 and attempted_at > $2', [
        userId,
        new Date(now.getTime() - windowMs),
      ]);
      const decision = attemptDecision(
        recent.rows.map((r) => r.at),
        now,
        limit,
        windowMs,
      );
      if (!decision.allowed) return decision;
      const id = randomUUID();
      await client.query('insert into nhis_link_attempts (id, user_id, attempted_at) values ($1, $2, $3)', [id, userId, now]);
      return { ...decision, id };
    });
  },

  /** An attempt that never got an answer from the aggregator is not held against the user. */
  async giveBack(db: Db, id: string): Promise<void> {
    await db.query('delete from nhis_link_attempts where id = $1', [id]);
  },

  async pruneBefore(db: Db, before: Date): Promise<number> {
    const result = await db.query('delete from nhis_link_attempts where attempted_at < $1', [before]);
    return result.rowCount ?? 0;
  },

  async deleteAllOf(client: DbClient, userId: string): Promise<void> {
    await client.query('delete from nhis_link_attempts where user_id = $1', [userId]);
  },
};

export function createLinkAttemptsRepository() {
  return { linkAttempts };
}
