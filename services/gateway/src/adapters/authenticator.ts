import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { REVOCATION_STORE, revocationKey, UnauthorizedError, UpstreamUnavailableError, type Dapr, type Logger, type Metrics } from '@healthsync/shared';
import type { Request } from 'express';
import { jwksAction, usableKeys, type JwksPolicy } from '../domain/jwks.js';
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

const invalid = () => new UnauthorizedError('INVALID_TOKEN', 'The access token is not valid.');

/**
 * Verifies our access tokens: ES256 only (so `alg: none` and HMAC confusion are refused),
 * our issuer and audience, expiry. Keys come from the user service's JWKS (current and
 * previous key); a token with an unknown `kid` makes the gateway fetch it again, at most once
 * per `policy.minIntervalMs` (a request waits for the next allowed fetch rather than failing,
 * so a key rotation fails no request), and a set older than `policy.maxAgeMs` is fetched again
 * in the background; each fetch replaces the set, so retired keys are forgotten.
 *
 * A token of a revoked session (logout, deletion, refresh-token reuse) is refused while it
 * would still be valid. When the revocation list cannot be read the request fails closed with
 * 503 (docs/decisions/008-revocation-store-outage.md).
 */
export function createJwtAuthenticator(options: {
  upstream: Upstream;
  dapr: Dapr;
  issuer: string;
  audience: string;
  logger: Logger;
  metrics: Metrics;
  policy: JwksPolicy;
  /** Clock and timer, replaceable in tests. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}): Authenticator {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let keys = new Map<string, KeyObject>();
  let lastAttemptMs: number | undefined;
  let lastSuccessMs: number | undefined;
  let fetching: Promise<void> | undefined;
  const fetches = options.metrics.counter('gateway_jwks_fetches_total', 'Fetches of the access-token keys (JWKS)');
  const revocationUnreadable = options.metrics.counter(
    'gateway_revocation_check_failed_total',
    'Requests refused with 503 because the revocation list could not be read',
  );

  function fetchKeys(): Promise<void> {
    fetching ??= (async () => {
      lastAttemptMs = now();
      fetches.inc();
      try {
        const set = usableKeys(await options.upstream.getJson<unknown>('user', '/api/auth/jwks', 3_000));
        keys = new Map(set.map((jwk) => [jwk.kid, createPublicKey({ key: jwk as unknown as JsonWebKey, format: 'jwk' })]));
        lastSuccessMs = now();
      } catch (error) {
        options.logger.warn('could not fetch access-token keys', { error: String(error) });
      }
    })().finally(() => (fetching = undefined));
    return fetching;
  }

  async function keyFor(kid: string | undefined): Promise<KeyObject> {
    if (!kid) throw invalid();
    const action = jwksAction(keys.has(kid), { lastAttemptMs, lastSuccessMs }, options.policy, now());
    if (action.kind === 'use-and-refresh') void fetchKeys();
    if (action.kind === 'fetch-then-check') {
      if (fetching) await fetching;
      else {
        if (action.waitMs > 0) await sleep(action.waitMs);
        // Requests that waited together share one fetch; one that finds it done does not start another.
        const allowed = lastAttemptMs === undefined || now() - lastAttemptMs >= options.policy.minIntervalMs;
        if (!keys.has(kid)) await (fetching ?? (allowed ? fetchKeys() : undefined));
      }
    }
    const key = keys.get(kid);
    if (!key) throw invalid();
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
      if (!decoded || decoded.header.alg !== 'ES256') throw invalid();
      const key = await keyFor(decoded.header.kid);
      let claims: jwt.JwtPayload;
      try {
        claims = jwt.verify(token, key, { algorithms: ['ES256'], issuer: options.issuer, audience: options.audience, clockTolerance: 5 }) as jwt.JwtPayload;
      } catch (error) {
        if (error instanceof jwt.TokenExpiredError) throw new UnauthorizedError('TOKEN_EXPIRED', 'The access token has expired; refresh it.');
        throw invalid();
      }
      if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') throw invalid();
      let revoked: unknown;
      try {
        revoked = await options.dapr.getState(REVOCATION_STORE, revocationKey(claims.sid));
      } catch (error) {
        revocationUnreadable.inc();
        options.logger.warn('revocation list unreadable; refusing the request', { error: String(error) });
        throw new UpstreamUnavailableError('REVOCATION_CHECK_UNAVAILABLE', 'Your session cannot be checked right now; try again shortly.', 5);
      }
      if (revoked) throw new UnauthorizedError('SESSION_REVOKED', 'This session has been signed out.');
      return { userId: claims.sub, sessionId: claims.sid };
    },
  };
}
