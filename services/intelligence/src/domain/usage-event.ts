import { z } from 'zod';
import { PROMPT_VERSIONS, type Feature } from './prompts.js';

/**
 * `AiModelCalled`: one event per model attempt on the `usage-stream` component (topic
 * `ai-usage`). The publisher types what it sends with this schema, and the JSON Schema that
 * consumers in any language validate against is generated from it
 * (contracts/schemas/ai-model-called.v1.json; a unit test keeps the two equal). Removing or
 * narrowing a field is a new version of the event, not an edit of this one.
 */
export const AI_MODEL_CALLED_SCHEMA_ID = 'https://healthsync.example/schemas/ai-model-called.v1.json';

const features = Object.keys(PROMPT_VERSIONS) as [Feature, ...Feature[]];

export const aiModelCalledSchema = z
  .object({
    eventId: z.uuid().describe('Unique per attempt; also the CloudEvent id consumers deduplicate on'),
    type: z.literal('AiModelCalled'),
    occurredAt: z.iso.datetime().describe('When the attempt ended (UTC, ISO 8601)'),
    userId: z.uuid().describe('Whose request it was (the partition key on the stream)'),
    feature: z.enum(features).describe('Which feature called the model'),
    promptVersion: z.string().min(1).max(64),
    model: z.string().min(1).max(100).describe('The model id the call named, e.g. claude-haiku-4-5'),
    attempt: z.int().min(1).describe('1 for the first attempt of a call, then 2, 3 … for retries'),
    streamed: z.boolean(),
    inputTokens: z.int().min(0).describe('Input tokens the API counted (0 when the attempt failed before it started)'),
    outputTokens: z.int().min(0),
    latencyMs: z.int().min(0),
    outcome: z.enum([
      'SUCCESS',
      'RATE_LIMITED',
      'OVERLOADED',
      'SERVER_ERROR',
      'TIMEOUT',
      'CONNECTION',
      'CLIENT_ERROR',
      'CIRCUIT_OPEN',
      'ABORTED',
      'STREAM_INTERRUPTED',
    ]),
    status: z.int().min(100).max(599).optional().describe('The HTTP status of a failed attempt, when there was one'),
  })
  .meta({ title: 'AiModelCalled v1' });

export type AiModelCalled = z.infer<typeof aiModelCalledSchema>;

/** The JSON Schema (draft 2020-12) committed for other languages. */
export function aiModelCalledJsonSchema(): Record<string, unknown> {
  // `input`: unknown properties are left open, so adding an optional field stays compatible.
  const { $schema, ...rest } = z.toJSONSchema(aiModelCalledSchema, { target: 'draft-2020-12', io: 'input' });
  return { $schema, $id: AI_MODEL_CALLED_SCHEMA_ID, ...rest };
}
