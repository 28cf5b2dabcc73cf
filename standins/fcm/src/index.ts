export { type Config, ConfigError, loadConfig } from './config.js';
export { type Logger, createLogger, silentLogger } from './logger.js';
export { type DeliveredMessage, type RunningStandin, createStandin, start } from './server.js';
