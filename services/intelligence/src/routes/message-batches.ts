import { route, type RouteSpec } from '@healthsync/shared';
import { z } from 'zod';
import type { MessageBatches } from '../handlers/message-batches.js';

/**
 * Bulk short messages through Anthropic's Message Batches API, for the batch service (its
 * access control lets batch and goal call /internal/intelligence/**). See
 * handlers/message-batches.ts for the life of a batch.
 */
const batchId = z.uuid().describe('The caller’s id for the batch: adding and submitting under the same id never makes a second batch');
const customId = z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/);

const addBody = z
  .object({
    kind: z.enum(['NUDGE', 'CELEBRATION']),
    requests: z
      .array(
        z
          .object({
            customId,
            userId: z.string().min(1).max(128),
            facts: z.record(z.string(), z.unknown()).refine((facts) => JSON.stringify(facts).length <= 4_000, 'facts are at most 4000 characters of JSON'),
          })
          .strict(),
      )
      .min(1)
      .max(1_000)
      .refine((requests) => new Set(requests.map((r) => r.customId)).size === requests.length, 'customId values must be unique'),
  })
  .strict();

const batchView = z.object({
  id: z.uuid(),
  kind: z.enum(['NUDGE', 'CELEBRATION']),
  status: z.enum(['OPEN', 'SUBMITTING', 'IN_PROGRESS', 'COLLECTED']),
  requestCount: z.number().int(),
  providerBatchId: z.string().nullable(),
  counts: z.record(z.string(), z.number()).nullable(),
  submittedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  ready: z.boolean(),
});

export function createMessageBatchRoutes(batches: MessageBatches): RouteSpec[] {
  return [
    route({
      method: 'put',
      path: '/internal/intelligence/message-batches/:id/requests',
      operationId: 'internalAddMessageBatchRequests',
      summary: 'Add a page of message requests to a batch (created on first use; a request already added is kept)',
      tags: ['internal'],
      access: 'internal',
      params: z.object({ id: batchId }),
      body: addBody,
      responses: { 200: { description: 'The batch', schema: batchView }, 409: { description: 'Already submitted, full, or another kind' } },
      async handler({ params, body }) {
        return batches.add(params.id, body.kind, body.requests);
      },
    }),
    route({
      method: 'post',
      path: '/internal/intelligence/message-batches/:id/submit',
      operationId: 'internalSubmitMessageBatch',
      summary: 'Submit the batch to the Message Batches API once it holds expectedCount requests (again: no second submission)',
      tags: ['internal'],
      access: 'internal',
      params: z.object({ id: batchId }),
      body: z.object({ expectedCount: z.number().int().min(1).max(100_000) }).strict(),
      responses: {
        200: { description: 'The batch', schema: batchView },
        404: { description: 'No such batch' },
        409: { description: 'The batch holds a different number of requests (MESSAGE_BATCH_INCOMPLETE)' },
        503: { description: 'The Message Batches API refused or failed (AI_BATCH_UNAVAILABLE); try again later' },
      },
      async handler({ params, body }) {
        return batches.submit(params.id, body.expectedCount);
      },
    }),
    route({
      method: 'get',
      path: '/internal/intelligence/message-batches/:id',
      operationId: 'internalGetMessageBatch',
      summary: 'The batch’s state; once the provider has ended it, its texts are stored and ready is true',
      tags: ['internal'],
      access: 'internal',
      params: z.object({ id: batchId }),
      responses: {
        200: { description: 'The batch', schema: batchView },
        404: { description: 'No such batch' },
        503: { description: 'The Message Batches API is unavailable' },
      },
      async handler({ params }) {
        return batches.status(params.id);
      },
    }),
    route({
      method: 'get',
      path: '/internal/intelligence/message-batches/:id/results',
      operationId: 'internalMessageBatchResults',
      summary: 'A page of the batch’s texts (AI, or the rule-based FALLBACK with the reason), by custom id',
      tags: ['internal'],
      access: 'internal',
      params: z.object({ id: batchId }),
      query: z.object({ after: customId.optional(), limit: z.coerce.number().int().min(1).max(2_000).default(1_000) }),
      responses: {
        200: {
          description: 'The page; nextAfter continues it',
          schema: z.object({
            results: z.array(
              z.object({
                customId: z.string(),
                userId: z.string(),
                outcome: z.enum(['succeeded', 'errored', 'expired', 'canceled']),
                text: z.string(),
                source: z.enum(['AI', 'FALLBACK']),
                fallbackReason: z.string().nullable(),
              }),
            ),
            nextAfter: z.string().nullable(),
          }),
        },
        409: { description: 'Not ready yet (MESSAGE_BATCH_NOT_READY)' },
      },
      async handler({ params, query }) {
        return batches.results(params.id, query.after ?? null, query.limit);
      },
    }),
  ];
}
