import { holdLiveUser, withTransaction, type Db, type DbClient } from '@healthsync/shared';
import type { OwnIdentity, ProfileFacts } from '../domain/index.js';

/** SQL for the profile facts kept from the user service's events. */
const profiles = {
  async get(db: Db, userId: string): Promise<ProfileFacts | null> {
    const result = await db.query<ProfileFacts>(`select sex, to_char(birth_date, 'YYYY-MM-DD') as "birthDate", occupation from profiles where user_id = $1`, [
      userId,
    ]);
    return result.rows[0] ?? null;
  },

  /** The name and birth date on the account's profile, for checking that a link is for its owner. */
  async identity(db: Db, userId: string): Promise<OwnIdentity | null> {
    const result = await db.query<OwnIdentity>(`select name, to_char(birth_date, 'YYYY-MM-DD') as "birthDate" from profiles where user_id = $1`, [userId]);
    return result.rows[0] ?? null;
  },

  /**
   * Stores the facts (and the name, which only linking uses) unless a newer event already did, or the
   * user was erased (checked under the user's erasure lock, so an erasure running now is waited for).
   * Returns whether anything changed (so the cache is dropped only then).
   */
  async upsert(db: Db, userId: string, facts: ProfileFacts, name: string | null, occurredAt: Date): Promise<boolean> {
    return withTransaction(db, async (client) => {
      if (!(await holdLiveUser(client, userId))) return false;
      const result = await client.query(
        `insert into profiles (user_id, birth_date, sex, occupation, name, occurred_at)
         values ($1, $2::date, $3, $4, $6, $5::timestamptz)
         on conflict (user_id) do update
           set birth_date = excluded.birth_date, sex = excluded.sex, occupation = excluded.occupation,
               name = excluded.name, occurred_at = excluded.occurred_at, updated_at = now()
           where profiles.occurred_at <= excluded.occurred_at`,
        [userId, facts.birthDate, facts.sex, facts.occupation, occurredAt, name],
      );
      return (result.rowCount ?? 0) > 0;
    });
  },

  /** Forgets the facts and the name of an erased user. */
  async erase(client: DbClient, userId: string): Promise<void> {
    await client.query('delete from profiles where user_id = $1', [userId]);
  },
};

/** The SQL for the profile facts judging needs, handed to the handlers (which never import it), so a test can pass its own. */
export function createProfilesRepository() {
  return { profiles };
}

export type ProfilesRepository = ReturnType<typeof createProfilesRepository>;
