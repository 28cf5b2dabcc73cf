import type { Realism } from '../config.js';
import { type Bucket, newBucket, read, take, waitFor } from '../domain/token-bucket.js';

/**
 * The organisation's rate limits for one model class: requests, input tokens and output tokens
 * per minute on the Messages API, and requests per minute on the Message Batches API. A request
 * that does not fit is refused with 429 rate_limit_error and a retry-after; every answer carries
 * the anthropic-ratelimit-* headers of the limits it counts against.
 */
export interface Refusal {
  status: 429;
  type: 'rate_limit_error';
  message: string;
  headers: Record<string, string>;
}

export interface RateLimits {
  /** Admits one Messages request with this many input tokens, or tells why not. */
  admitMessage(inputTokens: number, maxTokens: number): { headers: Record<string, string> } | Refusal;
  /** Counts the output tokens a finished answer used. */
  countOutput(outputTokens: number): void;
  admitBatchCall(): { headers: Record<string, string> } | Refusal;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function headersOf(prefix: string, bucket: Bucket, now: number): Record<string, string> {
  if (bucket.limit === 0) return {};
  const r = read(bucket, now);
  return {
    [`anthropic-ratelimit-${prefix}-limit`]: String(r.limit),
    [`anthropic-ratelimit-${prefix}-remaining`]: String(r.remaining),
    [`anthropic-ratelimit-${prefix}-reset`]: iso(r.resetAt),
  };
}

function refusal(what: string, limit: number, waitMs: number, headers: Record<string, string>): Refusal {
  const seconds = Number.isFinite(waitMs) ? Math.max(1, Math.ceil(waitMs / 1000)) : 60;
  return {
    status: 429,
    type: 'rate_limit_error',
    message: `This request would exceed your organization's rate limit of ${limit.toLocaleString('en-US')} ${what} per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.`,
    headers: { ...headers, 'retry-after': String(seconds) },
  };
}

export function createRateLimits(realism: Realism, now: () => number = Date.now): RateLimits {
  const start = now();
  const requests = newBucket(realism.requestsPerMinute, start);
  const input = newBucket(realism.inputTokensPerMinute, start);
  const output = newBucket(realism.outputTokensPerMinute, start);
  const batchCalls = newBucket(realism.batchRequestsPerMinute, start);

  function messageHeaders(at: number): Record<string, string> {
    const headers = { ...headersOf('requests', requests, at), ...headersOf('input-tokens', input, at), ...headersOf('output-tokens', output, at) };
    // The combined headers report the most restrictive of the token limits.
    const tokenBuckets = [input, output].filter((b) => b.limit > 0);
    if (tokenBuckets.length > 0) {
      const tightest = tokenBuckets.reduce((a, b) => (read(a, at).remaining / a.limit <= read(b, at).remaining / b.limit ? a : b));
      Object.assign(headers, headersOf('tokens', tightest, at));
    }
    return headers;
  }

  return {
    admitMessage(inputTokens) {
      const at = now();
      const checks: Array<[string, Bucket, number]> = [
        ['requests', requests, 1],
        ['input tokens', input, inputTokens],
        // Output is checked for room, and counted once the answer is known.
        ['output tokens', output, 1],
      ];
      for (const [what, bucket, amount] of checks) {
        const wait = waitFor(bucket, amount, at);
        if (wait > 0) return refusal(what, bucket.limit, wait, messageHeaders(at));
      }
      take(requests, 1, at);
      take(input, inputTokens, at);
      return { headers: messageHeaders(at) };
    },

    countOutput(outputTokens) {
      take(output, outputTokens, now());
    },

    admitBatchCall() {
      const at = now();
      const wait = waitFor(batchCalls, 1, at);
      if (wait > 0) return refusal('Message Batches API requests', batchCalls.limit, wait, headersOf('requests', batchCalls, at));
      take(batchCalls, 1, at);
      return { headers: headersOf('requests', batchCalls, at) };
    },
  };
}
