import { z } from 'zod';

/**
 * Signed-out sessions, shared by the user service (which writes) and the gateway (which reads
 * on every request) through the `revocations` state store. Any writer or reader in any
 * language uses this key and value (docs/decisions/008-revocation-store-outage.md).
 */
export const REVOCATION_STORE = 'revocations';

/** The state key of a revoked session: `session:<session id>`. */
export function revocationKey(sessionId: string): string {
  return `session:${sessionId}`;
}

/** The stored value; its presence is what counts, the time is for people. */
export const revocationEntrySchema = z
  .object({ revokedAt: z.iso.datetime({ offset: true }).describe('When the session was signed out') })
  .describe('A revoked session; the entry expires with the last access token it could have issued');

export type RevocationEntry = z.output<typeof revocationEntrySchema>;

/**
 * How long an entry must live: as long as an access token of the session may still be valid,
 * plus a minute of clock skew. After that the token's own expiry refuses it.
 */
export function revocationTtlSeconds(accessTokenTtlSeconds: number): number {
  return accessTokenTtlSeconds + 60;
}
