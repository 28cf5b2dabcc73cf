import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import jwt from 'jsonwebtoken';
import { createTokenSigner, parseSigningKeySecret } from '../../src/adapters/token-signer.js';
import { nextSigningKeyState, publishedKeyIds } from '../../src/domain/signing-keys.js';

const GRACE = 60_000;

test('when the service starts, then the current key signs at once and current and previous are published', () => {
  const state = nextSigningKeyState(undefined, { current: 'B', previous: 'A' }, 0, GRACE);
  assert.equal(state.signing, 'B');
  assert.deepEqual(publishedKeyIds(state), ['B', 'A']);
  assert.deepEqual(publishedKeyIds(nextSigningKeyState(undefined, { current: 'A', previous: undefined }, 0, GRACE)), ['A']);
});

test('when a running replica sees a new current key, then it publishes it at once but signs with it only after the grace period', () => {
  const start = nextSigningKeyState(undefined, { current: 'A', previous: undefined }, 0, GRACE);
  const rotated = nextSigningKeyState(start, { current: 'B', previous: 'A' }, 10_000, GRACE);
  assert.deepEqual(publishedKeyIds(rotated), ['B', 'A']);
  assert.equal(rotated.signing, 'A');
  assert.equal(nextSigningKeyState(rotated, { current: 'B', previous: 'A' }, 10_000 + GRACE - 1, GRACE).signing, 'A');
  assert.equal(nextSigningKeyState(rotated, { current: 'B', previous: 'A' }, 10_000 + GRACE, GRACE).signing, 'B');
});

test('when the previous key is retired, then it is no longer published and never signs, even within the grace period', () => {
  const start = nextSigningKeyState(undefined, { current: 'A', previous: undefined }, 0, GRACE);
  const retiredAtOnce = nextSigningKeyState(start, { current: 'B', previous: undefined }, 1_000, GRACE);
  assert.equal(retiredAtOnce.signing, 'B');
  assert.deepEqual(publishedKeyIds(retiredAtOnce), ['B']);
});

const pem = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

test('when the secret holds one or two PEM keys, then the first is current and the second previous; anything else is refused', () => {
  const [a, b] = [pem(), pem()];
  assert.deepEqual(parseSigningKeySecret(a), { current: a.trim(), previous: undefined });
  assert.deepEqual(parseSigningKeySecret(`${b}\n${a}`), { current: b.trim(), previous: a.trim() });
  assert.throws(() => parseSigningKeySecret(''));
  assert.throws(() => parseSigningKeySecret(`${a}${b}${pem()}`));
});

test('when the keys rotate under a running signer, then every token it signs verifies against the JWKS it publishes at that moment', () => {
  const [a, b] = [pem(), pem()];
  let clock = 0;
  const signer = createTokenSigner({ current: a }, { issuer: 'i', audience: 'aud', ttlSeconds: 60, graceSeconds: 30, now: () => clock });
  const kidOf = (token: string) => jwt.decode(token, { complete: true })!.header.kid!;
  const oldKid = kidOf(signer.sign('u', 's').token);
  signer.update({ current: b, previous: a });
  clock = 10_000;
  const during = signer.sign('u', 's').token;
  assert.equal(kidOf(during), oldKid, 'the old key signs during the grace period');
  assert.equal(signer.jwks().keys.length, 2);
  clock = 30_000;
  const after = signer.sign('u', 's').token;
  assert.notEqual(kidOf(after), oldKid);
  for (const token of [during, after]) {
    const jwk = signer.jwks().keys.find((k) => k.kid === kidOf(token));
    assert.ok(jwk, 'the signing key is published');
  }
  signer.update({ current: b });
  assert.deepEqual(
    signer.jwks().keys.map((k) => k.kid),
    [kidOf(after)],
  );
});
