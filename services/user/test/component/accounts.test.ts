import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { type Component, expectProducedEventsKeepContracts, startComponent } from '@healthsync/shared/testing';
import { createMemoryLogger, loginWithCode, obtainIdToken, startGoogleOidcStandin, type RunningProvider } from '@healthsync/standin-google-oidc';
import { REFRESH_GRACE_MS } from '../../src/domain/refresh.js';
import { userService } from '../../src/server.js';

const CLIENT_ID = 'healthsync-mobile';
const REDIRECT = 'com.healthsync.app:/oauth2redirect';
// The web client: a confidential Google client, whose codes are redeemed only with its secret.
const WEB_CLIENT_ID = 'healthsync-web';
const WEB_REDIRECT = 'http://127.0.0.1:53100/auth/callback';
const WEB_SECRET = randomUUID();

// A second OpenID Connect issuer (Kakao, say), configured by OIDC_ADDITIONAL_ISSUERS.
const KAKAO_CLIENT_ID = 'healthsync-kakao';
const KAKAO_REDIRECT = 'kakao-app:/oauth';

let dir: string;
let google: RunningProvider;
let kakao: RunningProvider;
let user: Component;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'user-component-'));
  google = await startGoogleOidcStandin({
    port: 0,
    clientId: CLIENT_ID,
    redirectUris: [REDIRECT],
    webClient: { clientId: WEB_CLIENT_ID, clientSecret: WEB_SECRET, redirectUris: [WEB_REDIRECT] },
    keysFile: join(dir, 'keys.json'),
    autoLogin: true,
    anyTestIdentity: true,
    logger: createMemoryLogger(),
  });
  kakao = await startGoogleOidcStandin({
    port: 0,
    clientId: KAKAO_CLIENT_ID,
    redirectUris: [KAKAO_REDIRECT],
    keysFile: join(dir, 'kakao-keys.json'),
    autoLogin: true,
    anyTestIdentity: true,
    logger: createMemoryLogger(),
  });
  user = await startComponent(userService, {
    env: { ...userEnv(), OIDC_WEB_CLIENT_ID: WEB_CLIENT_ID, OIDC_WEB_REDIRECT_URIS: WEB_REDIRECT },
    secrets: { 'jwt-signing-key': signingKey(), 'oidc-web-client-secret': WEB_SECRET },
  });
});

function userEnv() {
  return {
    OIDC_ISSUER: google.issuer,
    OIDC_CLIENT_IDS: CLIENT_ID,
    OIDC_ALLOW_INSECURE_HTTP: 'true',
    OIDC_ADDITIONAL_ISSUERS: JSON.stringify([{ issuer: kakao.issuer, clientIds: [KAKAO_CLIENT_ID] }]),
  };
}

function signingKey() {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

after(async () => {
  await user?.stop();
  await google?.stop();
  await kakao?.stop();
  await rm(dir, { recursive: true, force: true });
});

interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string; status: string; onboardingRequired: boolean; email: string };
}

/** A new person for each test: their own Google identity. */
const newPerson = (label: string) => `${label}-${randomUUID().slice(0, 8)}@healthsync.test`;

async function signIn(email: string): Promise<Session> {
  const nonce = randomUUID();
  const idToken = await obtainIdToken({ issuer: google.issuer, clientId: CLIENT_ID, redirectUri: REDIRECT, loginHint: email, nonce });
  const response = await user.request('/api/auth/google', { method: 'POST', json: { idToken, nonce } });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as Session;
}

const profile = { name: '김민지', birthDate: '1988-04-12', sex: 'F', occupation: 'OFFICE_WORKER' };

async function eventually<T>(check: () => T | undefined): Promise<T> {
  for (let i = 0; i < 100; i += 1) {
    const value = check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('timed out');
}

describe('sign-in and onboarding', () => {
  test('when a new person signs in, then a PENDING account is made; signing in again finds the same one', async () => {
    const email = newPerson('first');
    const first = await signIn(email);
    assert.equal(first.user.status, 'PENDING');
    assert.equal(first.user.onboardingRequired, true);
    assert.equal(first.user.email, email);
    const again = await signIn(email);
    assert.equal(again.user.id, first.user.id);
  });

  test('when the profile is completed, then the account is ACTIVE and user-registered is published once with profile facts only', async () => {
    const session = await signIn(newPerson('onboard'));
    const userId = session.user.id;
    const put = await user.request('/api/users/me', { method: 'PUT', userId, json: profile });
    assert.equal(put.status, 200);
    assert.equal(((await put.json()) as { status: string }).status, 'ACTIVE');
    const published = await eventually(() =>
      user.dapr.published.find((e) => e.topic === 'user-registered' && (e.data as { userId: string }).userId === userId),
    );
    const { eventId, ...event } = published.data as { eventId: string };
    assert.equal(eventId, published.options.id, 'consumers dedupe on the CloudEvent id, which is the outbox event id');
    assert.deepEqual(event, {
      type: 'UserRegistered',
      userId,
      occurredAt: user.clock.now().toISOString(),
      profile: { name: '김민지', birthDate: '1988-04-12', sex: 'F', occupation: 'OFFICE_WORKER' },
    });
    const edit = await user.request('/api/users/me', { method: 'PUT', userId, json: { ...profile, occupation: 'RETIRED' } });
    assert.equal(edit.status, 200);
    await eventually(() => user.dapr.publishedTo('user-profile-changed').find((e) => (e as { userId: string }).userId === userId));
    assert.equal(user.dapr.publishedTo('user-registered').filter((e) => (e as { userId: string }).userId === userId).length, 1);
  });

  test('when the person turns 19 today in Seoul, then onboarding is accepted; a day younger is refused', async () => {
    // The clock says 2026-11-24 in Seoul.
    const young = await signIn(newPerson('young'));
    const refused = await user.request('/api/users/me', { method: 'PUT', userId: young.user.id, json: { ...profile, birthDate: '2007-11-25' } });
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /at least 19/);
    const accepted = await user.request('/api/users/me', { method: 'PUT', userId: young.user.id, json: { ...profile, birthDate: '2007-11-24' } });
    assert.equal(accepted.status, 200);
  });

  test('when the profile has unknown fields or a birth date in the future, then it is refused and nothing changes', async () => {
    const session = await signIn(newPerson('bad'));
    const userId = session.user.id;
    for (const body of [
      { ...profile, admin: true },
      { ...profile, birthDate: '2026-11-25' },
      { ...profile, sex: 'X' },
    ]) {
      const response = await user.request('/api/users/me', { method: 'PUT', userId, json: body });
      assert.equal(response.status, 400);
      assert.match(response.headers.get('content-type') ?? '', /application\/problem\+json/);
    }
    const me = (await (await user.request('/api/users/me', { userId })).json()) as { status: string; name: string | null };
    assert.deepEqual({ status: me.status, name: me.name }, { status: 'PENDING', name: '테스트 ' + session.user.email.split('@')[0] });
  });

  test('when no user id comes with the request, then /api/users/me answers 401', async () => {
    assert.equal((await user.request('/api/users/me')).status, 401);
  });
});

