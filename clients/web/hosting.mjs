// How the web client's files are served: the same rules locally (serve.mjs) and at the edge
// (Front Door rule set in infra-terraform/modules/edge, checked against this file by
// tests/deploy/web.test.mjs).
//
// - Files under /assets/ carry a content hash in their names (Vite): cached for a year, immutable.
// - index.html, config.json and every app path (answered with index.html) are revalidated on
//   every load (`no-cache`), so a release is seen at once while the hashed files stay cached.

export const ASSET_PREFIX = '/assets/';
export const CACHE_HASHED_ASSET = 'public, max-age=31536000, immutable';
export const CACHE_DOCUMENT = 'no-cache';

/** The document's Content-Security-Policy: scripts and styles only from the site itself; the API origin for fetch. */
export function contentSecurityPolicy({ apiOrigin }) {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${apiOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders({ apiOrigin }) {
  return {
    'Content-Security-Policy': contentSecurityPolicy({ apiOrigin }),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  };
}

/** An app path (no file extension) is answered with index.html: the client routes it. */
export function isAppPath(pathname) {
  return !/\.[A-Za-z0-9]+$/.test(pathname);
}
