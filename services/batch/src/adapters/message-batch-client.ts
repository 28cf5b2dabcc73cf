import { DaprCallError, type Dapr } from '@healthsync/shared';
import { z } from 'zod';

/**
 * The intelligence service's bulk message routes (Dapr service invocation), which own the
 * Message Batches API and the Anthropic key (docs/decisions/005-morning-texts-through-message-batches.md):
 *   PUT  /internal/intelligence/message-batches/{id}/requests  {kind, requests[{customId, userId, facts}]}
 *   POST /internal/intelligence/message-batches/{id}/submit    {expectedCount}
 *   GET  /internal/intelligence/message-batches/{id}           → {status, ready, providerBatchId, counts}
 *   GET  /internal/intelligence/message-batches/{id}/results?after&limit → {results[{customId, text, source, fallbackReason}], nextAfter}
 * The batch id is ours (a generation chunk's id), so repeating any call after a restart is harmless.
 */
const viewSchema = z.object({
  id: z.string(),
  status: z.enum(['OPEN', 'SUBMITTING', 'IN_PROGRESS', 'COLLECTED']),
  requestCount: z.number(),
  providerBatchId: z.string().nullable(),
  counts: z.record(z.string(), z.number()).nullable(),
  ready: z.boolean(),
});

const resultsSchema = z.object({
  results: z.array(z.object({ customId: z.string(), text: z.string(), source: z.enum(['AI', 'FALLBACK']), fallbackReason: z.string().nullable() })),
  nextAfter: z.string().nullable(),
});

export type BatchView = z.infer<typeof viewSchema>;
export type BatchResult = z.infer<typeof resultsSchema>['results'][number];

export interface MessageBatchClient {
  add(batchId: string, requests: Array<{ customId: string; userId: string; facts: Record<string, unknown> }>): Promise<void>;
  submit(batchId: string, expectedCount: number): Promise<BatchView>;
  status(batchId: string): Promise<BatchView>;
  /** The batch as intelligence holds it, or undefined when it has never heard of it. */
  find(batchId: string): Promise<BatchView | undefined>;
  results(batchId: string, after: string | null, limit: number): Promise<{ results: BatchResult[]; nextAfter: string | null }>;
}

export function createMessageBatchClient(options: { dapr: Dapr; appId: string; timeoutMs: number }): MessageBatchClient {
  const { dapr, appId, timeoutMs } = options;
  const base = 'internal/intelligence/message-batches';
  return {
    async add(batchId, requests) {
      await dapr.invoke(appId, `${base}/${batchId}/requests`, { method: 'PUT', body: { kind: 'NUDGE', requests }, timeoutMs });
    },
    async submit(batchId, expectedCount) {
      return viewSchema.parse(await dapr.invoke(appId, `${base}/${batchId}/submit`, { method: 'POST', body: { expectedCount }, timeoutMs }));
    },
    async status(batchId) {
      return viewSchema.parse(await dapr.invoke(appId, `${base}/${batchId}`, { method: 'GET', timeoutMs }));
    },
    async find(batchId) {
      try {
        return viewSchema.parse(await dapr.invoke(appId, `${base}/${batchId}`, { method: 'GET', timeoutMs }));
      } catch (error) {
        if (error instanceof DaprCallError && error.upstreamStatus === 404) return undefined;
        throw error;
      }
    },
    async results(batchId, after, limit) {
      const query = new URLSearchParams({ limit: String(limit), ...(after ? { after } : {}) });
      return resultsSchema.parse(await dapr.invoke(appId, `${base}/${batchId}/results?${query}`, { method: 'GET', timeoutMs }));
    },
  };
}
