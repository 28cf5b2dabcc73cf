import { ConflictError, NotFoundError, seoulToday, type Clock, type Db, type Logger, type Metrics } from '@healthsync/shared';
import type { BatchApi, ProviderBatch } from '../adapters/claude-batches.js';
import { requestParams, type CallRecord } from '../adapters/claude.js';
import type { BatchItem, BatchRow, CollectedItem, MessageBatchesRepository } from '../adapters/message-batches-repository.js';
import { tokenUsage } from '../adapters/usage.js';
import { batchRequestEventId, itemResult, tally, usageOutcomeOf, type BatchResultLine, type ItemResult } from '../domain/message-batch.js';
import type { MessageKind } from '../domain/messages.js';
import { messagePrompt, PROMPT_VERSIONS } from '../domain/prompts.js';

/**
 * Short messages in bulk through Anthropic's Message Batches API, for callers that know their
 * messages ahead of time (the batch service's morning nudges): half the price of the per-message
 * path and no per-request rate limits, at the cost of minutes to hours of processing.
 *
 * The caller names the batch (its own id), adds its requests a page at a time (idempotent: a
 * request already added is kept), submits it once (idempotent: a submitted batch is not
 * submitted again), polls it, and reads its texts a page at a time. Results are validated as on
 * the per-message path; a request that errored, expired, was canceled or wrote something
 * unusable gets the rule-based message, marked FALLBACK with the reason.
 */
export interface MessageBatchesDeps {
  db: Db;
  repository: MessageBatchesRepository;
  api: BatchApi;
  model: string;
  maxTokens: number;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Each collected request, reported as one model call (the usage stream), as the per-message path reports its attempts. */
  onCall: (record: CallRecord) => void;
}

export interface BatchView {
  id: string;
  kind: MessageKind;
  status: BatchRow['status'];
  requestCount: number;
  providerBatchId: string | null;
  /** The provider's tallies once processing ended (and our AI/FALLBACK split once collected). */
  counts: Record<string, number> | null;
  submittedAt: string | null;
  endedAt: string | null;
  /** True once `results` can be read. */
  ready: boolean;
}

/** Requests read per page when building the create call and when storing results. */
const PAGE = 2_000;
/** A Message Batch holds at most 100,000 requests. */
export const MAX_BATCH_REQUESTS = 100_000;

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function viewOf(row: BatchRow): BatchView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    requestCount: row.requestCount,
    providerBatchId: row.providerBatchId,
    counts: row.counts,
    submittedAt: iso(row.submittedAt),
    endedAt: iso(row.endedAt),
    ready: row.status === 'COLLECTED',
  };
}

const promptVersionOf = (kind: MessageKind) => (kind === 'NUDGE' ? PROMPT_VERSIONS.nudge : PROMPT_VERSIONS.celebration);

