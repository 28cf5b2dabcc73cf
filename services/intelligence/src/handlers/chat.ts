import { randomUUID } from 'node:crypto';
import { AppError, NotFoundError, seoulToday, ValidationError, withLiveUser, type Clock, type Db, type Logger } from '@healthsync/shared';
import type { ChatMessage, ChatSession } from '../adapters/chats-repository.js';
import type { IntelligenceRepositories } from '../adapters/repositories.js';
import { ModelUnavailableError, type LanguageModel } from '../adapters/claude.js';
import { HealthDataUnavailableError, type HealthClient } from '../adapters/health-client.js';
import { reservationFor } from '../domain/budget.js';
import { fallbackChatAnswer, recentTurns, sessionTitle, suggestedQuestions, type Turn } from '../domain/chat.js';
import { chatGroundingFor, NUMBERS_REMOVED_NOTE, settleChatAnswer, streamGrounded, type StreamAnswer } from '../domain/chat-grounding.js';
import { detectEmergency, type Emergency } from '../domain/emergency.js';
import { buildRecord, type HealthRecord } from '../domain/health-record.js';
import type { FallbackReason, Source } from '../domain/outcome.js';
import { chatPrompt, type ModelPrompt } from '../domain/prompts.js';
import { budgetRefusal, fallbackReasonOf, spendOf, type AiRunner } from './ai-runner.js';
import type { TokenBudget } from './token-budget.js';

/** Whether the answer could use the user's checkup. */
export type RecordContext = 'AVAILABLE' | 'NO_CHECKUP' | 'UNAVAILABLE';

export interface SessionView {
  id: string;
  title: string | null;
  createdAt: string;
  lastMessageAt: string | null;
}

export interface MessageView {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  createdAt: string;
  source: Source | null;
  fallbackReason: FallbackReason | null;
  emergency: string | null;
  suggestedQuestions: string[] | null;
}

export interface EmergencyView {
  kind: Emergency['kind'];
  guidance: string;
}

export interface ReplyView {
  sessionId: string;
  userMessage: MessageView;
  reply: MessageView;
  suggestedQuestions: string[];
  source: Source;
  fallbackReason: FallbackReason | null;
  emergency: EmergencyView | null;
  context: RecordContext;
  /** Numbers about the user not in their record, removed from the answer; [] normally. */
  numbersRemoved: string[];
}

/** What a streamed answer sends, in order: start, tokens (and maybe an error), done. */
export interface ReplySink {
  start(meta: { sessionId: string; userMessageId: string; emergency: EmergencyView | null; context: RecordContext }): void;
  token(text: string): void;
  error(code: string, detail: string): void;
  done(reply: Omit<ReplyView, 'sessionId' | 'userMessage' | 'context'> & { reply: MessageView }): void;
}

export interface ChatDeps {
  repositories: IntelligenceRepositories;
  db: Db;
  health: HealthClient;
  model: LanguageModel;
  runner: AiRunner;
  budget: TokenBudget;
  /** Answers one user may have streaming at once. */
  maxConcurrentStreams: number;
  contextMessages: number;
  maxTokens: number;
  streamDeadlineMs: number;
  clock: Clock;
  logger: Logger;
}

function sessionView(s: ChatSession): SessionView {
  return { id: s.id, title: s.title, createdAt: s.createdAt.toISOString(), lastMessageAt: s.lastMessageAt?.toISOString() ?? null };
}

export function messageView(m: ChatMessage): MessageView {
  return {
    id: m.id,
    role: m.role,
    content: m.content,
    createdAt: m.createdAt.toISOString(),
    source: m.source,
    fallbackReason: m.fallbackReason,
    emergency: m.emergency,
    suggestedQuestions: m.suggestedQuestions,
  };
}

interface Prepared {
  userMessage: ChatMessage;
  emergency: Emergency | undefined;
  record: HealthRecord | null;
  context: RecordContext;
  prompt: ModelPrompt;
}

const PAGE_MAX = 100;

