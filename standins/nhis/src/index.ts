/** Public surface for other packages' tests: start the stand-in in-process. Importing this starts nothing. */
export { type Config, loadConfig } from './config.js';
export { type Logger, createLogger, silentLogger } from './logger.js';
export { type Clock, type RunningStandin, createApp, start } from './server.js';
