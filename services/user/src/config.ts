import { ConfigError, reliabilitySettings } from '@healthsync/shared';
import { DEFAULT_RETENTION_POLICY, policyProblem, type RetentionPolicy } from './domain/retention.js';
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
  /**
   * The web client's Google "Web application" client id. Google redeems its codes only with its
   * client secret (the `oidc-web-client-secret` secret), so codes sent with one of
   * OIDC_WEB_REDIRECT_URIS are redeemed as this client, with that secret. Both or neither.
   */
  OIDC_WEB_CLIENT_ID: z.string().min(1).optional(),
  /** The web client's registered redirect URIs (comma-separated). */
  OIDC_WEB_REDIRECT_URIS: z
    .string()
    .min(1)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url()).min(1))
    .optional(),
  /**
   * More OpenID Connect issuers whose ID tokens sign people in or link to an account, as JSON:
   * `[{"issuer": "https://kauth.kakao.com", "clientIds": ["<app key>"]}]`. Default: none.
   */
  OIDC_ADDITIONAL_ISSUERS: z
    .string()
    .transform((value, ctx) => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON array of {"issuer", "clientIds"}' });
        return z.NEVER;
      }
    })
    .pipe(
      z
        .array(z.object({ issuer: z.url(), clientIds: z.array(z.string().min(1)).min(1) }).strict())
        .max(5)
        .refine((list) => new Set(list.map((p) => p.issuer)).size === list.length, 'each issuer once'),
    )
    .default([]),
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
  /**
   * Retention of inactive accounts (docs/decisions/022-inactive-account-retention.md): days without a
   * sign-in or session refresh after which an account is erased. A policy setting: PIPA no longer fixes
   * a period (docs/reference/pipa.md §7).
   */
  RETENTION_INACTIVE_DAYS: z.coerce.number().int().min(1).max(3650).default(DEFAULT_RETENTION_POLICY.inactiveDays),
  /** How many days before that erasure the owner is told (inbox and push); less than RETENTION_INACTIVE_DAYS. */
  RETENTION_NOTICE_DAYS: z.coerce.number().int().min(1).max(365).default(DEFAULT_RETENTION_POLICY.noticeDays),
};

/** The retention policy of the settings, checked as a whole (the notice must come before the erasure). */
export function retentionPolicyOf(config: { RETENTION_INACTIVE_DAYS: number; RETENTION_NOTICE_DAYS: number }): RetentionPolicy {
  const policy = { inactiveDays: config.RETENTION_INACTIVE_DAYS, noticeDays: config.RETENTION_NOTICE_DAYS };
  const problem = policyProblem(policy);
  if (problem) throw new ConfigError([problem]);
  return policy;
}
