import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** What presenting a refresh token means, decided from its stored state. Pure. */
export interface StoredRefreshToken {
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  /** The pair this token was exchanged for, sealed with the token itself (see sealSuccessor). */
  sealedSuccessor: Buffer | null;
  /** Whether the pair it was exchanged for has been used in turn. */
  successorUsed: boolean;
}

export type RefreshOutcome = 'ROTATE' | 'REPLAY' | 'REUSED' | 'REVOKED' | 'EXPIRED' | 'UNKNOWN';

/**
 * How long a phone that lost the answer to a refresh may present the just-used token again
 * and get the same new pair, instead of having its session signed out as stolen.
 */
export const REFRESH_GRACE_MS = 30_000;

export function refreshOutcome(token: StoredRefreshToken | undefined, now: Date): RefreshOutcome {
  if (!token) return 'UNKNOWN';
  if (token.usedAt) {
    // The answer to the exchange was lost: the same token again, soon, while the new pair is
    // still unused and the session alive, is that retry, not theft.
    const retry = !token.revokedAt && token.sealedSuccessor !== null && !token.successorUsed && now.getTime() - token.usedAt.getTime() < REFRESH_GRACE_MS;
    // Otherwise a token already exchanged means someone kept a copy: treat it as theft, even
    // if the family was also revoked meanwhile.
    return retry ? 'REPLAY' : 'REUSED';
  }
  if (token.revokedAt) return 'REVOKED';
  if (token.expiresAt.getTime() <= now.getTime()) return 'EXPIRED';
  return 'ROTATE';
}

export interface IssuedPair {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires. */
  accessExpiresAt: string;
}

/**
 * The new pair, encrypted (AES-256-GCM) under a key derived from the refresh token it replaced:
 * only whoever presents that token again can read it, and the database (which holds only the
 * tokens' SHA-256 hashes) cannot.
 */
export function sealSuccessor(presentedToken: string, pair: IssuedPair): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(presentedToken), iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(pair), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
}

/** The pair sealed by sealSuccessor; undefined if the token does not open it. */
export function openSuccessor(presentedToken: string, sealed: Buffer): IssuedPair | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(presentedToken), sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8')) as IssuedPair;
  } catch {
    return undefined;
  }
}

function keyFrom(token: string): Buffer {
  return Buffer.from(hkdfSync('sha256', token, Buffer.alloc(0), 'healthsync refresh successor v1', 32));
}
