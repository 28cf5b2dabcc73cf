import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createLogger, systemClock } from '@healthsync/shared';
import { loadConfig, silentLogger, start, type RunningStandin } from '@healthsync/standin-fcm';
import { createFcmClient, PushUnavailableError } from '../../src/adapters/fcm-client.js';

/** The FCM client alone against the stand-in: what happens when Google refuses us. */
const PROJECT = 'healthsync-test';
const EMAIL = `push@${PROJECT}.iam.gserviceaccount.com`;
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
let fcm: RunningStandin;

before(async () => {
  fcm = await start(
    loadConfig({
      FCM_STANDIN_PORT: '0',
      FCM_STANDIN_PROJECT_ID: PROJECT,
      FCM_STANDIN_CLIENT_EMAIL: EMAIL,
      FCM_STANDIN_PUBLIC_KEY: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      FCM_STANDIN_LATENCY_MS: '0',
    }),
    { logger: silentLogger },
  );
});
after(() => fcm?.stop());

function client(privateKey = keys.privateKey, policy = { baseMs: 10, maxMs: 500, maxAttempts: 3 }) {
  const account = {
    type: 'service_account',
    project_id: PROJECT,
    private_key_id: 'k1',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: EMAIL,
    token_uri: `${fcm.url}/token`,
  };
  return createFcmClient({
    baseUrl: fcm.url,
    serviceAccount: async () => JSON.stringify(account),
    policy,
    timeoutMs: 5000,
    clock: systemClock,
    logger: createLogger('batch-test', 'error'),
  });
}
const token = () => `${randomBytes(11).toString('base64url')}:APA91b${randomBytes(100).toString('base64url')}`;

describe('the FCM client against the stand-in', () => {
  test('when the service account’s key is not the one Google knows, then push is unavailable with the OAuth error, and nothing is sent', async () => {
    const wrong = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const sentBefore = fcm.state.delivered.length;
    await assert.rejects(
      client(wrong).send({ token: token(), notification: { title: 't', body: 'b' } }),
      (error: unknown) =>
        error instanceof PushUnavailableError && /invalid_grant Invalid JWT Signature\./.test(error.message) && !/PRIVATE KEY/.test(error.message),
    );
    assert.equal(fcm.state.delivered.length, sentBefore);
  });

  test('when the access token was revoked (401), then a new one is obtained once and the message goes out', async () => {
    const push = client();
    const target = token();
    assert.equal((await push.send({ token: target })).kind, 'SENT');
    const issued = fcm.state.counters.tokensIssued;
    for (const grant of fcm.state.accessTokens.values()) grant.expiresAt = 0;
    const result = await push.send({ token: target });
    assert.deepEqual([result.kind, result.attempts], ['SENT', 2]);
    assert.equal(fcm.state.counters.tokensIssued, issued + 1);
  });

  test('when Retry-After asks for longer than the client may wait, then it gives up at once and says why', async () => {
    const target = token();
    fcm.state.failures.push({ status: 429, retryAfterSeconds: 60, token: target, remaining: 1 });
    const started = Date.now();
    const result = await client().send({ token: target });
    assert.deepEqual([result.kind, result.attempts, 'code' in result && result.code], ['RETRY', 1, 'QUOTA_EXCEEDED']);
    assert.ok(Date.now() - started < 1000);
  });
});
