import type { Clock, Logger, Metrics } from '@healthsync/shared';
import { ModelUnavailableError, type LanguageModel, type ModelCallContext, type ModelReply } from '../adapters/claude.js';
import { NO_SPEND, reservationFor, type TokenSpend } from '../domain/budget.js';
import type { FallbackReason, Outcome, Parsed } from '../domain/outcome.js';
import type { ModelPrompt } from '../domain/prompts.js';
import type { ReserveResult, TokenBudget } from './token-budget.js';

/**
 * Asking the model for one answer: a reservation on the daily budget first, then the call (with the adapter's
 * retries and breaker) under one deadline, then validation. A rejected answer (malformed, or a
 * number that is not in the facts) is asked for once more; after that, and whenever the model is
 * unavailable, the caller gets a FALLBACK outcome with the reason, and writes the rule-based answer.
 */
export interface AiRunnerDeps {
  model: LanguageModel;
  budget: TokenBudget;
  requestDeadlineMs: number;
  maxTokens: number;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

/** How many times an answer is asked for when the first one is rejected. */
const ANSWER_ROUNDS = 2;

export function fallbackReasonOf(error: unknown): FallbackReason {
  if (!(error instanceof ModelUnavailableError)) return 'AI_UNAVAILABLE';
  switch (error.kind) {
    case 'CIRCUIT_OPEN':
      return 'CIRCUIT_OPEN';
    case 'TIMEOUT':
      return 'AI_TIMEOUT';
    case 'RATE_LIMITED':
      return 'AI_RATE_LIMITED';
    case 'OVERLOADED':
      return 'AI_OVERLOADED';
    case 'STREAM_INTERRUPTED':
      return 'AI_STREAM_INTERRUPTED';
    default:
      return 'AI_UNAVAILABLE';
  }
}

/** What a failed call still spent (a stream that broke off after some output); nothing otherwise. */
export function spendOf(error: unknown): TokenSpend {
  return error instanceof ModelUnavailableError && error.spent ? error.spent : NO_SPEND;
}

/** The fallback reason when no reservation was taken. */
export function budgetRefusal(result: Exclude<ReserveResult, { kind: 'RESERVED' }>): FallbackReason {
  return result.kind === 'EXCEEDED' ? 'DAILY_TOKEN_BUDGET_EXCEEDED' : 'TOKEN_BUDGET_UNAVAILABLE';
}

export function createAiRunner(deps: AiRunnerDeps) {
  const answers = deps.metrics.counter('ai_answers_total', 'Answers given, by feature, source and fallback reason', ['feature', 'source', 'reason']);
  const rejections = deps.metrics.counter('ai_answers_rejected_total', 'Model answers rejected by validation, by feature and reason', ['feature', 'reason']);

  function counted<T>(feature: string, outcome: Outcome<T>): Outcome<T> {
    answers.inc({ feature, source: outcome.source, reason: outcome.source === 'FALLBACK' ? outcome.reason : '' });
    return outcome;
  }

  async function ask<T>(prompt: ModelPrompt, userId: string, extract: (reply: ModelReply) => Parsed<T>, maxTokens = deps.maxTokens): Promise<Outcome<T>> {
    const feature = prompt.feature;
    const context: ModelCallContext = { userId, feature, promptVersion: prompt.version };
    // A deadline is elapsed real time (the model adapter compares it with Date.now()), not the calendar clock.
    const deadline = Date.now() + deps.requestDeadlineMs;
    let rejected: FallbackReason = 'INVALID_OUTPUT';
    for (let round = 1; round <= ANSWER_ROUNDS; round += 1) {
      // Each call reserves what it may spend before it starts; a re-ask is a call of its own.
      const reserved = await deps.budget.reserve(userId, reservationFor(prompt, maxTokens));
      if (reserved.kind !== 'RESERVED') return counted(feature, { source: 'FALLBACK', reason: budgetRefusal(reserved) });
      let reply: ModelReply;
      try {
        reply = await deps.model.complete(prompt, context, { deadline, maxTokens });
      } catch (error) {
        await reserved.reservation.settle(spendOf(error));
        const reason = fallbackReasonOf(error);
        deps.logger.warn('model unavailable; answering from the rules', { feature, reason, error: String(error) });
        return counted(feature, { source: 'FALLBACK', reason });
      }
      await reserved.reservation.settle({ inputTokens: reply.inputTokens, outputTokens: reply.outputTokens });
      const parsed =
        reply.stopReason === 'max_tokens' ? ({ ok: false, reason: 'INVALID_OUTPUT', detail: 'the answer was cut off at max_tokens' } as const) : extract(reply);
      if (parsed.ok) return counted(feature, { source: 'AI', value: parsed.value });
      rejected = parsed.reason;
      rejections.inc({ feature, reason: parsed.reason });
      deps.logger.warn('model answer rejected', { feature, round, reason: parsed.reason, detail: parsed.detail });
    }
    return counted(feature, { source: 'FALLBACK', reason: rejected });
  }

  return {
    counted,

    /** A structured answer through the prompt's tool, validated by `parse`. */
    structured<T>(prompt: ModelPrompt, userId: string, parse: (input: unknown) => Parsed<T>): Promise<Outcome<T>> {
      return ask(prompt, userId, (reply) => parse(reply.toolInput));
    },

    /** A plain-text answer, validated by `parse`. */
    text<T>(prompt: ModelPrompt, userId: string, parse: (text: string) => Parsed<T>, maxTokens?: number): Promise<Outcome<T>> {
      return ask(prompt, userId, (reply) => parse(reply.text), maxTokens);
    },
  };
}

export type AiRunner = ReturnType<typeof createAiRunner>;
