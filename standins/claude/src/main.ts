import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { start } from './server.js';

const logger = createLogger();

let config;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) {
    logger.error('invalid configuration', { problems: err.problems });
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  throw err;
}

let running;
try {
  running = await start(config, { logger });
} catch (err) {
  const code = (err as NodeJS.ErrnoException).code;
  logger.error('could not start', {
    error: code === 'EADDRINUSE' ? `port ${config.port} is already in use (CLAUDE_STANDIN_PORT)` : String(err),
  });
  process.exit(1);
}
const stopping = running;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info('stopping', { signal });
    stopping.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
