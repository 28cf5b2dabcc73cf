import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import express from 'express';
import { createDocsRouter } from '../../src/routes/docs.js';
import { securityHeaders } from '../../src/routes/edge.js';

/** The reference page and its assets, served from the bundled Swagger UI (no CDN). */
describe('the API reference page', () => {
  let server: Server;
  let base: string;
  before(async () => {
    const app = express();
    app.use(securityHeaders);
    const fragment = {
      service: 'user',
      paths: { '/api/users/me': { get: { operationId: 'getMyAccount', tags: ['users'], responses: {} } } },
      components: { securitySchemes: { googleSignIn: { type: 'oauth2', 'x-client-id': 'healthsync-mobile' } } },
    };
    app.use(createDocsRouter(async () => [fragment], '0.1.0'));
    app.use((_req, res) => res.status(404).end());
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  after(() => server.close());

  test('when the page is opened, then it loads Swagger UI and its start script from the gateway only, under a CSP that allows nothing else', async () => {
    const response = await fetch(`${base}/api/docs`);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.deepEqual(
      [...html.matchAll(/src="([^"]+)"/g)].map((m) => m[1]),
      ['/api/docs/swagger-ui-bundle.js', '/api/docs/init.js'],
    );
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self';/);
    assert.match(csp, /connect-src 'self';/);
    const script = await (await fetch(`${base}/api/docs/init.js`)).text();
    assert.match(script, /usePkceWithAuthorizationCodeGrant: true/);
    assert.match(script, /oauth2-redirect\.html/);
  });

  test('when the bundled assets are asked for, then they come from swagger-ui-dist; anything else is not served', async () => {
    const bundle = await fetch(`${base}/api/docs/swagger-ui-bundle.js`);
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
    assert.match(await bundle.text(), /SwaggerUIBundle/);
    const redirect = await fetch(`${base}/api/docs/oauth2-redirect.html`);
    assert.equal(redirect.status, 200);
    assert.match(await redirect.text(), /oauth2-redirect\.js/);
    assert.equal((await fetch(`${base}/api/docs/package.json`)).status, 404);
    assert.equal((await fetch(`${base}/api/docs/..%2Fpackage.json`)).status, 404);
  });

  test('when the document is asked for, then the merged document carries the sign-in scheme and bilingual tags', async () => {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
      openapi: string;
      tags: { name: string; description: string }[];
      components: { securitySchemes: Record<string, unknown> };
    };
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(doc.tags, [{ name: 'users', description: '계정과 프로필 · Account and profile' }]);
    assert.ok(doc.components.securitySchemes.googleSignIn);
  });
});
