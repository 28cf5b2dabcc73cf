import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RunningStandin } from '../src/server.js';
import { MODEL, buildCheckupFacts, control, sdk, startStandin, textOf, userTurn } from './helpers.js';

describe('streaming answers', () => {
  let standin: RunningStandin;
  before(async () => {
    standin = await startStandin();
  });
  after(() => standin.stop());

  test('when streamed with messages.stream, then text deltas arrive in order and the final message carries usage', async () => {
    const facts = buildCheckupFacts();
    const params = {
      model: MODEL,
      max_tokens: 1024,
      system: '검진 결과를 세 줄로 요약하세요.',
      messages: [{ role: 'user' as const, content: userTurn(facts, '해석해 주세요.') }],
    };
    const client = sdk(standin.url);
    const stream = client.messages.stream(params);
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));
    const final = await stream.finalMessage();

    assert.ok(deltas.length > 3, 'the text comes in several pieces');
    assert.equal(deltas.join(''), textOf(final));
    assert.ok(textOf(final).includes(String(facts.items[0]?.value)));
    assert.equal(final.stop_reason, 'end_turn');
    assert.ok(final.usage.output_tokens > 1);

    // Same request without streaming: same text and the same token counts.
    const plain = await client.messages.create(params);
    assert.equal(textOf(plain), textOf(final));
    assert.equal(plain.usage.input_tokens, final.usage.input_tokens);
    assert.equal(plain.usage.output_tokens, final.usage.output_tokens);
  });

  test('when created with stream: true, then the events come in the API order', async () => {
    const stream = await sdk(standin.url).messages.create({
      model: MODEL,
      max_tokens: 512,
      stream: true,
      messages: [{ role: 'user', content: '수면이 부족하면 어떻게 하나요?' }],
    });
    const types: string[] = [];
    let text = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
      if (event.type === 'message_start') {
        assert.deepEqual(event.message.content, []);
        assert.ok(event.message.usage.input_tokens > 0);
      }
      if (event.type === 'message_delta') assert.equal(event.delta.stop_reason, 'end_turn');
    }
    assert.equal(types[0], 'message_start');
    assert.equal(types[1], 'content_block_start');
    assert.equal(types.at(-3), 'content_block_stop');
    assert.equal(types.at(-2), 'message_delta');
    assert.equal(types.at(-1), 'message_stop');
    assert.ok(types.slice(2, -3).every((t) => t === 'content_block_delta'));
    assert.ok(text.includes('수면'), text);
  });

  test('when a forced tool call is streamed, then input_json_delta pieces assemble into the final input', async () => {
    const stream = sdk(standin.url).messages.stream({
      model: MODEL,
      max_tokens: 2048,
      tools: [
        {
          name: 'record_reading',
          input_schema: {
            type: 'object',
            properties: { reading: { type: 'string', maxLength: 200 }, itemRefs: { type: 'array', items: { type: 'string' } } },
            required: ['reading', 'itemRefs'],
          },
        },
      ],
      tool_choice: { type: 'tool', name: 'record_reading' },
      messages: [{ role: 'user', content: userTurn(buildCheckupFacts(), '판독문을 기록하세요.') }],
    });
    let json = '';
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') json += event.delta.partial_json;
    });
    const final = await stream.finalMessage();
    const block = final.content[0];
    assert.equal(final.stop_reason, 'tool_use');
    assert.equal(block?.type, 'tool_use');
    assert.deepEqual(JSON.parse(json), block?.type === 'tool_use' ? block.input : undefined);
    assert.deepEqual((block as { input: { itemRefs: string[] } }).input.itemRefs, ['BP_SYSTOLIC', 'FASTING_GLUCOSE']);
  });

  test('when the client leaves mid-stream of a slowed stream, then the stand-in stops writing and logs the request as aborted', async () => {
    await control(standin.url, '/_control/reset');
    await control(standin.url, '/_control/behaviour', { mode: 'normal', chunkDelayMs: 50 });
    const controller = new AbortController();
    const client = sdk(standin.url);
    const events = await client.messages.create(
      {
        model: MODEL,
        max_tokens: 1024,
        stream: true,
        messages: [{ role: 'user', content: userTurn(buildCheckupFacts(), '운동은 얼마나 해야 하나요? 자세히 알려 주세요.') }],
      },
      { signal: controller.signal },
    );
    let deltas = 0;
    let stop: string | null = null;
    // The SDK ends the iteration quietly when its signal aborts.
    for await (const event of events) {
      if (event.type === 'content_block_delta' && (deltas += 1) === 2) controller.abort();
      if (event.type === 'message_delta') stop = event.delta.stop_reason;
    }
    assert.equal(stop, null, 'the client never saw the end of the answer');

    let logged: { aborted?: boolean; eventsSent?: number; eventsTotal?: number } | undefined;
    for (let i = 0; i < 50 && logged?.aborted === undefined; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      [logged] = (await control(standin.url, '/_control/requests?limit=1')).body.requests;
    }
    assert.equal(logged?.aborted, true);
    assert.ok(logged.eventsSent! < logged.eventsTotal!, `${logged.eventsSent} of ${logged.eventsTotal} events sent`);
    assert.equal((await control(standin.url, '/_control/stats')).body.aborted, 1);
    await control(standin.url, '/_control/reset');
  });

  test('when a stream runs to its end, then it is logged as not aborted with every event sent', async () => {
    await control(standin.url, '/_control/reset');
    const final = await sdk(standin.url)
      .messages.stream({ model: MODEL, max_tokens: 256, messages: [{ role: 'user', content: '안녕하세요?' }] })
      .finalMessage();
    assert.equal(final.stop_reason, 'end_turn');
    const logged = (await control(standin.url, '/_control/requests?limit=1')).body.requests[0]!;
    assert.equal(logged.aborted, false);
    assert.equal(logged.eventsSent, logged.eventsTotal);
  });
});
