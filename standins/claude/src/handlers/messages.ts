import { DEFAULT_RETRY_AFTER_SECONDS, type BehaviourSwitch, type Effect } from '../adapters/behaviour.js';
import type { LoggedRequest, RequestLog } from '../adapters/request-log.js';
import type { Stats } from '../adapters/stats.js';
import { answer } from '../domain/answer.js';
import { checkConversation } from '../domain/conversation-rules.js';
import { newId } from '../domain/ids.js';
import { messageText, systemText } from '../domain/request-text.js';
import type { Message, MessageParam, MessagesRequest } from '../domain/types.js';
import type { Logger } from '../logger.js';

/**
 * One authenticated POST /v1/messages: the route logs what arrived (`receive`), validates the
 * body with its schema, then either `reject`s it or has it `handle`d: conversation rules, the
 * control behaviour, the answer. Returns what to send; the route writes it as JSON or SSE.
 */
export type ApiErrorType = 'invalid_request_error' | 'not_found_error' | 'rate_limit_error' | 'api_error' | 'overloaded_error';

export type Outcome =
  | { kind: 'error'; status: number; type: ApiErrorType; message: string; headers: Record<string, string> }
  | { kind: 'message'; message: Message; stream: boolean; chunkDelayMs: number };

export interface Clock {
  now(): number;
}

export interface MessagesHandlerDeps {
  behaviour: BehaviourSwitch;
  requestLog: RequestLog;
  stats: Stats;
  clock: Clock;
  logger: Logger;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function failure(effect: Effect): Outcome {
  const headers: Record<string, string> = {};
  const retryAfter = effect.retryAfterSeconds ?? (effect.status === 429 ? DEFAULT_RETRY_AFTER_SECONDS : undefined);
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  if (effect.status === 429) {
    return {
      kind: 'error',
      status: 429,
      type: 'rate_limit_error',
      message: 'Number of requests has exceeded your rate limit. Please try again later.',
      headers,
    };
  }
  if (effect.status === 529) return { kind: 'error', status: 529, type: 'overloaded_error', message: 'Overloaded', headers };
  return { kind: 'error', status: 500, type: 'api_error', message: 'Internal server error', headers };
}

/** What the request log keeps: readable even when the body failed validation. */
function describeBody(body: unknown, requestId: string, receivedAt: number): LoggedRequest {
  const raw = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const messages = Array.isArray(raw.messages) ? (raw.messages as MessageParam[]) : [];
  const safeText = (m: MessageParam) => {
    try {
      return messageText(m);
    } catch {
      return '';
    }
  };
  let system: string;
  try {
    system = systemText({ system: raw.system as MessagesRequest['system'] });
  } catch {
    system = '';
  }
  return {
    requestId,
    receivedAt: new Date(receivedAt).toISOString(),
    ...(typeof raw.model === 'string' ? { model: raw.model } : {}),
    stream: raw.stream === true,
    ...(typeof raw.max_tokens === 'number' ? { maxTokens: raw.max_tokens } : {}),
    system,
    messages: messages.map((m) => ({ role: String(m?.role), text: m && typeof m === 'object' ? safeText(m) : '' })),
    tools: Array.isArray(raw.tools) ? raw.tools.map((t) => String((t as { name?: unknown })?.name)) : [],
    ...(raw.tool_choice !== undefined ? { toolChoice: raw.tool_choice } : {}),
  };
}

export function createMessagesHandler(deps: MessagesHandlerDeps) {
  const { behaviour, requestLog, stats, clock, logger } = deps;

  function messageOf(request: MessagesRequest, mode: 'normal' | 'malformed' | 'invent-number', serviceTier: 'standard' | 'batch'): Message {
    const result = answer(request, { mode, now: new Date(clock.now()), newToolUseId: () => newId('toolu') });
    return {
      id: newId('msg'),
      type: 'message',
      role: 'assistant',
      model: request.model,
      content: result.content,
      stop_reason: result.stop_reason,
      stop_sequence: result.stop_sequence,
      stop_details: null,
      container: null,
      usage: { ...result.usage, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, service_tier: serviceTier },
    };
  }

  const settle = (entry: LoggedRequest, outcome: Outcome): Outcome => {
    entry.status = outcome.kind === 'error' ? outcome.status : 200;
    entry.durationMs = clock.now() - Date.parse(entry.receivedAt);
    if (outcome.kind === 'error') entry.errorType = outcome.type;
    else {
      entry.stopReason = outcome.message.stop_reason;
      entry.usage = { input_tokens: outcome.message.usage.input_tokens, output_tokens: outcome.message.usage.output_tokens };
    }
    stats.record({ status: entry.status, stream: entry.stream, ...(entry.usage ? { usage: entry.usage } : {}) });
    return outcome;
  };

  return {
    /**
     * One request of a Message Batch: the same conversation rules and answer as the Messages API
     * (without the test-only behaviour, which is about the synchronous API), billed as `batch`.
     */
    answerOf(request: MessagesRequest): { kind: 'message'; message: Message } | { kind: 'error'; type: ApiErrorType; message: string } {
      const violation = checkConversation(request);
      if (violation) return { kind: 'error', type: violation.type, message: violation.message };
      return { kind: 'message', message: messageOf(request, 'normal', 'batch') };
    },

    /** Opens the request-log entry for a body as it arrived, valid or not. */
    receive(body: unknown, requestId: string): LoggedRequest {
      return requestLog.add(describeBody(body, requestId, clock.now()));
    },

    reject(entry: LoggedRequest, message: string): Outcome {
      return settle(entry, { kind: 'error', status: 400, type: 'invalid_request_error', message, headers: {} });
    },

    /** A valid request refused before the model saw it: a rate limit (429) or overload (529). */
    refuse(
      entry: LoggedRequest,
      refusal: { status: number; type: 'rate_limit_error' | 'overloaded_error'; message: string; headers: Record<string, string> },
    ): Outcome {
      return settle(entry, { kind: 'error', ...refusal });
    },

    async handle(request: MessagesRequest, entry: LoggedRequest): Promise<Outcome> {
      const violation = checkConversation(request);
      if (violation) return settle(entry, { kind: 'error', ...violation, headers: {} });

      const effect = behaviour.take();
      entry.mode = effect.mode;
      if (effect.delayMs > 0) await sleep(effect.delayMs);
      if (effect.mode === 'fail') {
        logger.info('control: failing request', { requestId: entry.requestId, status: effect.status });
        return settle(entry, failure(effect));
      }

      const message = messageOf(request, effect.mode === 'malformed' || effect.mode === 'invent-number' ? effect.mode : 'normal', 'standard');
      return settle(entry, { kind: 'message', message, stream: request.stream === true, chunkDelayMs: effect.chunkDelayMs });
    },
  };
}

export type MessagesHandler = ReturnType<typeof createMessagesHandler>;
