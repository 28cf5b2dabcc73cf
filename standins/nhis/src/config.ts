import { z } from 'zod';

/**
 * Configuration in two steps: read the raw NHIS_STANDIN_* values (empty counts as unset),
 * then build a typed config that fills defaults and names every missing or bad key.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

const settings = z.object({
  /** Port to listen on (loopback only). 0 picks a free port, which the tests use. */
  NHIS_STANDIN_PORT: z.coerce.number().int().min(0).max(65535).default(54100),
  /** OAuth client id the token endpoint accepts (the app's CODEF client id in production). */
  NHIS_STANDIN_CLIENT_ID: z.string().min(1),
  /** OAuth client secret paired with the client id. */
  NHIS_STANDIN_CLIENT_SECRET: z.string().min(1),
  /** "true" mounts the test-only /_control routes; anything but true/false is refused. */
  NHIS_STANDIN_CONTROL: z.enum(['true', 'false']).default('false'),
  /** How long a two-way session lives before confirm calls answer CF-12001 (reference: ~180 s). */
  NHIS_STANDIN_APPROVAL_TTL_SECONDS: z.coerce.number().positive().max(86_400).default(180),
  /** Lifetime of issued access tokens; CODEF documents one week. */
  NHIS_STANDIN_TOKEN_TTL_SECONDS: z.coerce.number().positive().default(604_800),
  /** Unapproved confirm calls answered with CF-03002 before the next one ends the session with CF-12872. */
  NHIS_STANDIN_UNAPPROVED_RETRIES: z.coerce.number().int().min(0).max(1_000).default(2),
});

export interface Config {
  port: number;
  clientId: string;
  clientSecret: string;
  controlEnabled: boolean;
  approvalTtlMs: number;
  tokenTtlSeconds: number;
  unapprovedRetries: number;
}

/** Step one: the raw values of our prefix, with empty strings treated as unset. */
export function readRawSettings(env: NodeJS.ProcessEnv): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('NHIS_STANDIN_') && value !== undefined && value.trim() !== '') raw[key] = value.trim();
  }
  return raw;
}

/** Step two: typed config, or a ConfigError naming each problem key. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = readRawSettings(env);
  const parsed = settings.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = issue.path.join('.');
        return raw[key] === undefined ? `${key} is missing` : `${key}: ${issue.message}`;
      }),
    );
  }
  const s = parsed.data;
  return {
    port: s.NHIS_STANDIN_PORT,
    clientId: s.NHIS_STANDIN_CLIENT_ID,
    clientSecret: s.NHIS_STANDIN_CLIENT_SECRET,
    controlEnabled: s.NHIS_STANDIN_CONTROL === 'true',
    approvalTtlMs: Math.round(s.NHIS_STANDIN_APPROVAL_TTL_SECONDS * 1000),
    tokenTtlSeconds: s.NHIS_STANDIN_TOKEN_TTL_SECONDS,
    unapprovedRetries: s.NHIS_STANDIN_UNAPPROVED_RETRIES,
  };
}
