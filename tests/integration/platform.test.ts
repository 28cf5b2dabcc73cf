import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { probeDeliveries, probeSidecar, startProbe } from '../support/probe.js';
import { appPorts, eventually, gatewayUrl, isProblem, repoRoot, runtimeEnv, secrets, sidecar } from '../support/system.js';

/**
 * The platform is real: these go through the real sidecars (mTLS, access control,
 * resiliency), the real broker and state stores of the component set the system runs with
 * (Redis for components/local; RabbitMQ and PostgreSQL for components/alt: npm test runs this
 * file on both), the local secret store and the cron binding.
 */
describe('platform', () => {
  let probe: Awaited<ReturnType<typeof startProbe>>;
  before(async () => {
    probe = await startProbe();
  });
  after(async () => {
    await probe?.stop();
  });

  test('when the system was started with `dapr run -f dapr.yaml`, then the dapr CLI lists every app with the run file’s ports', () => {
    const listed = JSON.parse(
      execFileSync(path.join(repoRoot, '.tools', 'bin', 'dapr'), ['list', '-o', 'json'], { env: { ...process.env, ...runtimeEnv }, encoding: 'utf8' }),
    ) as { appId: string; appPort: number; httpPort: number }[];
    const apps = Object.fromEntries(listed.map((app) => [app.appId, [app.appPort, app.httpPort]]));
    for (const [app, port] of Object.entries(appPorts)) {
      assert.deepEqual(apps[app], [port, port + 500], app);
    }
  });

  test('when a client calls each service through the gateway, then the answer comes back through both sidecars in the client’s trace', async () => {
    const traces: [string, string][] = [];
    for (const [prefix, service] of [
      ['users', 'user'],
      ['health', 'health'],
      ['goals', 'goal'],
      ['intelligence', 'intelligence'],
      ['notifications', 'batch'],
    ]) {
      const traceId = randomUUID().replaceAll('-', '');
      traces.push([service!, traceId]);
      const response = await fetch(`${gatewayUrl}/api/${prefix}/service-info`, { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
      assert.equal(response.status, 200, prefix);
      const body = (await response.json()) as { service: string; time: string };
      assert.equal(body.service, service);
      assert.ok(!Number.isNaN(Date.parse(body.time)));
      assert.match(response.headers.get('x-request-id') ?? '', /^[0-9a-f]{16}$/);
    }
    // The services' JSON log lines carry the trace id the client started (W3C trace context
    // through the gateway, its sidecar and the target's sidecar).
    const logFile = path.join(repoRoot, '.data', 'logs', 'dapr-run.log');
    await eventually(
      'the services to log the trace',
      async () => {
        const lines = fs.readFileSync(logFile, 'utf8').split('\n');
        return traces.every(([service, id]) => lines.some((line) => line.includes(`"service":"${service}"`) && line.includes(`"traceId":"${id}"`)));
      },
      5_000,
    );
  });

  test('when an event is published, then the subscriber receives it exactly once', async () => {
    const probeId = randomUUID();
    const published = await probeSidecar('/v1.0/publish/events/platform-probe', { method: 'POST', body: JSON.stringify({ probeId, failTimes: 0 }) });
    assert.equal(published.status, 204);
    const seen = await eventually('delivery', async () => {
      const d = await probeDeliveries(probeId);
      return d.delivered ? d : undefined;
    });
    await new Promise((r) => setTimeout(r, 1_000));
    assert.deepEqual((await probeDeliveries(probeId)).attempts, 1);
    assert.equal(seen.eventIds.length, 1);
  });

  test('when a subscriber fails while handling an event, then the same event is delivered again until it succeeds', async () => {
    const probeId = randomUUID();
    const published = await probeSidecar('/v1.0/publish/events/platform-probe', { method: 'POST', body: JSON.stringify({ probeId, failTimes: 2 }) });
    assert.equal(published.status, 204);
    const seen = await eventually(
      'redelivery after two failures',
      async () => {
        const d = await probeDeliveries(probeId);
        return d.delivered ? d : undefined;
      },
      30_000,
    );
    assert.equal(seen.attempts, 3);
    assert.equal(new Set(seen.eventIds).size, 1, 'every attempt carries the same CloudEvent id');
  });

  test('when a subscriber keeps failing, then after the retries the event is dead-lettered and recorded, not lost', async () => {
    const probeId = randomUUID();
    const published = await probeSidecar('/v1.0/publish/events/platform-probe', { method: 'POST', body: JSON.stringify({ probeId, failTimes: 1_000 }) });
    assert.equal(published.status, 204);
    const db = new pg.Client({ connectionString: secrets['postgres-admin-url'] });
    await db.connect();
    try {
      const row = await eventually(
        'the dead letter to be recorded by batch',
        async () => {
          const result = await db.query(`select event_id, payload from batch_service.dead_letters where payload->>'probeId' = $1`, [probeId]);
          return result.rows[0] as { event_id: string; payload: { failTimes: number } } | undefined;
        },
        60_000,
      );
      assert.equal(row.payload.failTimes, 1_000);
      const seen = await probeDeliveries(probeId);
      assert.ok(seen.attempts > 1, 'it was retried before being dead-lettered');
      assert.equal(seen.delivered, false);
      assert.ok(seen.eventIds.includes(row.event_id), 'the dead letter keeps the original event id');
    } finally {
      await db.end();
    }
  });

  test('when a malformed event arrives, then it is dropped and counted instead of retried forever', async () => {
    const published = await probeSidecar('/v1.0/publish/events/platform-probe', { method: 'POST', body: JSON.stringify({ probeId: 42 }) });
    assert.equal(published.status, 204);
    await eventually('the drop to be counted', async () => {
      const metrics = await (await fetch('http://127.0.0.1:3009/metrics')).text();
      return /pubsub_messages_total\{[^}]*outcome="dropped"[^}]*\} [1-9]/.test(metrics);
    });
  });

  test('when a value is cached with a TTL, then it is readable until it expires', async () => {
    const key = `platform-test-${randomUUID()}`;
    const saved = await probeSidecar('/v1.0/state/cache', {
      method: 'POST',
      body: JSON.stringify([{ key, value: { hello: '세계' }, metadata: { ttlInSeconds: '2' } }]),
    });
    assert.equal(saved.status, 204);
    const read = await probeSidecar(`/v1.0/state/cache/${key}`);
    assert.equal(read.status, 200);
    assert.deepEqual(await read.json(), { hello: '세계' });
    await eventually('the entry to expire', async () => (await probeSidecar(`/v1.0/state/cache/${key}`)).status === 204, 10_000);
  });

  test('when an app reads an allowed secret, then it gets the local store value; a secret outside its scope is refused', async () => {
    const allowed = await sidecar('batch', '/v1.0/secrets/secretstore/postgres-url-batch');
    assert.equal(allowed.status, 200);
    assert.deepEqual(await allowed.json(), { 'postgres-url-batch': secrets['postgres-url-batch'] });
    const refused = await sidecar('batch', '/v1.0/secrets/secretstore/jwt-signing-key');
    assert.equal(refused.status, 403);
    assert.doesNotMatch(await refused.text(), /BEGIN PRIVATE KEY/);
    // Another service's database credential, too: each connects as its own role.
    const otherDatabase = await sidecar('batch', '/v1.0/secrets/secretstore/postgres-url-user');
    assert.equal(otherDatabase.status, 403);
    assert.doesNotMatch(await otherDatabase.text(), /postgresql:/);
  });

  test('when the cron binding fires, then batch records the day’s run once and counts the triggers', async () => {
    const db = new pg.Client({ connectionString: secrets['postgres-admin-url'] });
    await db.connect();
    try {
      const count = async () => Number((await db.query('select coalesce(sum(trigger_count), 0) as n from batch_service.runs')).rows[0].n);
      const before = await count();
      await eventually('the next cron tick', async () => (await count()) > before, 25_000);
      const days = await db.query('select run_date from batch_service.runs');
      assert.equal(new Set(days.rows.map((r) => String(r.run_date))).size, days.rowCount, 'one row per day');
    } finally {
      await db.end();
    }
  });

  test('when a usage event is published twice and a malformed one once, then usage-analytics (Python) counts the first once and drops the other', async () => {
    const metric = async (outcome: string) => {
      const text = await (await fetch(`http://127.0.0.1:${appPorts['usage-analytics']}/metrics`)).text();
      return Number(new RegExp(`^usage_events_total\\{outcome="${outcome}"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
    };
    const before = { recorded: await metric('recorded'), duplicate: await metric('duplicate'), rejected: await metric('rejected') };
    // A priced model's snapshot id of this run alone, so its row is this test's.
    const model = `claude-haiku-4-5-platform${randomUUID().slice(0, 8)}`;
    const now = new Date();
    const event = {
      eventId: randomUUID(),
      type: 'AiModelCalled',
      occurredAt: now.toISOString(),
      userId: randomUUID(),
      feature: 'chat',
      promptVersion: 'chat-v1',
      model,
      attempt: 1,
      streamed: false,
      inputTokens: 2000,
      outputTokens: 400,
      latencyMs: 812,
      outcome: 'SUCCESS',
    };
    for (const body of [event, event, { ...event, eventId: randomUUID(), inputTokens: -1 }]) {
      assert.equal((await probeSidecar('/v1.0/publish/usage-stream/ai-usage', { method: 'POST', body: JSON.stringify(body) })).status, 204);
    }
    await eventually(
      'usage-analytics to record, skip and drop',
      async () =>
        (await metric('recorded')) > before.recorded && (await metric('duplicate')) > before.duplicate && (await metric('rejected')) > before.rejected,
    );
    const day = new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
    const read = await sidecar('batch', `/v1.0/invoke/usage-analytics/method/internal/usage-analytics/days/${day}`);
    assert.equal(read.status, 200);
    const report = (await read.json()) as { features: { model: string; requests: number; inputTokens: number; estimatedCostUsd: number }[] };
    assert.deepEqual(
      report.features.filter((f) => f.model === model).map((f) => [f.requests, f.inputTokens, f.estimatedCostUsd]),
      [[1, 2000, 0.004]],
    );
    const denied = await sidecar('gateway', `/v1.0/invoke/usage-analytics/method/internal/usage-analytics/days/${day}`);
    assert.notEqual(denied.status, 200);
    assert.match(await denied.text(), /access control policy has denied access/);
    const direct = await fetch(`http://127.0.0.1:${appPorts['usage-analytics']}/internal/usage-analytics/days/${day}`);
    assert.equal(direct.status, 403);
    assert.equal(((await direct.json()) as { code: string }).code, 'NOT_FROM_SIDECAR');
  });

  test('when an app other than the gateway calls a public route, then access control denies it', async () => {
    const denied = await probeSidecar('/v1.0/invoke/user/method/api/users/service-info');
    assert.notEqual(denied.status, 200);
    assert.match(await denied.text(), /access control policy has denied access/);
    const allowed = await sidecar('gateway', '/v1.0/invoke/user/method/api/users/service-info');
    assert.equal(allowed.status, 200);
  });

  test('when the gateway calls another service’s internal route, then access control denies it', async () => {
    const denied = await sidecar('gateway', '/v1.0/invoke/batch/method/internal/batch/runs');
    assert.notEqual(denied.status, 200);
    assert.match(await denied.text(), /access control policy has denied access/);
  });

  test('when a request reaches a service without passing its sidecar, then the service refuses it', async () => {
    const response = await fetch(`http://127.0.0.1:${appPorts.user}/api/users/service-info`);
    assert.equal(response.status, 403);
    assert.ok(isProblem(response));
    assert.equal(((await response.json()) as { code: string }).code, 'NOT_FROM_SIDECAR');
  });
});

describe('gateway edge', () => {
  test('when a path or method does not exist, then the answer is problem+json 404 or 405', async () => {
    const notFound = await fetch(`${gatewayUrl}/api/users/nowhere`);
    assert.equal(notFound.status, 404);
    assert.ok(isProblem(notFound));
    assert.equal(((await notFound.json()) as { code: string }).code, 'ROUTE_NOT_FOUND');
    const unknownPrefix = await fetch(`${gatewayUrl}/api/unknown/thing`);
    assert.equal(unknownPrefix.status, 404);
    const notAllowed = await fetch(`${gatewayUrl}/api/users/service-info`, { method: 'DELETE' });
    assert.equal(notAllowed.status, 405);
    assert.equal(notAllowed.headers.get('allow'), 'GET');
    assert.equal(((await notAllowed.json()) as { code: string }).code, 'METHOD_NOT_ALLOWED');
  });

  test('when one client exceeds its rate, then it gets 429 with Retry-After while others still pass', async () => {
    const client = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
    let limited: Response | undefined;
    // The limit (300 a minute) counts per clock minute: 400 requests that straddle a minute's end can
    // stay under it in both. Twice the limit and more cannot.
    for (let i = 0; i < 700 && !limited; i += 1) {
      // A spoofed X-Azure-ClientIP (no Front Door vouching for it) must not buy a fresh bucket,
      // nor may extra X-Forwarded-For entries the client put in front.
      const spoofed = `192.0.2.${i % 250}`;
      const response = await fetch(`${gatewayUrl}/api/users/service-info`, {
        headers: { 'x-forwarded-for': `${spoofed}, ${client}`, 'x-azure-clientip': spoofed, 'x-azure-fdid': '8f0b3c2a-1d4e-4b7a-9c61-2e5f7a9d0b13' },
      });
      if (response.status === 429) limited = response;
      else await response.arrayBuffer();
    }
    assert.ok(limited, 'the limit was reached');
    assert.ok(isProblem(limited));
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.equal(((await limited.json()) as { code: string }).code, 'RATE_LIMITED');
    const other = await fetch(`${gatewayUrl}/api/users/service-info`, { headers: { 'x-forwarded-for': '198.51.100.7' } });
    assert.equal(other.status, 200);
  });

  test('when any answer leaves the gateway, then it carries the security headers', async () => {
    const response = await fetch(`${gatewayUrl}/api/health/service-info`);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
    assert.match(response.headers.get('strict-transport-security') ?? '', /max-age=/);
    assert.equal(response.headers.get('x-powered-by'), null);
  });

  test('when the app asks for the API description, then the gateway serves the combined OpenAPI 3.1 document and a docs page', async () => {
    const response = await fetch(`${gatewayUrl}/api/openapi.json`);
    assert.equal(response.status, 200);
    const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown>; components: { securitySchemes: Record<string, unknown> } };
    assert.equal(doc.openapi, '3.1.0');
    for (const prefix of ['users', 'health', 'goals', 'intelligence', 'notifications']) {
      assert.ok(doc.paths[`/api/${prefix}/service-info`], prefix);
    }
    assert.ok(doc.components.securitySchemes.bearerAuth);
    assert.ok(!Object.keys(doc.paths).some((p) => p.startsWith('/internal')), 'internal routes stay private');
    const operations = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.entries(ops as Record<string, { security: unknown[]; responses: Record<string, unknown> }>).map(([m, op]) => [`${m} ${p}`, op] as const),
    );
    const protectedOps = operations.filter(([, op]) => op.security.length > 0);
    assert.ok(
      protectedOps.some(([name]) => name === 'get /api/users/me'),
      'the account route is protected',
    );
    assert.ok(doc.components.securitySchemes.googleSignIn, 'the sign-in flow the reference page uses is declared');
    for (const [name, op] of protectedOps) {
      // Either scheme ends in the same bearer access token: signed in on the page, or pasted.
      assert.deepEqual(op.security, [{ googleSignIn: ['openid', 'email', 'profile'] }, { bearerAuth: [] }], name);
      assert.ok(op.responses['401'], `${name} documents 401`);
    }
    assert.ok(
      operations.some(([name, op]) => name === 'post /api/auth/google' && op.security.length === 0),
      'sign-in is public',
    );
    const page = await fetch(`${gatewayUrl}/api/docs`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /HealthSync API/);
  });

  test('when a service is scraped, then its metrics name route templates, not raw paths', async () => {
    await fetch(`${gatewayUrl}/api/users/service-info`);
    const metrics = await (await fetch(`http://127.0.0.1:${appPorts.gateway}/metrics`)).text();
    assert.match(metrics, /http_server_request_duration_seconds_count\{[^}]*route="\/api[^"]*"/);
    assert.match(metrics, /gateway_upstream_duration_seconds_count\{[^}]*app="user"/);
  });
});
