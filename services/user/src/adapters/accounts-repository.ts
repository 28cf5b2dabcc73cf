import { randomUUID } from 'node:crypto';
import { ConflictError, type DbClient, type DeletionReason } from '@healthsync/shared';
import type { AccountStatus, Occupation, Profile, Sex } from '../domain/profile.js';
import type { StoredRefreshToken } from '../domain/refresh.js';
import type { RetentionState } from '../domain/retention.js';
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
  /**
   * The account unless deleted. `update` locks its row for the rest of the transaction (a profile
   * edit, the deletion), so an edit and a deletion of one account run one after the other.
   */
  async findLive(client: DbClient, userId: string, lock?: 'update'): Promise<Account | undefined> {
    const result = await client.query<AccountRow>(
      `select ${ACCOUNT_COLUMNS} from users where id = $1 and status <> 'DELETED'${lock === 'update' ? ' for update' : ''}`,
      [userId],
    );
    return result.rows[0];
  },

  /**
   * Finds the live account an identity belongs to (the one it began with, or one it was linked
   * to), or creates it PENDING with that identity.
   */
  async findOrCreate(client: DbClient, identity: VerifiedIdentity, now: Date): Promise<{ account: Account; created: boolean }> {
    // A sign-in is activity: it is recorded, and cancels a pending retention notice (domain/retention.ts).
    const linked = await client.query<AccountRow>(
      `update users set email = $3, email_verified = $4, picture = coalesce($5, picture), updated_at = now(),
          last_active_at = $6, retention_notice_at = null
        where status <> 'DELETED' and id = (select user_id from identities where issuer = $1 and subject = $2)
        returning ${ACCOUNT_COLUMNS}`,
      [identity.issuer, identity.subject, identity.email, identity.emailVerified, identity.picture, now],
    );
    if (linked.rows[0]) return { account: linked.rows[0], created: false };
    const inserted = await client.query<AccountRow>(
      `insert into users (id, issuer, subject, email, email_verified, name, picture, status, last_active_at)
       values ($1, $2, $3, $4, $5, $6, $7, 'PENDING', $8)
       on conflict (issuer, subject) where status <> 'DELETED' do nothing
       returning ${ACCOUNT_COLUMNS}`,
      [randomUUID(), identity.issuer, identity.subject, identity.email, identity.emailVerified, identity.name, identity.picture, now],
    );
    if (inserted.rows[0]) {
      const claimed = await client.query('insert into identities (issuer, subject, user_id) values ($1, $2, $3) on conflict do nothing', [
        identity.issuer,
        identity.subject,
        inserted.rows[0].id,
      ]);
      // Linked to another account between the two statements: that account has it.
      if (claimed.rowCount === 0) throw new ConflictError('IDENTITY_LINKED_ELSEWHERE', 'This sign-in is linked to another account.');
      return { account: inserted.rows[0], created: true };
    }
    // Created by a concurrent first sign-in of the same person.
    const existing = await client.query<AccountRow>(
      `update users set email = $3, email_verified = $4, picture = coalesce($5, picture), updated_at = now(),
         last_active_at = $6, retention_notice_at = null
       where issuer = $1 and subject = $2 and status <> 'DELETED' returning ${ACCOUNT_COLUMNS}`,
      [identity.issuer, identity.subject, identity.email, identity.emailVerified, identity.picture, now],
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

  /**
   * A session refresh is activity. Written only when the recorded activity is older than
   * `minIntervalMs` (or a retention notice is pending), so a refresh every few minutes costs no
   * write; and never waits: an account row locked right now (a profile edit, a deletion) is left
   * as it is (the refresh takes session locks before account ones, the deletion the other way round).
   */
  async recordActivity(client: DbClient, userId: string, now: Date, minIntervalMs: number): Promise<void> {
    await client.query(
      `update users set last_active_at = $2, retention_notice_at = null
       where id = (select id from users where id = $1 and status <> 'DELETED'
                     and (last_active_at < $2::timestamptz - make_interval(secs => $3) or retention_notice_at is not null)
                   for update skip locked)`,
      [userId, now, minIntervalMs / 1000],
    );
  },

  /** Erases personal data and marks the account deleted; the row stays as a tombstone, its identities go. */
  async markDeleted(client: DbClient, userId: string, reason: DeletionReason): Promise<void> {
    await client.query('delete from identities where user_id = $1', [userId]);
    // The consent history is personal data like the profile: erased with it (docs/decisions/020).
    await client.query('delete from consent_events where user_id = $1', [userId]);
    await client.query(
      `update users set status = 'DELETED', deleted_at = now(), updated_at = now(), email = null, name = null,
         picture = null, birth_date = null, sex = null, occupation = null, subject = 'deleted:' || id,
         deletion_reason = $2, retention_notice_at = null
       where id = $1`,
      [userId, reason],
    );
  },
};

export interface RetentionRow extends RetentionState {
  userId: string;
}

const RETENTION_COLUMNS = `id as "userId", last_active_at as "lastActiveAt", retention_notice_at as "noticeSentAt"`;

/** SQL of the retention job (services/user/src/handlers/retention.ts). */
export const retention = {
  /**
   * Live accounts that may be due for a notice (last active by `activeBy`, no notice since their
   * last activity), in order of last activity after `after` (keyset paging), without locks.
   */
  async noticeCandidates(client: DbClient, activeBy: Date, after: { lastActiveAt: Date; userId: string } | undefined, limit: number): Promise<RetentionRow[]> {
    const result = await client.query<RetentionRow>(
      `select ${RETENTION_COLUMNS} from users
       where status <> 'DELETED' and last_active_at <= $1
         and (retention_notice_at is null or retention_notice_at < last_active_at)
         and ($2::timestamptz is null or (last_active_at, id) > ($2::timestamptz, $3::uuid))
       order by last_active_at, id limit $4`,
      [activeBy, after?.lastActiveAt ?? null, after?.userId ?? null, limit],
    );
    return result.rows;
  },

  /** Live accounts that may be due for erasure: a pending notice sent by `notifiedBy`, last active by `activeBy`. */
  async erasureCandidates(
    client: DbClient,
    cutoffs: { activeBy: Date; notifiedBy: Date },
    after: { lastActiveAt: Date; userId: string } | undefined,
    limit: number,
  ): Promise<RetentionRow[]> {
    const result = await client.query<RetentionRow>(
      `select ${RETENTION_COLUMNS} from users
       where status <> 'DELETED' and last_active_at <= $1
         and retention_notice_at is not null and retention_notice_at >= last_active_at and retention_notice_at <= $2
         and ($3::timestamptz is null or (last_active_at, id) > ($3::timestamptz, $4::uuid))
       order by last_active_at, id limit $5`,
      [cutoffs.activeBy, cutoffs.notifiedBy, after?.lastActiveAt ?? null, after?.userId ?? null, limit],
    );
    return result.rows;
  },

  /**
   * Locks those of the accounts that are live and not locked by anyone else (another replica's job,
   * a sign-in, a deletion) for the rest of the transaction, and reads their state again.
   */
  async lockLive(client: DbClient, userIds: string[]): Promise<RetentionRow[]> {
    const result = await client.query<RetentionRow>(
      `select ${RETENTION_COLUMNS} from users where id = any($1::uuid[]) and status <> 'DELETED' order by id for update skip locked`,
      [userIds],
    );
    return result.rows;
  },

  async markNotified(client: DbClient, userId: string, at: Date): Promise<void> {
    await client.query('update users set retention_notice_at = $2 where id = $1', [userId, at]);
  },
};

export interface LinkedIdentity {
  issuer: string;
  linkedAt: Date;
}

/** The identities of an account. */
export const identities = {
  async list(client: DbClient, userId: string): Promise<LinkedIdentity[]> {
    const result = await client.query<LinkedIdentity>('select issuer, linked_at as "linkedAt" from identities where user_id = $1 order by linked_at, issuer', [
      userId,
    ]);
    return result.rows;
  },

  /** Links an identity to the account: 'linked', 'already' (this account's), or 'elsewhere' (another live account's). */
  async link(client: DbClient, userId: string, identity: VerifiedIdentity): Promise<'linked' | 'already' | 'elsewhere'> {
    const inserted = await client.query('insert into identities (issuer, subject, user_id) values ($1, $2, $3) on conflict do nothing', [
      identity.issuer,
      identity.subject,
      userId,
    ]);
    if (inserted.rowCount === 1) return 'linked';
    const owner = await client.query<{ userId: string }>('select user_id as "userId" from identities where issuer = $1 and subject = $2', [
      identity.issuer,
      identity.subject,
    ]);
    return owner.rows[0]?.userId === userId ? 'already' : 'elsewhere';
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

  /** The sessions (families) the user ever had. */
  async familiesOf(client: DbClient, userId: string): Promise<string[]> {
    const result = await client.query<{ familyId: string }>('select distinct family_id as "familyId" from refresh_tokens where user_id = $1', [userId]);
    return result.rows.map((r) => r.familyId).sort();
  },

  /** Deletes every refresh token of the user (the account is being erased). */
  async deleteAllOf(client: DbClient, userId: string): Promise<void> {
    await client.query('delete from refresh_tokens where user_id = $1', [userId]);
  },
};

/** The SQL for accounts and refresh tokens, handed to the handlers (which never import it), so a test can pass its own. */
export function createAccountsRepository() {
  return { accounts, identities, refreshTokens, retention };
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
