import { fallbackMessage, parseMessage, type MessageKind } from './messages.js';
import type { FallbackReason, Source } from './outcome.js';
import { createHash } from 'node:crypto';
import type { FailureKind } from './retry.js';

/**
 * One request of a Message Batch, turned into what the caller stores: the model's text when it
 * passes the same checks as the per-message path (length, sentences, only numbers from the
 * facts), otherwise the rule-based message marked FALLBACK with the reason. Pure.
 */
export type BatchOutcome = 'succeeded' | 'errored' | 'expired' | 'canceled';

/** A result line as the Message Batches API gives it (only what is read here). */
export interface BatchResultLine {
  custom_id: string;
  result:
    | {
        type: 'succeeded';
        message: { content: Array<{ type: string; text?: string }>; stop_reason: string | null; usage: { input_tokens: number; output_tokens: number } };
      }
    | { type: 'errored'; error: { error?: { type?: string; message?: string } } }
    | { type: 'expired' }
    | { type: 'canceled' };
}

export interface ItemResult {
  outcome: BatchOutcome;
  text: string;
  source: Source;
  fallbackReason: FallbackReason | null;
  inputTokens: number;
  outputTokens: number;
}

const NOT_ANSWERED: Record<Exclude<BatchOutcome, 'succeeded'>, FallbackReason> = {
  errored: 'AI_BATCH_ERRORED',
  expired: 'AI_BATCH_EXPIRED',
  canceled: 'AI_BATCH_CANCELED',
};

export function itemResult(line: BatchResultLine, kind: MessageKind, facts: Record<string, unknown>): ItemResult {
  const result = line.result;
  const fallback = (outcome: BatchOutcome, reason: FallbackReason, tokens = { input: 0, output: 0 }): ItemResult => ({
    outcome,
    text: fallbackMessage(kind, facts),
    source: 'FALLBACK',
    fallbackReason: reason,
    inputTokens: tokens.input,
    outputTokens: tokens.output,
  });
  if (result.type !== 'succeeded') return fallback(result.type, NOT_ANSWERED[result.type]);
  const usage = { input: result.message.usage.input_tokens, output: result.message.usage.output_tokens };
  if (result.message.stop_reason === 'max_tokens') return fallback('succeeded', 'INVALID_OUTPUT', usage);
  const text = result.message.content.map((block) => (block.type === 'text' ? (block.text ?? '') : '')).join('');
  const parsed = parseMessage(text, kind, facts);
  if (!parsed.ok) return fallback('succeeded', parsed.reason, usage);
  return { outcome: 'succeeded', text: parsed.value, source: 'AI', fallbackReason: null, inputTokens: usage.input, outputTokens: usage.output };
}

/** The per-outcome tallies the caller reports. */
export function tally(results: readonly Pick<ItemResult, 'outcome' | 'source'>[]): Record<BatchOutcome | 'ai' | 'fallback', number> {
  const counts = { succeeded: 0, errored: 0, expired: 0, canceled: 0, ai: 0, fallback: 0 };
  for (const r of results) {
    counts[r.outcome] += 1;
    if (r.source === 'AI') counts.ai += 1;
    else counts.fallback += 1;
  }
  return counts;
}

/**
 * How a batch request ended, in the terms of the usage stream's `outcome` (the per-message path's
 * failure kinds): an errored request by its error type, an expired one as a timeout, a canceled one
 * as aborted. Pure.
 */
export function usageOutcomeOf(line: BatchResultLine): 'SUCCESS' | FailureKind {
  const result = line.result;
  switch (result.type) {
    case 'succeeded':
      return 'SUCCESS';
    case 'expired':
      return 'TIMEOUT';
    case 'canceled':
      return 'ABORTED';
    case 'errored': {
      const type = result.error?.error?.type;
      if (type === 'invalid_request_error') return 'CLIENT_ERROR';
      if (type === 'overloaded_error') return 'OVERLOADED';
      if (type === 'rate_limit_error') return 'RATE_LIMITED';
      return 'SERVER_ERROR';
    }
  }
}

/**
 * The usage event id of one request of one batch: the same every time the batch is collected
 * (a collection retried after a crash reports the same ids, which the usage stream's readers
 * dedupe). A name-based UUID (version 5 layout, SHA-256 of the batch id and custom id).
 */
export function batchRequestEventId(batchId: string, customId: string): string {
  const hex = createHash('sha256').update(`${batchId}/${customId}`).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
