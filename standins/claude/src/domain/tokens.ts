/**
 * A deterministic token estimate: one token per three characters (code points), at least one.
 * Korean text runs close to this with Claude's tokenizer; what matters here is that stream and
 * non-stream answers, and the request log, all count the same way.
 */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(Array.from(text).length / 3));
}

/** The longest prefix of `text` that stays within `maxTokens` by the same estimate. */
export function truncateToTokens(text: string, maxTokens: number): string {
  return Array.from(text)
    .slice(0, maxTokens * 3)
    .join('');
}
