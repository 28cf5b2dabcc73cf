import { ConfigError, loadConfig } from './config.js';
import { KeyFileError } from './adapters/key-file.js';
import { createLogger } from './logger.js';
import { start } from './server.js';

/** The only file that reads the environment, listens and handles signals. */
const logger = createLogger();

try {
  const config = loadConfig(process.env);
  const running = await start({ ...config, logger });

  let signalled = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    logger.info('shutting down', { signal });
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', { error: error instanceof Error ? error.message : String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
} catch (error) {
  if (error instanceof ConfigError || error instanceof KeyFileError) {
    logger.error(error.message);
  } else {
    logger.error('failed to start', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
  process.exit(1);
}
