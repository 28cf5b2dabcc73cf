import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { loginWithCode, obtainIdToken, startGoogleOidcStandin, testUsers, type RunningProvider } from '../src/index.js';
import { createMemoryLogger } from '../src/logger.js';

const CLIENT_ID = 'healthsync-mobile';
const APP_REDIRECT = 'com.healthsync.app:/oauth2redirect';
const LOOPBACK_REDIRECT = 'http://127.0.0.1:54001/callback';

let dir: string;
let standin: RunningProvider;
let config: client.Configuration;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'google-oidc-'));
  standin = await startGoogleOidcStandin({
    port: 0,
    clientId: CLIENT_ID,
    redirectUris: [APP_REDIRECT, LOOPBACK_REDIRECT],
    keysFile: join(dir, 'keys.json'),
    autoLogin: true,
    logger: createMemoryLogger(),
  });
  config = await client.discovery(new URL(standin.issuer), CLIENT_ID, undefined, client.None(), {
    execute: [client.allowInsecureRequests],
  });
});

after(async () => {
  await standin.stop();
  await rm(dir, { recursive: true, force: true });
});

test('when a test user signs in with code + PKCE, then openid-client accepts a Google-shaped ID token', async () => {
  const login = await loginWithCode({
    issuer: standin.issuer,
    clientId: CLIENT_ID,
    redirectUri: LOOPBACK_REDIRECT,
    loginHint: 'minji.kim@example.com',
    nonce: 'nonce-minji-1',
  });
  assert.equal(login.nonce, 'nonce-minji-1');
  assert.equal(login.redirectUri, LOOPBACK_REDIRECT);

  const tokens = await client.authorizationCodeGrant(config, new URL(login.callbackUrl), {
    pkceCodeVerifier: login.codeVerifier,
    expectedState: login.state,
    expectedNonce: login.nonce,
    idTokenExpected: true,
  });

  const claims = tokens.claims();
  assert.ok(claims !== undefined);
  const { iat, exp, ...stable } = claims;
  assert.deepEqual(stable, {
    iss: standin.issuer,
    aud: CLIENT_ID,
    sub: '110000000000000000001',
    email: 'minji.kim@example.com',
    email_verified: true,
    name: '김민지',
    given_name: '민지',
    family_name: '김',
    picture: `${standin.issuer}/avatars/110000000000000000001.svg`,
    nonce: 'nonce-minji-1',
  });
  assert.equal(exp - iat, 3600);

  const header = decodeProtectedHeader(tokens.id_token ?? '');
  assert.equal(header.alg, 'RS256');
  assert.equal(typeof header.kid, 'string');
  // openid-client trusts the token endpoint's TLS for the signature; check it against the JWKS as the backend will.
  const jwks = createRemoteJWKSet(new URL(`${standin.issuer}/jwks`));
  await jwtVerify(tokens.id_token ?? '', jwks, { issuer: standin.issuer, audience: CLIENT_ID });
});

test("when the app's own scheme is the redirect URI, then the code still redeems for an ID token", async () => {
  const login = await loginWithCode({
    issuer: standin.issuer,
    clientId: CLIENT_ID,
    redirectUri: APP_REDIRECT,
    loginHint: 'junho.lee@example.com',
  });
  assert.ok(login.callbackUrl.startsWith(`${APP_REDIRECT}?`));
  assert.ok(login.nonce.length >= 32, 'a random nonce is made when none is given');

  const tokens = await client.authorizationCodeGrant(config, new URL(login.callbackUrl), {
    pkceCodeVerifier: login.codeVerifier,
    expectedState: login.state,
    expectedNonce: login.nonce,
  });
  assert.equal(tokens.claims()?.sub, '110000000000000000002');
  assert.equal(tokens.claims()?.name, '이준호');
});

test('when obtainIdToken is used, then it returns a signed ID token for the chosen user', async () => {
  const idToken = await obtainIdToken({
    issuer: standin.issuer,
    clientId: CLIENT_ID,
    redirectUri: APP_REDIRECT,
    loginHint: 'seoyeon.park@example.com',
    nonce: 'nonce-seoyeon',
  });
  const jwks = createRemoteJWKSet(new URL(`${standin.issuer}/jwks`));
  const { payload } = await jwtVerify(idToken, jwks, { issuer: standin.issuer, audience: CLIENT_ID });
  assert.equal(payload.sub, '110000000000000000003');
  assert.equal(payload.email, 'seoyeon.park@example.com');
  assert.equal(payload.nonce, 'nonce-seoyeon');
});

test('when the user with an unverified email signs in, then the ID token says email_verified false', async () => {
  const unverified = testUsers.find((user) => !user.emailVerified);
  assert.ok(unverified !== undefined);
  const idToken = await obtainIdToken({
    issuer: standin.issuer,
    clientId: CLIENT_ID,
    redirectUri: APP_REDIRECT,
    loginHint: unverified.email,
  });
  const jwks = createRemoteJWKSet(new URL(`${standin.issuer}/jwks`));
  const { payload } = await jwtVerify(idToken, jwks, { issuer: standin.issuer, audience: CLIENT_ID });
  assert.equal(payload.sub, '110000000000000000004');
  assert.equal(payload.email, 'yujin.choi@example.com');
  assert.equal(payload.email_verified, false);
});

test('when the picture URL is fetched, then it serves an SVG avatar', async () => {
  const response = await fetch(`${standin.issuer}/avatars/110000000000000000001.svg`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'image/svg+xml');
  assert.match(await response.text(), /<svg[^>]*>.*민<\/text><\/svg>$/);
});
