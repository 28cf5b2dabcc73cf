import fs from 'node:fs';
import winston from 'winston';
import { currentContext } from './context.js';

export type Logger = winston.Logger;

/** winston's keys for the level and the finished line (triple-beam's, shared by every format and transport). */
const LEVEL = Symbol.for('level');
const MESSAGE = Symbol.for('message');

type Info = winston.Logform.TransformableInfo & { [key: symbol]: unknown };

/** JSON of a log entry: bigints as strings, a cycle as "[Circular]" (never a thrown error from logging). */
function toJson(info: Info): string {
  const replacer = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);
  try {
    return JSON.stringify(info, replacer);
  } catch {
    const seen = new WeakSet<object>();
    return JSON.stringify(info, (key, value: unknown) => {
      if (typeof value === 'object' && value !== null) {
        if (seen.has(value)) return '[Circular]';
        seen.add(value);
      }
      return replacer(key, value);
    });
  }
}

/**
 * The line format, in one pass: the trace id, request id and user of the request in flight,
 * the time, an Error's message and stack (logged as the entry or as its message), and the JSON.
 */
const line = winston.format((entry) => {
  let info = entry as Info;
  if (info instanceof Error) {
    const error: Error = info;
    info = { ...error, level: info.level, [LEVEL]: info[LEVEL] ?? info.level, message: error.message, stack: error.stack };
  } else if (info.message instanceof Error) {
    const error = info.message;
    Object.assign(info, error);
    info.message = error.message;
    info.stack = error.stack;
  }
  const context = currentContext();
  if (context) {
    info.traceId = context.traceId;
    info.requestId = context.requestId;
    if (context.userId) info.userId = context.userId;
  }
  info.timestamp ??= new Date().toISOString();
  info[MESSAGE] = toJson(info);
  return info;
});

/**
 * Lines wait for the end of the event-loop turn and go to stdout in one write: a busy service
 * logs a line per request, and one write per line cost more CPU than making the line. Shared by
 * every logger of the process so lines keep their order; what is still waiting when the process
 * exits is written before it goes.
 */
const waiting: string[] = [];
let flushScheduled = false;

function flush(): void {
  flushScheduled = false;
  if (waiting.length === 0) return;
  const text = waiting.join('');
  waiting.length = 0;
  process.stdout.write(text);
}

process.once('exit', () => {
  if (waiting.length === 0) return;
  try {
    fs.writeSync(process.stdout.fd, waiting.join(''));
  } catch {
    // stdout is gone: nothing left to write to.
  }
  waiting.length = 0;
});

/** winston's transport base class (its typings name it only as a namespace). */
const TransportBase = (winston as unknown as { Transport: new () => winston.transport }).Transport;

class BatchedStdout extends TransportBase {
  override log(info: Info, done: () => void): void {
    waiting.push(`${String(info[MESSAGE])}\n`);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
    done();
  }
}

/** JSON logs on stdout, one object a line, carrying the trace id of the request in flight. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return winston.createLogger({
    level,
    defaultMeta: { service },
    format: line(),
    transports: [new BatchedStdout()],
  });
}
