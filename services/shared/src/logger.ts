import winston from 'winston';
import { currentContext } from './context.js';

export type Logger = winston.Logger;

const withRequestContext = winston.format((info) => {
  const context = currentContext();
  if (context) {
    info.traceId = context.traceId;
    info.requestId = context.requestId;
    if (context.userId) info.userId = context.userId;
  }
  return info;
});

/** JSON logs on stdout, one object a line, carrying the trace id of the request in flight. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return winston.createLogger({
    level,
    defaultMeta: { service },
    format: winston.format.combine(withRequestContext(), winston.format.timestamp(), winston.format.errors({ stack: true }), winston.format.json()),
    transports: [new winston.transports.Console()],
  });
}
