import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';
import { start } from './server.js';

const logger = createLogger();

function configOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    logger.error('invalid configuration', { problems: error.problems });
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

const config = configOrExit();
const running = await start(config, { logger }).catch((error: NodeJS.ErrnoException) => {
  logger.error('could not start', { error: error.code === 'EADDRINUSE' ? `port ${config.port} is already in use (FCM_STANDIN_PORT)` : String(error) });
  process.exit(1);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info('stopping', { signal });
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
