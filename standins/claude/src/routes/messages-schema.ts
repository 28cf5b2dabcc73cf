import { z } from 'zod';
import type { MessagesRequest } from '../domain/types.js';

/**
 * The Messages API request body as the real API validates it: unknown top-level fields are
 * refused, content blocks and tools are checked by type. Error text follows the API's
 * "path: message" style (pydantic wording), reporting the first problem only.
 */
const cacheControl = z.looseObject({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() }).nullish();

const textBlock = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControl,
  citations: z.array(z.unknown()).nullish(),
});
const imageBlock = z.looseObject({
  type: z.literal('image'),
  source: z.looseObject({ type: z.enum(['base64', 'url', 'file']) }),
  cache_control: cacheControl,
});
const documentBlock = z.looseObject({
  type: z.literal('document'),
  source: z.looseObject({ type: z.string() }),
  cache_control: cacheControl,
});
const toolUseBlock = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
  cache_control: cacheControl,
});
const toolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: z.union([z.string(), z.array(z.discriminatedUnion('type', [textBlock, imageBlock, documentBlock]))]).optional(),
  is_error: z.boolean().optional(),
  cache_control: cacheControl,
});
const thinkingBlock = z.looseObject({ type: z.literal('thinking'), thinking: z.string(), signature: z.string() });
const redactedThinkingBlock = z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() });

const contentBlock = z.discriminatedUnion('type', [textBlock, imageBlock, documentBlock, toolUseBlock, toolResultBlock, thinkingBlock, redactedThinkingBlock]);

const message = z.strictObject({
  role: z.enum(['user', 'assistant']),
  content: z.union([z.string(), z.array(contentBlock)]),
});

const tool = z.looseObject({
  type: z.literal('custom').nullish(),
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,128}$/),
  description: z.string().optional(),
  input_schema: z.looseObject({
    type: z.literal('object'),
    properties: z.record(z.string(), z.unknown()).nullish(),
    required: z.array(z.string()).nullish(),
  }),
  cache_control: cacheControl,
  strict: z.boolean().optional(),
});

const toolChoice = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('auto'), disable_parallel_tool_use: z.boolean().optional() }),
  z.strictObject({ type: z.literal('any'), disable_parallel_tool_use: z.boolean().optional() }),
  z.strictObject({ type: z.literal('tool'), name: z.string(), disable_parallel_tool_use: z.boolean().optional() }),
  z.strictObject({ type: z.literal('none') }),
]);

export const messagesRequestSchema = z.strictObject({
  model: z.string().min(1),
  max_tokens: z.number().int().min(1),
  messages: z.array(message).min(1),
  system: z.union([z.string(), z.array(textBlock)]).optional(),
  metadata: z.looseObject({ user_id: z.string().max(256).nullish() }).optional(),
  stop_sequences: z.array(z.string()).optional(),
  stream: z.boolean().optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.number().int().min(0).optional(),
  tools: z.array(tool).optional(),
  tool_choice: toolChoice.optional(),
  thinking: z.looseObject({ type: z.enum(['enabled', 'disabled', 'adaptive']), budget_tokens: z.number().int().min(1024).optional() }).optional(),
  output_config: z
    .looseObject({
      effort: z.enum(['low', 'medium', 'high', 'xhigh', 'max']).nullish(),
      format: z.looseObject({ type: z.literal('json_schema'), schema: z.record(z.string(), z.unknown()) }).nullish(),
    })
    .optional(),
  // Accepted and ignored: they change billing, placement or caching, not the answer.
  service_tier: z.enum(['auto', 'standard_only']).optional(),
  cache_control: cacheControl,
  container: z.unknown().optional(),
  inference_geo: z.string().nullish(),
  speed: z.enum(['standard', 'fast']).nullish(),
  diagnostics: z.unknown().optional(),
  user_profile_id: z.string().optional(),
  workspace_id: z.string().optional(),
});

type Issue = z.core.$ZodIssue;

const TYPE_WORDS: Record<string, string> = {
  string: 'a valid string',
  number: 'a valid number',
  int: 'a valid integer',
  boolean: 'a valid boolean',
  array: 'a valid list',
  object: 'a valid dictionary',
  record: 'a valid dictionary',
};

/** Descends into a failed union to the branch that got furthest: its first issue explains best. */
function deepest(issue: Issue, prefix: PropertyKey[] = []): { issue: Issue; path: PropertyKey[] } {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { issue, path };
  let best: { issue: Issue; path: PropertyKey[] } | undefined;
  for (const branch of issue.errors) {
    const first = branch[0];
    if (!first) continue;
    const candidate = deepest(first, path);
    if (!best || candidate.path.length > best.path.length) best = candidate;
  }
  return best ?? { issue, path };
}

function describe(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Field required';
      return `Input should be ${TYPE_WORDS[issue.expected] ?? `a valid ${issue.expected}`}`;
    case 'too_small':
      if (issue.origin === 'array') return `List should have at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'} after validation`;
      if (issue.origin === 'string') return `String should have at least ${issue.minimum} character${Number(issue.minimum) === 1 ? '' : 's'}`;
      return `Input should be greater than or equal to ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `String should have at most ${issue.maximum} characters`;
      if (issue.origin === 'array') return `List should have at most ${issue.maximum} items after validation`;
      return `Input should be less than or equal to ${issue.maximum}`;
    case 'invalid_format':
      if (issue.format === 'regex' && 'pattern' in issue) {
        const pattern = String(issue.pattern).replace(/^\/(.*)\/[a-z]*$/, '$1');
        return `String should match pattern '${pattern}'`;
      }
      return `Input should be a valid ${issue.format}`;
    case 'invalid_value':
      return `Input should be ${issue.values.map((v) => `'${String(v)}'`).join(' or ')}`;
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) {
        const tags = 'options' in issue && Array.isArray(issue.options) ? issue.options.map((o) => `'${String(o)}'`).join(', ') : '';
        const tag = typeof issue.input === 'object' && issue.input !== null ? (issue.input as Record<string, unknown>)[issue.discriminator] : undefined;
        return tag === undefined
          ? `Unable to extract tag using discriminator '${issue.discriminator}'`
          : `Input tag '${String(tag)}' found using '${issue.discriminator}' does not match any of the expected tags: ${tags}`;
      }
      return 'Input is invalid';
    default:
      return issue.message;
  }
}

export type RequestParse = { ok: true; request: MessagesRequest } | { ok: false; message: string };

export function parseMessagesRequest(body: unknown): RequestParse {
  const parsed = messagesRequestSchema.safeParse(body, { reportInput: true });
  if (parsed.success) return { ok: true, request: parsed.data as MessagesRequest };
  const first = parsed.error.issues[0];
  if (!first) return { ok: false, message: 'Invalid request' };
  if (first.code === 'unrecognized_keys') {
    const prefix = first.path.length > 0 ? `${first.path.join('.')}.` : '';
    return { ok: false, message: `${prefix}${first.keys[0] ?? ''}: Extra inputs are not permitted` };
  }
  if (first.code === 'too_small' && first.origin === 'array' && first.path.join('.') === 'messages') {
    return { ok: false, message: 'messages: at least one message is required' };
  }
  const { issue, path } = deepest(first);
  if (issue.code === 'unrecognized_keys') return { ok: false, message: `${[...path, issue.keys[0] ?? ''].join('.')}: Extra inputs are not permitted` };
  const where = path.map(String).join('.');
  return { ok: false, message: where === '' ? describe(issue) : `${where}: ${describe(issue)}` };
}
