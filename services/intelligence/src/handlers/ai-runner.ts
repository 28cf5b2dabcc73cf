import { seoulToday, type Clock, type Db, type Logger, type Metrics } from '@healthsync/shared';
import { ModelUnavailableError, type LanguageModel, type ModelCallContext, type ModelReply } from '../adapters/claude.js';
import type { IntelligenceRepositories } from '../adapters/repositories.js';
import { budgetDecision } from '../domain/budget.js';
import type { FallbackReason, Outcome, Parsed } from '../domain/outcome.js';
import type { ModelPrompt } from '../domain/prompts.js';

/**
 * Asking the model for one answer: the daily budget first, then the call (with the adapter's
 * retries and breaker) under one deadline, then validation. A rejected answer (malformed, or a
 * number that is not in the facts) is asked for once more; after that, and whenever the model is
 * unavailable, the caller gets a FALLBACK outcome with the reason, and writes the rule-based answer.
 */
export interface AiRunnerDeps {
  db: Db;
  repositories: IntelligenceRepositories;
  model: LanguageModel;
  dailyTokenBudget: number;
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

export function createAiRunner(deps: AiRunnerDeps) {
  const { tokenUsage } = deps.repositories;
  const answers = deps.metrics.counter('ai_answers_total', 'Answers given, by feature, source and fallback reason', ['feature', 'source', 'reason']);
  const rejections = deps.metrics.counter('ai_answers_rejected_total', 'Model answers rejected by validation, by feature and reason', ['feature', 'reason']);

  function counted<T>(feature: string, outcome: Outcome<T>): Outcome<T> {
    answers.inc({ feature, source: outcome.source, reason: outcome.source === 'FALLBACK' ? outcome.reason : '' });
    return outcome;
  }

  /** Whether the user has tokens left today. A database hiccup does not block answers. */
  async function budgetAllows(userId: string): Promise<boolean> {
    try {
      const spent = await tokenUsage.spentOn(deps.db, userId, seoulToday(deps.clock));
      return budgetDecision(spent, deps.dailyTokenBudget).allowed;
    } catch (error) {
      deps.logger.warn('token budget unreadable; allowing the call', { error: String(error) });
      return true;
    }
  }

  async function ask<T>(prompt: ModelPrompt, userId: string, extract: (reply: ModelReply) => Parsed<T>, maxTokens = deps.maxTokens): Promise<Outcome<T>> {
    const feature = prompt.feature;
    if (!(await budgetAllows(userId))) return counted(feature, { source: 'FALLBACK', reason: 'DAILY_TOKEN_BUDGET_EXCEEDED' });
    const context: ModelCallContext = { userId, feature, promptVersion: prompt.version };
    // A deadline is elapsed real time (the model adapter compares it with Date.now()), not the calendar clock.
    const deadline = Date.now() + deps.requestDeadlineMs;
    let rejected: FallbackReason = 'INVALID_OUTPUT';
    for (let round = 1; round <= ANSWER_ROUNDS; round += 1) {
      let reply: ModelReply;
      try {
        reply = await deps.model.complete(prompt, context, { deadline, maxTokens });
      } catch (error) {
        const reason = fallbackReasonOf(error);
        deps.logger.warn('model unavailable; answering from the rules', { feature, reason, error: String(error) });
        return counted(feature, { source: 'FALLBACK', reason });
      }
      const parsed = reply.stopReason === 'max_tokens' ? ({ ok: false, reason: 'INVALID_OUTPUT', detail: 'the answer was cut off at max_tokens' } as const) : extract(reply);
      if (parsed.ok) return counted(feature, { source: 'AI', value: parsed.value });
      rejected = parsed.reason;
      rejections.inc({ feature, reason: parsed.reason });
      deps.logger.warn('model answer rejected', { feature, round, reason: parsed.reason, detail: parsed.detail });
    }
    return counted(feature, { source: 'FALLBACK', reason: rejected });
  }

  return {
    budgetAllows,
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
