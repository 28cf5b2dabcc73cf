/**
 * Fixed-window rate limiting arithmetic. The counts live in the shared cache so every
 * gateway replica sees them; this module only decides.
 */
export interface WindowDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
  windowKey: string;
}

export function windowStart(nowMs: number, windowMs: number): number {
  return Math.floor(nowMs / windowMs) * windowMs;
}

export function decide(clientKey: string, countSoFar: number, limit: number, nowMs: number, windowMs = 60_000): WindowDecision {
  const start = windowStart(nowMs, windowMs);
  const count = countSoFar + 1;
  return {
    allowed: count <= limit,
    limit,
    remaining: Math.max(0, limit - count),
    resetSeconds: Math.max(1, Math.ceil((start + windowMs - nowMs) / 1000)),
    windowKey: `ratelimit:${clientKey}:${start}`,
  };
}
