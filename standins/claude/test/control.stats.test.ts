import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RunningStandin } from '../src/server.js';
import { MODEL, control, sdk, startStandin } from './helpers.js';

describe('request counters and concurrency', () => {
  let standin: RunningStandin;
  before(async () => {
    standin = await startStandin();
  });
  after(() => standin.stop());

  test('when requests overlap, then stats report the peak number in flight', async () => {
    await control(standin.url, '/_control/reset');
    await control(standin.url, '/_control/behaviour', { mode: 'slow', delayMs: 300 });
    const client = sdk(standin.url);
    const ask = (i: number) =>
      client.messages.create({ model: MODEL, max_tokens: 100, messages: [{ role: 'user', content: `질문 ${i}: 물은 얼마나 마셔야 하나요?` }] });
    await Promise.all([0, 1, 2, 3].map(ask));
    await client.messages.stream({ model: MODEL, max_tokens: 100, messages: [{ role: 'user', content: '잠은 몇 시간 자야 하나요?' }] }).finalMessage();

    const { body } = await control(standin.url, '/_control/stats');
    assert.equal(body.total, 5);
    assert.equal(body.streamed, 1);
    assert.deepEqual(body.byStatus, { '200': 5 });
    assert.equal(body.peakConcurrent, 4);
    assert.equal(body.currentConcurrent, 0);
    assert.ok(body.inputTokens > 0 && body.outputTokens > 0);

    await control(standin.url, '/_control/reset');
    const reset = await control(standin.url, '/_control/stats');
    assert.equal(reset.body.total, 0);
    assert.equal(reset.body.peakConcurrent, 0);
  });

  test('when control is disabled, then the control routes do not exist', async () => {
    const closed = await startStandin({ CLAUDE_STANDIN_CONTROL: 'false' });
    try {
      const res = await fetch(`${closed.url}/_control/stats`);
      assert.equal(res.status, 404);
      assert.equal(((await res.json()) as { error: { type: string } }).error.type, 'not_found_error');
    } finally {
      await closed.stop();
    }
  });
});
