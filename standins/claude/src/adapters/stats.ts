/**
 * Request counters for /v1/messages, including how many were in flight at once: a batch
 * benchmark reads peakConcurrent to check that its calls really overlap (or are bounded).
 */
export interface StatsSnapshot {
  total: number;
  streamed: number;
  byStatus: Record<string, number>;
  currentConcurrent: number;
  peakConcurrent: number;
  inputTokens: number;
  outputTokens: number;
  /** Streamed answers whose client left before the last event. */
  aborted: number;
  since: string;
}

export interface Stats {
  /** Marks a request in flight; call the returned function once when its response ends. */
  begin(): () => void;
  record(outcome: { status: number; stream: boolean; usage?: { input_tokens: number; output_tokens: number } }): void;
  /** A streamed answer whose client left before the last event. */
  recordAbort(): void;
  snapshot(): StatsSnapshot;
  reset(): void;
}

export function createStats(now: () => number = Date.now): Stats {
  let current = 0;
  const fresh = () => ({
    total: 0,
    streamed: 0,
    byStatus: {} as Record<string, number>,
    peak: current,
    inputTokens: 0,
    outputTokens: 0,
    aborted: 0,
    since: now(),
  });
  let counters = fresh();
  return {
    begin() {
      current += 1;
      counters.peak = Math.max(counters.peak, current);
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        current -= 1;
      };
    },
    record({ status, stream, usage }) {
      counters.total += 1;
      if (stream) counters.streamed += 1;
      counters.byStatus[String(status)] = (counters.byStatus[String(status)] ?? 0) + 1;
      if (usage) {
        counters.inputTokens += usage.input_tokens;
        counters.outputTokens += usage.output_tokens;
      }
    },
    recordAbort() {
      counters.aborted += 1;
    },
    snapshot() {
      return {
        total: counters.total,
        streamed: counters.streamed,
        byStatus: { ...counters.byStatus },
        currentConcurrent: current,
        peakConcurrent: counters.peak,
        inputTokens: counters.inputTokens,
        outputTokens: counters.outputTokens,
        aborted: counters.aborted,
        since: new Date(counters.since).toISOString(),
      };
    },
    reset() {
      counters = fresh();
    },
  };
}
