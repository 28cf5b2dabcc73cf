import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { aiModelCalledJsonSchema, aiModelCalledSchema } from '../../src/domain/usage-event.js';

/** Compiled to services/intelligence/dist/test/unit: the repository root is five levels up. */
const committed = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../contracts/schemas/ai-model-called.v1.json');

const event = {
  eventId: randomUUID(),
  type: 'AiModelCalled',
  occurredAt: '2026-12-02T01:02:03.456Z',
  userId: randomUUID(),
  feature: 'chat',
  promptVersion: 'chat-v1',
  model: 'claude-haiku-4-5',
  attempt: 1,
  streamed: true,
  inputTokens: 812,
  outputTokens: 97,
  latencyMs: 1530,
  outcome: 'SUCCESS',
};

describe('the AI usage event contract', () => {
  test('when the JSON Schema is generated from the zod schema, then it equals the committed contracts/schemas file', () => {
    const onDisk = JSON.parse(fs.readFileSync(committed, 'utf8')) as unknown;
    assert.deepEqual(onDisk, aiModelCalledJsonSchema(), 'run `npm run build && node scripts/generate-event-schemas.mjs` and commit');
  });

  test('when an event as the publisher builds it is parsed, then it is accepted; a negative token count or an unknown feature is not', () => {
    assert.equal(aiModelCalledSchema.safeParse(event).success, true);
    assert.equal(aiModelCalledSchema.safeParse({ ...event, outputTokens: -1 }).success, false);
    assert.equal(aiModelCalledSchema.safeParse({ ...event, feature: 'poetry' }).success, false);
    assert.equal(aiModelCalledSchema.safeParse({ ...event, status: 529, outcome: 'OVERLOADED' }).success, true);
  });
});
