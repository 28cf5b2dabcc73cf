import { randomBytes } from 'node:crypto';

/** Issued bearer tokens, in memory. Tokens are opaque random strings; only their expiry matters. */
export type TokenCheck = 'valid' | 'unknown' | 'expired';

export interface TokenStore {
  issue(now: number): { token: string; expiresInSeconds: number };
  check(token: string, now: number): TokenCheck;
}

export function createTokenStore(ttlSeconds: number): TokenStore {
  const expiries = new Map<string, number>();
  return {
    issue(now) {
      for (const [t, exp] of expiries) if (exp <= now) expiries.delete(t);
      const token = randomBytes(32).toString('base64url');
      expiries.set(token, now + ttlSeconds * 1000);
      return { token, expiresInSeconds: Math.floor(ttlSeconds) };
    },
    check(token, now) {
      const exp = expiries.get(token);
      if (exp === undefined) return 'unknown';
      return now < exp ? 'valid' : 'expired';
    },
  };
}