export function createMessageBatches(deps: MessageBatchesDeps) {
  const { repository, api, logger } = deps;
  const requests = deps.metrics.counter('ai_batch_requests_total', 'Message batch requests collected, by provider outcome and text source', [
    'outcome',
    'source',
  ]);
  const batches = deps.metrics.counter('ai_batches_total', 'Message batches, by step (submitted, collected)', ['step']);

  async function mustGet(id: string): Promise<BatchRow> {
    const row = await repository.get(id);
    if (!row) throw new NotFoundError('MESSAGE_BATCH_NOT_FOUND', 'No message batch with this id.');
    return row;
  }

  async function collect(row: BatchRow, provider: ProviderBatch): Promise<void> {
    // A batch request's latency is the batch's processing time: from submission to its end.
    const started = row.submittedAt === null ? null : new Date(row.submittedAt).getTime();
    const ended = provider.endedAt === null ? deps.clock.now().getTime() : new Date(provider.endedAt).getTime();
    const latencyMs = started === null ? 0 : Math.max(0, ended - started);
    const report = (line: BatchResultLine, userId: string, result: ItemResult) =>
      deps.onCall({
        eventId: batchRequestEventId(row.id, line.custom_id),
        userId,
        feature: row.kind === 'NUDGE' ? 'nudge' : 'celebration',
        promptVersion: promptVersionOf(row.kind),
        model: deps.model,
        attempt: 1,
        streamed: false,
        batched: true,
        inputTokens: result.inputTokens,
        outputTokens: result.outputTokens,
        latencyMs,
        outcome: usageOutcomeOf(line),
      });
    const facts = new Map<string, BatchItem>();
    for (let after: string | null = null; ;) {
      const page = await repository.items(row.id, after, PAGE);
      if (page.length === 0) break;
      for (const item of page) facts.set(item.customId, item);
      after = page.at(-1)!.customId;
    }
    const all: Array<Pick<ItemResult, 'outcome' | 'source'>> = [];
    let pending: Array<ItemResult & { customId: string; userId: string }> = [];
    const day = seoulToday(deps.clock);
    const flush = async () => {
      if (pending.length === 0) return;
      await repository.saveResults(row.id, pending);
      await tokenUsage.addMany(
        deps.db,
        day,
        pending.filter((r) => r.inputTokens + r.outputTokens > 0).map((r) => ({ userId: r.userId, inputTokens: r.inputTokens, outputTokens: r.outputTokens })),
      );
      pending = [];
    };
    for await (const line of await api.results(provider.id)) {
      const item = facts.get(line.custom_id);
      if (!item) continue;
      const result = itemResult(line as BatchResultLine, row.kind, item.facts);
      requests.inc({ outcome: result.outcome, source: result.source });
      report(line as BatchResultLine, item.userId, result);
      all.push(result);
      pending.push({ ...result, customId: item.customId, userId: item.userId });
      facts.delete(line.custom_id);
      if (pending.length >= PAGE) await flush();
    }
    // A request the results do not mention did not get an answer: rule-based text.
    for (const item of facts.values()) {
      const line: BatchResultLine = { custom_id: item.customId, result: { type: 'expired' } };
      const result = itemResult(line, row.kind, item.facts);
      report(line, item.userId, result);
      all.push(result);
      pending.push({ ...result, customId: item.customId, userId: item.userId });
      if (pending.length >= PAGE) await flush();
    }
    await flush();
    const counts = { ...provider.requestCounts, ...tally(all) };
    await repository.markCollected(row.id, counts, provider.endedAt);
    batches.inc({ step: 'collected' });
    logger.info('message batch collected', { batchId: row.id, providerBatchId: provider.id, counts });
  }

  return {
    /** Adds requests to the batch `id` (created on first use); 409 once it has been submitted. */
    async add(id: string, kind: MessageKind, items: BatchItem[]): Promise<BatchView> {
      const row = await repository.open(id, kind, deps.model, promptVersionOf(kind));
      if (row.kind !== kind) throw new ConflictError('MESSAGE_BATCH_KIND_MISMATCH', `This batch holds ${row.kind} requests.`);
      if (row.status !== 'OPEN') throw new ConflictError('MESSAGE_BATCH_SUBMITTED', 'This batch has been submitted; add requests to a new one.');
      if (row.requestCount + items.length > MAX_BATCH_REQUESTS)
        throw new ConflictError('MESSAGE_BATCH_FULL', `A batch holds at most ${MAX_BATCH_REQUESTS} requests.`);
      const count = await repository.addItems(id, items);
      return viewOf({ ...row, requestCount: count });
    },

    /**
     * Submits the batch to Anthropic once it holds at least `expectedCount` requests (409
     * otherwise: a page is missing). Submitting again answers the batch as it is; a submission
     * that died half-way (status SUBMITTING for longer than a lease) is taken up again.
     */
    async submit(id: string, expectedCount: number): Promise<BatchView> {
      const row = await mustGet(id);
      if (row.status === 'IN_PROGRESS' || row.status === 'COLLECTED') return viewOf(row);
      // Fewer than the caller sent means a page is missing (more is fine: a request whose user was erased meanwhile).
      if (row.requestCount < expectedCount) {
        throw new ConflictError('MESSAGE_BATCH_INCOMPLETE', `The batch holds ${row.requestCount} requests, fewer than ${expectedCount}.`);
      }
      // Another call is submitting it right now (or did, and died less than a lease ago): answer as it is.
      if (!(await repository.markSubmitting(id))) return viewOf(await mustGet(id));
      if (row.status === 'SUBMITTING')
        logger.warn('message batch submission resumed after an interruption; the provider may hold an earlier copy', { batchId: id });
      const body = [];
      for (let after: string | null = null; ;) {
        const page = await repository.items(id, after, PAGE);
        if (page.length === 0) break;
        for (const item of page) {
          const prompt = messagePrompt(row.kind, item.facts);
          body.push({ custom_id: item.customId, params: { ...requestParams(deps.model, prompt, deps.maxTokens, item.userId), stream: false as const } });
        }
        after = page.at(-1)!.customId;
      }
      let provider: ProviderBatch;
      try {
        provider = await api.create(body);
      } catch (error) {
        // Refused outright: the next submission may try again at once instead of after the lease.
        if ((error as { notCreated?: boolean }).notCreated) await repository.reopen(id);
        throw error;
      }
      await repository.markSubmitted(id, provider.id);
      batches.inc({ step: 'submitted' });
      logger.info('message batch submitted', { batchId: id, providerBatchId: provider.id, requests: body.length });
      return viewOf((await repository.get(id))!);
    },

    /** The batch's state; asks the provider while it is processing and stores the texts once it ended. */
    async status(id: string): Promise<BatchView> {
      const row = await mustGet(id);
      if (row.status !== 'IN_PROGRESS' || !row.providerBatchId) return viewOf(row);
      const provider = await api.retrieve(row.providerBatchId);
      if (provider.processingStatus !== 'ended') return { ...viewOf(row), counts: provider.requestCounts };
      await collect(row, provider);
      return viewOf((await repository.get(id))!);
    },

    /** A page of the collected texts, by custom id; 409 until the batch is collected. */
    async results(id: string, after: string | null, limit: number): Promise<{ results: CollectedItem[]; nextAfter: string | null }> {
      const row = await mustGet(id);
      if (row.status !== 'COLLECTED') throw new ConflictError('MESSAGE_BATCH_NOT_READY', 'The batch has not ended yet; poll it until ready is true.');
      const results = await repository.collected(id, after, limit + 1);
      const page = results.slice(0, limit);
      return { results: page, nextAfter: results.length > limit ? page.at(-1)!.customId : null };
    },
  };
}

export type MessageBatches = ReturnType<typeof createMessageBatches>;
