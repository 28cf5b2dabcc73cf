import type { Realism } from '../config.js';
import { type RequestOutcome, type Schedule, outcomeOf, requestCounts, schedule, unprocessedAt } from '../domain/batch-schedule.js';
import { newId } from '../domain/ids.js';
import type { Message, MessagesRequest } from '../domain/types.js';
import type { Clock } from '../handlers/messages.js';
import { parseMessagesRequest } from '../routes/messages-schema.js';

/**
 * The organisation's Message Batches, in memory: what was submitted, when each request is done
 * (domain/batch-schedule.ts), and the results, written once the batch has ended. Each request's
 * answer is the one the Messages API would give; its `params` are validated only then, as the
 * real API does (an invalid request ends `errored`, not the whole batch).
 */
export interface BatchRequest {
  custom_id: string;
  params: unknown;
}

export interface MessageBatchView {
  id: string;
  type: 'message_batch';
  processing_status: 'in_progress' | 'canceling' | 'ended';
  request_counts: Record<'processing' | 'succeeded' | 'errored' | 'canceled' | 'expired', number>;
  ended_at: string | null;
  created_at: string;
  expires_at: string;
  archived_at: string | null;
  cancel_initiated_at: string | null;
  results_url: string | null;
}

interface StoredBatch {
  id: string;
  createdAt: number;
  schedule: Schedule;
  requests: BatchRequest[];
  draws: Float64Array;
  cancelInitiatedAt?: number;
  /** Requests not done by then are canceled. */
  canceledAt?: number;
  outcomes?: RequestOutcome[];
  results?: string[];
}

export interface BatchUsage {
  /** Requests answered in ended batches whose results were written. */
  requests: number;
  succeeded: number;
  inputTokens: number;
  outputTokens: number;
}

type Answer = { kind: 'message'; message: Message } | { kind: 'error'; type: string; message: string };

export interface BatchStoreDeps {
  realism: Realism;
  clock: Clock;
  answerOf(request: MessagesRequest): Answer;
  random?: () => number;
}

/** Time the stand-in takes to wind down a canceled batch (before the time scale). */
const CANCEL_MS = 1_000;

const iso = (ms: number) => new Date(ms).toISOString();

export type BatchStore = ReturnType<typeof createBatchStore>;

