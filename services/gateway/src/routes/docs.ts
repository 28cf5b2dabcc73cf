import { createRequire } from 'node:module';
import path from 'node:path';
import { Router, type Response } from 'express';
import { mergeOpenApi, type Fragment } from '../domain/openapi-document.js';

/** Swagger UI, bundled from npm (swagger-ui-dist) and served from here: no CDN. */
const swaggerUiDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css',
  'swagger-ui-bundle.js': 'application/javascript',
  'oauth2-redirect.html': 'text/html',
  'oauth2-redirect.js': 'application/javascript',
  'favicon-32x32.png': 'image/png',
};

const DOCS_PAGE = `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>HealthSync API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png">
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head><body>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body></html>`;

/**
 * Try-it-out signs in with the document's own scheme: authorization code with PKCE at the
 * OpenID Connect issuer, redeemed at /api/auth/token for a HealthSync access token. The
 * client id comes from the document (the user service publishes the one it redeems codes as).
 */
const DOCS_SCRIPT = `(async () => {
  const doc = await (await fetch('/api/openapi.json')).json();
  const signIn = (doc.components.securitySchemes || {}).googleSignIn || {};
  const ui = SwaggerUIBundle({
    spec: doc,
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: true,
    displayRequestDuration: true,
    filter: true,
    tryItOutEnabled: true,
    oauth2RedirectUrl: location.origin + '/api/docs/oauth2-redirect.html',
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
  ui.initOAuth({ clientId: signIn['x-client-id'] || '', usePkceWithAuthorizationCodeGrant: true, scopes: 'openid email profile', appName: 'HealthSync API' });
  window.ui = ui;
})();`;

const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "frame-ancestors 'none'",
].join('; ');

function page(res: Response, type: string, cacheSeconds: number): Response {
  res.setHeader('Content-Security-Policy', PAGE_CSP);
  res.setHeader('Cache-Control', cacheSeconds > 0 ? `public, max-age=${cacheSeconds}` : 'no-store');
  return res.type(type);
}

/** `/api/openapi.json` (the merged document) and `/api/docs` (the reference page, Swagger UI). */
export function createDocsRouter(fragments: () => Promise<Fragment[]>, version: string): Router {
  const router = Router();
  router.get('/api/openapi.json', async (_req, res) => {
    res.json(mergeOpenApi(await fragments(), version));
  });
  router.get('/api/docs', (_req, res) => {
    page(res, 'html', 0).send(DOCS_PAGE);
  });
  router.get('/api/docs/init.js', (_req, res) => {
    page(res, 'application/javascript', 0).send(DOCS_SCRIPT);
  });
  router.get('/api/docs/:asset', (req, res, next) => {
    const type = ASSETS[req.params.asset];
    if (!type) return next();
    page(res, type, 3600).sendFile(path.join(swaggerUiDir, req.params.asset));
  });
  return router;
}
