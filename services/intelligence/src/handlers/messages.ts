import { ConsentRequiredError, ConsentUnavailableError, type ConsentCheck, type Logger, type Metrics } from '@healthsync/shared';
import type { AnswerCache } from '../adapters/answer-cache.js';
import { factsHash } from '../domain/health-record.js';
import { fallbackMessage, parseMessage, type MessageKind } from '../domain/messages.js';
import type { Source } from '../domain/outcome.js';
import { messagePrompt } from '../domain/prompts.js';
import type { AiRunner } from './ai-runner.js';

export interface MessageDeps {
  cache: AnswerCache;
  runner: AiRunner;
  model: string;
  maxTokens: number;
  cacheTtlSeconds: number;
  /** Asked before anything of the user's goes to the model (AI_OVERSEAS_TRANSFER). */
  consents: ConsentCheck;
  logger: Logger;
  metrics: Metrics;
}

/** Nudges and celebrations for the goal and batch services, from the user's progress facts. */
export function createMessages(deps: MessageDeps) {
  const withheld = deps.metrics.counter(
    'ai_messages_withheld_total',
    'Nudges and celebrations written rule-based because the user has not consented to the transfer abroad (or it could not be checked)',
    ['kind', 'reason'],
  );
  return {
    /**
     * The AI's text, or the marked rule-based one. Without AI_OVERSEAS_TRANSFER in force — or when
     * the user service cannot say — nothing of the user's goes to the model (and no earlier AI text
     * is served from the cache): the caller gets the rule-based text, never an error.
     */
    async compose(userId: string, kind: MessageKind, facts: Record<string, unknown>): Promise<{ text: string; source: Source }> {
      try {
        await deps.consents.require(userId, ['AI_OVERSEAS_TRANSFER']);
      } catch (error) {
        if (!(error instanceof ConsentRequiredError) && !(error instanceof ConsentUnavailableError)) throw error;
        const reason = error instanceof ConsentRequiredError ? 'NO_AI_CONSENT' : 'CONSENT_UNAVAILABLE';
        withheld.inc({ kind, reason });
        deps.logger.info('message written rule-based: nothing sent to the model', { userId, kind, reason });
        return { text: fallbackMessage(kind, facts), source: 'FALLBACK' };
      }
      const prompt = messagePrompt(kind, facts);
      const hash = factsHash({ version: prompt.version, model: deps.model, facts });
      const cached = await deps.cache.get<{ text: string; source: Source }>(prompt.feature, userId, hash);
      if (cached) return cached;
      const outcome = await deps.runner.text(prompt, userId, (text) => parseMessage(text, kind, facts), deps.maxTokens);
      if (outcome.source === 'FALLBACK') return { text: fallbackMessage(kind, facts), source: 'FALLBACK' };
      const answer = { text: outcome.value, source: 'AI' as const };
      await deps.cache.put(prompt.feature, userId, hash, answer, deps.cacheTtlSeconds);
      return answer;
    },
  };
}

export type Messages = ReturnType<typeof createMessages>;
