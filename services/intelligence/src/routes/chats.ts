import { AccountDeletedError, consentResponses, documented, route, type ConsentCheck, type Input, type Logger, type RouteSpec } from '@healthsync/shared';
import { z } from 'zod';
import { MAX_MESSAGE_CHARS } from '../domain/chat.js';
import { charLength } from '../domain/korean.js';
import type { Chat, ReplySink } from '../handlers/chat.js';
import { chatIds, historyExample, newSessionExample, replyExample, sessionListExample, sseExample } from './examples.js';
import { AI_CONSENTS, historySchema, replySchema, sessionListSchema, sessionSchema, sseDescription } from './schemas.js';

const chatMissing = { 404: { description: 'No such chat of this user', codes: { CHAT_NOT_FOUND: 'There is no such chat.' } } };

type Request = Input<unknown, unknown, unknown>['req'];
type Response = Input<unknown, unknown, unknown>['res'];

const chatParams = z.object({ id: z.uuid('id must be a chat id') });

const messageBody = z
  .object({
    message: documented(
      z
        .string()
        .trim()
        .min(1, 'message is required')
        .refine((text) => charLength(text) <= MAX_MESSAGE_CHARS, `message is at most ${MAX_MESSAGE_CHARS} characters`),
      {
        type: 'string',
        minLength: 1,
        maxLength: MAX_MESSAGE_CHARS,
        description: `The question, at most ${MAX_MESSAGE_CHARS} characters (Unicode code points); blank after trimming is answered 400`,
      },
    ),
  })
  .strict();

const historyQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Messages per page (newest page first)'),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'not a cursor this API returned')
    .optional()
    .describe('Opaque cursor: `nextCursor` of the previous page, passed back unchanged; a cursor this API did not return is answered 400 VALIDATION_FAILED'),
});

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/, 'cursor must come from a previous page')
    .optional()
    .describe('Opaque cursor: `nextCursor` of the previous page, passed back unchanged; a forged one is answered 400 VALIDATION_FAILED'),
});

function wantsStream(req: Request): boolean {
  return (req.headers.accept ?? '').toLowerCase().includes('text/event-stream');
}

