import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as client from 'openid-client';
import { loginWithCode, startGoogleOidcStandin, type RunningProvider } from '../src/index.js';
import { createMemoryLogger } from '../src/logger.js';

const CLIENT_ID = 'healthsync-mobile';
const REDIRECT = 'com.healthsync.app:/oauth2redirect';

let dir: string;
let standin: RunningProvider;
let config: client.Configuration;
const logger = createMemoryLogger();

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'google-oidc-'));
  standin = await startGoogleOidcStandin({
    port: 0,
    clientId: CLIENT_ID,
    redirectUris: [REDIRECT],
    keysFile: join(dir, 'keys.json'),
    autoLogin: true,
    logger,
  });
  config = await client.discovery(new URL(standin.issuer), CLIENT_ID, undefined, client.None(), {
    execute: [client.allowInsecureRequests],
  });
});

after(async () => {
  await standin.stop();
  await rm(dir, { recursive: true, force: true });
});

const signIn = () => loginWithCode({ issuer: standin.issuer, clientId: CLIENT_ID, redirectUri: REDIRECT, loginHint: 'minji.kim@example.com' });

test('when the code is redeemed with another code verifier, then the token endpoint answers invalid_grant', async () => {
  const login = await signIn();
  const wrongVerifier = client.randomPKCECodeVerifier();

  await assert.rejects(
    client.authorizationCodeGrant(config, new URL(login.callbackUrl), {
      pkceCodeVerifier: wrongVerifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
    }),
    (error: unknown) => {
      assert.ok(error instanceof client.ResponseBodyError);
      assert.equal(error.error, 'invalid_grant');
      assert.equal(error.status, 400);
      return true;
    },
  );
  const rejection = logger.lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.event === 'grant.error');
  assert.deepEqual(rejection && { level: rejection.level, error: rejection.error, detail: rejection.detail }, {
    level: 'warn',
    error: 'invalid_grant',
    detail: 'code_verifier does not match code_challenge',
  });
});

test('when the code is redeemed without a code verifier, then the token endpoint refuses it', async () => {
  const login = await signIn();
  const response = await fetch(`${standin.issuer}/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code: login.code, redirect_uri: REDIRECT, client_id: CLIENT_ID }),
  });
  assert.equal(response.status, 400);
  assert.deepEqual(await response.json(), {
    error: 'invalid_grant',
    error_description: 'grant request is invalid',
  });
});

test('when the authorization request has no PKCE challenge, then it is refused', async () => {
  const url = new URL(`${standin.issuer}/auth`);
  url.search = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'openid email profile',
    state: 'state-1',
  }).toString();
  const response = await fetch(url, { redirect: 'manual' });
  assert.equal(response.status, 303);
  const location = new URL(response.headers.get('location') ?? '');
  assert.equal(location.searchParams.get('error'), 'invalid_request');
  assert.equal(location.searchParams.get('error_description'), 'Authorization Server policy requires PKCE to be used for this request');
});

test('when login_hint names no test user, then sign-in fails with access_denied naming the email', async () => {
  await assert.rejects(
    loginWithCode({ issuer: standin.issuer, clientId: CLIENT_ID, redirectUri: REDIRECT, loginHint: 'nobody@example.com' }),
    /sign-in refused: access_denied: login_hint "nobody@example\.com" is not a test user; known: minji\.kim@example\.com/,
  );
});

test('when the redirect URI is not registered, then the provider refuses without redirecting', async () => {
  await assert.rejects(
    loginWithCode({
      issuer: standin.issuer,
      clientId: CLIENT_ID,
      redirectUri: 'https://evil.example.com/callback',
      loginHint: 'minji.kim@example.com',
    }),
    /answered 400: .*redirect_uri/s,
  );
});
