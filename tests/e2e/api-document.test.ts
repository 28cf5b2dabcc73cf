import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { formBody } from '@healthsync/api-client';
import { loginWithCode } from '@healthsync/standin-google-oidc';
import { gatewayUrl, repoRoot } from '../support/system.js';
import { activeUser, client, oidc, people, signInWithIdToken } from '../support/users.js';

/**
 * The API document as served, the reference page, its sign-in (authorization code with PKCE,
 * redeemed at /api/auth/token) and a representative set of operations called through the
 * typed client generated from the document.
 */
describe('the API document and the typed client', () => {
  test('when the gateway serves /api/openapi.json, then it is exactly the document the client was generated from', async () => {
    const served = (await (await fetch(`${gatewayUrl}/api/openapi.json`)).json()) as Record<string, unknown>;
    const committed = JSON.parse(fs.readFileSync(path.join(repoRoot, 'clients', 'api', 'openapi.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(served, committed);
  });

  test('when a developer opens /api/docs, then Swagger UI and its OAuth redirect page are served by the gateway itself', async () => {
    const page = await fetch(`${gatewayUrl}/api/docs`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<script src="\/api\/docs\/swagger-ui-bundle\.js"><\/script>/);
    assert.doesNotMatch(html, /https?:\/\//, 'nothing is loaded from another origin');
    const assets: [string, string][] = [
      ['swagger-ui-bundle.js', 'application/javascript'],
      ['swagger-ui.css', 'text/css'],
      ['oauth2-redirect.html', 'text/html'],
      ['oauth2-redirect.js', 'application/javascript'],
    ];
    for (const [asset, type] of assets) {
      const response = await fetch(`${gatewayUrl}/api/docs/${asset}`);
      assert.equal(response.status, 200, asset);
      assert.ok(response.headers.get('content-type')?.startsWith(type), `${asset}: ${response.headers.get('content-type')}`);
      assert.ok((await response.arrayBuffer()).byteLength > 100, asset);
    }
  });

  test('when the reference page signs in (code + PKCE at the issuer, redirect to the page), then /api/auth/token gives a HealthSync token that calls the API', async () => {
    const redirectUri = `${gatewayUrl}/api/docs/oauth2-redirect.html`;
    const login = await loginWithCode({ ...oidc, redirectUri, loginHint: people.junho });
    const token = await client().POST('/api/auth/token', {
      body: {
        grant_type: 'authorization_code',
        code: login.code,
        code_verifier: login.codeVerifier,
        redirect_uri: redirectUri,
        client_id: oidc.clientId,
        nonce: login.nonce,
      },
      bodySerializer: formBody,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(token.response.status, 200, JSON.stringify(token.error));
    assert.equal(token.data!.token_type, 'Bearer');
    assert.equal(token.response.headers.get('cache-control'), 'no-store');
    const me = await client(token.data!.access_token).GET('/api/users/me');
    assert.equal(me.response.status, 200);
    assert.equal(me.data!.email, people.junho);

    const refreshed = await client().POST('/api/auth/token', {
      body: { grant_type: 'refresh_token', refresh_token: token.data!.refresh_token },
      bodySerializer: formBody,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(refreshed.response.status, 200);
    // The new pair is used in turn, so presenting the first token again can only be a stolen copy.
    const again = await client().POST('/api/auth/token', {
      body: { grant_type: 'refresh_token', refresh_token: refreshed.data!.refresh_token },
      bodySerializer: formBody,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(again.response.status, 200);
    const reused = await client().POST('/api/auth/token', {
      body: { grant_type: 'refresh_token', refresh_token: token.data!.refresh_token },
      bodySerializer: formBody,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(reused.response.status, 401);
    assert.equal(reused.error!.code, 'REFRESH_TOKEN_REUSED');
  });

  test('when a code is redeemed without the nonce its ID token carries, or for another redirect, then /api/auth/token answers 401 INVALID_CREDENTIAL', async () => {
    const redirectUri = `${gatewayUrl}/api/docs/oauth2-redirect.html`;
    const withNonce = await loginWithCode({ ...oidc, redirectUri, loginHint: people.junho });
    const missingNonce = await client().POST('/api/auth/token', {
      body: { grant_type: 'authorization_code', code: withNonce.code, code_verifier: withNonce.codeVerifier, redirect_uri: redirectUri },
      bodySerializer: formBody,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(missingNonce.response.status, 401);
    assert.equal(missingNonce.error!.code, 'INVALID_CREDENTIAL');

    const login = await loginWithCode({ ...oidc, loginHint: people.junho });
    const token = await client().POST('/api/auth/token', {
      body: {
        grant_type: 'authorization_code',
        code: login.code,
        code_verifier: login.codeVerifier,
        redirect_uri: `${gatewayUrl}/api/docs/oauth2-redirect.html`,
      },
      bodySerializer: formBody,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(token.response.status, 401);
    assert.equal(token.error!.code, 'INVALID_CREDENTIAL');
  });

  test('when a signed-in user goes through onboarding, missions and preferences with the typed client, then every answer is the documented one', async () => {
    const session = await activeUser(people.seoyeon, { name: '박서연', birthDate: '1991-09-03', sex: 'F', occupation: 'IT_PROFESSIONAL' });
    const api = client(session.accessToken);

    const me = await api.GET('/api/users/me');
    assert.equal(me.data!.status, 'ACTIVE');
    assert.equal(me.data!.occupation, 'IT_PROFESSIONAL');

    const catalogue = await api.GET('/api/goals/catalogue', { params: { query: { category: 'sleep' } } });
    assert.ok(catalogue.data!.missions.length > 0);
    assert.ok(catalogue.data!.missions.every((m) => m.category === 'sleep'));
    const chosen = await api.PUT('/api/goals/missions', { body: { missionIds: ['cat-sl-screen-off', 'cat-di-water'] } });
    assert.equal(chosen.response.status, 200, JSON.stringify(chosen.error));
    assert.deepEqual(
      chosen.data!.missions.map((m) => m.missionId),
      ['cat-sl-screen-off', 'cat-di-water'],
    );

    const today = await api.GET('/api/goals/today');
    const date = today.data!.date;
    const done = await api.PUT('/api/goals/missions/{missionId}/completions/{date}', { params: { path: { missionId: 'cat-di-water', date } } });
    assert.equal(done.data!.done, true);
    assert.equal(done.data!.today.completedCount, 1);
    const progress = await api.GET('/api/goals/progress', { params: { query: { from: date, to: date } } });
    assert.equal(progress.data!.overall.completed, 1);

    const unknown = await api.PUT('/api/goals/missions', { body: { missionIds: ['00000000-0000-4000-8000-000000000000'] } });
    assert.equal(unknown.response.status, 400);
    assert.equal(unknown.error!.code, 'VALIDATION_FAILED');
    assert.equal(unknown.error!.errors![0]!.field, 'body.missionIds.0');

    const trends = await api.GET('/api/health/trends', { params: { query: { items: ['bmi', 'sbp'] } } });
    assert.equal(trends.response.status, 200, JSON.stringify(trends.error));
    assert.deepEqual(
      trends.data!.series.map((s) => s.item),
      ['bmi', 'sbp'],
    );

    const saved = await api.PUT('/api/notifications/preferences', { body: { optedOut: false, quietHours: { start: '23:00', end: '07:00' } } });
    assert.deepEqual(saved.data!.quietHours, { start: '23:00', end: '07:00' });
    const forged = await api.GET('/api/notifications', { params: { query: { cursor: 'Zm9yZ2Vk' } } });
    assert.equal(forged.response.status, 400);
    assert.equal(forged.error!.code, 'VALIDATION_FAILED');

    const chat = await api.POST('/api/intelligence/chats');
    assert.equal(chat.response.status, 201);
    const chats = await api.GET('/api/intelligence/chats', { params: { query: { limit: 5 } } });
    assert.ok(chats.data!.items.some((c) => c.id === chat.data!.id));
  });

  test('when a request has no token, then the typed error is the documented 401 problem', async () => {
    const anonymous = await client().GET('/api/goals/today');
    assert.equal(anonymous.response.status, 401);
    assert.equal(anonymous.response.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.equal(anonymous.error!.code, 'UNAUTHENTICATED');
    const session = await signInWithIdToken(people.minji);
    assert.ok(session.accessToken);
  });
});
