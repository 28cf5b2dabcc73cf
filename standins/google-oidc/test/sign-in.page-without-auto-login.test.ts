import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { decodeJwt } from 'jose';
import { obtainIdToken, startGoogleOidcStandin, type RunningProvider } from '../src/index.js';
import { createMemoryLogger } from '../src/logger.js';

const CLIENT_ID = 'healthsync-mobile';
const REDIRECT = 'http://127.0.0.1:54001/callback';

let dir: string;
let standin: RunningProvider;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'google-oidc-'));
  standin = await startGoogleOidcStandin({
    port: 0,
    clientId: CLIENT_ID,
    redirectUris: [REDIRECT],
    keysFile: join(dir, 'keys.json'),
    autoLogin: false,
    logger: createMemoryLogger(),
  });
});

after(async () => {
  await standin.stop();
  await rm(dir, { recursive: true, force: true });
});

async function startAuthorization(loginHint: string): Promise<{ page: Response; cookie: string; interactionUrl: URL }> {
  const url = new URL(`${standin.issuer}/auth`);
  url.search = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'openid email profile',
    state: 'state-page',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
    login_hint: loginHint,
  }).toString();
  const authorization = await fetch(url, { redirect: 'manual' });
  assert.equal(authorization.status, 303);
  const interactionUrl = new URL(authorization.headers.get('location') ?? '', url);
  const cookie = authorization.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const page = await fetch(interactionUrl, { headers: { cookie }, redirect: 'manual' });
  return { page, cookie, interactionUrl };
}

test('when auto-login is off, then the sign-in page lists every test user', async () => {
  const { page, interactionUrl } = await startAuthorization('junho.lee@example.com');
  assert.match(interactionUrl.pathname, /^\/interaction\/[\w-]+$/);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
  const html = await page.text();
  for (const name of ['김민지', '이준호', '박서연', '최유진']) assert.ok(html.includes(name), name);
  assert.match(html, /value="junho\.lee@example\.com" autofocus/);
  assert.match(html, /yujin\.choi@example\.com&gt;\s*\(email not verified\)/);
  assert.doesNotMatch(html, /other-email/, 'no free address field without test identities');
});

test('when auto-login is off, then the test helper signs in by submitting the page', async () => {
  const idToken = await obtainIdToken({
    issuer: standin.issuer,
    clientId: CLIENT_ID,
    redirectUri: REDIRECT,
    loginHint: 'seoyeon.park@example.com',
  });
  assert.equal(decodeJwt(idToken).sub, '110000000000000000003');
});

test('when the person cancels on the page, then the app gets access_denied', async () => {
  const { page, cookie, interactionUrl } = await startAuthorization('minji.kim@example.com');
  await page.body?.cancel();
  const abort = await fetch(new URL(`${interactionUrl.pathname}/abort`, interactionUrl), {
    method: 'POST',
    headers: { cookie },
    redirect: 'manual',
  });
  assert.equal(abort.status, 303);
  const resume = await fetch(new URL(abort.headers.get('location') ?? '', interactionUrl), {
    headers: { cookie },
    redirect: 'manual',
  });
  const location = new URL(resume.headers.get('location') ?? '');
  assert.equal(`${location.origin}${location.pathname}`, REDIRECT);
  assert.equal(location.searchParams.get('error'), 'access_denied');
  assert.equal(location.searchParams.get('state'), 'state-page');
});

test('when the interaction cookie is missing, then the page answers 400 without a stack trace', async () => {
  const { page, interactionUrl } = await startAuthorization('minji.kim@example.com');
  await page.body?.cancel();
  const response = await fetch(interactionUrl, { redirect: 'manual' });
  assert.equal(response.status, 400);
  assert.equal(await response.text(), 'error: invalid_request\nerror_description: interaction session id cookie not found');
});
