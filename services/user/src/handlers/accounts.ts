import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  ConflictError,
  deleteOutboxRowsOf,
  enqueueEvent,
  eventContracts,
  REVOCATION_STORE,
  revocationKey,
  revocationTtlSeconds,
  NotFoundError,
  UnauthorizedError,
  UpstreamUnavailableError,
  withTransaction,
  type Clock,
  type DeletionReason,
  type RevocationEntry,
  type Dapr,
  type Db,
  type DbClient,
  type Logger,
} from '@healthsync/shared';
import type { Account, AccountsRepository } from '../adapters/accounts-repository.js';
import type { IdentityProvider, VerifiedIdentity } from '../adapters/identity-provider.js';
import type { createTokenSigner } from '../adapters/token-signer.js';
import { statusAfterUpdate, type ProfileInput } from '../domain/profile.js';
import { openSuccessor, refreshOutcome, sealSuccessor } from '../domain/refresh.js';
import { ACTIVITY_WRITE_INTERVAL_MS } from '../domain/retention.js';

export interface Session {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
}

export interface AccountView {
  id: string;
  email: string | null;
  name: string | null;
  picture: string | null;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  occupation: string | null;
  status: 'PENDING' | 'ACTIVE';
  onboardingRequired: boolean;
  createdAt: string;
}

export function viewOf(account: Account): AccountView {
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    picture: account.picture,
    birthDate: account.birthDate,
    sex: account.sex,
    occupation: account.occupation,
    status: account.status === 'ACTIVE' ? 'ACTIVE' : 'PENDING',
    onboardingRequired: account.status === 'PENDING',
    createdAt: account.createdAt.toISOString(),
  };
}

const hashToken = (token: string) => createHash('sha256').update(token).digest();

/**
 * Profile facts other services need (no email or picture). The name is there only for the health
 * service, which links NHIS records solely for the person named on the profile.
 */
const profileFacts = (account: Account) => ({ name: account.name, birthDate: account.birthDate, sex: account.sex, occupation: account.occupation });

export interface AccountsDeps {
  db: Db;
  repository: AccountsRepository;
  dapr: Dapr;
  identityProvider: IdentityProvider;
  signer: ReturnType<typeof createTokenSigner>;
  refreshTtlDays: number;
  accessTtlSeconds: number;
  logger: Logger;
  clock: Clock;
  /** Wakes the outbox relay after a commit that enqueued events. */
  eventsEnqueued(): void;
}

