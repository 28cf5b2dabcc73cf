import { createHash } from 'node:crypto';
import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import CircuitBreaker from 'opossum';
import type { Logger, Metrics } from '@healthsync/shared';
import { partialSpend, type TokenSpend } from '../domain/budget.js';
import type { Feature, ModelPrompt } from '../domain/prompts.js';
import { countsAgainstBreaker, failureKindOfStatus, retryAfterMs, retryDelay, type FailureKind } from '../domain/retry.js';

/**
 * The Claude Messages API through @anthropic-ai/sdk, with our own retry loop (so retry-after on
 * 429/529 is honoured within the caller's deadline), per-attempt timeouts, and an opossum
 * circuit breaker around every HTTP attempt: when Claude keeps failing, calls fail fast and the
 * features fall back instead of waiting on it. Every attempt is reported through `onCall`
 * (usage events, token budget), successful or not.
 */
export interface ModelCallContext {
  userId: string;
  feature: Feature;
  promptVersion: string;
}

export interface ModelReply {
  text: string;
  /** The input of the forced tool call, when the prompt had a tool. */
  toolInput: unknown;
  stopReason: string | null;
  inputTokens: number;
  outputTokens: number;
}

export type CallOutcome = 'SUCCESS' | FailureKind | 'STREAM_INTERRUPTED';

export interface CallRecord extends ModelCallContext {
  model: string;
  attempt: number;
  streamed: boolean;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  outcome: CallOutcome;
  status?: number;
  /** A request of a Message Batch (half price), not a per-message call. */
  batched?: boolean;
  /** The usage event's id when the call has a stable identity (a batch request), so a report made twice is counted once. */
  eventId?: string;
}

export class ModelUnavailableError extends Error {
  constructor(
    readonly kind: FailureKind | 'STREAM_INTERRUPTED',
    message: string,
    /** What the call spent anyway: a stream that broke off after output had started. */
    readonly spent?: TokenSpend,
  ) {
    super(message);
    this.name = 'ModelUnavailableError';
  }
}

export interface CallOptions {
  /** Epoch ms by which the answer must be complete, retries included. */
  deadline: number;
  maxTokens: number;
  /** Aborts the call (the client went away). */
  signal?: AbortSignal;
}

export interface LanguageModel {
  readonly model: string;
  complete(prompt: ModelPrompt, context: ModelCallContext, options: CallOptions): Promise<ModelReply>;
  /** Streams the text answer through `onText`; resolves with the whole answer. */
  stream(prompt: ModelPrompt, context: ModelCallContext, options: CallOptions, onText: (delta: string) => void): Promise<ModelReply>;
  breakerState(): 'CLOSED' | 'OPEN' | 'HALF_OPEN';
}

export interface ClaudeOptions {
  baseURL: string;
  apiKey: string;
  model: string;
  attemptTimeoutMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  maxRetryWaitMs: number;
  breaker: { resetTimeoutMs: number; errorThresholdPercentage: number; volumeThreshold: number };
  onCall(record: CallRecord): void;
  logger: Logger;
  metrics: Metrics;
}

/** The least time worth starting an attempt with (ms). */
const MIN_ATTEMPT_MS = 300;

interface Failure {
  kind: FailureKind;
  status?: number;
  retryAfterMs?: number;
}

function classify(error: unknown, callerSignal: AbortSignal | undefined): Failure {
  if (error instanceof Error && (error as { code?: string }).code === 'EOPENBREAKER') return { kind: 'CIRCUIT_OPEN' };
  if (error instanceof APIUserAbortError || (error instanceof Error && error.name === 'AbortError')) {
    return { kind: callerSignal?.aborted ? 'ABORTED' : 'TIMEOUT' };
  }
  if (error instanceof APIConnectionTimeoutError) return { kind: 'TIMEOUT' };
  if (error instanceof APIConnectionError) return { kind: 'CONNECTION' };
  if (error instanceof APIError && typeof error.status === 'number') {
    const after = retryAfterMs(error.headers, Date.now());
    return { kind: failureKindOfStatus(error.status), status: error.status, ...(after !== undefined ? { retryAfterMs: after } : {}) };
  }
  return { kind: 'SERVER_ERROR' };
}

