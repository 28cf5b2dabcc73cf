import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { eventually, gatewayUrl } from '../support/system.js';
import { people, signInWithIdToken } from '../support/users.js';

/** The trace viewer `npm start` runs (scripts/lib/ports.mjs); the sidecars send it every span (dapr/local/*.yaml). */
const traceViewer = 'http://127.0.0.1:19411';

/** A span as Zipkin's query API answers it (zipkin2 JSON v2). */
interface Span {
  traceId: string;
  id: string;
  parentId?: string;
  name: string;
  kind?: 'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER';
  localEndpoint?: { serviceName?: string };
  tags?: Record<string, string>;
}

async function traceOf(traceId: string): Promise<Span[]> {
  const response = await fetch(`${traceViewer}/api/v2/trace/${traceId}`);
  if (response.status === 404) return [];
  assert.equal(response.status, 200, `trace viewer answered ${response.status}`);
  return (await response.json()) as Span[];
}

/** The span's ancestors, nearest first, as far as they are in the trace. */
function ancestors(span: Span, spans: Span[]): Span[] {
  const byId = new Map(spans.map((s) => [s.id, s]));
  const chain: Span[] = [];
  for (let parent = span.parentId && byId.get(span.parentId); parent; parent = parent.parentId && byId.get(parent.parentId)) chain.push(parent);
  return chain;
}

describe('local tracing', () => {
  test('when a signed-in user reads their account through the gateway, then the trace viewer shows the gateway’s sidecar checking the session and calling the user service', async () => {
    const session = await signInWithIdToken(people.minji);
    const traceId = randomBytes(16).toString('hex');
    const response = await fetch(`${gatewayUrl}/api/users/me`, {
      headers: { authorization: `Bearer ${session.accessToken}`, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    });
    assert.equal(response.status, 200);

    // Sidecars send spans in batches: wait until both hops and the session check are there.
    const spans = await eventually(
      'the request’s spans in the trace viewer',
      async () => {
        const found = await traceOf(traceId);
        const services = new Set(found.map((s) => s.localEndpoint?.serviceName));
        const sessionChecked = found.some((s) => s.tags?.['db.name'] === 'revocations');
        return services.has('gateway') && services.has('user') && sessionChecked ? found : undefined;
      },
      30_000,
    );

    assert.ok(
      spans.every((s) => s.traceId === traceId),
      'every span belongs to the client’s trace',
    );
    // The user service's sidecar received the invocation as a server span ...
    const served = spans.find((s) => s.localEndpoint?.serviceName === 'user' && s.kind === 'SERVER');
    assert.ok(served, `a SERVER span of the user sidecar; spans: ${JSON.stringify(spans.map((s) => [s.localEndpoint?.serviceName, s.kind, s.name]))}`);
    assert.equal(served.name, 'calllocal/user/api/users/me');
    // ... whose parent chain leads back to the gateway's sidecar, which made the call.
    const callers = ancestors(served, spans);
    assert.ok(
      callers.some((s) => s.localEndpoint?.serviceName === 'gateway' && s.kind === 'CLIENT'),
      `the user span descends from a gateway CLIENT span (ancestors: ${callers.map((s) => s.localEndpoint?.serviceName).join(' → ')})`,
    );
    // Before forwarding, the gateway read the session's revocation entry: a state-store span with its store name.
    // (The user service's own PostgreSQL queries do not go through the sidecar, so they have no span.)
    assert.ok(
      spans.some((s) => s.localEndpoint?.serviceName === 'gateway' && s.tags?.['db.name'] === 'revocations'),
      'a gateway span for the revocation-list read',
    );
  });
});
