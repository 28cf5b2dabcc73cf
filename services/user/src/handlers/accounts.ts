import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  components,
  deleteOutboxRowsOf,
  enqueueEvent,
  NotFoundError,
  UnauthorizedError,
  UpstreamUnavailableError,
  withTransaction,
  type Clock,
  type Dapr,
  type Db,
  type DbClient,
  type Logger,
} from '@healthsync/shared';
import type { Account, AccountsRepository } from '../adapters/accounts-repository.js';
import type { IdentityProvider, VerifiedIdentity } from '../adapters/identity-provider.js';
import type { createTokenSigner } from '../adapters/token-signer.js';
import { statusAfterUpdate, type ProfileInput } from '../domain/profile.js';
import { refreshOutcome } from '../domain/refresh.js';

export const TOPICS = {
  registered: 'user-registered',
  profileChanged: 'user-profile-changed',
  deleted: 'user-deleted',
} as const;

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

  async function openSession(client: DbClient, userId: string, familyId: string = randomUUID()): Promise<Session> {
    const refreshToken = randomBytes(32).toString('base64url');
    await refreshTokens.insert(client, {
      familyId,
      userId,
      hash: hashToken(refreshToken),
      expiresAt: new Date(deps.clock.now().getTime() + deps.refreshTtlDays * 86_400_000),
    });
    const access = deps.signer.sign(userId, familyId);
    return { accessToken: access.token, tokenType: 'Bearer', expiresIn: access.expiresIn, refreshToken };
  }

  /**
   * Access tokens of a revoked session stop working at the gateway until they expire. Called
   * inside the transaction that revokes the refresh tokens, before it commits: if the
   * revocation store refuses the write, the whole change rolls back and the caller answers
   * 503, so a client is never told "signed out" while its access tokens still work
   * (docs/decisions/008-revocation-store-outage.md).
   */
  async function denySessions(familyIds: string[]): Promise<void> {
    try {
      await Promise.all(
        familyIds.map((familyId) =>
          deps.dapr.saveState(
            components.revocations,
            `session:${familyId}`,
            { revokedAt: deps.clock.now().toISOString() },
            { ttlSeconds: deps.accessTtlSeconds + 60 },
          ),
        ),
      );
    } catch (error) {
      deps.logger.warn('revocation store write failed; nothing committed', { sessions: familyIds.length, error: String(error) });
      throw new UpstreamUnavailableError('REVOCATION_UNAVAILABLE', 'The session could not be revoked right now; nothing was changed. Try again shortly.', 5);
    }
  }

  async function signIn(identity: VerifiedIdentity): Promise<{ session: Session; user: AccountView; created: boolean }> {
    const { account, created, session } = await withTransaction(db, async (client) => {
      const found = await accounts.findOrCreate(client, identity);
      return { ...found, session: await openSession(client, found.account.id) };
    });
    deps.logger.info('signed in', { userId: account.id, created });
    return { session, user: viewOf(account), created };
  }

  return {
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
        const outcome = refreshOutcome(stored, deps.clock.now());
        if (outcome === 'ROTATE' && stored) {
          await refreshTokens.markUsed(client, stored.id);
          const account = await accounts.findLive(client, stored.userId);
          if (!account) return { outcome: 'UNKNOWN' as const };
          return { outcome, session: await openSession(client, stored.userId, stored.familyId) };
        }
        if (outcome === 'REUSED') {
          // Revoked in the store before the commit: if that fails nothing changes, the token
          // stays "used", and presenting it again detects the reuse again.
          await refreshTokens.revokeFamily(client, familyId);
          await denySessions([familyId]);
        }
        return { outcome, familyId };
      });
      if (result.outcome === 'ROTATE' && 'session' in result && result.session) return result.session;
      if (result.outcome === 'REUSED' && 'familyId' in result) {
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
        const topic = event === 'UserRegistered' ? TOPICS.registered : TOPICS.profileChanged;
        await enqueueEvent(client, { topic, payload: { type: event, userId, occurredAt: deps.clock.now().toISOString(), profile: profileFacts(updated) } });
        return updated;
      });
      deps.eventsEnqueued();
      return viewOf(account);
    },

    async delete(userId: string): Promise<void> {
      await withTransaction(db, async (client) => {
        const current = await accounts.findLive(client, userId, 'update');
        if (!current) throw new NotFoundError('ACCOUNT_NOT_FOUND', 'The account does not exist.');
        // Each session's lock (as logout and refresh take it): a refresh in flight commits its new
        // token first, so the delete below sees it; one that comes later finds its token gone.
        const sessions = await refreshTokens.familiesOf(client, userId);
        for (const sessionId of sessions) await refreshTokens.lockSession(client, sessionId);
        await refreshTokens.deleteAllOf(client, userId);
        await accounts.markDeleted(client, userId);
        // The user's earlier events (published or not) carried their profile: they go with the account.
        await deleteOutboxRowsOf(client, userId);
        await enqueueEvent(client, { topic: TOPICS.deleted, payload: { type: 'UserDeleted', userId, occurredAt: deps.clock.now().toISOString() } });
        // Last, before the commit: a failed revocation write keeps the account as it was.
        await denySessions(sessions);
      });
      deps.eventsEnqueued();
      deps.logger.info('account deleted', { userId });
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
