import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import jwt from 'jsonwebtoken';
import { probeEvents, startProbe } from '../support/probe.js';
import { eventually, isProblem, secrets } from '../support/system.js';
import { activeUser, api, newIdentity, people, signInWithCode, signInWithIdToken, validProfile, type SignedIn } from '../support/users.js';

/** People of this file's own (the fixed accounts stay untouched); `people.unverified` is the stand-in's account with an unverified email. */
const person = { minji: newIdentity('minji'), junho: newIdentity('junho'), seoyeon: newIdentity('seoyeon') };

async function codeOf(response: Response): Promise<string> {
  assert.ok(isProblem(response), `expected problem+json, got ${response.headers.get('content-type')}`);
  return ((await response.json()) as { code: string }).code;
}

async function kid(): Promise<string> {
  const jwks = (await (await api('/api/auth/jwks')).json()) as { keys: { kid: string }[] };
  return jwks.keys[0]!.kid;
}

/** An access token signed with our real key but with chosen claims. */
async function forge(claims: Record<string, unknown>, options: jwt.SignOptions = {}): Promise<string> {
  return jwt.sign(claims, secrets['jwt-signing-key']!, { algorithm: 'ES256', keyid: await kid(), ...options });
}

describe('signing in with Google', () => {
  let probe: Awaited<ReturnType<typeof startProbe>>;
  before(async () => {
    probe = await startProbe();
  });
  after(async () => {
    await probe?.stop();
  });

  test('when a new user signs in with a Google ID token, then they get tokens and must complete onboarding', async () => {
    const session = await signInWithIdToken(person.seoyeon);
    assert.match(session.accessToken, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.ok(session.refreshToken.length >= 40);
    assert.equal(session.expiresIn, 900);
    const me = await api('/api/users/me', { token: session.accessToken });
    assert.equal(me.status, 200);
    const account = (await me.json()) as { id: string; email: string; onboardingRequired: boolean; status: string };
    assert.equal(account.id, session.user.id);
    assert.equal(account.email, person.seoyeon);
    assert.equal(account.status, session.user.onboardingRequired ? 'PENDING' : 'ACTIVE');
  });

  test('when the app sends the authorization code with its PKCE verifier, then the user is signed in', async () => {
    const response = await signInWithCode(person.junho);
    assert.equal(response.status, 200);
    const body = (await response.json()) as SignedIn;
    assert.equal(body.user.email, person.junho);
  });

  test('when the same person signs in twice, then it is the same account', async () => {
    const first = await signInWithIdToken(person.junho);
    const second = await signInWithIdToken(person.junho);
    assert.equal(first.user.id, second.user.id);
  });

  test('when the Google account’s email is not verified, then sign-in is refused with 403', async () => {
    const response = await signInWithCode(people.unverified);
    assert.equal(response.status, 403);
    assert.equal(await codeOf(response), 'EMAIL_NOT_VERIFIED');
  });

  test('when the ID token is tampered with, then sign-in is refused with 401', async () => {
    const { obtainIdToken } = await import('@healthsync/standin-google-oidc');
    const idToken = await obtainIdToken({
      issuer: 'http://127.0.0.1:14000',
      clientId: 'healthsync-mobile',
      redirectUri: 'com.healthsync.app:/oauth2redirect',
      loginHint: person.minji,
    });
    const [header, payload, signature] = idToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = [header, Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url'), signature].join('.');
    const response = await api('/api/auth/google', { method: 'POST', json: { idToken: forged } });
    assert.equal(response.status, 401);
    assert.equal(await codeOf(response), 'INVALID_CREDENTIAL');
    const wrongNonce = await api('/api/auth/google', { method: 'POST', json: { idToken, nonce: 'not-the-one-sent' } });
    assert.equal(wrongNonce.status, 401);
  });

  test('when the sign-in body has neither shape, then 400 names the problem', async () => {
    const response = await api('/api/auth/google', { method: 'POST', json: { code: 'x' } });
    assert.equal(response.status, 400);
    assert.equal(await codeOf(response), 'VALIDATION_FAILED');
  });
});

describe('access tokens at the gateway', () => {
  let session: SignedIn;
  before(async () => {
    session = await signInWithIdToken(person.minji);
  });

  test('when a protected route is called without a token, then 401 problem+json with WWW-Authenticate', async () => {
    const response = await api('/api/users/me');
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), 'Bearer');
    assert.equal(await codeOf(response), 'UNAUTHENTICATED');
  });

  test('when the token is expired, tampered, for another audience or issuer, or unsigned, then 401', async () => {
    const sub = session.user.id;
    const base = { sub, sid: '00000000-0000-4000-8000-000000000000' };
    const expired = await forge({ ...base, exp: Math.floor(Date.now() / 1000) - 60 }, { issuer: 'healthsync', audience: 'healthsync-api' });
    const wrongAudience = await forge(base, { issuer: 'healthsync', audience: 'someone-else', expiresIn: 300 });
    const wrongIssuer = await forge(base, { issuer: 'https://evil.example', audience: 'healthsync-api', expiresIn: 300 });
    const [h, p] = session.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: '11111111-1111-4111-8111-111111111111' })).toString('base64url')}.${session.accessToken.split('.')[2]}`;
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
    const hmac = jwt.sign(claims, 'guessable-secret', { algorithm: 'HS256' });
    const cases: [string, string, string][] = [
      ['expired', expired, 'TOKEN_EXPIRED'],
      ['wrong audience', wrongAudience, 'INVALID_TOKEN'],
      ['wrong issuer', wrongIssuer, 'INVALID_TOKEN'],
      ['tampered', tampered, 'INVALID_TOKEN'],
      ['alg none', none, 'INVALID_TOKEN'],
      ['HS256', hmac, 'INVALID_TOKEN'],
    ];
    for (const [name, token, code] of cases) {
      const response = await api('/api/users/me', { token });
      assert.equal(response.status, 401, name);
      assert.equal(await codeOf(response), code, name);
    }
  });

  test('when a client sends its own user-id header, then it is ignored: the id comes only from the token', async () => {
    const other = await signInWithIdToken(person.junho);
    const response = await api('/api/users/me', { token: session.accessToken, headers: { 'x-healthsync-user-id': other.user.id } });
    assert.equal(((await response.json()) as { id: string }).id, session.user.id);
    const withoutToken = await api('/api/users/me', { headers: { 'x-healthsync-user-id': other.user.id } });
    assert.equal(withoutToken.status, 401);
  });
});

describe('sessions', () => {
  test('when a refresh answer is lost, then presenting the same token again at once returns the same new pair, and the session goes on', async () => {
    const session = await signInWithIdToken(person.minji);
    const first = await api('/api/auth/refresh', { method: 'POST', json: { refreshToken: session.refreshToken } });
    assert.equal(first.status, 200);
    const lost = (await first.json()) as SignedIn;
    const retry = await api('/api/auth/refresh', { method: 'POST', json: { refreshToken: session.refreshToken } });
    assert.equal(retry.status, 200);
    const retried = (await retry.json()) as SignedIn;
    assert.equal(retried.refreshToken, lost.refreshToken);
    assert.equal(retried.accessToken, lost.accessToken);
    assert.ok(retried.expiresIn > 0 && retried.expiresIn <= lost.expiresIn);
    assert.equal((await api('/api/users/me', { token: retried.accessToken })).status, 200);
    const next = await api('/api/auth/refresh', { method: 'POST', json: { refreshToken: retried.refreshToken } });
    assert.equal(next.status, 200, 'the session goes on');
  });

  test('when a refresh token is used, then it rotates; presenting the old one again after the new pair was used signs the whole session out', async () => {
    const session = await signInWithIdToken(person.minji);
    const first = await api('/api/auth/refresh', { method: 'POST', json: { refreshToken: session.refreshToken } });
    assert.equal(first.status, 200);
    const between = (await first.json()) as SignedIn;
    assert.notEqual(between.refreshToken, session.refreshToken);
    const second = await api('/api/auth/refresh', { method: 'POST', json: { refreshToken: between.refreshToken } });
    assert.equal(second.status, 200);
    const rotated = (await second.json()) as SignedIn;
    assert.equal((await api('/api/users/me', { token: rotated.accessToken })).status, 200);

    const replay = await api('/api/auth/refresh', { method: 'POST', json: { refreshToken: session.refreshToken } });
    assert.equal(replay.status, 401);
    assert.equal(await codeOf(replay), 'REFRESH_TOKEN_REUSED');
    const afterTheft = await api('/api/auth/refresh', { method: 'POST', json: { refreshToken: rotated.refreshToken } });
    assert.equal(afterTheft.status, 401, 'the newest token of the family is revoked too');
    const access = await api('/api/users/me', { token: rotated.accessToken });
    assert.equal(access.status, 401);
    assert.equal(await codeOf(access), 'SESSION_REVOKED');
  });

  test('when the user logs out, then neither the refresh token nor the access token works, and other sessions do', async () => {
    const session = await signInWithIdToken(person.minji);
    const otherDevice = await signInWithIdToken(person.minji);
    const out = await api('/api/auth/logout', { method: 'POST', token: session.accessToken });
    assert.equal(out.status, 204);
    assert.equal((await api('/api/auth/refresh', { method: 'POST', json: { refreshToken: session.refreshToken } })).status, 401);
    const access = await api('/api/users/me', { token: session.accessToken });
    assert.equal(access.status, 401);
    assert.equal(await codeOf(access), 'SESSION_REVOKED');
    assert.equal((await api('/api/users/me', { token: otherDevice.accessToken })).status, 200);
  });

  test('when an unknown refresh token is presented, then 401', async () => {
    const response = await api('/api/auth/refresh', { method: 'POST', json: { refreshToken: 'not-a-token-we-issued' } });
    assert.equal(response.status, 401);
    assert.equal(await codeOf(response), 'INVALID_REFRESH_TOKEN');
  });
});

describe('the account', () => {
  let probe: Awaited<ReturnType<typeof startProbe>>;
  before(async () => {
    probe = await startProbe();
  });
  after(async () => {
    await probe?.stop();
  });

  test('when onboarding input is invalid, then 400 names each field and nothing changes', async () => {
    const session = await signInWithIdToken(person.seoyeon);
    const before = await (await api('/api/users/me', { token: session.accessToken })).json();
    const response = await api('/api/users/me', {
      method: 'PUT',
      token: session.accessToken,
      json: { name: '', birthDate: '2030-01-01', sex: 'X', occupation: 'ASTRONAUT', role: 'admin' },
    });
    assert.equal(response.status, 400);
    const problem = (await response.json()) as { code: string; errors: { field: string }[] };
    assert.equal(problem.code, 'VALIDATION_FAILED');
    const fields = problem.errors.map((e) => e.field);
    for (const field of ['body.name', 'body.birthDate', 'body.sex', 'body.occupation']) assert.ok(fields.includes(field), field);
    assert.deepEqual(await (await api('/api/users/me', { token: session.accessToken })).json(), before);
  });

  test('when the body is not JSON or too large, then 400 or 413 problem+json and nothing changes', async () => {
    const session = await signInWithIdToken(person.seoyeon);
    const before = await (await api('/api/users/me', { token: session.accessToken })).json();
    const malformed = await api('/api/users/me', {
      method: 'PUT',
      token: session.accessToken,
      headers: { 'content-type': 'application/json' },
      body: '{"name": "김',
    });
    assert.equal(malformed.status, 400);
    assert.equal(await codeOf(malformed), 'MALFORMED_JSON');
    const huge = await api('/api/users/me', { method: 'PUT', token: session.accessToken, json: { name: 'x'.repeat(2_000_000) } });
    assert.equal(huge.status, 413);
    assert.equal(await codeOf(huge), 'PAYLOAD_TOO_LARGE');
    assert.deepEqual(await (await api('/api/users/me', { token: session.accessToken })).json(), before);
  });

  test('when the profile is completed, then the account becomes ACTIVE and UserRegistered carries the profile health checks NHIS links against', async () => {
    const session = await activeUser(people.seoyeon);
    const me = (await (await api('/api/users/me', { token: session.accessToken })).json()) as Record<string, unknown>;
    assert.equal(me.status, 'ACTIVE');
    assert.equal(me.onboardingRequired, false);
    assert.equal(me.birthDate, validProfile.birthDate);
    const registered = await eventually('UserRegistered', async () => (await probeEvents('user-registered')).find((e) => e.data.userId === session.user.id));
    // The name travels only because the health service (the one subscriber of profile events)
    // refuses an NHIS link whose name and birth date are not the account's own.
    assert.deepEqual(registered.data.profile, { name: validProfile.name, birthDate: validProfile.birthDate, sex: 'F', occupation: 'OFFICE_WORKER' });
    assert.equal(JSON.stringify(registered.data).includes(session.user.email ?? '@'), false, 'no email in the event');
    const edit = await api('/api/users/me', { method: 'PUT', token: session.accessToken, json: { ...validProfile, occupation: 'DRIVER' } });
    assert.equal(edit.status, 200);
    await eventually('UserProfileChanged', async () =>
      (await probeEvents('user-profile-changed')).find(
        (e) => e.data.userId === session.user.id && (e.data.profile as { occupation: string }).occupation === 'DRIVER',
      ),
    );
  });

  test('when two users use the API, then each sees and changes only their own account', async () => {
    const a = await activeUser(people.minji, { ...validProfile, name: '김민지' });
    const b = await activeUser(people.junho, { ...validProfile, name: '이준호', sex: 'M' });
    await api('/api/users/me', { method: 'PUT', token: b.accessToken, json: { ...validProfile, name: '바뀐이름', sex: 'M' } });
    const aView = (await (await api('/api/users/me', { token: a.accessToken })).json()) as { id: string; name: string };
    assert.equal(aView.id, a.user.id);
    assert.equal(aView.name, '김민지');
    const bView = (await (await api('/api/users/me', { token: b.accessToken })).json()) as { id: string; name: string };
    assert.equal(bView.name, '바뀐이름');
  });

  test('when a user deletes the account, then it is gone, its sessions end, UserDeleted goes out, and signing in again starts a new account', async () => {
    const session = await activeUser(person.junho, { ...validProfile, sex: 'M' });
    const deleted = await api('/api/users/me', { method: 'DELETE', token: session.accessToken });
    assert.equal(deleted.status, 204);
    assert.equal((await api('/api/users/me', { token: session.accessToken })).status, 401);
    assert.equal((await api('/api/auth/refresh', { method: 'POST', json: { refreshToken: session.refreshToken } })).status, 401);
    const event = await eventually('UserDeleted', async () => (await probeEvents('user-deleted')).find((e) => e.data.userId === session.user.id));
    assert.equal(event.data.type, 'UserDeleted');
    const again = await signInWithIdToken(person.junho);
    assert.notEqual(again.user.id, session.user.id);
    assert.equal(again.user.onboardingRequired, true);
  });
});
