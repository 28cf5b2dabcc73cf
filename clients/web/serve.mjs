// The web client's static server for `npm start` and the browser tests: clients/web/dist on
// 127.0.0.1:$WEB_PORT with the edge's cache and security rules (hosting.mjs), and /config.json
// made from the environment (where the API and the sign-in are). Only GET and HEAD.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ASSET_PREFIX, CACHE_DOCUMENT, CACHE_HASHED_ASSET, isAppPath, securityHeaders } from './hosting.mjs';

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`web server: the setting ${name} is missing`);
    process.exit(1);
  }
  return value;
}

const port = Number(required('WEB_PORT'));
const root = path.resolve(process.env.WEB_ROOT ?? path.join(import.meta.dirname, 'dist'));
const apiBaseUrl = required('WEB_API_BASE_URL');
const config = {
  apiBaseUrl,
  oidc: {
    issuer: required('WEB_OIDC_ISSUER'),
    authorizationEndpoint: required('WEB_OIDC_AUTHORIZATION_ENDPOINT'),
    clientId: required('WEB_OIDC_CLIENT_ID'),
  },
};
const configBody = Buffer.from(JSON.stringify(config));
const headers = securityHeaders({ apiOrigin: new URL(apiBaseUrl).origin });

if (!fs.existsSync(path.join(root, 'index.html'))) {
  console.error(`web server: ${path.join(root, 'index.html')} is missing (build the web client first)`);
  process.exit(1);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

function log(fields) {
  console.log(JSON.stringify({ time: new Date().toISOString(), service: 'web', ...fields }));
}

function send(req, res, status, body, extra) {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  const common = { ...headers, ...extra, ETag: etag };
  if (status === 200 && req.headers['if-none-match'] === etag) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  res.writeHead(status, { ...common, 'Content-Length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** The file a request path names inside root, or undefined (outside root, hidden, not a file). */
function fileFor(pathname) {
  if (pathname.includes('\0') || pathname.split('/').some((segment) => segment.startsWith('.'))) return undefined;
  const file = path.resolve(root, `.${pathname}`);
  if (!file.startsWith(`${root}${path.sep}`)) return undefined;
  try {
    return fs.statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

const indexFile = path.join(root, 'index.html');
const server = http.createServer((req, res) => {
  const started = performance.now();
  res.on('finish', () => log({ method: req.method, path: (req.url ?? '').split('?')[0], status: res.statusCode, ms: Math.round(performance.now() - started) }));
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('method not allowed');
    return;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://web.invalid').pathname);
  } catch {
    res.writeHead(400, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('bad request');
    return;
  }
  if (pathname === '/config.json') {
    send(req, res, 200, configBody, { 'Content-Type': TYPES['.json'], 'Cache-Control': CACHE_DOCUMENT });
    return;
  }
  const file = pathname === '/' ? indexFile : fileFor(pathname);
  if (file && file !== indexFile) {
    const cache = pathname.startsWith(ASSET_PREFIX) ? CACHE_HASHED_ASSET : CACHE_DOCUMENT;
    send(req, res, 200, fs.readFileSync(file), { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': cache });
    return;
  }
  if (file === indexFile || isAppPath(pathname)) {
    send(req, res, 200, fs.readFileSync(indexFile), { 'Content-Type': TYPES['.html'], 'Cache-Control': CACHE_DOCUMENT });
    return;
  }
  send(req, res, 404, Buffer.from('not found'), { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
});

server.listen(port, '127.0.0.1', () => log({ msg: 'web client served', url: `http://127.0.0.1:${port}`, root, api: apiBaseUrl }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
