import { z } from 'zod';

/**
 * Configuration is read once at start-up from the environment and validated against a
 * schema; the first problem stops the service with the name of the setting. Secrets are
 * not configuration: they come from the Dapr secret store.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    return env[name] === undefined || env[name] === '' ? `${name} is missing` : `${name}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/** A TCP port given as text in the environment. */
export const portSetting = () => z.coerce.number().int().min(1).max(65535);

/** Settings every service reads: its own port and its sidecar's. */
export const baseSettings = {
  /** Port the service's HTTP server listens on (set by the Dapr run file or the chart). */
  APP_PORT: portSetting(),
  /** HTTP port of this service's Dapr sidecar. */
  DAPR_HTTP_PORT: portSetting(),
  /** gRPC API port of this service's Dapr sidecar (the CLI and the sidecar injector set it); needed only with `grpc` below. */
  DAPR_GRPC_PORT: portSetting().optional(),
  /**
   * How the Dapr SDK reaches the sidecar for publish, state and secrets: `http` (chosen by
   * measurement, docs/decisions/002-sidecar-http-api.md) or `grpc`. Invocation is HTTP either way.
   */
  DAPR_CLIENT_PROTOCOL: z.enum(['http', 'grpc']).default('http'),
  /** Token the sidecar requires on its API, when one is configured. */
  DAPR_API_TOKEN: z.string().min(1).optional(),
  /** Token the sidecar presents when it calls this app; requests without it are refused. */
  APP_API_TOKEN: z.string().min(1).optional(),
  /** Address to bind; loopback locally, all interfaces in a pod. */
  APP_HOST: z.string().default('127.0.0.1'),
  /** winston log level. */
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
};

const wholeSeconds = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/**
 * Settings of the outbox relay and of account erasure, read by every service with a database
 * (docs/decisions/013-erasure-always-completes.md). The defaults are the production values.
 */
export const reliabilitySettings = {
  /** Published outbox rows are deleted this long after publishing (s). */
  OUTBOX_RETENTION_SECONDS: wholeSeconds(1, 90 * 86_400, 3 * 86_400),
  /** A row that failed this many times while the broker accepted other events is parked. */
  OUTBOX_PARK_AFTER_STRIKES: wholeSeconds(1, 1000, 5),
  /** A row is parked after this many failed attempts in all (with the back-off capped at 5 minutes: about two hours). */
  OUTBOX_PARK_AFTER_ATTEMPTS: wholeSeconds(2, 10_000, 30),
  /** How often pending erasures are looked for (s); also the first retry delay, which then doubles. */
  ERASURE_SWEEP_SECONDS: wholeSeconds(1, 3600, 60),
  /** The longest wait between two attempts of one pending erasure (s). */
  ERASURE_MAX_RETRY_SECONDS: wholeSeconds(1, 86_400, 3600),
};

type ReliabilityConfig = { [K in keyof typeof reliabilitySettings]: number };

/** The outbox relay's limits from the validated settings. */
export function outboxLimitsOf(config: ReliabilityConfig) {
  return {
    retentionSeconds: config.OUTBOX_RETENTION_SECONDS,
    parkAfterStrikes: config.OUTBOX_PARK_AFTER_STRIKES,
    parkAfterAttempts: config.OUTBOX_PARK_AFTER_ATTEMPTS,
  };
}

/** The erasure sweeper's timing from the validated settings. */
export function erasureTimingOf(config: ReliabilityConfig) {
  return { sweepIntervalMs: config.ERASURE_SWEEP_SECONDS * 1000, maxRetryDelayMs: config.ERASURE_MAX_RETRY_SECONDS * 1000 };
}