export function createBatchStore(deps: BatchStoreDeps) {
  const { realism, clock } = deps;
  const random = deps.random ?? Math.random;
  const batches = new Map<string, StoredBatch>();
  /** Newest first, as the list endpoint returns them. */
  const order: string[] = [];
  let queueFreeAt = 0;
  const usage: BatchUsage = { requests: 0, succeeded: 0, inputTokens: 0, outputTokens: 0 };

  const endsAt = (b: StoredBatch) => Math.min(b.schedule.endsAt, b.canceledAt ?? Number.POSITIVE_INFINITY);
  const ended = (b: StoredBatch, now: number) => now >= endsAt(b);

  /** How a request ended and its JSONL line. */
  function resultOf(request: BatchRequest, scheduled: RequestOutcome): { outcome: RequestOutcome; line: string } {
    const line = (result: { type: RequestOutcome }) => ({ outcome: result.type, line: JSON.stringify({ custom_id: request.custom_id, result }) });
    const errored = (type: string, message: string) =>
      line({ type: 'errored', error: { type: 'error', error: { type, message }, request_id: newId('req') } } as { type: 'errored' });
    if (scheduled === 'canceled' || scheduled === 'expired') return line({ type: scheduled });
    if (scheduled === 'errored') return errored('api_error', 'Internal server error');
    const parsed = parseMessagesRequest(request.params);
    if (!parsed.ok) return errored('invalid_request_error', parsed.message);
    if (parsed.request.stream === true) return errored('invalid_request_error', 'stream: Streaming is not supported in the Message Batches API');
    const answer = deps.answerOf(parsed.request);
    if (answer.kind === 'error') return errored(answer.type, answer.message);
    usage.succeeded += 1;
    usage.inputTokens += answer.message.usage.input_tokens;
    usage.outputTokens += answer.message.usage.output_tokens;
    return line({ type: 'succeeded', message: answer.message } as { type: 'succeeded' });
  }

  /** Writes the results of an ended batch once; the counts come from them. */
  function materialize(b: StoredBatch): { outcomes: RequestOutcome[]; results: string[] } {
    if (!b.outcomes || !b.results) {
      const outcomes: RequestOutcome[] = [];
      const results: string[] = [];
      b.requests.forEach((request, i) => {
        const scheduled = outcomeOf(b.schedule, i, b.draws[i]!, { error: realism.batchErrorRate, expire: realism.batchExpireRate }, b.canceledAt);
        const result = resultOf(request, scheduled);
        outcomes.push(result.outcome);
        results.push(result.line);
      });
      b.outcomes = outcomes;
      b.results = results;
      usage.requests += b.requests.length;
      // The submitted bodies are no longer needed once the results are written.
      b.requests = b.requests.map((r) => ({ custom_id: r.custom_id, params: null }));
    }
    return { outcomes: b.outcomes, results: b.results };
  }

  function view(b: StoredBatch, now: number, baseUrl: string): MessageBatchView {
    const done = ended(b, now);
    return {
      id: b.id,
      type: 'message_batch',
      processing_status: done ? 'ended' : b.cancelInitiatedAt !== undefined ? 'canceling' : 'in_progress',
      request_counts: requestCounts(done, b.requests.length, () => materialize(b).outcomes),
      ended_at: done ? iso(endsAt(b)) : null,
      created_at: iso(b.createdAt),
      expires_at: iso(b.schedule.expiresAt),
      archived_at: null,
      cancel_initiated_at: b.cancelInitiatedAt === undefined ? null : iso(b.cancelInitiatedAt),
      results_url: done ? `${baseUrl}/v1/messages/batches/${b.id}/results` : null,
    };
  }

  return {
    /** Batch requests waiting or in processing over every batch (the processing-queue limit counts these). */
    queued(): number {
      const now = clock.now();
      let n = 0;
      for (const b of batches.values()) n += unprocessedAt({ ...b.schedule, endsAt: endsAt(b) }, b.requests.length, now);
      return n;
    },

    create(requests: BatchRequest[], baseUrl: string): MessageBatchView {
      const now = clock.now();
      const s = schedule({
        createdAt: now,
        count: requests.length,
        queueFreeAt,
        baseSeconds: realism.batchBaseSeconds,
        requestsPerSecond: realism.batchRequestsPerSecond,
        timeScale: realism.timeScale,
      });
      queueFreeAt = s.queueFreeAt;
      const draws = new Float64Array(requests.length);
      for (let i = 0; i < draws.length; i += 1) draws[i] = random();
      const batch: StoredBatch = { id: newId('msgbatch'), createdAt: now, schedule: s, requests, draws };
      batches.set(batch.id, batch);
      order.unshift(batch.id);
      return view(batch, now, baseUrl);
    },

    get(id: string, baseUrl: string): MessageBatchView | undefined {
      const batch = batches.get(id);
      return batch && view(batch, clock.now(), baseUrl);
    },

    /** Newest first; `afterId` pages forward (older), `beforeId` backward (newer). */
    list(query: { limit: number; afterId?: string | undefined; beforeId?: string | undefined }, baseUrl: string) {
      const now = clock.now();
      let from = 0;
      let to = order.length;
      if (query.afterId !== undefined) from = order.indexOf(query.afterId) + 1;
      if (query.beforeId !== undefined) to = Math.max(0, order.indexOf(query.beforeId));
      let page: string[];
      let hasMore: boolean;
      if (query.beforeId !== undefined && query.afterId === undefined) {
        page = order.slice(Math.max(from, to - query.limit), to);
        hasMore = to - query.limit > from;
      } else {
        page = order.slice(from, Math.min(to, from + query.limit));
        hasMore = from + query.limit < to;
      }
      const data = page.map((id) => view(batches.get(id)!, now, baseUrl));
      return { data, has_more: hasMore, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
    },

    /** undefined: no such batch; 'ended': too late to cancel. */
    cancel(id: string, baseUrl: string): MessageBatchView | undefined | 'ended' {
      const batch = batches.get(id);
      if (!batch) return undefined;
      const now = clock.now();
      if (ended(batch, now)) return 'ended';
      if (batch.cancelInitiatedAt === undefined) {
        batch.cancelInitiatedAt = now;
        batch.canceledAt = now + CANCEL_MS / realism.timeScale;
      }
      return view(batch, now, baseUrl);
    },

    /** undefined: no such batch; 'in_progress': only ended batches can be deleted. */
    delete(id: string): { id: string; type: 'message_batch_deleted' } | undefined | 'in_progress' {
      const batch = batches.get(id);
      if (!batch) return undefined;
      if (!ended(batch, clock.now())) return 'in_progress';
      batches.delete(id);
      order.splice(order.indexOf(id), 1);
      return { id, type: 'message_batch_deleted' };
    },

    /** The results as JSONL lines; undefined: no such batch; 'in_progress': not ended yet. */
    results(id: string): string[] | undefined | 'in_progress' {
      const batch = batches.get(id);
      if (!batch) return undefined;
      if (!ended(batch, clock.now())) return 'in_progress';
      return materialize(batch).results;
    },

    usage(): BatchUsage {
      return { ...usage };
    },

    reset(): void {
      batches.clear();
      order.length = 0;
      queueFreeAt = 0;
      Object.assign(usage, { requests: 0, succeeded: 0, inputTokens: 0, outputTokens: 0 });
    },
  };
}
