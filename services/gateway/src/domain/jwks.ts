/**
 * When the gateway fetches the user service's JWKS again, and which of its keys it keeps.
 * Pure: times and JSON in, decisions out.
 */

/** The public part of an ES256 key as the user service publishes it. */
export interface EcPublicJwk {
  kid: string;
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

const B64URL = /^[A-Za-z0-9_-]+$/;

/**
 * The usable keys of a JWKS: EC P-256 keys with a key id; anything else (other key types,
 * `use: enc`, private parts) is skipped. The result replaces the cached set as a whole, so a
 * key the user service stopped publishing (a retired key) is forgotten.
 */
export function usableKeys(body: unknown): EcPublicJwk[] {
  const keys = (body as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new Error('not a JWKS: no keys array');
  const usable: EcPublicJwk[] = [];
  for (const key of keys as Record<string, unknown>[]) {
    if (typeof key !== 'object' || key === null) continue;
    const { kid, kty, crv, x, y, use, d } = key;
    if (kty !== 'EC' || crv !== 'P-256' || d !== undefined || (use !== undefined && use !== 'sig')) continue;
    if (typeof kid !== 'string' || kid.length === 0 || kid.length > 128) continue;
    if (typeof x !== 'string' || typeof y !== 'string' || !B64URL.test(x) || !B64URL.test(y)) continue;
    usable.push({ kid, kty, crv, x, y });
  }
  return usable;
}

export interface JwksTimes {
  /** When the last fetch started (successful or not); undefined before the first. */
  lastAttemptMs: number | undefined;
  /** When the cached set was last replaced by a successful fetch. */
  lastSuccessMs: number | undefined;
}

export interface JwksPolicy {
  /** At most one fetch per this interval, whatever key ids clients send. */
  minIntervalMs: number;
  /** A set older than this is fetched again in the background (retired keys drop out). */
  maxAgeMs: number;
}

export type JwksAction =
  | { kind: 'use' }
  | { kind: 'use-and-refresh' }
  /** The key id is unknown: fetch after `waitMs` (0: now), then look again. */
  | { kind: 'fetch-then-check'; waitMs: number };

export function jwksAction(kidKnown: boolean, times: JwksTimes, policy: JwksPolicy, nowMs: number): JwksAction {
  const waitMs = times.lastAttemptMs === undefined ? 0 : Math.max(0, times.lastAttemptMs + policy.minIntervalMs - nowMs);
  if (!kidKnown) return { kind: 'fetch-then-check', waitMs };
  const stale = times.lastSuccessMs === undefined || nowMs - times.lastSuccessMs >= policy.maxAgeMs;
  return stale && waitMs === 0 ? { kind: 'use-and-refresh' } : { kind: 'use' };
}
