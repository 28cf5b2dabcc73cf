import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { obtainIdToken } from '@healthsync/standin-google-oidc';
import { client, newIdentity, signInWithIdToken } from '../support/users.js';

// The second sign-in provider of the local system (another OpenID Connect issuer, as Kakao or
// Apple would be), configured for the user service in dapr.yaml.
const second = { issuer: 'http://127.0.0.1:14050', clientId: 'healthsync-second', redirectUri: 'com.healthsync.app:/second-oauth2redirect' };
const secondToken = (loginHint: string) => obtainIdToken({ ...second, loginHint, nonce: `n-${Math.random().toString(36).slice(2)}` });

describe('more than one sign-in provider', () => {
  test('when a person links a second provider through the gateway, then it signs in to the same account; another person cannot take it', async () => {
    const email = newIdentity('two-providers');
    const person = await signInWithIdToken(email);
    const linked = await client(person.accessToken).POST('/api/users/me/identities', { body: { idToken: await secondToken(email) } });
    assert.equal(linked.response.status, 200, JSON.stringify(linked.error));
    assert.deepEqual(
      linked.data!.items.map((i) => i.issuer),
      ['http://127.0.0.1:14000', second.issuer],
    );

    const viaSecond = await client().POST('/api/auth/google', { body: { idToken: await secondToken(email) } });
    assert.equal(viaSecond.data?.user.id, person.user.id, 'the second provider signs in to the same account');

    const other = await signInWithIdToken(newIdentity('taker'));
    const taken = await client(other.accessToken).POST('/api/users/me/identities', { body: { idToken: await secondToken(email) } });
    assert.equal(taken.response.status, 409);
    assert.equal((taken.error as { code: string }).code, 'IDENTITY_LINKED_ELSEWHERE');
    const others = await client(other.accessToken).GET('/api/users/me/identities');
    assert.equal(others.data?.items.length, 1, "the other person's account gained nothing");
  });
});
