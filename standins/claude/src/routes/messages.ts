import { timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { LoggedRequest } from '../adapters/request-log.js';
import type { RealismControls } from '../adapters/realism.js';
import type { Stats } from '../adapters/stats.js';
import { countInputTokens } from '../domain/answer.js';
import { formatSse, streamEvents } from '../domain/sse.js';
import type { Message } from '../domain/types.js';
import type { MessagesHandler } from '../handlers/messages.js';
import { sendApiError } from './api-errors.js';
import { parseMessagesRequest } from './messages-schema.js';

export interface MessagesRouterDeps {
  apiKey: string;
  handler: MessagesHandler;
  stats: Stats;
  realism: RealismControls;
}

function sameKey(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks credentials and the version header; returns the error to send, if any. The key is
 * accepted as x-api-key (the classic header) or as "Authorization: Bearer <key>", which is how
 * @anthropic-ai/sdk 1.x sends an apiKey.
 */
export function headerProblem(req: Request, apiKey: string): { status: number; type: string; message: string } | undefined {
  const key = req.get('x-api-key');
  const bearer = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1]?.trim();
  if (!key && !bearer) return { status: 401, type: 'authentication_error', message: 'x-api-key header is required' };
  if (key && !sameKey(key, apiKey)) return { status: 401, type: 'authentication_error', message: 'invalid x-api-key' };
  if (!key && bearer && !sameKey(bearer, apiKey)) return { status: 401, type: 'authentication_error', message: 'invalid bearer token' };
  const version = req.get('anthropic-version');
  if (version === undefined || version === '') return { status: 400, type: 'invalid_request_error', message: 'anthropic-version: header is required' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(version))
    return { status: 400, type: 'invalid_request_error', message: `anthropic-version: "${version}" is not a valid version` };
  return undefined;
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => (ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : nextTick());

/** Tokens in one streamed delta, by the stand-in's count (a third of its characters). */
function deltaTokens(data: Record<string, unknown>): number {
  const delta = data.delta as { text?: string; partial_json?: string } | undefined;
  const text = delta?.text ?? delta?.partial_json ?? '';
  return text === '' ? 0 : Math.max(1, Math.ceil(Array.from(text).length / 3));
}

/**
 * Writes a streamed answer event by event, the first after the time to first token and each
 * delta at the configured output speed (or `chunkDelayMs` apart when a test asks for a slow
 * stream). If the client goes away first it stops, as the real API stops generating, and the
 * request log says so (aborted, events sent).
 */
async function writeStream(res: Response, message: Message, realism: RealismControls, chunkDelayMs: number, entry: LoggedRequest, stats: Stats): Promise<void> {
  res.status(200).set({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
  const events = streamEvents(message);
  entry.eventsTotal = events.length;
  entry.eventsSent = 0;
  let first = true;
  for (const event of events) {
    if (res.destroyed) {
      entry.aborted = true;
      stats.recordAbort();
      return;
    }
    res.write(formatSse(event));
    entry.eventsSent += 1;
    if (chunkDelayMs > 0) await sleep(chunkDelayMs);
    else if (first) {
      first = false;
      await sleep(realism.firstTokenMs());
    } else {
      await sleep(event.event === 'content_block_delta' ? realism.perTokensMs(deltaTokens(event.data)) : 0);
    }
  }
  entry.aborted = false;
  res.end();
}

export function createMessagesRouter(deps: MessagesRouterDeps): Router {
  const router = Router();

  router.post('/v1/messages', (req: Request, res: Response, next: NextFunction) => {
    res.once('close', deps.stats.begin());
    const problem = headerProblem(req, deps.apiKey);
    if (problem) {
      deps.stats.record({ status: problem.status, stream: false });
      sendApiError(res, problem.status, problem.type, problem.message);
      return;
    }
    next();
  });

  router.post('/v1/messages', express.json({ limit: '32mb' }), async (req: Request, res: Response) => {
    const entry = deps.handler.receive(req.body, String(res.getHeader('request-id')));
    const parsed = parseMessagesRequest(req.body);
    if (!parsed.ok) {
      const outcome = deps.handler.reject(entry, parsed.message);
      if (outcome.kind === 'error') sendApiError(res, outcome.status, outcome.type, outcome.message, outcome.headers);
      return;
    }
    const admitted = deps.realism.admitMessage(countInputTokens(parsed.request), parsed.request.max_tokens);
    if ('status' in admitted) {
      deps.handler.refuse(entry, admitted);
      sendApiError(res, admitted.status, admitted.type, admitted.message, admitted.headers);
      return;
    }
    res.set(admitted.headers);
    const outcome = await deps.handler.handle(parsed.request, entry);
    if (outcome.kind === 'error') {
      sendApiError(res, outcome.status, outcome.type, outcome.message, outcome.headers);
      return;
    }
    deps.realism.limits.countOutput(outcome.message.usage.output_tokens);
    if (outcome.stream) await writeStream(res, outcome.message, deps.realism, outcome.chunkDelayMs, entry, deps.stats);
    else {
      // A non-streamed answer arrives when the whole of it has been generated.
      await sleep(deps.realism.firstTokenMs() + deps.realism.perTokensMs(outcome.message.usage.output_tokens));
      if (!res.destroyed) res.status(200).json(outcome.message);
    }
  });

  // Body-parser failures, in the API's envelope.
  router.use('/v1/messages', (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const type = (err as { type?: unknown }).type;
    if (type === 'entity.too.large') {
      deps.stats.record({ status: 413, stream: false });
      return sendApiError(res, 413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.');
    }
    if (type === 'entity.parse.failed') {
      deps.stats.record({ status: 400, stream: false });
      return sendApiError(res, 400, 'invalid_request_error', 'There was an error parsing the body');
    }
    next(err);
  });

  return router;
}
