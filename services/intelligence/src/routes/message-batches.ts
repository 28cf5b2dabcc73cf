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

const exampleBatchId = '4d3c2b1a-0f9e-4d8c-b7a6-958473625140';
const exampleView = {
  id: exampleBatchId,
  kind: 'NUDGE' as const,
  status: 'IN_PROGRESS' as const,
  requestCount: 2,
  providerBatchId: 'msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d',
  counts: { processing: 2, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
  submittedAt: '2026-12-02T21:00:04.512Z',
  endedAt: null,
  ready: false,
};
const notFound = { MESSAGE_BATCH_NOT_FOUND: 'No message batch with this id.' };
const unavailable = (operation: string) => ({ AI_BATCH_UNAVAILABLE: `Message Batches API ${operation} failed with 529.` });

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
      example: {
        params: { id: exampleBatchId },
        body: {
          kind: 'NUDGE',
          requests: [
            { customId: 'u-2c3d4e5f', userId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f', facts: { completionRate: 0.4, streakDays: 0, consecutiveFailures: 2 } },
            { customId: 'u-5f0c3b4e', userId: '5f0c3b4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f', facts: { completionRate: 0, streakDays: 0, consecutiveFailures: 3 } },
          ],
        },
      },
      responses: {
        200: {
          description: 'The batch',
          schema: batchView,
          example: { ...exampleView, status: 'OPEN', providerBatchId: null, counts: null, submittedAt: null },
        },
        409: {
          description: 'Already submitted, full, or another kind',
          codes: {
            MESSAGE_BATCH_SUBMITTED: 'This batch has been submitted; add requests to a new one.',
            MESSAGE_BATCH_FULL: 'A batch holds at most 100000 requests.',
            MESSAGE_BATCH_KIND_MISMATCH: 'This batch holds NUDGE requests.',
          },
        },
      },
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
      example: { params: { id: exampleBatchId }, body: { expectedCount: 2 } },
      responses: {
        200: { description: 'The batch', schema: batchView, example: exampleView },
        404: { description: 'No such batch', codes: notFound },
        409: {
          description: 'The batch holds fewer requests than expected (a page is missing)',
          codes: { MESSAGE_BATCH_INCOMPLETE: 'The batch holds 1 requests, fewer than 2.' },
        },
        503: { description: 'The Message Batches API refused or failed; try again later', codes: unavailable('create') },
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
      example: { params: { id: exampleBatchId } },
      responses: {
        200: {
          description: 'The batch',
          schema: batchView,
          example: {
            ...exampleView,
            status: 'COLLECTED',
            counts: { processing: 0, succeeded: 2, errored: 0, canceled: 0, expired: 0 },
            endedAt: '2026-12-02T21:03:40.007Z',
            ready: true,
          },
        },
        404: { description: 'No such batch', codes: notFound },
        503: { description: 'The Message Batches API is unavailable', codes: unavailable('retrieve') },
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
      example: { params: { id: exampleBatchId }, query: { limit: '1000' } },
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
          example: {
            results: [
              {
                customId: 'u-2c3d4e5f',
                userId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
                outcome: 'succeeded',
                text: '어제는 쉬어 갔어도 괜찮아요. 오늘 점심 산책 한 번으로 다시 시작해 봐요!',
                source: 'AI',
                fallbackReason: null,
              },
              {
                customId: 'u-5f0c3b4e',
                userId: '5f0c3b4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
                outcome: 'errored',
                text: '오늘은 물 한 잔부터 시작해 볼까요? 작은 한 걸음이면 충분해요.',
                source: 'FALLBACK',
                fallbackReason: 'AI_BATCH_ERRORED',
              },
            ],
            nextAfter: null,
          },
        },
        404: { description: 'No such batch', codes: notFound },
        409: { description: 'Not ready yet', codes: { MESSAGE_BATCH_NOT_READY: 'The batch has not ended yet; poll it until ready is true.' } },
      },
      async handler({ params, query }) {
        return batches.results(params.id, query.after ?? null, query.limit);
      },
    }),
  ];
}
