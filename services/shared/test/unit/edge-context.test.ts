import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { currentContext } from '../../src/context.js';
import { createServiceApp, finishServiceApp } from '../../src/http.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';

/** The request context an app builds from what a client sends: at the edge, and behind it. */
async function serve(traceSampleRate: number | undefined): Promise<{ url: string; server: Server }> {
  const atEdge = traceSampleRate !== undefined;
  const app = createServiceApp({
    service: 'edge-test',
    logger: createLogger('edge-test', 'error'),
    metrics: createMetrics('edge-test'),
    readiness: {},
    ...(atEdge ? { traceSampleRate, trustIdentityHeaders: false } : {}),
  });
  app.get('/context', (_req, res) => {
    res.json(currentContext());
  });
  finishServiceApp(app, createLogger('edge-test', 'error'));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, server };
}

describe('request context from client headers', () => {
  let edge: { url: string; server: Server };
  let inner: { url: string; server: Server };
  before(async () => {
    edge = await serve(0);
    inner = await serve(undefined);
  });
  after(() => {
    edge.server.close();
    inner.server.close();
  });

  const contextOf = async (url: string, headers: Record<string, string>) =>
    (await (await fetch(`${url}/context`, { headers })).json()) as { traceparent: string; requestId: string };

  test('when a client sends traceparent with the sampled flag at the edge, then the edge’s own decision (here: never) is what flows on', async () => {
    for (let i = 0; i < 20; i += 1) {
      const context = await contextOf(edge.url, { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
      assert.match(context.traceparent, /^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-00$/);
    }
    // Behind the edge the caller is one of ours, and its flag is kept.
    assert.match((await contextOf(inner.url, { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' })).traceparent, /-01$/);
  });

  test('when a client sends user and session headers to the edge, then they do not enter its context; behind the edge they do', async () => {
    const headers = { 'x-healthsync-user-id': 'b7d0c9b2-0000-4000-8000-000000000001', 'x-healthsync-session-id': 's-1' };
    const edgeContext = (await contextOf(edge.url, headers)) as { userId?: string; sessionId?: string };
    assert.equal(edgeContext.userId, undefined);
    assert.equal(edgeContext.sessionId, undefined);
    const innerContext = (await contextOf(inner.url, headers)) as { userId?: string; sessionId?: string };
    assert.equal(innerContext.userId, headers['x-healthsync-user-id']);
    assert.equal(innerContext.sessionId, 's-1');
  });

  test('when a client sends a malformed x-request-id, then a new one is used and echoed', async () => {
    const response = await fetch(`${edge.url}/context`, { headers: { 'x-request-id': `${'a'.repeat(100)}` } });
    const echoed = response.headers.get('x-request-id') ?? '';
    assert.match(echoed, /^[0-9a-f]{16}$/);
    assert.equal(((await response.json()) as { requestId: string }).requestId, echoed);
    assert.equal((await contextOf(edge.url, { 'x-request-id': 'app-7f3a' })).requestId, 'app-7f3a');
    assert.match((await contextOf(edge.url, { 'x-request-id': '"><img src=x>' })).requestId, /^[0-9a-f]{16}$/);
  });
});
