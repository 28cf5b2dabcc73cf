import { createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/** A setting is missing or wrong; every problem is named. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

const settings = z.object({
  /** Port to listen on (loopback only); 0 picks a free one (tests). */
  FCM_STANDIN_PORT: z.coerce.number().int().min(0).max(65535).default(54300),
  /** The Firebase project whose `messages:send` is served; other projects are refused (403). */
  FCM_STANDIN_PROJECT_ID: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'a Google Cloud project id'),
  /** The service account allowed to send: its `client_email` and its public key (PEM, SPKI or the private key it derives from). */
  FCM_STANDIN_CLIENT_EMAIL: z.email(),
  FCM_STANDIN_PUBLIC_KEY: z.string().min(1),
  /** The `aud` an assertion must carry: the `token_uri` of the service-account file. Default: this stand-in's own /token. */
  FCM_STANDIN_TOKEN_URI: z.url().optional(),
  /** Lifetime of the access tokens it issues, seconds (Google: 3599). */
  FCM_STANDIN_TOKEN_TTL_SECONDS: z.coerce.number().int().min(1).max(3600).default(3599),
  /** Added to every answer, ms. */
  FCM_STANDIN_LATENCY_MS: z.coerce.number().int().min(0).max(10_000).default(5),
  /** "true" mounts the test-only /control routes (delivered messages, failure injection). */
  FCM_STANDIN_CONTROL: z.enum(['true', 'false']).default('false'),
});

export interface Config {
  port: number;
  projectId: string;
  clientEmail: string;
  publicKey: KeyObject;
  tokenUri: string | undefined;
  tokenTtlSeconds: number;
  latencyMs: number;
  control: boolean;
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const raw = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('FCM_STANDIN_') && v !== ''));
  const parsed = settings.safeParse(raw);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const s = parsed.data;
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(s.FCM_STANDIN_PUBLIC_KEY);
  } catch {
    throw new ConfigError(['FCM_STANDIN_PUBLIC_KEY: not a PEM key']);
  }
  if (publicKey.asymmetricKeyType !== 'rsa') throw new ConfigError(['FCM_STANDIN_PUBLIC_KEY: must be an RSA key (service accounts sign RS256)']);
  return {
    port: s.FCM_STANDIN_PORT,
    projectId: s.FCM_STANDIN_PROJECT_ID,
    clientEmail: s.FCM_STANDIN_CLIENT_EMAIL,
    publicKey,
    tokenUri: s.FCM_STANDIN_TOKEN_URI,
    tokenTtlSeconds: s.FCM_STANDIN_TOKEN_TTL_SECONDS,
    latencyMs: s.FCM_STANDIN_LATENCY_MS,
    control: s.FCM_STANDIN_CONTROL === 'true',
  };
}
