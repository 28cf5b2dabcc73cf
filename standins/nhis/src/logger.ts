/**
 * A small JSON-lines logger on stdout. The stand-in deliberately does not depend on the
 * services' shared package, so it can run (and be swapped for the real aggregator) alone.
 * Callers pass only masked personal data (see domain/masking.ts).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LoggerOptions {
  level?: LogLevel;
  write?: (line: string) => void;
  now?: () => number;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const min = order[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? Date.now;
  const log =
    (level: LogLevel) =>
    (msg: string, fields: LogFields = {}) => {
      if (order[level] < min) return;
      write(JSON.stringify({ time: new Date(now()).toISOString(), level, service: 'standin-nhis', msg, ...fields }));
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** For tests: swallows everything. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