describe('web sign-in', () => {
  const codeFrom = (clientId: string, redirectUri: string, email: string) => loginWithCode({ issuer: google.issuer, clientId, redirectUri, loginHint: email });

  test('when the web client sends its code, then it is redeemed as the web client with its secret and the person is signed in', async () => {
    const email = newPerson('web');
    const login = await codeFrom(WEB_CLIENT_ID, WEB_REDIRECT, email);
    const response = await user.request('/api/auth/google', {
      method: 'POST',
      json: { code: login.code, codeVerifier: login.codeVerifier, redirectUri: login.redirectUri, nonce: login.nonce },
    });
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal(((await response.json()) as Session).user.email, email);
  });

  test("when the app's code comes with the app's redirect URI, then it is still redeemed as the app's public client", async () => {
    const login = await codeFrom(CLIENT_ID, REDIRECT, newPerson('app-code'));
    const response = await user.request('/api/auth/google', {
      method: 'POST',
      json: { code: login.code, codeVerifier: login.codeVerifier, redirectUri: login.redirectUri, nonce: login.nonce },
    });
    assert.equal(response.status, 200, await response.clone().text());
  });

  test('when the service holds a wrong web client secret, then the web sign-in is refused with 401 and nothing is signed in', async () => {
    const wrong = await startComponent(userService, {
      env: { ...userEnv(), OIDC_WEB_CLIENT_ID: WEB_CLIENT_ID, OIDC_WEB_REDIRECT_URIS: WEB_REDIRECT },
      secrets: { 'jwt-signing-key': signingKey(), 'oidc-web-client-secret': 'not-the-web-client-secret' },
    });
    try {
      const login = await codeFrom(WEB_CLIENT_ID, WEB_REDIRECT, newPerson('web-wrong'));
      const response = await wrong.request('/api/auth/google', {
        method: 'POST',
        json: { code: login.code, codeVerifier: login.codeVerifier, redirectUri: login.redirectUri, nonce: login.nonce },
      });
      assert.equal(response.status, 401);
      assert.equal(((await response.json()) as { code: string }).code, 'INVALID_CREDENTIAL');
    } finally {
      await wrong.stop();
    }
  });

  test('when a web client id is configured without its redirect URIs, then the service does not start and names the missing setting', async () => {
    await assert.rejects(
      startComponent(userService, { env: { ...userEnv(), OIDC_WEB_CLIENT_ID: WEB_CLIENT_ID }, secrets: { 'jwt-signing-key': signingKey() } }),
      /OIDC_WEB_REDIRECT_URIS is missing/,
    );
  });
});

describe('a second sign-in provider', () => {
  const kakaoToken = (email: string, nonce = randomUUID()) =>
    obtainIdToken({ issuer: kakao.issuer, clientId: KAKAO_CLIENT_ID, redirectUri: KAKAO_REDIRECT, loginHint: email, nonce });
  const identities = (userId: string) => user.request('/api/users/me/identities', { userId });
  const link = (userId: string, idToken: string) => user.request('/api/users/me/identities', { method: 'POST', userId, json: { idToken } });

  test('when a person links their Kakao sign-in, then either provider signs in to the same account; linking again changes nothing', async () => {
    const email = newPerson('link');
    const first = await signIn(email);
    const linked = await link(first.user.id, await kakaoToken(email));
    assert.equal(linked.status, 200, await linked.clone().text());
    const issuers = ((await linked.json()) as { items: { issuer: string }[] }).items.map((i) => i.issuer);
    assert.deepEqual(issuers, [google.issuer, kakao.issuer]);
    assert.equal((await link(first.user.id, await kakaoToken(email))).status, 200);
    assert.equal(((await (await identities(first.user.id)).json()) as { items: unknown[] }).items.length, 2);
    const viaKakao = await user.request('/api/auth/google', { method: 'POST', json: { idToken: await kakaoToken(email) } });
    assert.equal(viaKakao.status, 200);
    assert.equal(((await viaKakao.json()) as Session).user.id, first.user.id);
  });

  test('when someone links a Kakao sign-in that belongs to another account, then 409 and it stays with its account', async () => {
    const owner = newPerson('owner');
    const ownerAccount = await signIn(owner);
    assert.equal((await link(ownerAccount.user.id, await kakaoToken(owner))).status, 200);
    const other = await signIn(newPerson('other'));
    const refused = await link(other.user.id, await kakaoToken(owner));
    assert.equal(refused.status, 409);
    assert.equal(((await refused.json()) as { code: string }).code, 'IDENTITY_LINKED_ELSEWHERE');
    assert.equal(((await (await identities(other.user.id)).json()) as { items: unknown[] }).items.length, 1);
    const viaKakao = await user.request('/api/auth/google', { method: 'POST', json: { idToken: await kakaoToken(owner) } });
    assert.equal(((await viaKakao.json()) as Session).user.id, ownerAccount.user.id);
  });

  test('when a token comes from an issuer that is not configured, or is not a token, then 401 and nothing is linked', async () => {
    const person = await signIn(newPerson('unknown-issuer'));
    const stranger = await startGoogleOidcStandin({
      port: 0,
      clientId: KAKAO_CLIENT_ID,
      redirectUris: [KAKAO_REDIRECT],
      keysFile: join(dir, 'stranger-keys.json'),
      autoLogin: true,
      anyTestIdentity: true,
      logger: createMemoryLogger(),
    });
    try {
      const token = await obtainIdToken({
        issuer: stranger.issuer,
        clientId: KAKAO_CLIENT_ID,
        redirectUri: KAKAO_REDIRECT,
        loginHint: newPerson('x'),
        nonce: 'n',
      });
      for (const idToken of [token, 'not-a-jwt-but-long-enough-to-pass']) {
        const refused = await link(person.user.id, idToken);
        assert.equal(refused.status, 401);
        assert.equal(((await refused.json()) as { code: string }).code, 'INVALID_CREDENTIAL');
      }
    } finally {
      await stranger.stop();
    }
    assert.equal(((await (await identities(person.user.id)).json()) as { items: unknown[] }).items.length, 1);
  });

  test('when the account is deleted, then its linked sign-in is free again and starts a new account', async () => {
    const email = newPerson('link-delete');
    const first = await signIn(email);
    assert.equal((await link(first.user.id, await kakaoToken(email))).status, 200);
    assert.equal((await user.request('/api/users/me', { method: 'DELETE', userId: first.user.id })).status, 204);
    const again = await user.request('/api/auth/google', { method: 'POST', json: { idToken: await kakaoToken(email) } });
    const fresh = (await again.json()) as Session;
    assert.notEqual(fresh.user.id, first.user.id);
    assert.equal(fresh.user.onboardingRequired, true);
  });
});

