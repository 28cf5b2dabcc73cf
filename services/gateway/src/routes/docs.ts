import { Router } from 'express';
import { mergeOpenApi, type Fragment } from '../domain/openapi-document.js';

const DOCS_PAGE = `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>HealthSync API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem 2rem;color:#1d2733}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ccd;padding-bottom:.2rem}
details{border:1px solid #dde;border-radius:6px;margin:.4rem 0;padding:.3rem .7rem}
summary{cursor:pointer}code,pre{font:13px ui-monospace,monospace}pre{background:#f5f6f8;padding:.6rem;overflow:auto}
.m{display:inline-block;min-width:4.2rem;font-weight:700;text-transform:uppercase}.get{color:#0b7}.post{color:#27c}.put{color:#c80}.delete{color:#c33}.patch{color:#85c}
.lock{color:#a60;font-size:.85em}
</style></head><body>
<h1>HealthSync API</h1><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
<div id="ops">Loading…</div>
<script src="/api/docs/app.js"></script>
</body></html>`;

const DOCS_SCRIPT = `(async () => {
  const doc = await (await fetch('/api/openapi.json')).json();
  const root = document.getElementById('ops');
  root.textContent = '';
  const byTag = {};
  for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) {
    (byTag[(op.tags || ['other'])[0]] ||= []).push({ path, method, op });
  }
  for (const [tag, entries] of Object.entries(byTag)) {
    const h = document.createElement('h2'); h.textContent = tag; root.append(h);
    for (const { path, method, op } of entries) {
      const d = document.createElement('details');
      const s = document.createElement('summary');
      const m = document.createElement('span'); m.className = 'm ' + method; m.textContent = method;
      const c = document.createElement('code'); c.textContent = path;
      s.append(m, c, ' ', op.summary || '');
      if ((op.security || []).length) { const l = document.createElement('span'); l.className = 'lock'; l.textContent = ' 🔒 bearer'; s.append(l); }
      const pre = document.createElement('pre');
      pre.textContent = JSON.stringify({ parameters: op.parameters, requestBody: op.requestBody, responses: op.responses }, null, 2);
      d.append(s, pre); root.append(d);
    }
  }
})();`;

/** `/api/openapi.json` (the merged document) and `/api/docs` (a page that browses it). */
export function createDocsRouter(fragments: () => Promise<Fragment[]>, version: string): Router {
  const router = Router();
  router.get('/api/openapi.json', async (_req, res) => {
    res.json(mergeOpenApi(await fragments(), version));
  });
  router.get('/api/docs', (_req, res) => {
    res.setHeader('Content-Security-Policy', "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'");
    res.type('html').send(DOCS_PAGE);
  });
  router.get('/api/docs/app.js', (_req, res) => {
    res.type('application/javascript').send(DOCS_SCRIPT);
  });
  return router;
}
