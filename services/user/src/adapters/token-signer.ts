import { createHash, createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { nextSigningKeyState, publishedKeyIds, type SigningKeyState } from '../domain/signing-keys.js';

export interface AccessToken {
  token: string;
  expiresIn: number;
}

interface LoadedKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: { kty: string; crv: string; x: string; y: string; kid: string; alg: 'ES256'; use: 'sig' };
}

/** The key id is the RFC 7638 thumbprint, so a rotated key gets a new `kid` by itself. */
function loadKey(pem: string): LoadedKey {
  const privateKey = createPrivateKey(pem);
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' }) as JsonWebKey & { crv: string; kty: string; x: string; y: string };
  const kid = createHash('sha256')
    .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }))
    .digest('base64url');
  return { kid, privateKey, publicJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, kid, alg: 'ES256', use: 'sig' } };
}

/** The PEMs in the secret store: the current key and, during a rotation, the previous one. */
export interface SigningKeyPems {
  current: string;
  previous?: string | undefined;
}

const PEM_BLOCK = /-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g;

/**
 * The secret `jwt-signing-key` holds one PEM private key, or two during a rotation: the new
 * (current) key first, the previous one after it. One secret, so a reader never sees half a
 * rotation.
 */
export function parseSigningKeySecret(secret: string): SigningKeyPems {
  const blocks = secret.match(PEM_BLOCK) ?? [];
  if (blocks.length < 1 || blocks.length > 2) throw new Error(`jwt-signing-key must hold one or two PEM keys, found ${blocks.length}`);
  return { current: blocks[0]!, previous: blocks[1] };
}

/**
 * Signs our access tokens (ES256) with the keys from the secret store (Key Vault in Azure)
 * and publishes their public halves as a JWKS, which the gateway verifies against. `update`
 * takes the keys as the store holds them now (see domain/signing-keys.ts for which one signs).
 */
export function createTokenSigner(
  pems: SigningKeyPems,
  options: { issuer: string; audience: string; ttlSeconds: number; graceSeconds: number; now?: () => number },
) {
  const now = options.now ?? Date.now;
  const keys = new Map<string, LoadedKey>();
  let state: SigningKeyState | undefined;

  function update(next: SigningKeyPems): void {
    const current = loadKey(next.current);
    const previous = next.previous ? loadKey(next.previous) : undefined;
    const before = state;
    state = nextSigningKeyState(before, { current: current.kid, previous: previous?.kid }, now(), options.graceSeconds * 1000);
    const loaded = [current, ...(previous ? [previous] : [])];
    for (const key of loaded) keys.set(key.kid, key);
    for (const kid of [...keys.keys()]) if (!loaded.some((key) => key.kid === kid)) keys.delete(kid);
    if (before && before.current !== state.current) return void rotated?.(state);
  }
  let rotated: ((state: SigningKeyState) => void) | undefined;
  update(pems);

  return {
    update,
    /** Called when a reload finds a new current key. */
    onRotation(listener: (state: SigningKeyState) => void) {
      rotated = listener;
    },
    sign(userId: string, sessionId: string): AccessToken {
      // The grace period may have ended since the last reload.
      state = nextSigningKeyState(state, { current: state!.current, previous: state!.previous }, now(), options.graceSeconds * 1000);
      const key = keys.get(state.signing)!;
      const token = jwt.sign({ sid: sessionId }, key.privateKey, {
        algorithm: 'ES256',
        keyid: key.kid,
        subject: userId,
        issuer: options.issuer,
        audience: options.audience,
        expiresIn: options.ttlSeconds,
      });
      return { token, expiresIn: options.ttlSeconds };
    },
    jwks() {
      return { keys: publishedKeyIds(state!).map((kid) => keys.get(kid)!.publicJwk) };
    },
  };
}