describe('sessions', () => {
  test('when a refresh token is used, then it rotates; using the old one again signs the session out everywhere', async () => {
    const session = await signIn(newPerson('refresh'));
    const rotated = await user.request('/api/auth/refresh', { method: 'POST', json: { refreshToken: session.refreshToken } });
    assert.equal(rotated.status, 200);
    const next = (await rotated.json()) as { refreshToken: string };
    assert.notEqual(next.refreshToken, session.refreshToken);
    // Past the grace window a lost answer is no excuse: the old token again is a stolen copy.
    user.clock.advance(REFRESH_GRACE_MS);

    const reused = await user.request('/api/auth/refresh', { method: 'POST', json: { refreshToken: session.refreshToken } });
    assert.equal(reused.status, 401);
    assert.equal(((await reused.json()) as { code: string }).code, 'REFRESH_TOKEN_REUSED');
    // The whole family is revoked: the rotated token stops working too, and the gateway learns of the session.
    const afterReuse = await user.request('/api/auth/refresh', { method: 'POST', json: { refreshToken: next.refreshToken } });
    assert.equal(afterReuse.status, 401);
    const revoked = user.dapr.stateOf<{ revokedAt: string }>('revocations', `session:${sessionIdOf(session.accessToken)}`);
    assert.equal(revoked?.revokedAt, user.clock.now().toISOString());
    user.clock.advance(-REFRESH_GRACE_MS);
  });

  test('when the answer to a refresh is lost, then the same token within the grace window gets the same pair; once that pair is used, the old one is theft', async () => {
    const session = await signIn(newPerson('lost-answer'));
    const refresh = (refreshToken: string) => user.request('/api/auth/refresh', { method: 'POST', json: { refreshToken } });
    const first = (await (await refresh(session.refreshToken)).json()) as { refreshToken: string; accessToken: string; expiresIn: number };
    user.clock.advance(REFRESH_GRACE_MS - 1_000);
    const retry = await refresh(session.refreshToken);
    assert.equal(retry.status, 200);
    const retried = (await retry.json()) as { refreshToken: string; accessToken: string; expiresIn: number };
    assert.deepEqual([retried.refreshToken, retried.accessToken], [first.refreshToken, first.accessToken]);
    assert.equal(retried.expiresIn, first.expiresIn - (REFRESH_GRACE_MS - 1_000) / 1000);
    const sealed = await user.db.query<{ n: string }>('select count(*) as n from refresh_tokens where successor_sealed is not null and user_id = $1', [
      session.user.id,
    ]);
    assert.equal(Number(sealed.rows[0]!.n), 1, 'the new pair is kept only sealed, for the retry');
    const stored = await user.db.query<{ sealed: Buffer }>(
      'select successor_sealed as sealed from refresh_tokens where user_id = $1 and successor_sealed is not null',
      [session.user.id],
    );
    assert.ok(!stored.rows[0]!.sealed.toString('latin1').includes(first.refreshToken), 'never in clear text');

    const next = await refresh(first.refreshToken);
    assert.equal(next.status, 200);
    const afterUse = await refresh(session.refreshToken);
    assert.equal(afterUse.status, 401);
    assert.equal(((await afterUse.json()) as { code: string }).code, 'REFRESH_TOKEN_REUSED');
    const newest = (await next.json()) as { refreshToken: string };
    assert.equal((await refresh(newest.refreshToken)).status, 401, 'the whole session is signed out');
    user.clock.advance(-(REFRESH_GRACE_MS - 1_000));
  });

  test('when a refresh token is older than its lifetime, then it is refused', async () => {
    const session = await signIn(newPerson('expired'));
    user.clock.advance(31 * 86_400_000);
    try {
      const response = await user.request('/api/auth/refresh', { method: 'POST', json: { refreshToken: session.refreshToken } });
      assert.equal(response.status, 401);
      assert.equal(((await response.json()) as { code: string }).code, 'INVALID_REFRESH_TOKEN');
    } finally {
      user.clock.advance(-31 * 86_400_000);
    }
  });
});

