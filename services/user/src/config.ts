import { reliabilitySettings } from '@healthsync/shared';
import { z } from 'zod';

/** Settings of the user service beyond the base ones (see services/shared/src/config.ts). */
export const settings = {
  ...reliabilitySettings,
  /** The OpenID Connect issuer users sign in with: https://accounts.google.com in production. */
  OIDC_ISSUER: z.url(),
  /** Client ids (comma-separated) whose ID tokens we accept: the app's Android, iOS and web clients. */
  OIDC_CLIENT_IDS: z
    .string()
    .min(1)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** Only for a loopback stand-in: allow discovery over plain http. */
  OIDC_ALLOW_INSECURE_HTTP: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Lifetime of our access tokens, seconds. */
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  /** Lifetime of a refresh token, days (each use rotates it). */
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  /** How often the signing keys are read again from the secret store (key rotation without a restart). */
  SIGNING_KEYS_RELOAD_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
  /**
   * How long a newly seen signing key is only published before it signs: must exceed the
   * reload interval of every replica plus the gateway's JWKS refresh interval.
   */
  SIGNING_KEY_GRACE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(900),
  /** `iss` of our access tokens. */
  TOKEN_ISSUER: z.string().min(1).default('healthsync'),
  /** `aud` of our access tokens. */
  TOKEN_AUDIENCE: z.string().min(1).default('healthsync-api'),
};
