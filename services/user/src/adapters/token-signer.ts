import { createHash, createPrivateKey, createPublicKey, type JsonWebKey } from 'node:crypto';
import jwt from 'jsonwebtoken';

export interface AccessToken {
  token: string;
  expiresIn: number;
}

/**
 * Signs our access tokens (ES256) with the key from the secret store (Key Vault in Azure)
 * and publishes its public half as a JWKS, which the gateway verifies against. The key id
 * is the RFC 7638 thumbprint, so a rotated key gets a new `kid` by itself.
 */
export function createTokenSigner(privateKeyPem: string, options: { issuer: string; audience: string; ttlSeconds: number }) {
  const privateKey = createPrivateKey(privateKeyPem);
  const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' }) as JsonWebKey & { crv: string; kty: string; x: string; y: string };
  const thumbprintInput = JSON.stringify({ crv: publicJwk.crv, kty: publicJwk.kty, x: publicJwk.x, y: publicJwk.y });
  const kid = createHash('sha256').update(thumbprintInput).digest('base64url');

  return {
    sign(userId: string, sessionId: string): AccessToken {
      const token = jwt.sign({ sid: sessionId }, privateKey, {
        algorithm: 'ES256',
        keyid: kid,
        subject: userId,
        issuer: options.issuer,
        audience: options.audience,
        expiresIn: options.ttlSeconds,
      });
      return { token, expiresIn: options.ttlSeconds };
    },
    jwks() {
      return { keys: [{ kty: publicJwk.kty, crv: publicJwk.crv, x: publicJwk.x, y: publicJwk.y, kid, alg: 'ES256', use: 'sig' }] };
    },
  };
}
