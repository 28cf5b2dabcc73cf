import type { Realism } from '../config.js';
import { type RateLimits, type Refusal, createRateLimits } from './rate-limits.js';

/**
 * The parts of the real API's behaviour that are not about the answer's content: rate limits,
 * occasional overload, time to first token and output speed. With the `instant` profile every
 * part is off. `random` is injectable so tests can force or rule out an overload.
 */
export interface Latency {
  /** Wait before the first byte of the answer (ms). */
  firstTokenMs(): number;
  /** Wait between streamed pieces of `tokens` tokens (ms). */
  perTokensMs(tokens: number): number;
}

export interface RealismControls extends Latency {
  readonly settings: Realism;
  limits: RateLimits;
  /** A refusal for this Messages request (429 or 529), or its rate-limit headers. */
  admitMessage(inputTokens: number, maxTokens: number): { headers: Record<string, string> } | Refusal | Overloaded;
}

export interface Overloaded {
  status: 529;
  type: 'overloaded_error';
  message: string;
  headers: Record<string, string>;
}

export function createRealism(settings: Realism, deps: { now?: () => number; random?: () => number } = {}): RealismControls {
  const random = deps.random ?? Math.random;
  const limits = createRateLimits(settings, deps.now);
  return {
    settings,
    limits,
    admitMessage(inputTokens, maxTokens) {
      const admitted = limits.admitMessage(inputTokens, maxTokens);
      if ('status' in admitted) return admitted;
      if (settings.overloadedRate > 0 && random() < settings.overloadedRate) {
        return { status: 529, type: 'overloaded_error', message: 'Overloaded', headers: {} };
      }
      return admitted;
    },
    firstTokenMs() {
      return settings.ttftMs === 0 ? 0 : Math.round(settings.ttftMs * (0.7 + 0.6 * random()));
    },
    perTokensMs(tokens) {
      return settings.outputTokensPerSecond === 0 ? 0 : (tokens * 1000) / settings.outputTokensPerSecond;
    },
  };
}
