import type { ModelPrompt } from './prompts.js';

/**
 * The per-user daily token budget. A day is a calendar day in Asia/Seoul, where the users are.
 *
 * Every model call first reserves what it may spend at most (its prompt's estimated tokens plus
 * max_tokens); the reservation is taken atomically in the database only if spent + reserved +
 * the new reservation stay within the budget, so parallel calls cannot together overrun it. After
 * the call the actual usage is recorded and the reservation released. Once a call no longer fits,
 * answers come from the fallbacks (flagged as such) until the next Seoul midnight.
 */
export interface TokenSpend {
  inputTokens: number;
  outputTokens: number;
}

export const NO_SPEND: TokenSpend = { inputTokens: 0, outputTokens: 0 };

/**
 * Tokens a text may take, estimated high: one per character (code point). Claude's tokens are
 * about four Latin characters and one to two Hangul syllables, so this over-reserves; it is an
 * estimate, not a bound (docs/reference/ai-cost.md).
 */
export function estimateTokens(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** What one call may spend at most: everything sent (instructions, turns, tool schema) and max_tokens. */
export function reservationFor(prompt: Pick<ModelPrompt, 'system' | 'messages' | 'tool'>, maxTokens: number): number {
  const sent = [prompt.system, ...prompt.messages.map((m) => m.content), prompt.tool ? JSON.stringify(prompt.tool) : ''].join('');
  return estimateTokens(sent) + maxTokens;
}

/**
 * What a stream that broke off (the client left, or the connection failed) cost: the input as
 * reported at its start, and the output it reported or, when the final count never came, the text
 * that had arrived, estimated high.
 */
export function partialSpend(reported: TokenSpend, streamedText: string): TokenSpend {
  return {
    inputTokens: Math.max(0, reported.inputTokens),
    outputTokens: Math.max(0, reported.outputTokens, estimateTokens(streamedText)),
  };
}

export const totalTokens = (spend: TokenSpend): number => Math.max(0, spend.inputTokens) + Math.max(0, spend.outputTokens);
