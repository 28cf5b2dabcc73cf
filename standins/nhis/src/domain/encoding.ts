/**
 * CODEF's wire encoding: bodies are JSON, URL-encoded as a whole (docs/reference/nhis.md §4.2; CODEF's own
 * samples decode them with Python's unquote_plus). The encoder mirrors Java's
 * URLEncoder.encode(s, "UTF-8"): spaces become '+', only A-Z a-z 0-9 . - * _ stay literal.
 * Clients must therefore decode with '+' → ' ' before percent-decoding.
 */
export function encodeAggregatorBody(value: unknown): string {
  return encodeURIComponent(JSON.stringify(value))
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** Inverse of encodeAggregatorBody: '+' → ' ', then percent-decoding. Throws URIError on bad escapes. */
export function decodeAggregatorText(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

export type DecodedRequest = { ok: true; value: unknown } | { ok: false; problem: 'encoding' | 'json' };

/**
 * Request bodies arrive URL-encoded (CODEF's v1 SDKs) or as plain JSON (its v2 Java SDK);
 * both are accepted, as the real service does for its own SDKs.
 */
export function decodeRequestBody(text: string): DecodedRequest {
  const trimmed = text.trim();
  let json = trimmed;
  if (!trimmed.startsWith('{')) {
    try {
      json = decodeAggregatorText(trimmed);
    } catch {
      return { ok: false, problem: 'encoding' };
    }
  }
  try {
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch {
    return { ok: false, problem: 'json' };
  }
}