/** A stream slot outlives the stream's own deadline by this much before it counts as abandoned. */
const STREAM_SLOT_GRACE_MS = 15_000;
/** Suggested wait before trying again when every stream slot is taken; answers take seconds. */
const STREAM_RETRY_AFTER_SECONDS = 5;

/**
 * Health chat: sessions owned by one user, each question answered from that user's own latest
 * checkup and the recent turns of that session only. Emergencies get the 119 guidance first.
 */
export function createChat(deps: ChatDeps) {
  const { db } = deps;
  const { chats, chatStreams } = deps.repositories;

  async function owned(userId: string, sessionId: string): Promise<ChatSession> {
    const session = await chats.find(db, userId, sessionId);
    if (!session) throw new NotFoundError('CHAT_NOT_FOUND', 'There is no such chat.');
    return session;
  }

  async function userRecord(userId: string): Promise<{ record: HealthRecord | null; context: RecordContext }> {
    try {
      const latest = await deps.health.latestJudged(userId, 'AI_CHAT');
      return { record: buildRecord(latest, seoulToday(deps.clock)), context: latest.checkup ? 'AVAILABLE' : 'NO_CHECKUP' };
    } catch (error) {
      if (error instanceof HealthDataUnavailableError) return { record: null, context: 'UNAVAILABLE' };
      throw error;
    }
  }

  /** Stores the question and builds the prompt from what came before it. */
  async function prepare(userId: string, sessionId: string, message: string): Promise<Prepared> {
    const session = await owned(userId, sessionId);
    const earlier = (await chats.page(db, userId, sessionId, deps.contextMessages)).reverse();
    const history: Turn[] = recentTurns(
      earlier.map((m) => ({ role: m.role, content: m.content })),
      deps.contextMessages,
    );
    const [{ record, context }, userMessage] = await Promise.all([
      userRecord(userId),
      withLiveUser(db, userId, (client) =>
        chats.addMessage(client, {
          id: randomUUID(),
          sessionId,
          userId,
          role: 'user',
          content: message,
          ...(session.title ? {} : { title: sessionTitle(message) }),
        }),
      ),
    ]);
    const emergency = detectEmergency(message);
    return { userMessage, emergency, record, context, prompt: chatPrompt({ record, history, message, emergency }) };
  }

  async function finish(
    userId: string,
    sessionId: string,
    prepared: Prepared,
    text: string,
    source: Source,
    reason: FallbackReason | null,
    numbersRemoved: string[] = [],
  ) {
    const questions = suggestedQuestions(prepared.userMessage.content, prepared.record, prepared.emergency);
    // The account may have been deleted while the model answered: nothing is stored then.
    const stored = await withLiveUser(db, userId, (client) =>
      chats.addMessage(client, {
        id: randomUUID(),
        sessionId,
        userId,
        role: 'assistant',
        content: text,
        source,
        fallbackReason: reason,
        emergency: prepared.emergency?.kind ?? null,
        suggestedQuestions: questions,
      }),
    );
    return {
      reply: messageView(stored),
      suggestedQuestions: questions,
      source,
      fallbackReason: reason,
      emergency: prepared.emergency ? { kind: prepared.emergency.kind, guidance: prepared.emergency.guidance } : null,
      numbersRemoved,
    };
  }

  const prefixOf = (prepared: Prepared) => (prepared.emergency ? `${prepared.emergency.guidance}\n\n` : '');

  return {
    async open(userId: string): Promise<SessionView> {
      return sessionView(await withLiveUser(db, userId, (client) => chats.create(client, { id: randomUUID(), userId })));
    },

    async list(userId: string, limit: number, cursor?: string) {
      const before = cursor ? decodeSessionCursor(cursor) : undefined;
      const rows = await chats.list(db, userId, Math.min(limit, PAGE_MAX) + 1, before);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return { items: page.map(sessionView), nextCursor: rows.length > limit && last ? encodeSessionCursor(last) : null };
    },

    async history(userId: string, sessionId: string, limit: number, before?: string) {
      const session = await owned(userId, sessionId);
      const beforeSeq = before === undefined ? undefined : Number(before);
      if (beforeSeq !== undefined && (!Number.isInteger(beforeSeq) || beforeSeq < 1)) {
        throw new ValidationError([{ field: 'query.before', message: 'before must be a cursor from a previous page' }]);
      }
      const [rows, total] = await Promise.all([chats.page(db, userId, sessionId, limit + 1, beforeSeq), chats.count(db, userId, sessionId)]);
      const page = rows.slice(0, limit).reverse();
      return {
        ...sessionView(session),
        messages: page.map(messageView),
        totalMessages: total,
        nextCursor: rows.length > limit && page[0] ? String(page[0].seq) : null,
      };
    },

    async remove(userId: string, sessionId: string): Promise<void> {
      if (!(await chats.delete(db, userId, sessionId))) throw new NotFoundError('CHAT_NOT_FOUND', 'There is no such chat.');
    },

    /** Answers in one piece. */
    async answer(userId: string, sessionId: string, message: string): Promise<ReplyView> {
      const prepared = await prepare(userId, sessionId, message);
      const base = { sessionId, userMessage: messageView(prepared.userMessage), context: prepared.context };
      const prefix = prefixOf(prepared);
      // A number about the user that is not in their record: asked once more, then left out (see chat-grounding).
      const grounding = chatGroundingFor(prepared.prompt, prepared.record);
      let lastUngrounded: string | undefined;
      const outcome = await deps.runner.text(
        prepared.prompt,
        userId,
        (text) => {
          if (text.trim() === '') return { ok: false, reason: 'INVALID_OUTPUT', detail: 'empty answer' };
          const foreign = grounding.ungrounded(text);
          if (foreign.length === 0) return { ok: true, value: text.trim() };
          lastUngrounded = text;
          return { ok: false, reason: 'UNGROUNDED_NUMBER', detail: `numbers about the user not in the record: ${foreign.join(', ')}` };
        },
        deps.maxTokens,
      );
      const settled = settleChatAnswer(outcome, lastUngrounded, grounding, fallbackChatAnswer(prepared.record));
      return {
        ...base,
        ...(await finish(userId, sessionId, prepared, `${prefix}${settled.text}`, settled.source, settled.fallbackReason, settled.numbersRemoved)),
      };
    },

    /**
     * Answers as a stream. Throws (before anything is sent) when the chat is not the user's;
     * afterwards every problem ends the stream with a fallback answer in `done`, whose content
     * is always the whole answer.
     */
    async answerStreaming(userId: string, sessionId: string, message: string, sink: ReplySink, signal: AbortSignal): Promise<void> {
      const now = deps.clock.now();
      const slot = { id: randomUUID(), userId, now, expiresAt: new Date(now.getTime() + deps.streamDeadlineMs + STREAM_SLOT_GRACE_MS) };
      if (!(await chatStreams.acquire(db, slot, deps.maxConcurrentStreams))) {
        throw new AppError(429, 'CHAT_STREAMS_EXCEEDED', `At most ${deps.maxConcurrentStreams} chat answers can stream at once; wait for one to finish.`, {
          retryAfterSeconds: STREAM_RETRY_AFTER_SECONDS,
        });
      }
      try {
        await streamAnswer(userId, sessionId, message, sink, signal);
      } finally {
        await chatStreams
          .release(db, slot.id)
          .catch((error: unknown) => deps.logger.warn('chat stream slot not released; it expires on its own', { error: String(error) }));
      }
    },
  };

  async function streamAnswer(userId: string, sessionId: string, message: string, sink: ReplySink, signal: AbortSignal): Promise<void> {
    const prepared = await prepare(userId, sessionId, message);
    const emergency = prepared.emergency ? { kind: prepared.emergency.kind, guidance: prepared.emergency.guidance } : null;
    sink.start({ sessionId, userMessageId: prepared.userMessage.id, emergency, context: prepared.context });
    const prefix = prefixOf(prepared);
    if (prefix) sink.token(prefix);

    let streamed = '';
    let failure: FallbackReason | null = null;
    let aborted = false;
    let numbersRemoved: string[] = [];
    // Every model call (the first and a regeneration) reserves its tokens before it starts
    // and settles them with what it really used.
    const callModel: StreamAnswer = async (onText) => {
      const reserved = await deps.budget.reserve(userId, reservationFor(prepared.prompt, deps.maxTokens));
      if (reserved.kind !== 'RESERVED') throw new BudgetRefused(budgetRefusal(reserved));
      try {
        // Elapsed real time, not the calendar clock (which a test may hold still).
        const deadline = Date.now() + deps.streamDeadlineMs;
        const reply = await deps.model.stream(
          prepared.prompt,
          { userId, feature: 'chat', promptVersion: prepared.prompt.version },
          { deadline, maxTokens: deps.maxTokens, signal },
          onText,
        );
        await reserved.reservation.settle({ inputTokens: reply.inputTokens, outputTokens: reply.outputTokens });
        return reply;
      } catch (error) {
        await reserved.reservation.settle(spendOf(error));
        throw error;
      }
    };
    try {
      // Only checked sentences reach the client; a number about the user not in their record is asked again once.
      const grounded = await streamGrounded(callModel, chatGroundingFor(prepared.prompt, prepared.record), {
        token: (text) => {
          streamed += text;
          sink.token(text);
        },
        restart: () => {
          deps.logger.warn('chat answer stated a number about the user not in the record; asking once more', { sessionId });
          streamed = '';
          sink.error('UNGROUNDED_NUMBER', 'The answer stated a number about you that is not in your record; it is written again.');
        },
      });
      numbersRemoved = grounded.numbersRemoved;
      if (grounded.text === null) failure = 'UNGROUNDED_NUMBER';
      else if (grounded.modelText.trim() === '') failure = 'INVALID_OUTPUT';
      else streamed = grounded.text;
    } catch (error) {
      if (error instanceof BudgetRefused) failure = error.reason;
      else {
        failure = fallbackReasonOf(error);
        if (error instanceof ModelUnavailableError && error.kind === 'ABORTED') {
          aborted = true;
          deps.logger.info('chat client went away during the answer; generation stopped', { sessionId });
        } else {
          deps.logger.warn('chat answer failed; answering from the rules', { reason: failure, error: String(error) });
        }
      }
    }

    if (failure === null || (aborted && streamed !== '')) {
      // A client that went away mid-answer keeps what it was shown in its history.
      deps.runner.counted('chat', { source: 'AI', value: streamed });
      sink.done(await finish(userId, sessionId, prepared, `${prefix}${streamed}`, 'AI', null, numbersRemoved));
      return;
    }
    deps.runner.counted('chat', { source: 'FALLBACK', reason: failure });
    const fallback = failure === 'UNGROUNDED_NUMBER' ? `${fallbackChatAnswer(prepared.record)} ${NUMBERS_REMOVED_NOTE}` : fallbackChatAnswer(prepared.record);
    if (streamed !== '') sink.error('AI_STREAM_INTERRUPTED', 'The answer broke off; a fallback answer replaces it.');
    else sink.token(fallback);
    sink.done(await finish(userId, sessionId, prepared, `${prefix}${fallback}`, 'FALLBACK', failure, numbersRemoved));
  }
}

/** The daily token budget refused a model call; the answer comes from the rules. */
class BudgetRefused extends Error {
  constructor(readonly reason: FallbackReason) {
    super(reason);
    this.name = 'BudgetRefused';
  }
}

export type Chat = ReturnType<typeof createChat>;

function encodeSessionCursor(session: ChatSession): string {
  return Buffer.from(JSON.stringify([session.createdAt.toISOString(), session.id])).toString('base64url');
}

function decodeSessionCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    const date = new Date(createdAt);
    if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad cursor');
    return { createdAt: date, id };
  } catch {
    throw new ValidationError([{ field: 'query.cursor', message: 'cursor must come from a previous page' }]);
  }
}
