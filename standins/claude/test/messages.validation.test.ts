import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import type { RunningStandin } from '../src/server.js';
import { API_KEY, MODEL, sdk, startStandin } from './helpers.js';

describe('request validation like the real API', () => {
  let standin: RunningStandin;
  before(async () => {
    standin = await startStandin();
  });
  after(() => standin.stop());

  const rejectsWith = async (promise: Promise<unknown>, errorClass: new (...args: never[]) => Error, status: number, message: string) => {
    await assert.rejects(promise, (err: unknown) => {
      assert.ok(err instanceof errorClass, `expected ${errorClass.name}, got ${String(err)}`);
      const apiError = err as InstanceType<typeof Anthropic.APIError>;
      assert.equal(apiError.status, status);
      assert.equal((apiError.error as { error: { message: string } }).error.message, message);
      assert.match(apiError.requestID ?? '', /^req_01/);
      return true;
    });
  };

  test('when the key is wrong, then the SDK throws AuthenticationError', async () => {
    await rejectsWith(
      sdk(standin.url, { apiKey: 'sk-ant-wrong' }).messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: '안녕하세요' }] }),
      Anthropic.AuthenticationError,
      401,
      'invalid bearer token',
    );
  });

  test('when no key or no anthropic-version header is sent, then the API error envelope says which', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${standin.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
      });
    const noKey = await post({ 'anthropic-version': '2023-06-01' });
    assert.equal(noKey.status, 401);
    const body = await noKey.json();
    assert.deepEqual(body, {
      type: 'error',
      error: { type: 'authentication_error', message: 'x-api-key header is required' },
      request_id: noKey.headers.get('request-id'),
    });

    const noVersion = await post({ 'x-api-key': API_KEY });
    assert.equal(noVersion.status, 400);
    assert.equal(((await noVersion.json()) as { error: { message: string } }).error.message, 'anthropic-version: header is required');

    const ok = await post({ 'x-api-key': API_KEY, 'anthropic-version': '2023-06-01' });
    assert.equal(ok.status, 200);
  });

  test('when max_tokens is missing, then the SDK throws BadRequestError naming the field', async () => {
    await rejectsWith(
      sdk(standin.url).messages.create({ model: MODEL, messages: [{ role: 'user', content: '안녕하세요' }] } as never),
      Anthropic.BadRequestError,
      400,
      'max_tokens: Field required',
    );
  });

  test('when two user turns follow each other, then the SDK throws BadRequestError about role alternation', async () => {
    await rejectsWith(
      sdk(standin.url).messages.create({
        model: MODEL,
        max_tokens: 10,
        messages: [
          { role: 'user', content: '첫 질문' },
          { role: 'user', content: '두 번째 질문' },
        ],
      }),
      Anthropic.BadRequestError,
      400,
      'messages: roles must alternate between "user" and "assistant", but found multiple "user" roles in a row',
    );
  });

  test('when fields are out of range or unknown, then each is refused with the API wording', async () => {
    const client = sdk(standin.url);
    const base = { model: MODEL, max_tokens: 10, messages: [{ role: 'user' as const, content: 'hi' }] };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ messages: [] }, 'messages: at least one message is required'],
      [{ max_tokens: 0 }, 'max_tokens: Input should be greater than or equal to 1'],
      [{ temperature: 1.5 }, 'temperature: Input should be less than or equal to 1'],
      [{ stream: 'yes' }, 'stream: Input should be a valid boolean'],
      [{ unknown_field: 1 }, 'unknown_field: Extra inputs are not permitted'],
      [{ messages: [{ role: 'assistant', content: 'hi' }] }, 'messages: first message must use the "user" role'],
      [
        { messages: [{ role: 'user', content: [{ type: 'video' }] }] },
        "messages.0.content.0.type: Input tag 'video' found using 'type' does not match any of the expected tags: 'text', 'image', 'document', 'tool_use', 'tool_result', 'thinking', 'redacted_thinking'",
      ],
      [{ system: 5 }, 'system: Input should be a valid string'],
      [{ tools: [{ name: 'bad name', input_schema: { type: 'object' } }] }, "tools.0.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'"],
      [{ tools: [{ name: 'ok', input_schema: { type: 'array' } }] }, "tools.0.input_schema.type: Input should be 'object'"],
      [
        { tools: [{ name: 'ok', input_schema: { type: 'object' } }], tool_choice: { type: 'tool', name: 'other' } },
        "tool_choice.name: Tool 'other' not found in provided tools",
      ],
      [{ tool_choice: { type: 'auto' } }, 'tool_choice may only be specified while providing tools.'],
      [{ stop_sequences: ['  '] }, 'stop_sequences: each stop sequence must contain non-whitespace'],
    ];
    for (const [override, message] of cases) {
      await rejectsWith(client.messages.create({ ...base, ...override } as never), Anthropic.BadRequestError, 400, message);
    }
  });

  test('when the model is not a Claude model, then the SDK throws NotFoundError', async () => {
    await rejectsWith(
      sdk(standin.url).messages.create({ model: 'gpt-4o', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
      Anthropic.NotFoundError,
      404,
      'model: gpt-4o',
    );
  });
});