describe('two devices editing the profile', () => {
  const me = (userId: string, headers: Record<string, string> = {}) => user.request('/api/users/me', { userId, headers });
  const edit = (userId: string, body: unknown, headers: Record<string, string> = {}) =>
    user.request('/api/users/me', { method: 'PUT', userId, json: body, headers });

  test('when the app holds the current copy, then a read with If-None-Match is a 304 without a body; after a change it is a 200 with a new ETag', async () => {
    const { user: account } = await signIn(newPerson('etag'));
    const first = await me(account.id);
    const tag = first.headers.get('etag');
    assert.ok(tag, 'the read carries an ETag');
    const same = await me(account.id, { 'if-none-match': tag });
    assert.equal(same.status, 304);
    assert.equal(await same.text(), '');
    const changed = await edit(account.id, profile);
    assert.equal(changed.status, 200);
    const after = await me(account.id, { 'if-none-match': tag });
    assert.equal(after.status, 200);
    assert.notEqual(after.headers.get('etag'), tag);
    assert.equal(after.headers.get('etag'), changed.headers.get('etag'), 'the write answers the tag a read will give');
  });

  test('when a device writes with a stale If-Match, then 412 and the profile is what the other device wrote', async () => {
    const { user: account } = await signIn(newPerson('if-match'));
    assert.equal((await edit(account.id, profile)).status, 200);
    const read = await me(account.id);
    const tag = read.headers.get('etag')!;
    const phone = await edit(account.id, { ...profile, occupation: 'STUDENT' }, { 'if-match': tag });
    assert.equal(phone.status, 200);
    const tablet = await edit(account.id, { ...profile, name: '김민수' }, { 'if-match': tag });
    assert.equal(tablet.status, 412);
    assert.match(tablet.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.equal(((await tablet.json()) as { code: string }).code, 'PRECONDITION_FAILED');
    const now = (await (await me(account.id)).json()) as { name: string; occupation: string };
    assert.deepEqual([now.name, now.occupation], ['김민지', 'STUDENT']);
  });

  test('when two devices write at once on the same copy, then exactly one wins and the other gets 412', async () => {
    const { user: account } = await signIn(newPerson('race'));
    assert.equal((await edit(account.id, profile)).status, 200);
    const tag = (await me(account.id)).headers.get('etag')!;
    const answers = await Promise.all(
      ['STUDENT', 'HOMEMAKER', 'SELF_EMPLOYED', 'OFFICE_WORKER'].map((occupation) =>
        edit(account.id, { ...profile, occupation, name: `이름${occupation.length}` }, { 'if-match': tag }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    assert.deepEqual(statuses, [200, 412, 412, 412]);
  });
});

describe('deletion', () => {
  test('when the revocation store fails half-way through a deletion, then 503, the account stays and the asking session still works; the retry deletes', async () => {
    const email = newPerson('delete-outage');
    const sessions = [await signIn(email), await signIn(email), await signIn(email)];
    const userId = sessions[0]!.user.id;
    const asking = sessionIdOf(sessions[2]!.accessToken);
    const headers = { 'x-healthsync-session-id': asking };
    const written: string[] = [];
    // The store takes one write, then is down.
    user.dapr.refuseStateWrite = (store, key) => {
      if (store !== 'revocations') return false;
      written.push(key);
      return written.length > 1;
    };
    try {
      const refused = await user.request('/api/users/me', { method: 'DELETE', userId, headers });
      assert.equal(refused.status, 503);
      assert.equal(((await refused.json()) as { code: string }).code, 'REVOCATION_UNAVAILABLE');
    } finally {
      user.dapr.refuseStateWrite = undefined;
    }
    assert.equal(written.length, 2, 'one write at a time: the store was not asked again after it refused');
    assert.ok(!written.includes(`session:${asking}`), 'the asking session is revoked last, so it was not reached');
    assert.equal(user.dapr.stateOf('revocations', `session:${asking}`), undefined);
    assert.equal((await user.request('/api/users/me', { userId })).status, 200, 'the account is intact');
    assert.equal((await user.request('/api/users/me', { method: 'DELETE', userId, headers })).status, 204);
    for (const session of sessions) assert.ok(user.dapr.stateOf('revocations', `session:${sessionIdOf(session.accessToken)}`), 'every session is revoked');
  });

  test('when the account is deleted, then it is gone, user-deleted is published and the same Google identity starts afresh', async () => {
    const email = newPerson('delete');
    const session = await signIn(email);
    const userId = session.user.id;
    assert.equal((await user.request('/api/users/me', { method: 'PUT', userId, json: profile })).status, 200);
    assert.equal((await user.request('/api/users/me', { method: 'DELETE', userId })).status, 204);
    assert.equal((await user.request('/api/users/me', { userId })).status, 404);
    await eventually(() => user.dapr.publishedTo('user-deleted').find((e) => (e as { userId: string }).userId === userId));
    const stored = await user.db.query<{ email: string | null; name: string | null; status: string }>('select email, name, status from users where id = $1', [
      userId,
    ]);
    assert.deepEqual(stored.rows[0], { email: null, name: null, status: 'DELETED' });
    const fresh = await signIn(email);
    assert.notEqual(fresh.user.id, userId);
    assert.equal(fresh.user.onboardingRequired, true);
  });

  test('when the account is deleted while its profile events still wait for the broker, then they are dropped with it: nothing of the profile is kept or published afterwards', async () => {
    const session = await signIn(newPerson('erase'));
    const userId = session.user.id;
    user.dapr.publishing = false;
    try {
      assert.equal((await user.request('/api/users/me', { method: 'PUT', userId, json: { ...profile, name: '삭제될이름' } })).status, 200);
      const waiting = await user.db.query<{ payload: string }>('select payload::text from outbox where aggregate_id = $1', [userId]);
      assert.match(waiting.rows[0]!.payload, /삭제될이름/, 'the profile event waits in the outbox with the name');
      assert.equal((await user.request('/api/users/me', { method: 'DELETE', userId })).status, 204);
    } finally {
      user.dapr.publishing = true;
    }
    await eventually(() => user.dapr.publishedTo('user-deleted').find((e) => (e as { userId: string }).userId === userId));
    assert.equal(user.dapr.publishedTo('user-registered').filter((e) => (e as { userId: string }).userId === userId).length, 0, 'never published');
    const rows = await user.db.query<{ topic: string; payload: string }>('select topic, payload::text from outbox where aggregate_id = $1', [userId]);
    assert.deepEqual(
      rows.rows.map((r) => r.topic),
      ['user-deleted'],
    );
    assert.doesNotMatch(rows.rows[0]!.payload, /삭제될이름|1988/);
    const tokens = await user.db.query('select 1 from refresh_tokens where user_id = $1', [userId]);
    assert.equal(tokens.rowCount, 0, 'the refresh tokens went with the account');
    const refresh = await user.request('/api/auth/refresh', { method: 'POST', json: { refreshToken: session.refreshToken } });
    assert.equal(refresh.status, 401);
  });
});

function sessionIdOf(accessToken: string): string {
  const payload = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
  return String(payload.sid ?? payload.sessionId ?? payload.jti);
}

describe('consents (PIPA)', () => {
  interface ConsentView {
    purpose: string;
    granted: boolean;
    version: string | null;
    decidedAt: string | null;
    channel: string | null;
    notice: { version: string };
  }
  interface History {
    items: { purpose: string; action: string; version: string; channel: string; recordedAt: string }[];
    nextCursor: string | null;
  }
  const read = async <T>(response: Response, status = 200): Promise<T> => {
    const text = await response.text();
    assert.equal(response.status, status, text);
    return JSON.parse(text) as T;
  };
  const decide = (userId: string, body: unknown) => user.request('/api/users/me/consents', { method: 'POST', userId, json: body });
  const internal = async (userId: string) =>
    read<{ userId: string; consents: { purpose: string; granted: boolean }[] }>(await user.request(`/internal/users/${userId}/consents`));

  test('when a new user signs in, then no consent is given: both are listed with the notice to show', async () => {
    const { user: account } = await signIn(newPerson('consent-none'));
    const { consents } = await read<{ consents: ConsentView[] }>(await user.request('/api/users/me/consents', { userId: account.id }));
    assert.deepEqual(
      consents.map((c) => [c.purpose, c.granted, c.version, c.decidedAt, c.channel]),
      [
        ['HEALTH_DATA', false, null, null, null],
        ['AI_OVERSEAS_TRANSFER', false, null, null, null],
      ],
    );
    assert.ok(consents.every((c) => /^\d{4}-\d{2}-\d{2}$/.test(c.notice.version)));
  });

  test('when a user grants, withdraws and grants again, then each decision is recorded with version, time and channel, and the state in force follows', async () => {
    const { user: account } = await signIn(newPerson('consent-cycle'));
    const userId = account.id;
    const { consents } = await read<{ consents: ConsentView[] }>(await user.request('/api/users/me/consents', { userId }));
    const version = consents.find((c) => c.purpose === 'AI_OVERSEAS_TRANSFER')!.notice.version;

    const granted = await read<{ recorded: boolean; consents: ConsentView[] }>(
      await decide(userId, { purpose: 'AI_OVERSEAS_TRANSFER', action: 'GRANT', version, channel: 'WEB' }),
    );
    assert.equal(granted.recorded, true);
    const inForce = granted.consents.find((c) => c.purpose === 'AI_OVERSEAS_TRANSFER')!;
    assert.deepEqual([inForce.granted, inForce.version, inForce.channel, inForce.decidedAt], [true, version, 'WEB', user.clock.now().toISOString()]);
    assert.equal(granted.consents.find((c) => c.purpose === 'HEALTH_DATA')!.granted, false, 'one consent never stands for the other');
    assert.deepEqual(
      (await internal(userId)).consents.map((c) => c.granted),
      [false, true],
    );

    // The same decision again (a retry): nothing new.
    assert.equal(
      (await read<{ recorded: boolean }>(await decide(userId, { purpose: 'AI_OVERSEAS_TRANSFER', action: 'GRANT', version, channel: 'WEB' }))).recorded,
      false,
    );

    user.clock.advance(60_000);
    const withdrawn = await read<{ recorded: boolean; consents: ConsentView[] }>(
      await decide(userId, { purpose: 'AI_OVERSEAS_TRANSFER', action: 'WITHDRAW', channel: 'APP' }),
    );
    assert.equal(withdrawn.recorded, true);
    assert.deepEqual(
      (await internal(userId)).consents.map((c) => c.granted),
      [false, false],
      'health and intelligence see the withdrawal at once',
    );
    user.clock.advance(60_000);
    await read(await decide(userId, { purpose: 'AI_OVERSEAS_TRANSFER', action: 'GRANT', version, channel: 'APP' }));

    const history = await read<History>(await user.request('/api/users/me/consents/history', { userId }));
    assert.deepEqual(
      history.items.map((i) => [i.purpose, i.action, i.version, i.channel]),
      [
        ['AI_OVERSEAS_TRANSFER', 'GRANT', version, 'APP'],
        ['AI_OVERSEAS_TRANSFER', 'WITHDRAW', version, 'APP'],
        ['AI_OVERSEAS_TRANSFER', 'GRANT', version, 'WEB'],
      ],
    );
    // A page at a time, with the cursor it gave.
    const first = await read<History>(await user.request('/api/users/me/consents/history?limit=2', { userId }));
    const rest = await read<History>(await user.request(`/api/users/me/consents/history?limit=2&cursor=${first.nextCursor}`, { userId }));
    assert.deepEqual([first.items.length, rest.items.length, rest.nextCursor], [2, 1, null]);
    assert.deepEqual([...first.items, ...rest.items], history.items);
  });

  test('when HEALTH_DATA is withdrawn, then the answer says what is destroyed and consent-withdrawn is published once with the decision; a repeat publishes nothing', async () => {
    const { user: account } = await signIn(newPerson('consent-destroy'));
    const userId = account.id;
    const { consents } = await read<{ consents: (ConsentView & { withdrawal: { deletes: string[] } })[] }>(
      await user.request('/api/users/me/consents', { userId }),
    );
    const health = consents.find((c) => c.purpose === 'HEALTH_DATA')!;
    assert.deepEqual(
      health.withdrawal.deletes,
      ['CHECKUPS', 'CHECKUP_DOCUMENTS', 'NHIS_LINKS', 'DATA_EXPORTS', 'AI_READINGS', 'AI_RECOMMENDATIONS'],
      'shown before the user confirms',
    );
    const granted = await read<{ withdrawal: unknown }>(
      await decide(userId, { purpose: 'HEALTH_DATA', action: 'GRANT', version: health.notice.version, channel: 'APP' }),
    );
    assert.equal(granted.withdrawal, null);
    user.clock.advance(60_000);
    const withdrawn = await read<{ recorded: boolean; withdrawal: { deletes: string[]; summaryKo: string } }>(
      await decide(userId, { purpose: 'HEALTH_DATA', action: 'WITHDRAW', channel: 'APP' }),
    );
    assert.equal(withdrawn.recorded, true);
    assert.ok(withdrawn.withdrawal.deletes.includes('CHECKUPS'));
    assert.match(withdrawn.withdrawal.summaryKo, /파기/);
    const event = await eventually(() => user.dapr.publishedTo('consent-withdrawn').find((e) => (e as { userId: string }).userId === userId));
    assert.deepEqual(
      { ...(event as object), eventId: undefined },
      {
        eventId: undefined,
        type: 'ConsentWithdrawn',
        userId,
        occurredAt: user.clock.now().toISOString(),
        purpose: 'HEALTH_DATA',
      },
    );
    const again = await read<{ recorded: boolean }>(await decide(userId, { purpose: 'HEALTH_DATA', action: 'WITHDRAW', channel: 'APP' }));
    assert.equal(again.recorded, false);
    const { rows } = await user.db.query<{ n: number }>(`select count(*)::int as n from outbox where topic = 'consent-withdrawn' and aggregate_id = $1`, [
      userId,
    ]);
    assert.equal(rows[0]!.n, 1, 'one event for one withdrawal');
  });

  test('when a user changes their mind many times, then the last decision is in force and the history pages in order (ids compared as numbers)', async () => {
    const { user: account } = await signIn(newPerson('consent-many'));
    const userId = account.id;
    const { consents } = await read<{ consents: ConsentView[] }>(await user.request('/api/users/me/consents', { userId }));
    const version = consents.find((c) => c.purpose === 'HEALTH_DATA')!.notice.version;
    for (let i = 0; i < 12; i += 1) {
      user.clock.advance(1000);
      const action = i % 2 === 0 ? 'GRANT' : 'WITHDRAW';
      await read(await decide(userId, { purpose: 'HEALTH_DATA', action, ...(action === 'GRANT' ? { version } : {}), channel: 'APP' }));
      const inForce = (await internal(userId)).consents.find((c) => c.purpose === 'HEALTH_DATA')!;
      assert.equal(inForce.granted, action === 'GRANT', `after decision ${i + 1}`);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: History = await read<History>(await user.request(`/api/users/me/consents/history?limit=5${cursor ? `&cursor=${cursor}` : ''}`, { userId }));
      seen.push(...page.items.map((i) => i.recordedAt));
      cursor = page.nextCursor;
    } while (cursor);
    assert.equal(seen.length, 12);
    assert.deepEqual(seen, [...seen].sort().reverse(), 'newest first, no gaps or repeats');
  });

  test('when a decision is malformed or grants another notice version, then it is a 400 naming the field and nothing is recorded', async () => {
    const { user: account } = await signIn(newPerson('consent-bad'));
    const userId = account.id;
    const bad = [
      { purpose: 'MARKETING', action: 'GRANT', version: '2026-12-01', channel: 'APP' },
      { purpose: 'HEALTH_DATA', action: 'MAYBE', version: '2026-12-01', channel: 'APP' },
      { purpose: 'HEALTH_DATA', action: 'GRANT', channel: 'APP' },
      { purpose: 'HEALTH_DATA', action: 'GRANT', version: '2020-01-01', channel: 'APP' },
      { purpose: 'HEALTH_DATA', action: 'GRANT', version: 'latest', channel: 'APP' },
      { purpose: 'HEALTH_DATA', action: 'GRANT', version: '2026-12-01', channel: 'FAX' },
      { purpose: 'HEALTH_DATA', action: 'GRANT', version: '2026-12-01' },
      { purpose: 'HEALTH_DATA', action: 'GRANT', version: '2026-12-01', channel: 'APP', userId: randomUUID() },
      [],
      'GRANT',
    ];
    for (const body of bad) {
      const problem = await read<{ code: string; errors: { field: string }[] }>(await decide(userId, body), 400);
      // A bare JSON string is not even an object: the JSON parser refuses it first.
      assert.equal(problem.code, typeof body === 'string' ? 'MALFORMED_JSON' : 'VALIDATION_FAILED', JSON.stringify(body));
    }
    const outdated = await read<{ errors: { field: string; message: string }[] }>(
      await decide(userId, { purpose: 'HEALTH_DATA', action: 'GRANT', version: '2020-01-01', channel: 'APP' }),
      400,
    );
    assert.equal(outdated.errors[0]!.field, 'body.version');
    assert.deepEqual((await read<History>(await user.request('/api/users/me/consents/history', { userId }))).items, []);
    assert.equal((await read<{ code: string }>(await user.request('/api/users/me/consents/history?cursor=nope', { userId }), 400)).code, 'VALIDATION_FAILED');
  });

  test('when the account is deleted, then its consent history is erased and health and intelligence see no consent', async () => {
    const session = await signIn(newPerson('consent-erased'));
    const userId = session.user.id;
    const { consents } = await read<{ consents: ConsentView[] }>(await user.request('/api/users/me/consents', { userId }));
    for (const c of consents) await read(await decide(userId, { purpose: c.purpose, action: 'GRANT', version: c.notice.version, channel: 'APP' }));
    assert.equal((await user.request('/api/users/me', { method: 'DELETE', userId })).status, 204);
    const rows = await user.db.query('select 1 from consent_events where user_id = $1', [userId]);
    assert.equal(rows.rowCount, 0);
    assert.deepEqual(
      (await internal(userId)).consents.map((c) => c.granted),
      [false, false],
    );
    assert.equal((await read<{ code: string }>(await user.request('/api/users/me/consents', { userId }), 404)).code, 'ACCOUNT_NOT_FOUND');
  });

  test('when the batch asks who of many users holds AI_OVERSEAS_TRANSFER, then only those with the grant in force are named (not a withdrawn, deleted or unknown one)', async () => {
    const grant = async (userId: string) => {
      const { consents } = await read<{ consents: ConsentView[] }>(await user.request('/api/users/me/consents', { userId }));
      const version = consents.find((c) => c.purpose === 'AI_OVERSEAS_TRANSFER')!.notice.version;
      await read(await decide(userId, { purpose: 'AI_OVERSEAS_TRANSFER', action: 'GRANT', version, channel: 'APP' }));
    };
    const [holder, withdrawn, healthOnly, deleted] = await Promise.all(
      ['bulk-holder', 'bulk-withdrawn', 'bulk-health', 'bulk-deleted'].map(async (n) => (await signIn(newPerson(n))).user.id),
    );
    await grant(holder!);
    await grant(withdrawn!);
    await read(await decide(withdrawn!, { purpose: 'AI_OVERSEAS_TRANSFER', action: 'WITHDRAW', channel: 'APP' }));
    const { consents } = await read<{ consents: ConsentView[] }>(await user.request('/api/users/me/consents', { userId: healthOnly! }));
    const health = consents.find((c) => c.purpose === 'HEALTH_DATA')!;
    await read(await decide(healthOnly!, { purpose: 'HEALTH_DATA', action: 'GRANT', version: health.notice.version, channel: 'APP' }));
    await grant(deleted!);
    assert.equal((await user.request('/api/users/me', { method: 'DELETE', userId: deleted! })).status, 204);
    const unknown = randomUUID();
    const query = (json: unknown) => user.request('/internal/consents/query', { method: 'POST', json });
    const answer = await read<{ purpose: string; holders: string[] }>(
      await query({ purpose: 'AI_OVERSEAS_TRANSFER', userIds: [unknown, withdrawn, holder, healthOnly, deleted, holder] }),
    );
    assert.deepEqual(answer, { purpose: 'AI_OVERSEAS_TRANSFER', holders: [holder] });
    assert.deepEqual((await read<{ holders: string[] }>(await query({ purpose: 'HEALTH_DATA', userIds: [holder, healthOnly] }))).holders, [healthOnly]);
    // Bad input changes nothing and names the field.
    for (const [json, field] of [
      [{ purpose: 'AI_OVERSEAS_TRANSFER', userIds: [] }, 'body.userIds'],
      [{ purpose: 'AI_OVERSEAS_TRANSFER', userIds: Array.from({ length: 1001 }, () => randomUUID()) }, 'body.userIds'],
      [{ purpose: 'AI_OVERSEAS_TRANSFER', userIds: ['not-a-uuid'] }, 'body.userIds.0'],
      [{ purpose: 'MARKETING', userIds: [holder] }, 'body.purpose'],
    ] as const) {
      const problem = await read<{ code: string; errors: { field: string }[] }>(await query(json), 400);
      assert.equal(problem.code, 'VALIDATION_FAILED');
      assert.ok(
        problem.errors.some((e) => e.field === field),
        `${field} in ${JSON.stringify(problem.errors)}`,
      );
    }
  });
});

describe('retention of inactive accounts (365 days, notice 30 days before: the defaults)', () => {
  const DAY = 86_400_000;
  interface Notice {
    userId: string;
    lastActiveAt: string;
    erasureAt: string;
    inactiveDays: number;
  }

  async function runRetention(component: Component = user): Promise<void> {
    const response = await component.request('/account-retention', { method: 'POST' });
    assert.equal(response.status, 200, await response.clone().text());
  }
  /** Waits until the outbox has relayed everything (so what was published is all there is). */
  async function relayed(): Promise<void> {
    for (let i = 0; i < 200; i += 1) {
      const { rows } = await user.db.query<{ n: number }>('select count(*)::int as n from outbox where published_at is null and parked_at is null');
      if (rows[0]!.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the outbox did not drain');
  }
  const noticesOf = (userId: string, component: Component = user) =>
    component.dapr.publishedTo('inactive-account-notice').filter((e) => (e as Notice).userId === userId) as Notice[];
  const deletionsOf = (userId: string) =>
    user.dapr.publishedTo('user-deleted').filter((e) => (e as { userId: string }).userId === userId) as { reason?: string }[];
  const meStatus = async (userId: string) => (await user.request('/api/users/me', { userId })).status;

  let start: Date;
  before(() => {
    start = user.clock.now();
  });
  afterEach(() => user.clock.set(start));

  test('when an account reaches 335 days without activity, then one notice is published — not a day before, not again, not by a second replica too', async () => {
    const session = await signIn(newPerson('idle'));
    const userId = session.user.id;
    const t0 = user.clock.now();
    user.clock.set(new Date(t0.getTime() + 334 * DAY));
    await runRetention();
    await relayed();
    assert.equal(noticesOf(userId).length, 0, 'a day before: nothing');

    // Two replicas (one database, the same moment) run at once: one of them sends the notice.
    const replica = await startComponent(userService, { env: userEnv(), secrets: { 'jwt-signing-key': signingKey() }, clock: user.clock });
    try {
      user.clock.set(new Date(t0.getTime() + 335 * DAY));
      await Promise.all([runRetention(), runRetention(replica), runRetention()]);
      await relayed();
      const notices = [...noticesOf(userId), ...noticesOf(userId, replica)];
      assert.equal(notices.length, 1, 'exactly one notice');
      assert.deepEqual(notices[0], {
        ...notices[0],
        lastActiveAt: t0.toISOString(),
        erasureAt: new Date(t0.getTime() + 365 * DAY).toISOString(),
        inactiveDays: 365,
      });
    } finally {
      await replica.stop();
    }
    user.clock.set(new Date(t0.getTime() + 335 * DAY + 3_600_000));
    await runRetention();
    await relayed();
    assert.equal(noticesOf(userId).length, 1, 'running again the same day sends nothing more');
    const { rows } = await user.db.query<{ at: Date }>('select retention_notice_at as at from users where id = $1', [userId]);
    assert.equal(rows[0]!.at.toISOString(), new Date(t0.getTime() + 335 * DAY).toISOString(), 'the notice is recorded when it was sent');
  });

  test('when the lead time has passed and the account is still inactive, then it is erased as a deletion is, with the reason RETENTION', async () => {
    const session = await signIn(newPerson('erased-idle'));
    const userId = session.user.id;
    assert.equal((await user.request('/api/users/me', { method: 'PUT', userId, json: profile })).status, 200);
    const t0 = user.clock.now();
    user.clock.set(new Date(t0.getTime() + 335 * DAY));
    await runRetention();
    user.clock.set(new Date(t0.getTime() + 365 * DAY - 60_000));
    await runRetention();
    await relayed();
    assert.equal(await meStatus(userId), 200, 'a minute before the end of the period it is still there');
    assert.equal(deletionsOf(userId).length, 0);

    user.clock.set(new Date(t0.getTime() + 365 * DAY));
    await runRetention();
    await relayed();
    assert.equal(await meStatus(userId), 404, 'erased');
    assert.deepEqual(
      deletionsOf(userId).map((e) => e.reason),
      ['RETENTION'],
    );
    const { rows } = await user.db.query<{ status: string; reason: string; email: string | null; name: string | null }>(
      'select status, deletion_reason as reason, email, name from users where id = $1',
      [userId],
    );
    assert.deepEqual(rows[0], { status: 'DELETED', reason: 'RETENTION', email: null, name: null });
    const tokens = await user.db.query('select 1 from refresh_tokens where user_id = $1', [userId]);
    assert.equal(tokens.rowCount, 0, 'its sessions went with it');
    const refreshed = await user.request('/api/auth/refresh', { method: 'POST', json: { refreshToken: session.refreshToken } });
    assert.equal(refreshed.status, 401);
    await runRetention();
    await relayed();
    assert.equal(deletionsOf(userId).length, 1, 'erased once');
  });

  test('when the user signs in after the notice, then the erasure is cancelled; a new notice comes only after a new period', async () => {
    const email = newPerson('came-back');
    const userId = (await signIn(email)).user.id;
    const t0 = user.clock.now();
    user.clock.set(new Date(t0.getTime() + 335 * DAY));
    await runRetention();
    user.clock.set(new Date(t0.getTime() + 340 * DAY));
    assert.equal((await signIn(email)).user.id, userId, 'the same account');
    user.clock.set(new Date(t0.getTime() + 400 * DAY));
    await runRetention();
    await relayed();
    assert.equal(await meStatus(userId), 200, 'not erased');
    assert.equal(deletionsOf(userId).length, 0);
    assert.equal(noticesOf(userId).length, 1, 'no new notice yet');
    user.clock.set(new Date(t0.getTime() + (340 + 335) * DAY));
    await runRetention();
    await relayed();
    assert.equal(noticesOf(userId).length, 2, 'a new period of inactivity, a new notice');
  });

  test('when a session is refreshed, then that is activity (written at most once an hour), and it moves the notice', async () => {
    const session = await signIn(newPerson('refreshing'));
    const userId = session.user.id;
    const t0 = user.clock.now();
    const lastActive = async () => (await user.db.query<{ at: Date }>('select last_active_at as at from users where id = $1', [userId])).rows[0]!.at.getTime();
    user.clock.set(new Date(t0.getTime() + 10 * 60_000));
    let refreshToken = session.refreshToken;
    const refresh = async () => {
      const response = await user.request('/api/auth/refresh', { method: 'POST', json: { refreshToken } });
      assert.equal(response.status, 200);
      refreshToken = ((await response.json()) as { refreshToken: string }).refreshToken;
    };
    await refresh();
    assert.equal(await lastActive(), t0.getTime(), 'ten minutes after the sign-in: no write');
    user.clock.set(new Date(t0.getTime() + 20 * DAY));
    await refresh();
    assert.equal(await lastActive(), t0.getTime() + 20 * DAY);
    user.clock.set(new Date(t0.getTime() + 354 * DAY));
    await runRetention();
    await relayed();
    assert.equal(noticesOf(userId).length, 0, '334 days after the refresh');
    user.clock.set(new Date(t0.getTime() + 355 * DAY));
    await runRetention();
    await relayed();
    assert.equal(noticesOf(userId).length, 1, '335 days after the refresh');
  });

  test('when a user deletes their own account, then the reason recorded and published is SELF_SERVICE', async () => {
    const userId = (await signIn(newPerson('self-delete'))).user.id;
    assert.equal((await user.request('/api/users/me', { method: 'DELETE', userId })).status, 204);
    await relayed();
    assert.deepEqual(
      deletionsOf(userId).map((e) => e.reason),
      ['SELF_SERVICE'],
    );
    const { rows } = await user.db.query<{ reason: string }>('select deletion_reason as reason from users where id = $1', [userId]);
    assert.equal(rows[0]!.reason, 'SELF_SERVICE');
  });
});

describe('contracts', () => {
  test('when the user service has published (registration, profile edit, deletion), then every event keeps its committed contract, CloudEvent type and id', async () => {
    const types = await expectProducedEventsKeepContracts(user, 'user', { outbox: true });
    assert.ok(types['healthsync.user.user-deleted.v1']! >= 1);
  });
});

describe('the user’s part of “download my data”', () => {
  test('when health asks for it, then the profile, every consent decision and the linked sign-ins come, and nothing of another account', async () => {
    const account = (await signIn(newPerson('export'))).user;
    const other = (await signIn(newPerson('export-other'))).user;
    const decide = (userId: string, action: 'GRANT' | 'WITHDRAW') =>
      user.request('/api/users/me/consents', { method: 'POST', userId, json: { purpose: 'HEALTH_DATA', action, version: '2026-12-01', channel: 'APP' } });
    assert.equal((await decide(account.id, 'GRANT')).status, 200);
    assert.equal((await decide(account.id, 'WITHDRAW')).status, 200);
    assert.equal((await decide(other.id, 'GRANT')).status, 200);
    const response = await user.request(`/internal/users/${account.id}/export`);
    assert.equal(response.status, 200, await response.clone().text());
    const part = (await response.json()) as {
      userId: string;
      areas: { profile: { id: string; email: string }; 'consent-history': { action: string }[]; identities: { issuer: string }[] };
    };
    assert.equal(part.userId, account.id);
    assert.equal(part.areas.profile.email, account.email);
    assert.deepEqual(
      part.areas['consent-history'].map((c) => c.action),
      ['GRANT', 'WITHDRAW'],
    );
    assert.deepEqual(
      part.areas.identities.map((i) => i.issuer),
      [google.issuer],
    );
    assert.ok(!JSON.stringify(part).includes(other.id));
    assert.equal((await user.request(`/internal/users/${randomUUID()}/export`)).status, 404);
  });
});
