import Anthropic, { APIError } from '@anthropic-ai/sdk';
import { UpstreamUnavailableError, type Logger } from '@healthsync/shared';
import type { BatchResultLine } from '../domain/message-batch.js';
import { retryAfterMs } from '../domain/retry.js';

/**
 * Anthropic's Message Batches API through `client.messages.batches` of @anthropic-ai/sdk.
 * Creating is not retried here (a retry after a lost answer could create a second batch; the
 * caller retries with the same batch id instead); retrieving and reading results are
 * idempotent and use the SDK's retries, which honour retry-after.
 */
export interface ProviderBatch {
  id: string;
  processingStatus: 'in_progress' | 'canceling' | 'ended';
  requestCounts: Record<'processing' | 'succeeded' | 'errored' | 'canceled' | 'expired', number>;
  endedAt: string | null;
}

export interface BatchApi {
  create(requests: Array<{ custom_id: string; params: Anthropic.MessageCreateParamsNonStreaming }>): Promise<ProviderBatch>;
  retrieve(id: string): Promise<ProviderBatch>;
  results(id: string): Promise<AsyncIterable<BatchResultLine>>;
}

function view(batch: Anthropic.Messages.MessageBatch): ProviderBatch {
  return { id: batch.id, processingStatus: batch.processing_status, requestCounts: { ...batch.request_counts }, endedAt: batch.ended_at };
}

/** A provider failure as our 503 (with the provider's retry-after), so the caller retries later. */
function unavailable(operation: string, error: unknown): UpstreamUnavailableError {
  if (error instanceof APIError && typeof error.status === 'number') {
    const after = retryAfterMs(error.headers, Date.now());
    return new UpstreamUnavailableError(
      'AI_BATCH_UNAVAILABLE',
      `Message Batches API ${operation} failed with ${error.status}.`,
      after === undefined ? 30 : Math.max(1, Math.ceil(after / 1000)),
    );
  }
  return new UpstreamUnavailableError(
    'AI_BATCH_UNAVAILABLE',
    `Message Batches API ${operation} failed: ${error instanceof Error ? error.message : String(error)}`,
    30,
  );
}

export function createClaudeBatches(options: { baseURL: string; apiKey: string; logger: Logger }): BatchApi {
  const client = new Anthropic({ apiKey: options.apiKey, baseURL: options.baseURL, maxRetries: 3, timeout: 120_000, logLevel: 'off' });

  return {
    async create(requests) {
      try {
        return view(await client.messages.batches.create({ requests }, { maxRetries: 0 }));
      } catch (error) {
        options.logger.warn('message batch not created', { requests: requests.length, error: String(error) });
        // An answer with a status (429, 529, 5xx) means the provider did not create it; a lost
        // connection leaves that open.
        throw Object.assign(unavailable('create', error), { notCreated: error instanceof APIError && typeof error.status === 'number' });
      }
    },
    async retrieve(id) {
      try {
        return view(await client.messages.batches.retrieve(id));
      } catch (error) {
        throw unavailable('retrieve', error);
      }
    },
    async results(id) {
      try {
        return (await client.messages.batches.results(id)) as unknown as AsyncIterable<BatchResultLine>;
      } catch (error) {
        throw unavailable('results', error);
      }
    },
  };
}