/** Sign-in, sessions and the account itself. */
export function createAccounts(deps: AccountsDeps) {
  const { db } = deps;
  const { accounts, refreshTokens } = deps.repository;

  async function openSession(client: DbClient, userId: string, familyId: string = randomUUID()): Promise<Session & { tokenId: string }> {
    const refreshToken = randomBytes(32).toString('base64url');
    const tokenId = await refreshTokens.insert(client, {
      familyId,
      userId,
      hash: hashToken(refreshToken),
      expiresAt: new Date(deps.clock.now().getTime() + deps.refreshTtlDays * 86_400_000),
    });
    const access = deps.signer.sign(userId, familyId);
    return { accessToken: access.token, tokenType: 'Bearer', expiresIn: access.expiresIn, refreshToken, tokenId };
  }

  /**
   * Access tokens of a revoked session stop working at the gateway until they expire. Called
   * inside the transaction that revokes the refresh tokens, before it commits: if the
   * revocation store refuses the write, the whole change rolls back and the caller answers
   * 503, so a client is never told "signed out" while its access tokens still work
   * (docs/decisions/008-revocation-store-outage.md).
   *
   * One write at a time, the caller's own session last: a write refused half-way leaves the
   * caller's session working, so the client can retry what it asked for (a store recovering
   * from an outage admits one call at a time through its half-open breaker, and concurrent
   * writes would be refused and leave the caller signed out of an account that still exists).
   */
  async function denySessions(familyIds: string[], callerSession?: string): Promise<void> {
    const ordered =
      callerSession === undefined ? familyIds : [...familyIds.filter((id) => id !== callerSession), ...familyIds.filter((id) => id === callerSession)];
    try {
      for (const familyId of ordered) {
        await deps.dapr.saveState(REVOCATION_STORE, revocationKey(familyId), { revokedAt: deps.clock.now().toISOString() } satisfies RevocationEntry, {
          ttlSeconds: revocationTtlSeconds(deps.accessTtlSeconds),
        });
      }
    } catch (error) {
      deps.logger.warn('revocation store write failed; nothing committed', { sessions: familyIds.length, error: String(error) });
      throw new UpstreamUnavailableError('REVOCATION_UNAVAILABLE', 'The session could not be revoked right now; nothing was changed. Try again shortly.', 5);
    }
  }

  async function signIn(identity: VerifiedIdentity): Promise<{ session: Session; user: AccountView; created: boolean }> {
    const { account, created, session } = await withTransaction(db, async (client) => {
      const found = await accounts.findOrCreate(client, identity, deps.clock.now());
      const { tokenId: _tokenId, ...session } = await openSession(client, found.account.id);
      return { ...found, session };
    });
    deps.logger.info('signed in', { userId: account.id, created });
    return { session, user: viewOf(account), created };
  }

  const accountsApi = {
    signInWithIdToken: async (idToken: string, nonce?: string) => signIn(await deps.identityProvider.verifyIdToken(idToken, nonce)),
    signInWithCode: async (input: { code: string; codeVerifier: string; redirectUri: string; nonce?: string }) =>
      signIn(await deps.identityProvider.redeemCode(input)),

    async refresh(presented: string): Promise<Session> {
      const hash = hashToken(presented);
      const result = await withTransaction(db, async (client) => {
        const familyId = await refreshTokens.familyOf(client, hash);
        if (!familyId) return { outcome: 'UNKNOWN' as const };
        // Refresh and logout of one session take turns (see lockSession).
        await refreshTokens.lockSession(client, familyId);
        const stored = await refreshTokens.findForUpdate(client, hash);
        const now = deps.clock.now();
        const outcome = refreshOutcome(stored, now);
        if (outcome === 'ROTATE' && stored) {
          const account = await accounts.findLive(client, stored.userId);
          if (!account) return { outcome: 'UNKNOWN' as const };
          // Using the app is activity (retention of inactive accounts: docs/decisions/022).
          await accounts.recordActivity(client, stored.userId, now, ACTIVITY_WRITE_INTERVAL_MS);
          const { tokenId, ...session } = await openSession(client, stored.userId, stored.familyId);
          // The presented token is itself a new pair's: its predecessor's sealed copy has served.
          await refreshTokens.forgetSealed(client, stored.id);
          const sealed = sealSuccessor(presented, {
            accessToken: session.accessToken,
            refreshToken: session.refreshToken,
            accessExpiresAt: new Date(now.getTime() + session.expiresIn * 1000).toISOString(),
          });
          await refreshTokens.markUsed(client, stored.id, now, { id: tokenId, sealed });
          return { outcome, session };
        }
        if (outcome === 'REPLAY' && stored?.sealedSuccessor) {
          const pair = openSuccessor(presented, stored.sealedSuccessor);
          if (pair) {
            const expiresIn = Math.max(1, Math.floor((new Date(pair.accessExpiresAt).getTime() - now.getTime()) / 1000));
            return { outcome, session: { accessToken: pair.accessToken, tokenType: 'Bearer' as const, expiresIn, refreshToken: pair.refreshToken } };
          }
        }
        if (outcome === 'REUSED' || outcome === 'REPLAY') {
          // Revoked in the store before the commit: if that fails nothing changes, the token
          // stays "used", and presenting it again detects the reuse again.
          await refreshTokens.revokeFamily(client, familyId);
          await denySessions([familyId]);
        }
        return { outcome, familyId };
      });
      if ((result.outcome === 'ROTATE' || result.outcome === 'REPLAY') && 'session' in result && result.session) {
        if (result.outcome === 'REPLAY') deps.logger.info('refresh retried within the grace window; the same pair was returned');
        return result.session;
      }
      if ((result.outcome === 'REUSED' || result.outcome === 'REPLAY') && 'familyId' in result) {
        deps.logger.warn('refresh token reused; session revoked', { sessionId: result.familyId });
        throw new UnauthorizedError('REFRESH_TOKEN_REUSED', 'This refresh token was already used; the session has been signed out.');
      }
      throw new UnauthorizedError('INVALID_REFRESH_TOKEN', 'The refresh token is not valid.');
    },

    async logout(sessionId: string): Promise<void> {
      await withTransaction(db, async (client) => {
        await refreshTokens.lockSession(client, sessionId);
        await refreshTokens.revokeFamily(client, sessionId);
        await denySessions([sessionId]);
      });
    },

    /** The sign-in identities of the account (issuers and when each was linked). */
    async identities(userId: string): Promise<{ issuer: string; linkedAt: string }[]> {
      const client = await db.connect();
      try {
        if (!(await accounts.findLive(client, userId))) throw new NotFoundError('ACCOUNT_NOT_FOUND', 'The account does not exist.');
        return (await deps.repository.identities.list(client, userId)).map((i) => ({ issuer: i.issuer, linkedAt: i.linkedAt.toISOString() }));
      } finally {
        client.release();
      }
    },

    /**
     * Links another provider's identity (its ID token) to the signed-in account, so either signs in
     * to it. An identity of another live account is refused (409), never moved.
     */
    async linkIdentity(userId: string, idToken: string, nonce?: string): Promise<{ issuer: string; linkedAt: string }[]> {
      const identity = await deps.identityProvider.verifyIdToken(idToken, nonce);
      await withTransaction(db, async (client) => {
        if (!(await accounts.findLive(client, userId))) throw new NotFoundError('ACCOUNT_NOT_FOUND', 'The account does not exist.');
        const outcome = await deps.repository.identities.link(client, userId, identity);
        if (outcome === 'elsewhere') throw new ConflictError('IDENTITY_LINKED_ELSEWHERE', 'This sign-in is linked to another account.');
        if (outcome === 'linked') deps.logger.info('identity linked', { userId, issuer: identity.issuer });
      });
      return accountsApi.identities(userId);
    },

    async get(userId: string): Promise<AccountView> {
      const client = await db.connect();
      try {
        const account = await accounts.findLive(client, userId);
        if (!account) throw new NotFoundError('ACCOUNT_NOT_FOUND', 'The account does not exist.');
        return viewOf(account);
      } finally {
        client.release();
      }
    },

    async updateProfile(userId: string, input: ProfileInput): Promise<AccountView> {
      const account = await withTransaction(db, async (client) => {
        // Locked: a deletion running now finishes first, and this edit then finds no account.
        const current = await accounts.findLive(client, userId, 'update');
        if (!current) throw new NotFoundError('ACCOUNT_NOT_FOUND', 'The account does not exist.');
        const { status, event } = statusAfterUpdate(current.status, input);
        const updated = await accounts.updateProfile(client, userId, input, status);
        const occurredAt = deps.clock.now().toISOString();
        const profile = profileFacts(updated);
        if (event === 'UserRegistered') await enqueueEvent(client, eventContracts.userRegistered, { type: event, userId, occurredAt, profile });
        else await enqueueEvent(client, eventContracts.userProfileChanged, { type: event, userId, occurredAt, profile });
        return updated;
      });
      deps.eventsEnqueued();
      return viewOf(account);
    },

    /** `sessionId`: the session asking, whose revocation is written last (see denySessions). */
    async delete(userId: string, sessionId?: string): Promise<void> {
      await withTransaction(db, async (client) => {
        const current = await accounts.findLive(client, userId, 'update');
        if (!current) throw new NotFoundError('ACCOUNT_NOT_FOUND', 'The account does not exist.');
        await erase(client, userId, 'SELF_SERVICE', sessionId);
      });
      deps.eventsEnqueued();
      deps.logger.info('account deleted', { userId, reason: 'SELF_SERVICE' });
    },

    /**
     * The retention job's erasure: the same path as a deletion, for an account whose row the caller
     * has locked in `client`'s transaction and found due (handlers/retention.ts).
     */
    async eraseInactive(client: DbClient, userId: string): Promise<void> {
      await erase(client, userId, 'RETENTION');
    },
  };

  /**
   * Erasing an account (docs/decisions/013-erasure-always-completes.md), in the caller's transaction,
   * with the account's row locked: its sessions, its personal data (the row stays as the tombstone,
   * with the reason), its earlier events; then `user-deleted` for every service, and the sessions'
   * revocation last, before the commit (a failed revocation write keeps the account as it was).
   */
  async function erase(client: DbClient, userId: string, reason: DeletionReason, sessionId?: string): Promise<void> {
    // Each session's lock (as logout and refresh take it): a refresh in flight commits its new
    // token first, so the delete below sees it; one that comes later finds its token gone.
    const sessions = await refreshTokens.familiesOf(client, userId);
    for (const session of sessions) await refreshTokens.lockSession(client, session);
    await refreshTokens.deleteAllOf(client, userId);
    await accounts.markDeleted(client, userId, reason);
    // The user's earlier events (published or not) carried their profile: they go with the account.
    await deleteOutboxRowsOf(client, userId);
    await enqueueEvent(client, eventContracts.userDeleted, { type: 'UserDeleted', userId, occurredAt: deps.clock.now().toISOString(), reason });
    await denySessions(sessions, sessionId);
  }
  return accountsApi;
}

export type Accounts = ReturnType<typeof createAccounts>;
