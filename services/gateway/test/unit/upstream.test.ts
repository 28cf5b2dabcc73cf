import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { createUpstream } from '../../src/adapters/upstream.js';

/**
 * The gateway's HTTP client against a real local server standing in for a service (direct
 * mode, as the benchmark uses it; through the sidecar only the base URL differs).
 */
let server: http.Server;
let base: string;
const closedEarly: string[] = [];
const seen: { path: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

before(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', headers: req.headers, body });
      if (req.url === '/api/x/small') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ ok: true, echo: body }));
      } else if (req.url === '/api/x/stream') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('event: token\ndata: 1\n\n');
        const timer = setTimeout(() => res.end('event: done\ndata: 2\n\n'), 300);
        res.on('close', () => {
          if (!res.writableFinished) {
            clearTimeout(timer);
            closedEarly.push(req.url ?? '');
          }
        });
      } else if (req.url === '/api/x/slow') {
        setTimeout(() => res.end('late'), 1_000).unref();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

describe('gateway upstream client', () => {
  test('sends the method, path, headers and body, with the app token; reads the answer whole', async () => {
    const upstream = createUpstream(1, { app: 'app-token' }, { svc: base });
    const response = await upstream.forward(
      'svc',
      { method: 'POST', pathAndQuery: '/api/x/small', body: Readable.from([Buffer.from('hello')]) },
      { 'x-a': 'b' },
      2_000,
    );
    assert.equal(response.status, 200);
    assert.equal(response.header('content-type'), 'application/json');
    assert.deepEqual(JSON.parse(await response.text()), { ok: true, echo: 'hello' });
    const request = seen.at(-1)!;
    assert.equal(request.headers['x-a'], 'b');
    assert.equal(request.headers['dapr-api-token'], 'app-token');
  });

  test('a stream arrives as it is written, and cancelling ends the service’s request', async () => {
    const upstream = createUpstream(1, {}, { svc: base });
    const response = await upstream.forward('svc', { method: 'GET', pathAndQuery: '/api/x/stream' }, {}, 2_000);
    const first = (await response.body[Symbol.asyncIterator]().next()) as IteratorResult<Buffer>;
    assert.match(first.value.toString(), /event: token/);
    response.cancel();
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(closedEarly, ['/api/x/stream']);
  });

  test('the gateway’s own JSON reads (fragments, keys) are not API paths and are not refused', async () => {
    const upstream = createUpstream(1, {}, { svc: base });
    assert.deepEqual(await upstream.getJson('svc', '/api/x/small', 2_000), { ok: true, echo: '' });
    await assert.rejects(upstream.getJson('svc', '/internal/missing', 300), (error: Error) => error.name !== 'UnconfinedPathError');
  });

  test('no answer within the deadline rejects with a TimeoutError', async () => {
    const upstream = createUpstream(1, {}, { svc: base });
    await assert.rejects(upstream.forward('svc', { method: 'GET', pathAndQuery: '/api/x/slow' }, {}, 150), { name: 'TimeoutError' });
  });

  test('nobody listening rejects with another error; a path leaving the API is refused before any call', async () => {
    const upstream = createUpstream(1, {}, { svc: 'http://127.0.0.1:1' });
    await assert.rejects(upstream.forward('svc', { method: 'GET', pathAndQuery: '/api/x/small' }, {}, 2_000), (error: Error) => error.name !== 'TimeoutError');
    const calls = seen.length;
    await assert.rejects(async () => upstream.forward('svc', { method: 'GET', pathAndQuery: '/api/../internal/openapi' }, {}, 2_000), {
      name: 'UnconfinedPathError',
    });
    assert.equal(seen.length, calls);
  });
});
