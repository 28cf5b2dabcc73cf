/**
 * When to try a failed model call again, and after how long. Rate limits (429) and overload
 * (529) are retried after the API's retry-after when it sends one, otherwise after an
 * exponential back-off; a wait longer than the caller can afford is not taken (the answer falls
 * back instead). Requests the API refused as invalid are never repeated.
 */
export type FailureKind = 'RATE_LIMITED' | 'OVERLOADED' | 'SERVER_ERROR' | 'TIMEOUT' | 'CONNECTION' | 'CLIENT_ERROR' | 'CIRCUIT_OPEN' | 'ABORTED';

export function failureKindOfStatus(status: number): FailureKind {
  if (status === 429) return 'RATE_LIMITED';
  if (status === 529) return 'OVERLOADED';
  if (status === 408) return 'TIMEOUT';
  if (status >= 500) return 'SERVER_ERROR';
  return 'CLIENT_ERROR';
}

/** Whether a failure says something about the API's health (and so counts for the breaker). */
export function countsAgainstBreaker(kind: FailureKind): boolean {
  return kind !== 'CLIENT_ERROR' && kind !== 'ABORTED' && kind !== 'CIRCUIT_OPEN';
}

/**
 * retry-after-ms (milliseconds, sent by the Anthropic API), else retry-after (seconds or an
 * HTTP date). Undefined when neither is usable.
 */
export function retryAfterMs(headers: { get(name: string): string | null } | undefined, now: number): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (raw === null || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface RetryInput {
  kind: FailureKind;
  /** The attempt that just failed, from 1. */
  attempt: number;
  maxAttempts: number;
  /** What the API asked for, if anything. */
  retryAfterMs?: number | undefined;
  /** Time left before the caller's deadline. */
  remainingMs: number;
  baseDelayMs: number;
  /** Longest wait worth taking. */
  maxWaitMs: number;
  /** The least time an attempt needs to be worth starting. */
  minAttemptMs: number;
  /** 0 ≤ jitter < 1, spreads back-offs of concurrent callers. */
  jitter: number;
}

/** The delay before the next attempt, or undefined when the call should not be retried. */
export function retryDelay(input: RetryInput): number | undefined {
  if (['CLIENT_ERROR', 'CIRCUIT_OPEN', 'ABORTED'].includes(input.kind)) return undefined;
  if (input.attempt >= input.maxAttempts) return undefined;
  const backoff = input.baseDelayMs * 2 ** (input.attempt - 1) * (0.5 + input.jitter / 2);
  const delay = Math.round(input.retryAfterMs ?? backoff);
  if (delay > input.maxWaitMs) return undefined;
  if (delay + input.minAttemptMs > input.remainingMs) return undefined;
  return delay;
}
