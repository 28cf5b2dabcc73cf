/**
 * How an AI answer turned out. Every answer a client sees says whether the model wrote it
 * (`AI`) or the rules did (`FALLBACK`), and for a fallback, why.
 */
export type Source = 'AI' | 'FALLBACK';

/** Why a model answer was not used. */
export type Rejection = 'INVALID_OUTPUT' | 'UNGROUNDED_NUMBER';

export type FallbackReason =
  | Rejection
  | 'DAILY_TOKEN_BUDGET_EXCEEDED'
  /** The budget could not be read, so the model was not called. */
  | 'TOKEN_BUDGET_UNAVAILABLE'
  | 'CIRCUIT_OPEN'
  | 'AI_TIMEOUT'
  | 'AI_RATE_LIMITED'
  | 'AI_OVERLOADED'
  | 'AI_UNAVAILABLE'
  | 'AI_STREAM_INTERRUPTED'
  | 'NO_JUDGED_ITEMS'
  | 'AI_BATCH_ERRORED'
  | 'AI_BATCH_EXPIRED'
  | 'AI_BATCH_CANCELED';

export const FALLBACK_REASONS: readonly FallbackReason[] = [
  'INVALID_OUTPUT',
  'UNGROUNDED_NUMBER',
  'DAILY_TOKEN_BUDGET_EXCEEDED',
  'TOKEN_BUDGET_UNAVAILABLE',
  'CIRCUIT_OPEN',
  'AI_TIMEOUT',
  'AI_RATE_LIMITED',
  'AI_OVERLOADED',
  'AI_UNAVAILABLE',
  'AI_STREAM_INTERRUPTED',
  'NO_JUDGED_ITEMS',
  'AI_BATCH_ERRORED',
  'AI_BATCH_EXPIRED',
  'AI_BATCH_CANCELED',
];

/** A model answer after validation. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: Rejection; detail: string };

export type Outcome<T> = { source: 'AI'; value: T } | { source: 'FALLBACK'; reason: FallbackReason };

/** The language a zod error is reported in, short enough for a log line. */
export function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
