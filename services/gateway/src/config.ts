import { z } from 'zod';
import { baseSettings, loadConfig } from '@healthsync/shared';

/** Gateway settings, read once at start-up. */
export const gatewaySchema = z.object({
  ...baseSettings,
  /** Origins allowed by CORS (comma-separated); empty allows none. Native apps need none. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** Requests per client per minute before 429. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(300),
  /** Largest request body forwarded. */
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  /**
   * Behind Azure Front Door: the profile's resource GUID (`tofu output frontdoor_id`). Then an
   * anonymous client is the `X-Azure-ClientIP` of requests whose `X-Azure-FDID` matches it, and
   * requests without it are refused. Empty when not behind Front Door.
   */
  FRONT_DOOR_ID: z.union([z.literal(''), z.guid()]).default(''),
  /**
   * Without Front Door: how many proxies in front of the gateway append to X-Forwarded-For
   * (an ingress controller alone: 1); 0 keys anonymous clients by the connection's peer.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  /**
   * Fraction of requests whose trace is sampled, decided here for every client request (a
   * client's sampled flag in `traceparent` is ignored); the services and sidecars follow it.
   */
  TRACE_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(0.01),
  /** `iss` the user service puts in access tokens. */
  TOKEN_ISSUER: z.string().min(1).default('healthsync'),
  /** `aud` the user service puts in access tokens. */
  TOKEN_AUDIENCE: z.string().min(1).default('healthsync-api'),
  /**
   * At most one fetch of the access-token keys (JWKS) per this many seconds when tokens carry
   * an unknown key id; such a request waits for the next allowed fetch (at most this long).
   */
  JWKS_MIN_REFRESH_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  /** The JWKS is fetched again in the background once older than this (retired keys drop out). */
  JWKS_MAX_AGE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  /** Upper bound for an ordinary upstream call (ms). */
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  /**
   * Deadline of each part of the home screen (GET /api/home, ms): a part whose service has not
   * answered by then is served as unavailable, so one slow service cannot hold the screen.
   */
  HOME_PART_TIMEOUT_MS: z.coerce.number().int().min(100).max(15_000).default(2_500),
  /** Upper bound for a streamed (server-sent events) upstream call (ms). */
  STREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  /**
   * Benchmark baseline only: reach services over plain HTTP at these base URLs
   * (`app=http://host:port,…`) instead of through the sidecar. Never set in deployments.
   */
  DIRECT_UPSTREAMS: z.string().default(''),
  /**
   * Oldest app version still served (`major.minor.patch`); an app sending an older
   * `X-App-Version` gets 426 APP_UPDATE_REQUIRED naming its store. Empty: every version.
   */
  MIN_APP_VERSION: z.union([z.literal(''), z.string().regex(/^\d{1,4}\.\d{1,4}\.\d{1,6}$/, 'must be major.minor.patch, e.g. 2.4.0')]).default(''),
  /** Store pages named in that answer. */
  APP_STORE_URL: z.url().default('https://apps.apple.com/kr/app/healthsync/id0000000000'),
  PLAY_STORE_URL: z.url().default('https://play.google.com/store/apps/details?id=com.healthsync.app'),
});

export type GatewayConfig = z.output<typeof gatewaySchema>;

export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return loadConfig(gatewaySchema, env);
}
