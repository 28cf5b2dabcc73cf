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

const settings = z.object({
  /** Port to listen on (loopback only). 0 picks a free port, which the tests use. */
  CLAUDE_STANDIN_PORT: z.coerce.number().int().min(0).max(65535).default(54200),
  /** The API key clients must send in x-api-key; no default, so a forgotten key fails loudly. */
  CLAUDE_STANDIN_API_KEY: z.string().min(1),
  /** "true" mounts the test-only /_control routes; anything but true/false is refused. */
  CLAUDE_STANDIN_CONTROL: z.enum(['true', 'false']).default('false'),
});

export interface Config {
  port: number;
  apiKey: string;
  controlEnabled: boolean;
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
  return {
    port: s.CLAUDE_STANDIN_PORT,
    apiKey: s.CLAUDE_STANDIN_API_KEY,
    controlEnabled: s.CLAUDE_STANDIN_CONTROL === 'true',
  };
}
