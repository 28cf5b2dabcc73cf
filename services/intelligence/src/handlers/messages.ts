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
}

/** Nudges and celebrations for the goal and batch services, from the user's progress facts. */
export function createMessages(deps: MessageDeps) {
  return {
    async compose(userId: string, kind: MessageKind, facts: Record<string, unknown>): Promise<{ text: string; source: Source }> {
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
