import { randomUUID } from 'node:crypto';
import type { DbClient } from '@healthsync/shared';
import type { AccountStatus, Occupation, Profile, Sex } from '../domain/profile.js';
import type { StoredRefreshToken } from '../domain/refresh.js';
import type { VerifiedIdentity } from './identity-provider.js';

export interface Account extends Profile {
  id: string;
  email: string | null;
  picture: string | null;
  status: AccountStatus;
  createdAt: Date;
}

const ACCOUNT_COLUMNS = `id, email, picture, name, to_char(birth_date, 'YYYY-MM-DD') as "birthDate", sex,
  occupation, status, created_at as "createdAt"`;

interface AccountRow {
  id: string;
  email: string | null;
  picture: string | null;
  name: string | null;
  birthDate: string | null;
  sex: Sex | null;
  occupation: Occupation | null;
  status: AccountStatus;
  createdAt: Date;
}

/** SQL for accounts and refresh tokens; every function runs on the caller's transaction. */
const accounts = {
  async findLive(client: DbClient, userId: string): Promise<Account | undefined> {
    const result = await client.query<AccountRow>(`select ${ACCOUNT_COLUMNS} from users where id = $1 and status <> 'DELETED'`, [userId]);
    return result.rows[0];
  },

  /** Finds the live account of an identity, or creates it PENDING. */
  async findOrCreate(client: DbClient, identity: VerifiedIdentity): Promise<{ account: Account; created: boolean }> {
    const inserted = await client.query<AccountRow>(
      `insert into users (id, issuer, subject, email, email_verified, name, picture, status)
       values ($1, $2, $3, $4, $5, $6, $7, 'PENDING')
       on conflict (issuer, subject) where status <> 'DELETED' do nothing
       returning ${ACCOUNT_COLUMNS}`,
      [randomUUID(), identity.issuer, identity.subject, identity.email, identity.emailVerified, identity.name, identity.picture],
    );
    if (inserted.rows[0]) return { account: inserted.rows[0], created: true };
    const existing = await client.query<AccountRow>(
      `update users set email = $3, email_verified = $4, picture = coalesce($5, picture), updated_at = now()
       where issuer = $1 and subject = $2 and status <> 'DELETED' returning ${ACCOUNT_COLUMNS}`,
      [identity.issuer, identity.subject, identity.email, identity.emailVerified, identity.picture],
    );
    return { account: existing.rows[0]!, created: false };
  },

  async updateProfile(client: DbClient, userId: string, profile: Profile, status: AccountStatus): Promise<Account> {
    const result = await client.query<AccountRow>(
      `update users set name = $2, birth_date = $3, sex = $4, occupation = $5, status = $6, updated_at = now()
       where id = $1 and status <> 'DELETED' returning ${ACCOUNT_COLUMNS}`,
      [userId, profile.name, profile.birthDate, profile.sex, profile.occupation, status],
    );
    return result.rows[0]!;
  },

  /** Erases personal data and marks the account deleted; the row stays as a tombstone. */
  async markDeleted(client: DbClient, userId: string): Promise<void> {
    // The consent history is personal data like the profile: erased with it (docs/decisions/020).
    await client.query('delete from consent_events where user_id = $1', [userId]);
    await client.query(
      `update users set status = 'DELETED', deleted_at = now(), updated_at = now(), email = null, name = null,
         picture = null, birth_date = null, sex = null, occupation = null, subject = 'deleted:' || id
       where id = $1`,
      [userId],
    );
  },
};

export const refreshTokens = {
  /** The session (family) a token belongs to, read without a lock: the caller locks the session next. */
  async familyOf(client: DbClient, hash: Buffer): Promise<string | undefined> {
    const result = await client.query<{ familyId: string }>('select family_id as "familyId" from refresh_tokens where token_hash = $1', [hash]);
    return result.rows[0]?.familyId;
  },

  /**
   * Serialises everything that changes one session (refresh, logout) until the transaction
   * ends: a transaction-scoped advisory lock on the family id. Without it, a logout's UPDATE
   * of the family would not see the token a concurrent refresh inserts, leaving it alive.
   * Always taken before any row lock of the family, so the two cannot deadlock.
   */
  async lockSession(client: DbClient, familyId: string): Promise<void> {
    await client.query("select pg_advisory_xact_lock(hashtextextended('session:' || $1::text, 0))", [familyId]);
  },

  /** Stores a new token (only its hash); returns its id. */
  async insert(client: DbClient, token: { familyId: string; userId: string; hash: Buffer; expiresAt: Date }): Promise<string> {
    const id = randomUUID();
    await client.query('insert into refresh_tokens (id, family_id, user_id, token_hash, expires_at) values ($1, $2, $3, $4, $5)', [
      id,
      token.familyId,
      token.userId,
      token.hash,
      token.expiresAt,
    ]);
    return id;
  },

  /** Locks the token's row for the rest of the transaction (two refreshes at once cannot both rotate). */
  async findForUpdate(client: DbClient, hash: Buffer): Promise<(StoredRefreshToken & { id: string; familyId: string; userId: string }) | undefined> {
    const result = await client.query<StoredRefreshToken & { id: string; familyId: string; userId: string }>(
      `select t.id, t.family_id as "familyId", t.user_id as "userId", t.expires_at as "expiresAt", t.used_at as "usedAt",
              t.revoked_at as "revokedAt", t.successor_sealed as "sealedSuccessor", (s.used_at is not null) as "successorUsed"
       from refresh_tokens t left join refresh_tokens s on s.id = t.successor_id
       where t.token_hash = $1 for update of t`,
      [hash],
    );
    return result.rows[0];
  },

  /** Marks the token exchanged for `successorId`, keeping the sealed new pair for a retry. */
  async markUsed(client: DbClient, id: string, usedAt: Date, successor: { id: string; sealed: Buffer }): Promise<void> {
    await client.query('update refresh_tokens set used_at = $2, successor_id = $3, successor_sealed = $4 where id = $1', [
      id,
      usedAt,
      successor.id,
      successor.sealed,
    ]);
  },

  /** The new pair is in use: the sealed copy kept for a retry is no longer needed. */
  async forgetSealed(client: DbClient, successorId: string): Promise<void> {
    await client.query('update refresh_tokens set successor_sealed = null where successor_id = $1', [successorId]);
  },

  async revokeFamily(client: DbClient, familyId: string): Promise<void> {
    await client.query('update refresh_tokens set revoked_at = coalesce(revoked_at, now()), successor_sealed = null where family_id = $1', [familyId]);
  },

  /** Revokes every session of the user; returns their family ids. */
  async revokeAllOf(client: DbClient, userId: string): Promise<string[]> {
    const result = await client.query<{ familyId: string }>(
      `update refresh_tokens set revoked_at = coalesce(revoked_at, now()), successor_sealed = null where user_id = $1
       returning family_id as "familyId"`,
      [userId],
    );
    return [...new Set(result.rows.map((r) => r.familyId))];
  },
};

/** The SQL for accounts and refresh tokens, handed to the handlers (which never import it), so a test can pass its own. */
export function createAccountsRepository() {
  return { accounts, refreshTokens };
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
