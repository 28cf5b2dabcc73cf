/**
 * The aggregator's wire format (CODEF; standins/nhis/PROTOCOL.md "Encoding"): request and response
 * bodies are JSON URL-encoded as a whole, responses the way Java's URLEncoder does it ('+' for space).
 * Pure functions, so the unit tests cover them without a server.
 */
export function encodeRequestBody(params: Record<string, unknown>): string {
  return encodeURIComponent(JSON.stringify(params));
}

/** Decodes a response body; plain JSON is accepted too. Throws SyntaxError or URIError on garbage. */
export function decodeResponseBody(text: string): unknown {
  const trimmed = text.trim();
  const json = trimmed.startsWith('{') ? trimmed : decodeURIComponent(trimmed.replace(/\+/g, ' '));
  return JSON.parse(json) as unknown;
}

export interface AggregatorAnswer {
  readonly code: string;
  readonly message: string;
  readonly extraMessage: string;
  readonly data: unknown;
}

/** The `result` and `data` of CODEF's envelope; undefined when the body is not such an envelope. */
export function answerOf(envelope: unknown): AggregatorAnswer | undefined {
  if (envelope === null || typeof envelope !== 'object') return undefined;
  const { result, data } = envelope as { result?: unknown; data?: unknown };
  if (result === null || typeof result !== 'object') return undefined;
  const r = result as Record<string, unknown>;
  if (typeof r.code !== 'string') return undefined;
  return {
    code: r.code,
    message: typeof r.message === 'string' ? r.message : '',
    extraMessage: typeof r.extraMessage === 'string' ? r.extraMessage : '',
    data: data ?? {},
  };
}
