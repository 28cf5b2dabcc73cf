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
