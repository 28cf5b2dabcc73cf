import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { components, UnauthorizedError, type Dapr, type Logger, type Metrics } from '@healthsync/shared';
import type { Request } from 'express';
import type { Upstream } from './upstream.js';

export interface Identity {
  userId: string;
  sessionId: string;
}

/** Turns a request's bearer token into the verified identity. */
export interface Authenticator {
  /** Undefined when the request carries no token; throws 401 when a token is present but not valid. */
  authenticate(req: Request): Promise<Identity | undefined>;
}

interface Jwk {
  kid: string;
  kty: string;
  crv?: string;
  x?: string;
  y?: string;
  alg?: string;
}

/**
 * Verifies our access tokens: ES256 only (so `alg: none` and HMAC confusion are refused),
 * our issuer and audience, expiry; keys from the user service's JWKS, refetched when an
 * unknown `kid` appears (key rotation). A token of a revoked session (logout, deletion,
 * refresh-token reuse) is refused while it would still be valid. If the revocation list
 * cannot be read, tokens are accepted — they live 15 minutes — and the gap is counted.
 */
export function createJwtAuthenticator(options: {
  upstream: Upstream;
  dapr: Dapr;
  issuer: string;
  audience: string;
  logger: Logger;
  metrics: Metrics;
}): Authenticator {
  const keys = new Map<string, KeyObject>();
  let lastFetch = 0;
  let fetching: Promise<void> | undefined;
  const revocationUnknown = options.metrics.counter('gateway_revocation_check_skipped_total', 'Tokens accepted without a revocation check (store unavailable)');

  async function refreshKeys(): Promise<void> {
    if (Date.now() - lastFetch < 10_000 && keys.size > 0) return;
    fetching ??= options.upstream
      .getJson<{ keys: Jwk[] }>('user', '/api/auth/jwks', 3_000)
      .then((set) => {
        lastFetch = Date.now();
        for (const jwk of set.keys) keys.set(jwk.kid, createPublicKey({ key: jwk as unknown as JsonWebKey, format: 'jwk' }));
      })
      .finally(() => (fetching = undefined));
    await fetching;
  }

  async function keyFor(kid: string | undefined): Promise<KeyObject> {
    if (!kid) throw new UnauthorizedError('INVALID_TOKEN', 'The access token is not valid.');
    if (!keys.has(kid)) {
      try {
        await refreshKeys();
      } catch (error) {
        options.logger.warn('could not fetch access-token keys', { error: String(error) });
      }
    }
    const key = keys.get(kid);
    if (!key) throw new UnauthorizedError('INVALID_TOKEN', 'The access token is not valid.');
    return key;
  }

  return {
    async authenticate(req) {
      const header = req.header('authorization');
      if (!header) return undefined;
      const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/.exec(header);
      if (!match) throw new UnauthorizedError('INVALID_TOKEN', 'Send the access token as `Authorization: Bearer <token>`.');
      const token = match[1]!;
      const decoded = jwt.decode(token, { complete: true });
      if (!decoded || decoded.header.alg !== 'ES256') throw new UnauthorizedError('INVALID_TOKEN', 'The access token is not valid.');
      const key = await keyFor(decoded.header.kid);
      let claims: jwt.JwtPayload;
      try {
        claims = jwt.verify(token, key, { algorithms: ['ES256'], issuer: options.issuer, audience: options.audience, clockTolerance: 5 }) as jwt.JwtPayload;
      } catch (error) {
        if (error instanceof jwt.TokenExpiredError) throw new UnauthorizedError('TOKEN_EXPIRED', 'The access token has expired; refresh it.');
        throw new UnauthorizedError('INVALID_TOKEN', 'The access token is not valid.');
      }
      if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') throw new UnauthorizedError('INVALID_TOKEN', 'The access token is not valid.');
      try {
        const revoked = await options.dapr.getState(components.revocations, `session:${claims.sid}`);
        if (revoked) throw new UnauthorizedError('SESSION_REVOKED', 'This session has been signed out.');
      } catch (error) {
        if (error instanceof UnauthorizedError) throw error;
        revocationUnknown.inc();
        options.logger.warn('revocation list unavailable; accepting token', { error: String(error) });
      }
      return { userId: claims.sub, sessionId: claims.sid };
    },
  };
}