/** Errors that say nothing about Claude's health do not count towards opening the breaker. */
function isBenign(error: unknown): boolean {
  if (error instanceof APIUserAbortError) return true;
  if (error instanceof APIError && typeof error.status === 'number') return !countsAgainstBreaker(failureKindOfStatus(error.status));
  return false;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** The Messages API body for a prompt; also one request of a Message Batch. */
export function requestParams(model: string, prompt: ModelPrompt, maxTokens: number, userId: string) {
  return {
    model,
    max_tokens: maxTokens,
    system: prompt.system,
    messages: prompt.messages.map((turn) => ({ role: turn.role, content: turn.content })),
    // An opaque per-user id lets the provider spot abuse without learning who the user is.
    metadata: { user_id: createHash('sha256').update(`healthsync:${userId}`).digest('hex').slice(0, 32) },
    ...(prompt.tool
      ? {
          tools: [{ name: prompt.tool.name, description: prompt.tool.description, input_schema: prompt.tool.inputSchema as Anthropic.Tool.InputSchema }],
          tool_choice: { type: 'tool' as const, name: prompt.tool.name },
        }
      : {}),
  };
}

function replyOf(message: Anthropic.Message, toolName: string | undefined): ModelReply {
  const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
  const tool = message.content.find((block) => block.type === 'tool_use' && block.name === toolName);
  return {
    text,
    toolInput: tool && tool.type === 'tool_use' ? tool.input : undefined,
    stopReason: message.stop_reason,
    inputTokens: message.usage.input_tokens,
    outputTokens: message.usage.output_tokens,
  };
}

export function createClaude(options: ClaudeOptions): LanguageModel {
  const client = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    // Retries are ours (below), so that they respect the caller's deadline and the breaker.
    maxRetries: 0,
    timeout: options.attemptTimeoutMs,
    logLevel: 'off',
  });
  const calls = options.metrics.counter('ai_model_calls_total', 'HTTP attempts to the model API, by feature and outcome', ['feature', 'outcome']);
  const latency = options.metrics.histogram(
    'ai_model_call_duration_seconds',
    'Model API attempts, by feature',
    ['feature'],
    [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64],
  );
  const breakerGauge = options.metrics.gauge('ai_breaker_open', '1 while the model circuit breaker is open (0.5 half-open)');

  const breaker = new CircuitBreaker<[() => Promise<unknown>], unknown>((attempt) => attempt(), {
    timeout: false,
    resetTimeout: options.breaker.resetTimeoutMs,
    errorThresholdPercentage: options.breaker.errorThresholdPercentage,
    volumeThreshold: options.breaker.volumeThreshold,
    rollingCountTimeout: 10_000,
    rollingCountBuckets: 10,
    errorFilter: isBenign,
  });
  breaker.on('open', () => {
    breakerGauge.set(1);
    options.logger.warn('model circuit breaker opened; AI answers fall back until a trial call succeeds');
  });
  breaker.on('halfOpen', () => breakerGauge.set(0.5));
  breaker.on('close', () => {
    breakerGauge.set(0);
    options.logger.info('model circuit breaker closed');
  });

  const record = (context: ModelCallContext, data: Omit<CallRecord, keyof ModelCallContext | 'model'>) => {
    calls.inc({ feature: context.feature, outcome: data.outcome });
    latency.observe({ feature: context.feature }, data.latencyMs / 1000);
    options.onCall({ ...context, model: options.model, ...data });
  };

  /** Runs one attempt after another through the breaker until one succeeds or retrying makes no sense. */
  async function withRetries<T extends { inputTokens: number; outputTokens: number }>(
    context: ModelCallContext,
    callOptions: CallOptions,
    streamed: boolean,
    attemptOnce: (timeoutMs: number, attempt: number) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const remaining = callOptions.deadline - Date.now();
      if (remaining < MIN_ATTEMPT_MS) throw new ModelUnavailableError('TIMEOUT', 'no time left for another attempt');
      if (callOptions.signal?.aborted) throw new ModelUnavailableError('ABORTED', 'the caller went away');
      const started = Date.now();
      try {
        const result = (await breaker.fire(() => attemptOnce(Math.min(options.attemptTimeoutMs, remaining), attempt))) as T;
        if (!streamed) {
          record(context, {
            attempt,
            streamed,
            inputTokens: result.inputTokens,
            outputTokens: result.outputTokens,
            latencyMs: Date.now() - started,
            outcome: 'SUCCESS',
          });
        }
        return result;
      } catch (error) {
        const failure = classify(error, callOptions.signal);
        if (failure.kind !== 'CIRCUIT_OPEN') {
          record(context, {
            attempt,
            streamed,
            inputTokens: 0,
            outputTokens: 0,
            latencyMs: Date.now() - started,
            outcome: failure.kind,
            ...(failure.status !== undefined ? { status: failure.status } : {}),
          });
        }
        const delay = retryDelay({
          kind: failure.kind,
          attempt,
          maxAttempts: options.maxAttempts,
          retryAfterMs: failure.retryAfterMs,
          remainingMs: callOptions.deadline - Date.now(),
          baseDelayMs: options.retryBaseMs,
          maxWaitMs: options.maxRetryWaitMs,
          minAttemptMs: MIN_ATTEMPT_MS,
          jitter: Math.random(),
        });
        if (delay === undefined) {
          throw new ModelUnavailableError(
            failure.kind,
            `model call failed (${failure.kind}${failure.status ? ` ${failure.status}` : ''}) after ${attempt} attempt(s)`,
          );
        }
        options.logger.info('model call failed; retrying', { feature: context.feature, attempt, kind: failure.kind, status: failure.status, delayMs: delay });
        await sleep(delay, callOptions.signal);
      }
    }
  }

  return {
    model: options.model,

    breakerState() {
      return breaker.opened ? 'OPEN' : breaker.halfOpen ? 'HALF_OPEN' : 'CLOSED';
    },

    async complete(prompt, context, callOptions) {
      const params = requestParams(options.model, prompt, callOptions.maxTokens, context.userId);
      return withRetries(context, callOptions, false, async (timeoutMs) => {
        const message = await client.messages.create(
          { ...params, stream: false },
          { timeout: timeoutMs, maxRetries: 0, ...(callOptions.signal ? { signal: callOptions.signal } : {}) },
        );
        return replyOf(message, prompt.tool?.name);
      });
    },

    async stream(prompt, context, callOptions, onText) {
      const params = requestParams(options.model, prompt, callOptions.maxTokens, context.userId);
      // The whole stream (not just its first byte) must end by the deadline.
      const deadlineSignal = AbortSignal.timeout(Math.max(1, callOptions.deadline - Date.now()));
      const signal = callOptions.signal ? AbortSignal.any([callOptions.signal, deadlineSignal]) : deadlineSignal;
      let attemptNo = 0;
      const started = { at: Date.now() };
      const opened = await withRetries(context, callOptions, true, async (timeoutMs, attempt) => {
        attemptNo = attempt;
        started.at = Date.now();
        const events = await client.messages.create({ ...params, stream: true }, { timeout: timeoutMs, maxRetries: 0, signal });
        return { events, inputTokens: 0, outputTokens: 0 };
      });

      let text = '';
      let inputTokens = 0;
      let outputTokens = 0;
      let stopReason: string | null = null;
      let broke: unknown;
      try {
        for await (const event of opened.events) {
          if (event.type === 'message_start') {
            inputTokens = event.message.usage.input_tokens;
            outputTokens = event.message.usage.output_tokens;
          } else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
            text += event.delta.text;
            onText(event.delta.text);
          } else if (event.type === 'message_delta') {
            outputTokens = event.usage.output_tokens;
            if (typeof event.usage.input_tokens === 'number') inputTokens = event.usage.input_tokens;
            stopReason = event.delta.stop_reason;
          }
        }
      } catch (error) {
        broke = error;
      }
      // The SDK ends the iteration quietly when the signal aborts (the client left, or the deadline
      // passed), so an answer without its closing message_delta broke off too.
      if (broke === undefined && stopReason === null) broke = signal.reason ?? new Error('the stream ended before its last event');
      if (broke !== undefined) {
        // The final usage never came: what was generated until the break is billed, so count it.
        const spent = partialSpend({ inputTokens, outputTokens }, text);
        const kind = callOptions.signal?.aborted ? 'ABORTED' : 'STREAM_INTERRUPTED';
        record(context, { attempt: attemptNo, streamed: true, ...spent, latencyMs: Date.now() - started.at, outcome: kind });
        throw new ModelUnavailableError(kind, `the answer stream broke off: ${String(broke)}`, spent);
      }
      record(context, { attempt: attemptNo, streamed: true, inputTokens, outputTokens, latencyMs: Date.now() - started.at, outcome: 'SUCCESS' });
      return { text, toolInput: undefined, stopReason, inputTokens, outputTokens };
    },
  };
}
