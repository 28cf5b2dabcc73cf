export { type Config, ConfigError, loadConfig } from './config.js';
export { type Logger, createLogger, silentLogger } from './logger.js';
export { type RunningStandin, createApp, start } from './server.js';
