/**
 * The last requests /v1/messages received, so tests can assert what the model was shown.
 * Kept in memory, oldest dropped first.
 */
export interface LoggedRequest {
  requestId: string;
  receivedAt: string;
  model?: string;
  stream: boolean;
  maxTokens?: number;
  /** The system prompt as text. */
  system: string;
  /** Each turn's readable text (tool inputs and results included). */
  messages: Array<{ role: string; text: string }>;
  tools: string[];
  toolChoice?: unknown;
  /** Control mode applied to this request. */
  mode?: string;
  status?: number;
  errorType?: string;
  stopReason?: string;
  usage?: { input_tokens: number; output_tokens: number };
  durationMs?: number;
  /** Streamed answers: true when the client closed the connection before the last event. */
  aborted?: boolean;
  /** Streamed answers: events written before the end or the client leaving. */
  eventsSent?: number;
  /** Streamed answers: events the whole answer has. */
  eventsTotal?: number;
}

export interface RequestLog {
  add(entry: LoggedRequest): LoggedRequest;
  list(limit?: number): LoggedRequest[];
  clear(): void;
}

export function createRequestLog(capacity = 200): RequestLog {
  const entries: LoggedRequest[] = [];
  return {
    add(entry) {
      entries.push(entry);
      if (entries.length > capacity) entries.splice(0, entries.length - capacity);
      return entry;
    },
    list(limit) {
      const n = limit === undefined ? entries.length : Math.max(0, limit);
      return entries.slice(entries.length - n).map((e) => structuredClone(e));
    },
    clear() {
      entries.length = 0;
    },
  };
}
