import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import type { RunningStandin } from '../src/server.js';
import { API_KEY, MODEL, sdk, startStandin } from './helpers.js';

/** The Message Batches API through the production SDK's `client.messages.batches`. */
const nudge = (n: number) => ({
  model: MODEL,
  max_tokens: 200,
  system: '당신은 따뜻한 건강 코치입니다. 80자 이내로 독려 메시지를 씁니다.',
  messages: [
    { role: 'user' as const, content: `<progress>{"completionRate7d": ${n}, "consecutiveMissedDays": 3}</progress>\n위 진행 상황으로 메시지를 써 주세요.` },
  ],
});

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ended = (client: Anthropic, id: string) =>
  until(`batch ${id} to end`, async () => {
    const batch = await client.messages.batches.retrieve(id);
    return batch.processing_status === 'ended' ? batch : undefined;
  });

async function resultsOf(client: Anthropic, id: string): Promise<Anthropic.Messages.MessageBatchIndividualResponse[]> {
  const all = [];
  for await (const line of await client.messages.batches.results(id)) all.push(line);
  return all;
}

describe('Message Batches API', () => {
  let standin: RunningStandin;
  let client: Anthropic;
  before(async () => {
    // 200 requests per second, 0.2 s before the first: small batches end within a second.
    standin = await startStandin({ CLAUDE_STANDIN_BATCH_BASE_SECONDS: '0', CLAUDE_STANDIN_BATCH_REQUESTS_PER_SECOND: '200' });
    client = sdk(standin.url);
  });
  after(() => standin.stop());

  test('when a batch is created, then it is in progress with every request processing, and once ended its results name each custom_id', async () => {
    const created = await client.messages.batches.create({
      requests: [
        { custom_id: 'user-1', params: nudge(20) },
        { custom_id: 'user-2', params: nudge(35) },
        // Params are validated when the request is processed: only this one ends errored.
        { custom_id: 'user-bad', params: { model: MODEL, messages: [{ role: 'user', content: '안녕' }] } as never },
      ],
    });
    assert.match(created.id, /^msgbatch_01[1-9A-HJ-NP-Za-km-z]{22}$/);
    assert.equal(created.type, 'message_batch');
    assert.equal(created.processing_status, 'in_progress');
    assert.deepEqual(created.request_counts, { processing: 3, succeeded: 0, errored: 0, canceled: 0, expired: 0 });
    assert.equal(created.results_url, null);
    assert.equal(created.ended_at, null);
    assert.equal(Date.parse(created.expires_at) - Date.parse(created.created_at), 24 * 3_600_000);

    const done = await ended(client, created.id);
    assert.deepEqual(done.request_counts, { processing: 0, succeeded: 2, errored: 1, canceled: 0, expired: 0 });
    assert.equal(done.results_url, `${standin.url}/v1/messages/batches/${created.id}/results`);
    assert.ok(Date.parse(done.ended_at!) >= Date.parse(done.created_at));

    const results = await resultsOf(client, created.id);
    const byId = new Map(results.map((r) => [r.custom_id, r.result]));
    assert.deepEqual([...byId.keys()].sort(), ['user-1', 'user-2', 'user-bad']);
    const first = byId.get('user-1')!;
    assert.equal(first.type, 'succeeded');
    if (first.type === 'succeeded') {
      assert.equal(first.message.type, 'message');
      assert.equal(first.message.usage.service_tier, 'batch');
      const text = first.message.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
      assert.ok(text.length > 0 && [...text].length <= 80, text);
    }
    const bad = byId.get('user-bad')!;
    assert.equal(bad.type, 'errored');
    if (bad.type === 'errored') {
      assert.equal(bad.error.type, 'error');
      assert.equal(bad.error.error.type, 'invalid_request_error');
      assert.match(bad.error.error.message, /max_tokens/);
    }
  });

  test('when batches are listed, then they come newest first, page by page', async () => {
    const ids = [];
    for (let i = 0; i < 3; i += 1) ids.push((await client.messages.batches.create({ requests: [{ custom_id: `list-${i}`, params: nudge(i) }] })).id);
    const first = await client.messages.batches.list({ limit: 2 });
    assert.deepEqual(
      first.data.map((b) => b.id),
      [ids[2], ids[1]],
    );
    assert.equal(first.has_more, true);
    const second = await client.messages.batches.list({ limit: 2, after_id: first.last_id! });
    assert.equal(second.data[0]!.id, ids[0]);
    const back = await client.messages.batches.list({ limit: 1, before_id: ids[1] });
    assert.deepEqual(
      back.data.map((b) => b.id),
      [ids[2]],
    );
  });

  test('when a batch is canceled before it ends, then it is canceling, then ended with its unprocessed requests canceled', async () => {
    const slow = await startStandin({ CLAUDE_STANDIN_BATCH_BASE_SECONDS: '30' });
    try {
      const c = sdk(slow.url);
      const created = await c.messages.batches.create({
        requests: [
          { custom_id: 'a', params: nudge(1) },
          { custom_id: 'b', params: nudge(2) },
        ],
      });
      // No results_url before processing ends, so the SDK refuses to fetch results; the route itself answers 400.
      await assert.rejects(c.messages.batches.results(created.id), /results_url/);
      const early = await fetch(`${slow.url}/v1/messages/batches/${created.id}/results`, {
        headers: { 'x-api-key': API_KEY, 'anthropic-version': '2023-06-01' },
      });
      assert.equal(early.status, 400);
      const canceling = await c.messages.batches.cancel(created.id);
      assert.equal(canceling.processing_status, 'canceling');
      assert.ok(canceling.cancel_initiated_at);
      const done = await ended(c, created.id);
      assert.deepEqual(done.request_counts, { processing: 0, succeeded: 0, errored: 0, canceled: 2, expired: 0 });
      assert.deepEqual(
        (await resultsOf(c, created.id)).map((r) => r.result.type),
        ['canceled', 'canceled'],
      );
      await assert.rejects(c.messages.batches.cancel(created.id), (err: unknown) => err instanceof Anthropic.BadRequestError);
      assert.deepEqual(await c.messages.batches.delete(created.id), { id: created.id, type: 'message_batch_deleted' });
      await assert.rejects(c.messages.batches.retrieve(created.id), (err: unknown) => err instanceof Anthropic.NotFoundError);
    } finally {
      await slow.stop();
    }
  });

  test('when the processing speed is fixed, then a bigger batch takes longer', async () => {
    const s = await startStandin({ CLAUDE_STANDIN_BATCH_BASE_SECONDS: '0', CLAUDE_STANDIN_BATCH_REQUESTS_PER_SECOND: '100' });
    try {
      const c = sdk(s.url);
      const small = await ended(c, (await c.messages.batches.create({ requests: [{ custom_id: 's0', params: nudge(1) }] })).id);
      const big = await ended(
        c,
        (await c.messages.batches.create({ requests: Array.from({ length: 60 }, (_, i) => ({ custom_id: `b${i}`, params: nudge(i) })) })).id,
      );
      const took = (b: Anthropic.Messages.MessageBatch) => Date.parse(b.ended_at!) - Date.parse(b.created_at);
      // 1 request at 100/s is done after 10 ms; 60 after 600 ms.
      assert.ok(took(big) >= 590, `the 60-request batch took ${took(big)} ms`);
      assert.ok(took(small) < took(big), `${took(small)} < ${took(big)}`);
    } finally {
      await s.stop();
    }
  });

  test('when the batch figures are changed through the control API, then later batches follow them until reset', async () => {
    const set = await fetch(`${standin.url}/_control/realism`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ batchExpireRate: 1 }),
    });
    assert.equal(set.status, 200);
    const done = await ended(client, (await client.messages.batches.create({ requests: [{ custom_id: 'z', params: nudge(1) }] })).id);
    assert.equal(done.request_counts.expired, 1);
    const bad = await fetch(`${standin.url}/_control/realism`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ttftMs: 5 }),
    });
    assert.equal(bad.status, 400);
    await fetch(`${standin.url}/_control/reset`, { method: 'POST' });
    const after = await ended(client, (await client.messages.batches.create({ requests: [{ custom_id: 'z', params: nudge(1) }] })).id);
    assert.equal(after.request_counts.succeeded, 1);
  });

  test('when every request is set to error or to expire, then the results say so per request', async () => {
    for (const [setting, type] of [
      ['CLAUDE_STANDIN_BATCH_ERROR_RATE', 'errored'],
      ['CLAUDE_STANDIN_BATCH_EXPIRE_RATE', 'expired'],
    ] as const) {
      const s = await startStandin({ CLAUDE_STANDIN_BATCH_BASE_SECONDS: '0', [setting]: '1' });
      try {
        const c = sdk(s.url);
        const done = await ended(
          c,
          (
            await c.messages.batches.create({
              requests: [
                { custom_id: 'x', params: nudge(1) },
                { custom_id: 'y', params: nudge(2) },
              ],
            })
          ).id,
        );
        assert.equal(done.request_counts[type], 2);
        const results = await resultsOf(c, done.id);
        assert.deepEqual(
          results.map((r) => r.result.type),
          [type, type],
        );
        const first = results[0]!.result;
        if (first.type === 'errored') assert.equal(first.error.error.type, 'api_error');
      } finally {
        await s.stop();
      }
    }
  });

  test('when the request is malformed or unauthenticated, then the API error envelope says why and nothing is created', async () => {
    const post = (body: unknown, key = API_KEY) =>
      fetch(`${standin.url}/v1/messages/batches`, {
        method: 'POST',
        headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const before = (await client.messages.batches.list({ limit: 1000 })).data.length;
    for (const [body, pattern] of [
      [{ requests: [] }, /requests/],
      [{ requests: [{ custom_id: 'has space', params: nudge(1) }] }, /custom_id/],
      [
        {
          requests: [
            { custom_id: 'a', params: nudge(1) },
            { custom_id: 'a', params: nudge(2) },
          ],
        },
        /unique/,
      ],
      [{ requests: [{ custom_id: 'a', params: nudge(1) }], extra: 1 }, /extra: Extra inputs are not permitted/],
      [{}, /requests: Field required/],
    ] as const) {
      const res = await post(body);
      assert.equal(res.status, 400, JSON.stringify(body));
      const error = (await res.json()) as { type: string; error: { type: string; message: string } };
      assert.equal(error.type, 'error');
      assert.equal(error.error.type, 'invalid_request_error');
      assert.match(error.error.message, pattern);
    }
    assert.equal((await post({ requests: [{ custom_id: 'a', params: nudge(1) }] }, 'wrong')).status, 401);
    assert.equal((await client.messages.batches.list({ limit: 1000 })).data.length, before);
    const missing = await fetch(`${standin.url}/v1/messages/batches/msgbatch_01nope/results`, {
      headers: { 'x-api-key': API_KEY, 'anthropic-version': '2023-06-01' },
    });
    assert.equal(missing.status, 404);
  });

  test('when a batch would overfill the processing queue, then 429 rate_limit_error with retry-after', async () => {
    const s = await startStandin({ CLAUDE_STANDIN_BATCH_BASE_SECONDS: '60', CLAUDE_STANDIN_BATCH_QUEUE_LIMIT: '3' });
    try {
      const c = sdk(s.url);
      await c.messages.batches.create({
        requests: [
          { custom_id: 'a', params: nudge(1) },
          { custom_id: 'b', params: nudge(2) },
        ],
      });
      await assert.rejects(
        c.messages.batches.create({
          requests: [
            { custom_id: 'c', params: nudge(3) },
            { custom_id: 'd', params: nudge(4) },
          ],
        }),
        (err: unknown) => {
          assert.ok(err instanceof Anthropic.RateLimitError);
          assert.equal(err.headers?.get('retry-after'), '60');
          return true;
        },
      );
    } finally {
      await s.stop();
    }
  });

  test('when the Batches API requests-per-minute limit is used up, then 429 with retry-after and the anthropic-ratelimit headers', async () => {
    const s = await startStandin({ CLAUDE_STANDIN_BATCH_RPM: '2' });
    try {
      const get = () => fetch(`${s.url}/v1/messages/batches`, { headers: { 'x-api-key': API_KEY, 'anthropic-version': '2023-06-01' } });
      const ok = await get();
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get('anthropic-ratelimit-requests-limit'), '2');
      assert.equal(ok.headers.get('anthropic-ratelimit-requests-remaining'), '1');
      assert.equal((await get()).status, 200);
      const refused = await get();
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      assert.equal(((await refused.json()) as { error: { type: string } }).error.type, 'rate_limit_error');
    } finally {
      await s.stop();
    }
  });
});
