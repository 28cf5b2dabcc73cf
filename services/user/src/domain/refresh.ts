/** What presenting a refresh token means, decided from its stored state. Pure. */
export interface StoredRefreshToken {
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

export type RefreshOutcome = 'ROTATE' | 'REUSED' | 'REVOKED' | 'EXPIRED' | 'UNKNOWN';

export function refreshOutcome(token: StoredRefreshToken | undefined, now: Date): RefreshOutcome {
  if (!token) return 'UNKNOWN';
  // A token already exchanged means someone kept a copy: treat it as theft, even if the
  // family was also revoked meanwhile.
  if (token.usedAt) return 'REUSED';
  if (token.revokedAt) return 'REVOKED';
  if (token.expiresAt.getTime() <= now.getTime()) return 'EXPIRED';
  return 'ROTATE';
}
