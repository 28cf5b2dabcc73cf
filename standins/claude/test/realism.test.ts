import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { createRealism } from '../src/adapters/realism.js';
import { PROFILES } from '../src/config.js';
import { EXPIRY_MS, doneAt, outcomeOf, requestCounts, schedule, unprocessedAt } from '../src/domain/batch-schedule.js';
import { newBucket, read, take, waitFor } from '../src/domain/token-bucket.js';
import { MODEL, sdk, startStandin } from './helpers.js';

const hello = { model: MODEL, max_tokens: 200, messages: [{ role: 'user' as const, content: '오늘 컨디션 관리 팁을 알려 줄래요?' }] };

describe('token bucket (rate limits, refilled continuously)', () => {
  test('when a minute’s requests are used up, then the next fits after 1/limit of a minute, and the bucket refills to its limit only', () => {
    const bucket = newBucket(60, 0);
    for (let i = 0; i < 60; i += 1) take(bucket, 1, 0);
    assert.equal(read(bucket, 0).remaining, 0);
    assert.equal(waitFor(bucket, 1, 0), 1000);
    assert.equal(waitFor(bucket, 1, 1000), 0);
    assert.equal(read(bucket, 10 * 60_000).remaining, 60);
    assert.equal(waitFor(bucket, 61, 0), Number.POSITIVE_INFINITY);
    assert.equal(waitFor(newBucket(0, 0), 1e9, 0), 0, 'a limit of 0 is no limit');
  });
});

describe('batch processing schedule', () => {
  const base = { createdAt: 0, queueFreeAt: 0, baseSeconds: 300, requestsPerSecond: 40, timeScale: 1 };

  test('when batches grow, then they end later; a batch behind another waits for the queue', () => {
    const small = schedule({ ...base, count: 1_000 });
    const big = schedule({ ...base, count: 66_000 });
    assert.equal(small.endsAt, 300_000 + 25_000);
    assert.equal(big.endsAt, 300_000 + 1_650_000);
    const behind = schedule({ ...base, count: 1_000, queueFreeAt: big.queueFreeAt });
    assert.equal(behind.startsAt, big.queueFreeAt);
    assert.equal(unprocessedAt(big, 66_000, 300_000 + 1_000), 66_000 - 40);
  });

  test('when the time scale is 60, then a minute of processing takes a second', () => {
    assert.equal(schedule({ ...base, count: 2_400, timeScale: 60 }).endsAt, (300_000 + 60_000) / 60);
  });

  test('when requests are not done within 24 hours, then they expire and the batch ends at expiry', () => {
    const s = schedule({ ...base, baseSeconds: 0, requestsPerSecond: 1, count: 100_000 });
    assert.equal(s.endsAt, EXPIRY_MS);
    assert.equal(outcomeOf(s, 0, 0.5, { error: 0, expire: 0 }), 'succeeded');
    assert.equal(outcomeOf(s, 90_000, 0.5, { error: 0, expire: 0 }), 'expired');
    assert.equal(outcomeOf(s, 1, 0.0005, { error: 0.001, expire: 0.001 }), 'errored');
    assert.equal(outcomeOf(s, 1, 0.0015, { error: 0.001, expire: 0.001 }), 'expired');
    assert.equal(outcomeOf(s, 5, 0.5, { error: 0, expire: 0 }, doneAt(s, 2)), 'canceled');
  });

  test('when a batch has not ended, then its counts are all processing', () => {
    assert.deepEqual(
      requestCounts(false, 3, () => ['succeeded', 'errored', 'expired']),
      { processing: 3, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
    );
    assert.deepEqual(
      requestCounts(true, 3, () => ['succeeded', 'errored', 'expired']),
      { processing: 0, succeeded: 1, errored: 1, canceled: 0, expired: 1 },
    );
  });
});

describe('realistic behaviour of the Messages API', () => {
  test('when every request is overloaded, then 529 overloaded_error reaches the SDK', async () => {
    const realism = createRealism({ profile: 'realistic', ...PROFILES.realistic, overloadedRate: 0.5, timeScale: 1 }, { random: () => 0.1 });
    const admitted = realism.admitMessage(10, 100);
    assert.ok('status' in admitted && admitted.status === 529);
    const s = await startStandin({ CLAUDE_STANDIN_OVERLOADED_RATE: '1' });
    try {
      await assert.rejects(sdk(s.url).messages.create(hello), (err: unknown) => err instanceof Anthropic.APIError && err.status === 529);
    } finally {
      await s.stop();
    }
  });

  test('when the requests-per-minute limit is used up, then 429 with retry-after and the anthropic-ratelimit-* headers', async () => {
    const s = await startStandin({ CLAUDE_STANDIN_RPM: '2', CLAUDE_STANDIN_ITPM: '100000', CLAUDE_STANDIN_OTPM: '20000' });
    try {
      const { response } = await sdk(s.url).messages.create(hello).withResponse();
      assert.equal(response.headers.get('anthropic-ratelimit-requests-limit'), '2');
      assert.equal(response.headers.get('anthropic-ratelimit-requests-remaining'), '1');
      assert.equal(response.headers.get('anthropic-ratelimit-input-tokens-limit'), '100000');
      assert.equal(response.headers.get('anthropic-ratelimit-output-tokens-limit'), '20000');
      assert.ok(response.headers.get('anthropic-ratelimit-tokens-remaining'));
      assert.match(response.headers.get('anthropic-ratelimit-requests-reset')!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      await sdk(s.url).messages.create(hello);
      await assert.rejects(sdk(s.url).messages.create(hello), (err: unknown) => {
        assert.ok(err instanceof Anthropic.RateLimitError);
        assert.ok(Number(err.headers?.get('retry-after')) >= 1);
        assert.match((err.error as { error: { message: string } }).error.message, /2 requests per minute/);
        return true;
      });
    } finally {
      await s.stop();
    }
  });

  test('when an input larger than the input-token limit arrives, then it is refused with 429', async () => {
    const s = await startStandin({ CLAUDE_STANDIN_ITPM: '5' });
    try {
      await assert.rejects(sdk(s.url).messages.create(hello), (err: unknown) => err instanceof Anthropic.RateLimitError && /input tokens/.test(err.message));
    } finally {
      await s.stop();
    }
  });

  test('when a time to first token and an output speed are set, then answers wait for them, streamed and not', async () => {
    const s = await startStandin({ CLAUDE_STANDIN_TTFT_MS: '300', CLAUDE_STANDIN_OUTPUT_TOKENS_PER_SECOND: '100' });
    try {
      const client = sdk(s.url);
      let started = Date.now();
      const message = await client.messages.create(hello);
      const whole = Date.now() - started;
      // 70 % of the time to first token at least, plus the output at 100 tokens per second.
      const floor = 0.7 * 300 + (message.usage.output_tokens * 1000) / 100;
      assert.ok(whole >= floor - 20, `non-streamed answer after ${whole} ms, expected at least ${floor}`);

      started = Date.now();
      let firstDelta: number | undefined;
      const stream = await client.messages.create({ ...hello, stream: true });
      for await (const event of stream) {
        if (event.type === 'content_block_delta' && firstDelta === undefined) firstDelta = Date.now() - started;
      }
      assert.ok(firstDelta !== undefined && firstDelta >= 0.7 * 300 - 20, `first delta after ${firstDelta} ms`);
    } finally {
      await s.stop();
    }
  });
});
