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
let page: RunningProvider;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'google-oidc-'));
  const common = { port: 0, clientId: CLIENT_ID, redirectUris: [REDIRECT], keysFile: join(dir, 'keys.json'), autoLogin: true, logger: createMemoryLogger() };
  open = await startGoogleOidcStandin({ ...common, anyTestIdentity: true });
  closed = await startGoogleOidcStandin(common);
  page = await startGoogleOidcStandin({ ...common, autoLogin: false, anyTestIdentity: true });
});

after(async () => {
  await Promise.all([open.stop(), closed.stop(), page.stop()]);
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

/** The account chooser a browser sees (no login_hint): its HTML. */
async function chooserHtml(standin: RunningProvider): Promise<string> {
  const url = new URL(`${standin.issuer}/auth`);
  url.search = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'openid email profile',
    state: 'state-chooser',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  }).toString();
  const authorization = await fetch(url, { redirect: 'manual' });
  const cookie = authorization.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const chooser = await fetch(new URL(authorization.headers.get('location') ?? '', url), { headers: { cookie } });
  assert.equal(chooser.status, 200);
  return chooser.text();
}

test('when test identities are on and the page is shown, then it offers another account by address, which signs in through the page', async () => {
  const html = await chooserHtml(page);
  assert.match(html, /<input id="other-email" name="email" type="email"/);
  assert.match(html, /다른 계정 사용/);
  // The helper submits the page's form with the address, as the field does.
  const token = decodeJwt(await obtainIdToken({ issuer: page.issuer, clientId: CLIENT_ID, redirectUri: REDIRECT, loginHint: 'web-chooser@healthsync.test' }));
  assert.equal(token.email, 'web-chooser@healthsync.test');
});
