import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as client from 'openid-client';
import { loginWithCode, startGoogleOidcStandin, type RunningProvider } from '../src/index.js';
import { createMemoryLogger } from '../src/logger.js';

// Google registers a browser's sign-in as a "Web application" client: a confidential client whose
// codes are redeemed only with its client secret, PKCE or not. The stand-in does the same, so a
// backend that redeems a web client's code without the secret fails here as it would at Google.
const APP_CLIENT = 'healthsync-mobile';
const WEB_CLIENT = 'healthsync-web';
const WEB_SECRET = 'web-client-secret-for-tests-0123456789';
const WEB_REDIRECT = 'http://127.0.0.1:53100/auth/callback';

let dir: string;
let standin: RunningProvider;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'google-oidc-web-'));
  standin = await startGoogleOidcStandin({
    port: 0,
    clientId: APP_CLIENT,
    redirectUris: ['com.healthsync.app:/oauth2redirect'],
    webClient: { clientId: WEB_CLIENT, clientSecret: WEB_SECRET, redirectUris: [WEB_REDIRECT] },
    keysFile: join(dir, 'keys.json'),
    autoLogin: true,
    logger: createMemoryLogger(),
  });
});

after(async () => {
  await standin.stop();
  await rm(dir, { recursive: true, force: true });
});

const discover = (auth: client.ClientAuth) =>
  client.discovery(new URL(standin.issuer), WEB_CLIENT, undefined, auth, { execute: [client.allowInsecureRequests] });

async function redeem(auth: client.ClientAuth) {
  const login = await loginWithCode({ issuer: standin.issuer, clientId: WEB_CLIENT, redirectUri: WEB_REDIRECT, loginHint: 'minji.kim@example.com' });
  return client.authorizationCodeGrant(await discover(auth), new URL(login.callbackUrl), {
    pkceCodeVerifier: login.codeVerifier,
    expectedState: login.state,
    expectedNonce: login.nonce,
    idTokenExpected: true,
  });
}

test('when discovery is read, then it lists the secret-based methods Google lists, and none for public clients', async () => {
  const metadata = (await discover(client.None())).serverMetadata();
  assert.deepEqual([...(metadata.token_endpoint_auth_methods_supported ?? [])].sort(), ['client_secret_basic', 'client_secret_post', 'none']);
});

test('when the web client redeems its code with its secret, then the ID token is for the web client', async () => {
  const tokens = await redeem(client.ClientSecretPost(WEB_SECRET));
  assert.equal(tokens.claims()?.aud, WEB_CLIENT);
  assert.equal(tokens.claims()?.email, 'minji.kim@example.com');
});

test('when the web client redeems its code with PKCE but no secret, or a wrong one, then the token endpoint refuses it as Google does', async () => {
  for (const auth of [client.None(), client.ClientSecretPost('not-the-web-client-secret')]) {
    await assert.rejects(redeem(auth), (error: unknown) => {
      assert.ok(error instanceof client.ResponseBodyError, String(error));
      assert.equal(error.error, 'invalid_client');
      return true;
    });
  }
});

test("when the app's client asks for the web client's redirect URI, then the authorization request is refused", async () => {
  await assert.rejects(
    loginWithCode({ issuer: standin.issuer, clientId: APP_CLIENT, redirectUri: WEB_REDIRECT, loginHint: 'minji.kim@example.com' }),
    /redirect_uri|400/,
  );
});
