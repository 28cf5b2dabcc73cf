import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import type { RunningStandin } from '../src/server.js';
import { MODEL, buildCheckupFacts, control, numbersIn, sdk, startStandin, textOf, userTurn } from './helpers.js';

const hello = { model: MODEL, max_tokens: 200, messages: [{ role: 'user' as const, content: '오늘 컨디션 관리 팁을 알려 줄래요?' }] };

describe('test-only failure controls', () => {
  let standin: RunningStandin;
  before(async () => {
    standin = await startStandin();
  });
  afterEach(() => control(standin.url, '/_control/reset'));
  after(() => standin.stop());

  test('when one 429 is set, then an SDK with one retry waits for retry-after and then succeeds', async () => {
    const set = await control(standin.url, '/_control/behaviour', { mode: 'fail', status: 429, count: 1, retryAfterSeconds: 1 });
    assert.deepEqual(set, { status: 200, body: { behaviour: { mode: 'fail', status: 429, count: 1, retryAfterSeconds: 1 } } });

    const started = Date.now();
    const message = await sdk(standin.url, { maxRetries: 1 }).messages.create(hello);
    const elapsed = Date.now() - started;
    assert.equal(message.type, 'message');
    assert.ok(elapsed >= 950, `the SDK waited for retry-after (took ${elapsed} ms)`);

    const { body } = await control(standin.url, '/_control/requests');
    assert.deepEqual(
      body.requests.map((r) => [r.status, r.errorType ?? null]),
      [
        [429, 'rate_limit_error'],
        [200, null],
      ],
    );
    assert.equal((await control(standin.url, '/_control/behaviour')).body.behaviour.mode, 'normal', 'count used up');
  });

  test('when a 429 reaches an SDK without retries, then it throws RateLimitError with the retry-after header', async () => {
    await control(standin.url, '/_control/behaviour', { mode: 'fail', status: 429, retryAfterSeconds: 7 });
    await assert.rejects(sdk(standin.url).messages.create(hello), (err: unknown) => {
      assert.ok(err instanceof Anthropic.RateLimitError);
      assert.equal(err.status, 429);
      assert.equal(err.headers?.get('retry-after'), '7');
      assert.equal((err.error as { error: { type: string } }).error.type, 'rate_limit_error');
      return true;
    });
  });

  test('when 529 is set, then the SDK throws its overloaded error (an InternalServerError with status 529)', async () => {
    await control(standin.url, '/_control/behaviour', { mode: 'fail', status: 529 });
    await assert.rejects(sdk(standin.url).messages.create(hello), (err: unknown) => {
      assert.ok(err instanceof Anthropic.InternalServerError);
      assert.ok(err instanceof Anthropic.OverloadedError);
      assert.equal(err.status, 529);
      assert.equal((err.error as { error: { type: string } }).error.type, 'overloaded_error');
      return true;
    });
  });

  test('when fail has no status, then the SDK throws InternalServerError 500 api_error, also for streams', async () => {
    await control(standin.url, '/_control/behaviour', { mode: 'fail' });
    for (const stream of [false, true]) {
      await assert.rejects(
        stream ? sdk(standin.url).messages.stream(hello).finalMessage() : sdk(standin.url).messages.create(hello),
        (err: unknown) => err instanceof Anthropic.InternalServerError && err.status === 500,
      );
    }
  });

  test('when malformed is set, then the forced tool input violates the schema', async () => {
    const Reading = z.object({ reading: z.string(), healthScore: z.number().int().min(0).max(100) });
    await control(standin.url, '/_control/behaviour', { mode: 'malformed', count: 1 });
    const request = {
      model: MODEL,
      max_tokens: 2048,
      tools: [{ name: 'submit_reading', input_schema: z.toJSONSchema(Reading) as never }],
      tool_choice: { type: 'tool' as const, name: 'submit_reading' },
      messages: [{ role: 'user' as const, content: userTurn(buildCheckupFacts(), '판독하세요.') }],
    };
    const broken = await sdk(standin.url).messages.create(request);
    const block = broken.content[0];
    assert.ok(block?.type === 'tool_use');
    assert.equal(Reading.safeParse(block.input).success, false);
    assert.ok(!('reading' in (block.input as object)), 'the first required field is missing');

    const fine = await sdk(standin.url).messages.create(request);
    assert.ok(fine.content[0]?.type === 'tool_use' && Reading.safeParse(fine.content[0].input).success, 'normal again after count');
  });

  test('when invent-number is set, then the text mentions a number the request does not contain', async () => {
    await control(standin.url, '/_control/behaviour', { mode: 'invent-number' });
    const prompt = userTurn(buildCheckupFacts(), '검진 결과를 해석해 주세요.');
    const message = await sdk(standin.url).messages.create({ model: MODEL, max_tokens: 1024, messages: [{ role: 'user', content: prompt }] });
    const allowed = new Set(numbersIn(prompt));
    const invented = numbersIn(textOf(message)).filter((n) => !allowed.has(n));
    assert.equal(invented.length, 1, textOf(message));
  });

  test('when slow is set, then the answer is delayed by delayMs', async () => {
    await control(standin.url, '/_control/behaviour', { mode: 'slow', delayMs: 400, count: 1 });
    const started = Date.now();
    await sdk(standin.url).messages.create(hello);
    assert.ok(Date.now() - started >= 390);
  });

  test('when the behaviour body is invalid, then the control route answers 400 and keeps the behaviour', async () => {
    const res = await control(standin.url, '/_control/behaviour', { mode: 'explode' });
    assert.equal(res.status, 400);
    assert.match(res.body.error, /^mode: /);
    assert.equal((await control(standin.url, '/_control/behaviour')).body.behaviour.mode, 'normal');
  });
});
