import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { decodeJwt } from 'jose';
import { obtainIdToken, startGoogleOidcStandin, type RunningProvider } from '../src/index.js';
import { createMemoryLogger } from '../src/logger.js';

const CLIENT_ID = 'healthsync-mobile';
const REDIRECT = 'com.healthsync.app:/oauth2redirect';

let dir: string;
let open: RunningProvider;
let closed: RunningProvider;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'google-oidc-'));
  const common = { port: 0, clientId: CLIENT_ID, redirectUris: [REDIRECT], keysFile: join(dir, 'keys.json'), autoLogin: true, logger: createMemoryLogger() };
  open = await startGoogleOidcStandin({ ...common, anyTestIdentity: true });
  closed = await startGoogleOidcStandin(common);
});

after(async () => {
  await Promise.all([open.stop(), closed.stop()]);
  await rm(dir, { recursive: true, force: true });
});

const idTokenOf = async (standin: RunningProvider, loginHint: string) =>
  decodeJwt(await obtainIdToken({ issuer: standin.issuer, clientId: CLIENT_ID, redirectUri: REDIRECT, loginHint }));

test('when test identities are on, then any @healthsync.test address signs in as its own stable account', async () => {
  const first = await idTokenOf(open, 'goal-streak-1a2b@healthsync.test');
  const again = await idTokenOf(open, 'goal-streak-1a2b@healthsync.test');
  const other = await idTokenOf(open, 'goal-streak-9z8y@healthsync.test');
  assert.equal(first.email, 'goal-streak-1a2b@healthsync.test');
  assert.equal(first.email_verified, true);
  assert.match(String(first.sub), /^2\d{20}$/);
  assert.equal(again.sub, first.sub);
  assert.notEqual(other.sub, first.sub);
});

test('when a test identity starts with "unverified", then its email is not verified', async () => {
  assert.equal((await idTokenOf(open, 'unverified-7@healthsync.test')).email_verified, false);
});

test('when test identities are off, or the address is elsewhere, then the sign-in is refused', async () => {
  await assert.rejects(idTokenOf(closed, 'someone@healthsync.test'), /access_denied|not a test user/);
  await assert.rejects(idTokenOf(open, 'someone@example.org'), /access_denied|not a test user/);
  assert.equal((await idTokenOf(open, 'minji.kim@example.com')).sub, '110000000000000000001', 'the fixed accounts still sign in');
});
