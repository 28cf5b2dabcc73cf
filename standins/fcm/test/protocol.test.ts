import assert from 'node:assert/strict';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ConfigError, loadConfig, silentLogger, start, type RunningStandin } from '../src/index.js';

/** The stand-in as a sender meets it: a JWT-bearer token exchange, then messages:send. */
const PROJECT = 'healthsync-test';
const EMAIL = `push@${PROJECT}.iam.gserviceaccount.com`;
const SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
const TOKEN = `dGVzdC1kZXZpY2U:APA91b${'x'.repeat(120)}`;
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
let fcm: RunningStandin;

before(async () => {
  fcm = await start(
    loadConfig({
      FCM_STANDIN_PORT: '0',
      FCM_STANDIN_PROJECT_ID: PROJECT,
      FCM_STANDIN_CLIENT_EMAIL: EMAIL,
      FCM_STANDIN_PUBLIC_KEY: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      FCM_STANDIN_LATENCY_MS: '0',
      FCM_STANDIN_CONTROL: 'true',
    }),
    { logger: silentLogger },
  );
});
after(() => fcm?.stop());

function assertion(claims: Record<string, unknown> = {}, key: KeyObject = keys.privateKey, alg = 'RS256'): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${part({ alg, typ: 'JWT', kid: 'k1' })}.${part({ iss: EMAIL, scope: SCOPE, aud: `${fcm.url}/token`, iat: now, exp: now + 3600, ...claims })}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
}

async function exchange(jwt: string, grantType = 'urn:ietf:params:oauth:grant-type:jwt-bearer'): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${fcm.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: grantType, assertion: jwt }).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

interface FcmAnswer {
  name: string;
  error: { code: number; status: string; message: string; details: { '@type': string; errorCode?: string }[] };
}

async function send(accessToken: string, message: unknown, project = PROJECT): Promise<{ status: number; body: FcmAnswer; retryAfter: string | null }> {
  const response = await fetch(`${fcm.url}/v1/projects/${project}/messages:send`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ message }),
  });
  return { status: response.status, body: (await response.json()) as FcmAnswer, retryAfter: response.headers.get('retry-after') };
}

async function accessToken(): Promise<string> {
  const { status, body } = await exchange(assertion());
  assert.equal(status, 200);
  return body.access_token as string;
}

describe('the OAuth 2.0 token endpoint (JWT bearer)', () => {
  test('when the assertion is signed by the service account, then an hour-long bearer token is issued', async () => {
    const { status, body } = await exchange(assertion());
    assert.equal(status, 200);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 3599);
    assert.match(String(body.access_token), /^ya29\./);
  });

  test('when the assertion is signed by another key, then invalid_grant "Invalid JWT Signature."', async () => {
    assert.deepEqual(await exchange(assertion({}, otherKeys.privateKey)), {
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' },
    });
  });

  test('when the issuer, audience, lifetime or algorithm is wrong, or the grant type, then 400 with the OAuth error', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const claims of [
      { iss: 'someone@else.iam.gserviceaccount.com' },
      { aud: 'https://oauth2.googleapis.com/token' },
      { iat: now, exp: now + 7200 },
      { iat: now - 7200, exp: now - 3600 },
    ]) {
      const { status, body } = await exchange(assertion(claims));
      assert.deepEqual([status, body.error], [400, 'invalid_grant'], JSON.stringify(claims));
    }
    assert.equal((await exchange(assertion({}, keys.privateKey, 'HS256'))).body.error, 'invalid_grant');
    assert.equal((await exchange(assertion(), 'client_credentials')).body.error, 'unsupported_grant_type');
  });
});

describe('messages:send', () => {
  test('when a message to a token is sent with a valid access token, then FCM names it and tests can read it', async () => {
    const { status, body } = await send(await accessToken(), { token: TOKEN, notification: { title: 't', body: 'b' }, data: { id: '1' } });
    assert.equal(status, 200);
    assert.match(body.name, new RegExp(`^projects/${PROJECT}/messages/`));
    const delivered = (await (await fetch(`${fcm.url}/control/messages?token=${encodeURIComponent(TOKEN)}`)).json()) as { messages: { name: string }[] };
    assert.ok(delivered.messages.some((m) => m.name === body.name));
  });

  test('when the access token is missing, unknown or for another project, then 401 UNAUTHENTICATED / 403 PERMISSION_DENIED', async () => {
    assert.deepEqual([(await send('nope', { token: TOKEN })).body.error.status], ['UNAUTHENTICATED']);
    const other = await send(await accessToken(), { token: TOKEN }, 'someone-elses');
    assert.deepEqual([other.status, other.body.error.status], [403, 'PERMISSION_DENIED']);
  });

  test('when the token is malformed or unregistered, then 400 INVALID_ARGUMENT / 404 UNREGISTERED with the FcmError detail', async () => {
    const token = await accessToken();
    const bad = await send(token, { token: 'not a token' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.details[0]!.errorCode, 'INVALID_ARGUMENT');
    const gone = `${TOKEN}gone`;
    assert.equal((await fetch(`${fcm.url}/control/unregistered`, { method: 'POST', body: JSON.stringify({ token: gone }) })).status, 204);
    const answer = await send(token, { token: gone });
    assert.deepEqual(
      [answer.status, answer.body.error.status, answer.body.error.details[0]],
      [404, 'NOT_FOUND', { '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: 'UNREGISTERED' }],
    );
    const nonString = await send(token, { token: TOKEN, data: { n: 1 } });
    assert.equal(nonString.body.error.details[0]!['@type'], 'type.googleapis.com/google.rpc.BadRequest');
  });

  test('when failures are injected, then 429 QUOTA_EXCEEDED and 503 UNAVAILABLE answer with Retry-After, then sends succeed again', async () => {
    const token = await accessToken();
    await fetch(`${fcm.url}/control/failures`, { method: 'POST', body: JSON.stringify({ status: 429, retryAfterSeconds: 7, count: 1 }) });
    await fetch(`${fcm.url}/control/failures`, { method: 'POST', body: JSON.stringify({ status: 503, retryAfterSeconds: 3, count: 1 }) });
    const quota = await send(token, { token: TOKEN });
    assert.deepEqual(
      [quota.status, quota.body.error.status, quota.body.error.details[0]!.errorCode, quota.retryAfter],
      [429, 'RESOURCE_EXHAUSTED', 'QUOTA_EXCEEDED', '7'],
    );
    const down = await send(token, { token: TOKEN });
    assert.deepEqual([down.status, down.body.error.details[0]!.errorCode, down.retryAfter], [503, 'UNAVAILABLE', '3']);
    assert.equal((await send(token, { token: TOKEN })).status, 200);
  });
});

test('when the public key is not RSA or the project id is missing, then the stand-in refuses to start and names the setting', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
  assert.throws(
    () => loadConfig({ FCM_STANDIN_PROJECT_ID: PROJECT, FCM_STANDIN_CLIENT_EMAIL: EMAIL, FCM_STANDIN_PUBLIC_KEY: ec }),
    (e: unknown) => e instanceof ConfigError && /FCM_STANDIN_PUBLIC_KEY/.test(e.message),
  );
  assert.throws(
    () => loadConfig({ FCM_STANDIN_CLIENT_EMAIL: EMAIL, FCM_STANDIN_PUBLIC_KEY: ec }),
    (e: unknown) => e instanceof ConfigError && /FCM_STANDIN_PROJECT_ID/.test(e.message),
  );
});