/** Server-sent events on the response; writes after the client left are dropped. */
function sseSink(res: Response): ReplySink & { open(): boolean } {
  let index = 0;
  let started = false;
  const write = (event: string, data: unknown) => {
    if (res.writableEnded || res.destroyed) return;
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  return {
    open: () => started,
    start(meta) {
      started = true;
      res.status(200);
      res.setHeader('content-type', 'text/event-stream; charset=utf-8');
      res.setHeader('cache-control', 'no-cache, no-transform');
      res.setHeader('x-accel-buffering', 'no');
      res.flushHeaders();
      write('meta', meta);
    },
    token(text) {
      write('token', { index, text });
      index += 1;
    },
    error(code, detail) {
      write('error', { code, detail });
    },
    done(reply) {
      write('done', reply);
      if (!res.writableEnded) res.end();
    },
  };
}

export function createChatRoutes(chat: Chat, logger: Logger, consents: ConsentCheck): RouteSpec[] {
  return [
    route({
      method: 'post',
      path: '/api/intelligence/chats',
      operationId: 'openChat',
      summary: 'Open a chat session about the user’s health',
      summaryKo: 'AI 건강 상담 시작',
      tags: ['intelligence'],
      access: 'user',
      responses: {
        201: {
          description: 'The new session',
          schema: sessionSchema,
          example: newSessionExample,
          headers: { Location: 'The session, `/api/intelligence/chats/{id}`' },
        },
      },
      async handler({ userId, res }) {
        const session = await chat.open(userId);
        res.setHeader('Location', `/api/intelligence/chats/${session.id}`);
        return session;
      },
    }),
    route({
      method: 'get',
      path: '/api/intelligence/chats',
      operationId: 'listChats',
      summary: 'The user’s chat sessions, newest first',
      summaryKo: '상담 목록',
      tags: ['intelligence'],
      access: 'user',
      query: listQuery,
      example: { query: { limit: '20' } },
      responses: { 200: { description: 'A page of sessions', schema: sessionListSchema, example: sessionListExample } },
      async handler({ userId, query }) {
        return chat.list(userId, query.limit, query.cursor);
      },
    }),
    route({
      method: 'get',
      path: '/api/intelligence/chats/:id',
      operationId: 'getChat',
      summary: 'A chat session with its messages, a page at a time (newest page first)',
      summaryKo: '상담 내용 보기',
      tags: ['intelligence'],
      access: 'user',
      params: chatParams,
      query: historyQuery,
      example: { params: { id: chatIds.sessionId }, query: { limit: '20' } },
      responses: {
        200: { description: 'The session and a page of its history', schema: historySchema, example: historyExample },
        ...chatMissing,
      },
      async handler({ userId, params, query }) {
        return chat.history(userId, params.id, query.limit, query.cursor);
      },
    }),
    route({
      method: 'delete',
      path: '/api/intelligence/chats/:id',
      operationId: 'deleteChat',
      summary: 'Delete a chat session and its messages',
      summaryKo: '상담 삭제',
      tags: ['intelligence'],
      access: 'user',
      params: chatParams,
      example: { params: { id: chatIds.sessionId } },
      responses: { 204: { description: 'Deleted' }, ...chatMissing },
      async handler({ userId, params }) {
        await chat.remove(userId, params.id);
        return undefined;
      },
    }),
    route({
      method: 'post',
      path: '/api/intelligence/chats/:id/messages',
      operationId: 'askInChat',
      summary: 'Ask a question; the answer is streamed as server-sent events when the request accepts text/event-stream',
      summaryKo: 'AI에게 질문하기(스트리밍 답변)',
      tags: ['intelligence'],
      access: 'user',
      idempotent: true,
      params: chatParams,
      body: messageBody,
      example: { params: { id: chatIds.sessionId }, body: { message: '공복혈당 108이면 당뇨 전단계인가요?' } },
      responses: {
        // Declaring the stream makes the gateway allow it its long timeout.
        200: { description: sseDescription, contentType: 'text/event-stream', schema: z.string(), example: sseExample },
        201: { description: 'The stored question and answer (without Accept: text/event-stream)', schema: replySchema, example: replyExample },
        ...chatMissing,
        429: {
          description: 'The user already has CHAT_MAX_CONCURRENT_STREAMS answers streaming; Retry-After says when to try again',
          codes: {
            CHAT_STREAMS_EXCEEDED: 'At most 2 chat answers can stream at once; wait for one to finish.',
            RATE_LIMITED: 'Too many requests; try again later.',
          },
        },
        ...consentResponses(AI_CONSENTS),
      },
      async handler({ userId, params, body, req, res }) {
        // Before anything is stored or sent to the AI provider.
        await consents.require(userId, AI_CONSENTS);
        if (!wantsStream(req)) {
          res.status(201).json(await chat.answer(userId, params.id, body.message));
          return undefined;
        }
        // The response, not the request: the request's 'close' fires as soon as its body has been read.
        // The abort stops the model's stream, so a client that left stops costing tokens.
        const controller = new AbortController();
        res.on('close', () => {
          if (!res.writableEnded) controller.abort();
        });
        const sink = sseSink(res);
        try {
          await chat.answerStreaming(userId, params.id, body.message, sink, controller.signal);
        } catch (error) {
          if (!sink.open()) throw error;
          if (error instanceof AccountDeletedError) {
            // The account was deleted while the answer streamed: nothing of it was stored.
            sink.error(error.code, error.message);
          } else {
            logger.error('chat stream failed after it started', { error });
            sink.error('INTERNAL', 'Something went wrong on our side.');
          }
          if (!res.writableEnded) res.end();
        }
        return undefined;
      },
    }),
  ];
}
