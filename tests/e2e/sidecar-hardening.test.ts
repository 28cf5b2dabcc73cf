import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { redis } from '../support/redis.js';
import { appPorts, appTokens, sidecar, sidecarPorts } from '../support/system.js';

/**
 * Defence in depth behind the gateway: its sidecar serves only the Dapr APIs the gateway uses,
 * the revocations store has a key space of its own, and every app has its own Dapr API token
 * and app token.
 */
async function refusedByAllowList(response: Response): Promise<boolean> {
  const body = await response.text();
  // A route the allow-list removed is not registered: the request falls through to the invoke
  // API's catch-all (no app id in the path) or to the router's plain 404.
  return response.status === 404 && (!body.includes('"errorCode"') || body.includes('failed getting app id'));
}

describe('the gateway sidecar and the Dapr tokens', () => {
  test('when the gateway’s own token calls APIs the gateway does not use on its sidecar, then they are not served', async () => {
    assert.ok(await refusedByAllowList(await sidecar('gateway', '/v1.0/metadata')), 'metadata');
    assert.ok(await refusedByAllowList(await sidecar('gateway', '/v1.0/secrets/secretstore/postgres-url-user')), 'secrets');
    assert.ok(await refusedByAllowList(await sidecar('gateway', '/v1.0/publish/events/user-deleted', { method: 'POST', body: '{}' })), 'publish');
    assert.ok(await refusedByAllowList(await sidecar('gateway', '/v1.0-alpha1/jobs/probe')), 'jobs');
    // The same calls on a sidecar whose app uses them are served: the allow-list, not the call, refuses above.
    const userMetadata = await sidecar('user', '/v1.0/metadata');
    assert.equal(userMetadata.status, 200);
    await userMetadata.body?.cancel();
    // State stays served, and only for the stores the gateway loads.
    const cache = await sidecar('gateway', '/v1.0/state/cache/hardening-probe');
    assert.equal(cache.status, 204);
    const foreign = await sidecar('gateway', '/v1.0/state/events/hardening-probe');
    assert.equal(foreign.status, 400);
    assert.match(await foreign.text(), /ERR_STATE_STORE_NOT_FOUND/);
  });

  test('when one app’s Dapr API token is presented to another app’s sidecar, then it is refused', async () => {
    for (const [owner, other] of [
      ['gateway', 'user'],
      ['health', 'gateway'],
      ['intelligence', 'goal'],
    ] as const) {
      const response = await fetch(`http://127.0.0.1:${sidecarPorts[other]}/v1.0/state/cache/hardening-probe`, {
        headers: { 'dapr-api-token': appTokens(owner).DAPR_API_TOKEN },
      });
      assert.equal(response.status, 401, `${owner}'s token on ${other}'s sidecar`);
      await response.body?.cancel();
    }
    const own = await fetch(`http://127.0.0.1:${sidecarPorts.user}/v1.0/state/cache/hardening-probe`, {
      headers: { 'dapr-api-token': appTokens('user').DAPR_API_TOKEN },
    });
    assert.equal(own.status, 204);
  });

  test('when one app’s app token is presented to another app, then it is refused; its own sidecar’s is accepted', async () => {
    const call = (token: string) => fetch(`http://127.0.0.1:${appPorts.health}/api/health/service-info`, { headers: { 'dapr-api-token': token } });
    const foreign = await call(appTokens('user').APP_API_TOKEN);
    assert.equal(foreign.status, 403);
    await foreign.body?.cancel();
    const own = await call(appTokens('health').APP_API_TOKEN);
    assert.equal(own.status, 200);
    await own.body?.cancel();
  });

  test('when a revocation is written, then its Redis key carries the store’s own prefix, apart from every other store’s keys', async () => {
    const key = `session:${randomUUID()}`;
    const saved = await sidecar('user', '/v1.0/state/revocations', {
      method: 'POST',
      body: JSON.stringify([{ key, value: { revokedAt: 'probe' }, metadata: { ttlInSeconds: '60' } }]),
    });
    assert.equal(saved.status, 204);
    assert.equal(await redis('EXISTS', `revocations||${key}`), ':1');
    assert.equal(await redis('EXISTS', key), ':0', 'no unprefixed key');
    // The gateway reads the same entry (both apps share the store's key space).
    const read = await sidecar('gateway', `/v1.0/state/revocations/${encodeURIComponent(key)}`);
    assert.equal(read.status, 200);
    assert.deepEqual(await read.json(), { revokedAt: 'probe' });
  });
});
