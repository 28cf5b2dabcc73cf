import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startGoogleOidcStandin, type RunningProvider } from '../src/index.js';
import { createMemoryLogger } from '../src/logger.js';

let dir: string;
let standin: RunningProvider;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'google-oidc-'));
  standin = await startGoogleOidcStandin({
    port: 0,
    clientId: 'healthsync-mobile',
    redirectUris: ['com.healthsync.app:/oauth2redirect'],
    keysFile: join(dir, 'keys.json'),
    autoLogin: true,
    logger: createMemoryLogger(),
  });
});

after(async () => {
  await standin.stop();
  await rm(dir, { recursive: true, force: true });
});

test('when the discovery document is read, then it names this issuer, its endpoints, code flow and S256 only', async () => {
  const response = await fetch(`${standin.issuer}/.well-known/openid-configuration`);
  assert.equal(response.status, 200);
  const doc = (await response.json()) as Record<string, unknown>;
  const { issuer } = standin;

  assert.match(issuer, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(doc.issuer, issuer);
  assert.equal(doc.authorization_endpoint, `${issuer}/auth`);
  assert.equal(doc.token_endpoint, `${issuer}/token`);
  assert.equal(doc.userinfo_endpoint, `${issuer}/me`);
  assert.equal(doc.jwks_uri, `${issuer}/jwks`);
  assert.deepEqual(doc.code_challenge_methods_supported, ['S256']);
  assert.deepEqual(doc.response_types_supported, ['code']);
  assert.deepEqual(doc.grant_types_supported, ['authorization_code']);
  assert.deepEqual(doc.scopes_supported, ['openid', 'email', 'profile']);
  assert.deepEqual(doc.id_token_signing_alg_values_supported, ['RS256']);
  assert.equal(doc.end_session_endpoint, undefined);
});

test('when the JWKS is read, then it holds one public RS256 signing key with a kid', async () => {
  const { keys } = (await (await fetch(`${standin.issuer}/jwks`)).json()) as { keys: Record<string, unknown>[] };
  assert.equal(keys.length, 1);
  const [key] = keys;
  assert.equal(key?.kty, 'RSA');
  assert.equal(key?.alg, 'RS256');
  assert.equal(key?.use, 'sig');
  assert.equal(typeof key?.kid, 'string');
  assert.equal(key?.d, undefined, 'private part must never be published');
});
