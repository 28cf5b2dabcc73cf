import { type Config, ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { type RunningStandin, start } from './server.js';

const logger = createLogger();

function configOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    logger.error('invalid configuration', { problems: err.problems });
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}

async function startOrExit(config: Config): Promise<RunningStandin> {
  try {
    return await start(config, { logger });
  } catch (err) {
    const inUse = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
    logger.error('could not start', {
      error: inUse ? `port ${config.port} is already in use (NHIS_STANDIN_PORT)` : String(err),
    });
    process.exit(1);
  }
}

const running = await startOrExit(configOrExit());

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info('stopping', { signal });
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
