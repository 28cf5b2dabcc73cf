/**
 * Request-target confinement. Pure.
 *
 * Every hop after ours (the Dapr sidecar's router, Go's URL parser, an ingress) may
 * normalise a path: turn `\` into `/`, decode `%2f`, resolve `..`. A path that would change
 * under any such normalisation can therefore reach a different resource than the one we
 * checked. The only safe answer is to accept nothing but paths that are already in their
 * one canonical form, and refuse the rest before routing.
 *
 * A canonical path here is `/` followed by non-empty segments of unreserved characters
 * (RFC 3986 §2.3: letters, digits, `-`, `.`, `_`, `~`), with no segment made only of dots
 * and no trailing slash. Nothing in the API needs more: ids are UUIDs, dates are
 * YYYY-MM-DD, mission ids are `[A-Za-z0-9_-]`. In particular no `%` is accepted in a path,
 * which rules out every encoded or double-encoded `/`, `\`, `.` and control character.
 */
export type TargetCheck = { ok: true; path: string; query: string } | { ok: false; reason: string };

/** Longest request target accepted (path and query). */
export const MAX_TARGET_LENGTH = 2048;

const SEGMENT = /^[A-Za-z0-9._~-]+$/;
const ONLY_DOTS = /^\.+$/;
/** Visible ASCII except `#` and `\`; percent-escapes are checked separately. */
const QUERY = /^[\x21-\x22\x24-\x5b\x5d-\x7e]*$/;

export function checkRequestTarget(target: string): TargetCheck {
  if (target.length > MAX_TARGET_LENGTH) return { ok: false, reason: `the request target is longer than ${MAX_TARGET_LENGTH} characters` };
  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const query = queryAt === -1 ? '' : target.slice(queryAt + 1);

  if (!path.startsWith('/')) return { ok: false, reason: 'the path must start with /' };
  if (path.includes('\\')) return { ok: false, reason: 'the path contains a backslash' };
  if (path.includes('%')) return { ok: false, reason: 'the path contains a percent-encoded character' };
  if (path !== '/') {
    const segments = path.slice(1).split('/');
    for (const segment of segments) {
      if (segment === '') return { ok: false, reason: 'the path contains an empty segment or a trailing slash' };
      if (ONLY_DOTS.test(segment)) return { ok: false, reason: 'the path contains a dot segment' };
      if (!SEGMENT.test(segment)) return { ok: false, reason: 'the path contains a character outside letters, digits and - . _ ~' };
    }
  }

  if (!QUERY.test(query)) return { ok: false, reason: 'the query contains a control, space, backslash or # character' };
  // Decoded query values may hold any text (e.g. Korean) but never control characters.
  let decoded: URLSearchParams;
  try {
    decoded = new URLSearchParams(query);
    for (const [name, value] of decoded) {
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u001f\u007f]/.test(name + value)) return { ok: false, reason: 'the query contains an encoded control character' };
    }
  } catch {
    return { ok: false, reason: 'the query is not valid' };
  }
  if (query.split('&').some((pair) => /%(?![0-9A-Fa-f]{2})/.test(pair))) return { ok: false, reason: 'the query contains a malformed percent-escape' };
  return { ok: true, path, query: decoded.toString() };
}
