import { z } from 'zod';

/**
 * Configuration in two steps: read the raw CLAUDE_STANDIN_* values (empty counts as unset),
 * then build a typed config that fills defaults and names every missing or bad key.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

const nonNegative = (max: number) => z.coerce.number().int().min(0).max(max).optional();

const settings = z.object({
  /** Port to listen on (loopback only). 0 picks a free port, which the tests use. */
  CLAUDE_STANDIN_PORT: z.coerce.number().int().min(0).max(65535).default(54200),
  /** The API key clients must send in x-api-key; no default, so a forgotten key fails loudly. */
  CLAUDE_STANDIN_API_KEY: z.string().min(1),
  /** "true" mounts the test-only /_control routes; anything but true/false is refused. */
  CLAUDE_STANDIN_CONTROL: z.enum(['true', 'false']).default('false'),
  /**
   * `instant` (default: answers at once, no limits, no random failures) or `realistic` (the
   * published latency and rate limits of the model, occasional 529s, batch processing time;
   * see docs/reference/anthropic-api.md). Each figure below overrides the profile's value.
   */
  CLAUDE_STANDIN_PROFILE: z.enum(['instant', 'realistic']).default('instant'),
  CLAUDE_STANDIN_TTFT_MS: nonNegative(60_000),
  CLAUDE_STANDIN_OUTPUT_TOKENS_PER_SECOND: nonNegative(100_000),
  CLAUDE_STANDIN_RPM: nonNegative(10_000_000),
  CLAUDE_STANDIN_ITPM: nonNegative(1_000_000_000),
  CLAUDE_STANDIN_OTPM: nonNegative(1_000_000_000),
  CLAUDE_STANDIN_OVERLOADED_RATE: z.coerce.number().min(0).max(1).optional(),
  CLAUDE_STANDIN_BATCH_RPM: nonNegative(10_000_000),
  CLAUDE_STANDIN_BATCH_QUEUE_LIMIT: nonNegative(100_000_000),
  CLAUDE_STANDIN_BATCH_BASE_SECONDS: nonNegative(86_400),
  CLAUDE_STANDIN_BATCH_REQUESTS_PER_SECOND: z.coerce.number().positive().max(1_000_000).optional(),
  CLAUDE_STANDIN_BATCH_ERROR_RATE: z.coerce.number().min(0).max(1).optional(),
  CLAUDE_STANDIN_BATCH_EXPIRE_RATE: z.coerce.number().min(0).max(1).optional(),
  /** Batch processing (and expiry) runs this many times faster than real time: a bench's fast-forward. */
  CLAUDE_STANDIN_TIME_SCALE: z.coerce.number().min(1).max(10_000).default(1),
});

/**
 * How close to the real API the stand-in behaves. Zero means "off" for every limit and delay.
 */
export interface Realism {
  profile: 'instant' | 'realistic';
  /** Time to first token, ms (jittered ±30 % per request). */
  ttftMs: number;
  /** Output speed once the first token is out; 0 writes the whole answer at once. */
  outputTokensPerSecond: number;
  /** Messages API limits per minute (token buckets, refilled continuously); 0 = unlimited. */
  requestsPerMinute: number;
  inputTokensPerMinute: number;
  outputTokensPerMinute: number;
  /** Share of Messages requests answered 529 overloaded_error. */
  overloadedRate: number;
  /** Message Batches API: requests per minute over all its endpoints; 0 = unlimited. */
  batchRequestsPerMinute: number;
  /** Batch requests not yet processed, over all batches, beyond which a create is refused (429). */
  batchQueueLimit: number;
  /** A batch's fixed processing delay before its first request is done, s (before the time scale). */
  batchBaseSeconds: number;
  /** Batch requests processed per second over all batches (a FIFO queue), before the time scale. */
  batchRequestsPerSecond: number;
  /** Shares of batch requests that end errored (api_error) or expired. */
  batchErrorRate: number;
  batchExpireRate: number;
  timeScale: number;
}

export const PROFILES: Readonly<Record<Realism['profile'], Omit<Realism, 'profile' | 'timeScale'>>> = {
  instant: {
    ttftMs: 0,
    outputTokensPerSecond: 0,
    requestsPerMinute: 0,
    inputTokensPerMinute: 0,
    outputTokensPerMinute: 0,
    overloadedRate: 0,
    batchRequestsPerMinute: 0,
    batchQueueLimit: 0,
    batchBaseSeconds: 0,
    batchRequestsPerSecond: 100_000,
    batchErrorRate: 0,
    batchExpireRate: 0,
  },
  // Claude Haiku 4.5 at usage tier 4; docs/reference/anthropic-api.md gives the sources.
  realistic: {
    ttftMs: 600,
    outputTokensPerSecond: 55,
    requestsPerMinute: 4_000,
    inputTokensPerMinute: 4_000_000,
    outputTokensPerMinute: 800_000,
    overloadedRate: 0.002,
    batchRequestsPerMinute: 4_000,
    batchQueueLimit: 500_000,
    batchBaseSeconds: 300,
    batchRequestsPerSecond: 40,
    batchErrorRate: 0.001,
    batchExpireRate: 0.001,
  },
};

export interface Config {
  port: number;
  apiKey: string;
  controlEnabled: boolean;
  realism: Realism;
}

/** Step one: the raw values of our prefix, with empty strings treated as unset. */
export function readRawSettings(env: NodeJS.ProcessEnv): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('CLAUDE_STANDIN_') && value !== undefined && value.trim() !== '') raw[key] = value.trim();
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
  const base = PROFILES[s.CLAUDE_STANDIN_PROFILE];
  return {
    port: s.CLAUDE_STANDIN_PORT,
    apiKey: s.CLAUDE_STANDIN_API_KEY,
    controlEnabled: s.CLAUDE_STANDIN_CONTROL === 'true',
    realism: {
      profile: s.CLAUDE_STANDIN_PROFILE,
      ttftMs: s.CLAUDE_STANDIN_TTFT_MS ?? base.ttftMs,
      outputTokensPerSecond: s.CLAUDE_STANDIN_OUTPUT_TOKENS_PER_SECOND ?? base.outputTokensPerSecond,
      requestsPerMinute: s.CLAUDE_STANDIN_RPM ?? base.requestsPerMinute,
      inputTokensPerMinute: s.CLAUDE_STANDIN_ITPM ?? base.inputTokensPerMinute,
      outputTokensPerMinute: s.CLAUDE_STANDIN_OTPM ?? base.outputTokensPerMinute,
      overloadedRate: s.CLAUDE_STANDIN_OVERLOADED_RATE ?? base.overloadedRate,
      batchRequestsPerMinute: s.CLAUDE_STANDIN_BATCH_RPM ?? base.batchRequestsPerMinute,
      batchQueueLimit: s.CLAUDE_STANDIN_BATCH_QUEUE_LIMIT ?? base.batchQueueLimit,
      batchBaseSeconds: s.CLAUDE_STANDIN_BATCH_BASE_SECONDS ?? base.batchBaseSeconds,
      batchRequestsPerSecond: s.CLAUDE_STANDIN_BATCH_REQUESTS_PER_SECOND ?? base.batchRequestsPerSecond,
      batchErrorRate: s.CLAUDE_STANDIN_BATCH_ERROR_RATE ?? base.batchErrorRate,
      batchExpireRate: s.CLAUDE_STANDIN_BATCH_EXPIRE_RATE ?? base.batchExpireRate,
      timeScale: s.CLAUDE_STANDIN_TIME_SCALE,
    },
  };
}
