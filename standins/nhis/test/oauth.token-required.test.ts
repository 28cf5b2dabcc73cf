import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RunningStandin } from '../src/server.js';
import { CLIENT_ID, PRODUCT_PATH, callProduct, firstStep, getToken, sleep, startStandin, uniquePerson } from './helpers.js';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('OAuth client credentials', () => {
  let standin: RunningStandin;
  before(async () => {
    standin = await startStandin();
  });
  after(() => standin.stop());

  const tokenRequest = (authorization: string, body: string) =>
    fetch(`${standin.url}/oauth/token`, {
      method: 'POST',
      headers: { Authorization: authorization, 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
    });

  test('when the client authenticates with Basic and asks for client_credentials, then it gets a bearer token', async () => {
    const res = await tokenRequest(basic(CLIENT_ID, 'test-secret'), 'grant_type=client_credentials&scope=read');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const body = (await res.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['access_token', 'expires_in', 'scope', 'token_type']);
    assert.match(String(body.access_token), /^[A-Za-z0-9_-]{40,}$/);
    assert.equal(body.token_type, 'bearer');
    assert.equal(body.scope, 'read');
    assert.equal(body.expires_in, 604_800);
  });

  test('when the client secret is wrong, then the token endpoint answers 401 invalid_client', async () => {
    const res = await tokenRequest(basic(CLIENT_ID, 'wrong'), 'grant_type=client_credentials&scope=read');
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { error: 'invalid_client', error_description: 'Bad client credentials' });
  });

  test('when the grant type or scope is not supported, then the token endpoint answers 400 with the OAuth error', async () => {
    const grant = await tokenRequest(basic(CLIENT_ID, 'test-secret'), 'grant_type=password&scope=read');
    assert.equal(grant.status, 400);
    assert.equal(((await grant.json()) as { error: string }).error, 'unsupported_grant_type');
    const scope = await tokenRequest(basic(CLIENT_ID, 'test-secret'), 'grant_type=client_credentials&scope=write');
    assert.equal(scope.status, 400);
    assert.equal(((await scope.json()) as { error: string }).error, 'invalid_scope');
  });

  test('when the product is called without a token, then it answers 401 unauthorized', async () => {
    const res = await fetch(`${standin.url}${PRODUCT_PATH}`, { method: 'POST', body: '{}' });
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), {
      error: 'unauthorized',
      error_description: 'Full authentication is required to access this resource',
    });
  });

  test('when the product is called with an unknown token, then it answers 401 invalid_token', async () => {
    const res = await fetch(`${standin.url}${PRODUCT_PATH}`, {
      method: 'POST',
      headers: { Authorization: 'Bearer not-a-token' },
      body: '{}',
    });
    assert.equal(res.status, 401);
    assert.match(res.headers.get('www-authenticate') ?? '', /invalid_token/);
    assert.deepEqual(await res.json(), { error: 'invalid_token', error_description: 'Cannot convert access token to JSON' });
  });
});

describe('OAuth token expiry', () => {
  let standin: RunningStandin;
  before(async () => {
    standin = await startStandin({ NHIS_STANDIN_TOKEN_TTL_SECONDS: '0.3' });
  });
  after(() => standin.stop());

  test('when a valid token is used, then the product answers; after the token TTL it answers 401 expired', async () => {
    const token = await getToken(standin.url);
    const ok = await callProduct(standin.url, token, firstStep(uniquePerson()));
    assert.equal(ok.status, 200);
    assert.equal(ok.envelope.result.code, 'CF-03002');
    await sleep(400);
    const res = await fetch(`${standin.url}${PRODUCT_PATH}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: '{}',
    });
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { error: 'invalid_token', error_description: 'Access token expired' });
  });
});
