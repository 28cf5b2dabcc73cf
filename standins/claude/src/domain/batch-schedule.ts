/**
 * When a Message Batch's requests are done, and how each ends. Pure: times are epoch ms and the
 * random draws are passed in.
 *
 * The model: the organisation's batch requests wait in one FIFO queue that is worked off at
 * `requestsPerSecond`; a batch's first request starts no sooner than `baseSeconds` after it was
 * created. So a batch takes longer the bigger it is and the more is queued before it. A request
 * not done 24 hours after creation expires, as with the real API; a small share of requests
 * may also end errored (api_error) or expired at random. `timeScale` fast-forwards it all.
 */
export type RequestOutcome = 'succeeded' | 'errored' | 'expired' | 'canceled';

export const EXPIRY_MS = 24 * 3_600_000;

export interface ScheduleInput {
  createdAt: number;
  count: number;
  /** When the queue is free of earlier batches' requests (epoch ms). */
  queueFreeAt: number;
  baseSeconds: number;
  requestsPerSecond: number;
  timeScale: number;
}

export interface Schedule {
  /** When the first request starts. */
  startsAt: number;
  /** Time per request (ms, scaled). */
  stepMs: number;
  /** When the 24 hours run out (scaled). */
  expiresAt: number;
  /** When processing ends: the last request done, or expiry. */
  endsAt: number;
  /** The queue's new free time. */
  queueFreeAt: number;
}

export function schedule(input: ScheduleInput): Schedule {
  const stepMs = 1000 / input.requestsPerSecond / input.timeScale;
  const startsAt = Math.max(input.createdAt + (input.baseSeconds * 1000) / input.timeScale, input.queueFreeAt);
  const lastDone = startsAt + input.count * stepMs;
  const expiresAt = input.createdAt + EXPIRY_MS / input.timeScale;
  return { startsAt, stepMs, expiresAt, endsAt: Math.min(lastDone, expiresAt), queueFreeAt: lastDone };
}

/** When request `index` (0-based) is done. */
export function doneAt(s: Schedule, index: number): number {
  return s.startsAt + (index + 1) * s.stepMs;
}

/** Requests of the batch still waiting or being processed at `now`. */
export function unprocessedAt(s: Schedule, count: number, now: number): number {
  if (now >= s.endsAt) return 0;
  if (now <= s.startsAt) return count;
  return Math.max(0, count - Math.floor((now - s.startsAt) / s.stepMs));
}

/**
 * How request `index` ends. `draw` is a uniform [0,1) number fixed for the request when the
 * batch was created; `canceledAt` is when cancellation took effect, if it was asked for.
 */
export function outcomeOf(s: Schedule, index: number, draw: number, rates: { error: number; expire: number }, canceledAt?: number): RequestOutcome {
  const done = doneAt(s, index);
  if (canceledAt !== undefined && done > canceledAt) return 'canceled';
  if (done > s.expiresAt) return 'expired';
  if (draw < rates.error) return 'errored';
  if (draw < rates.error + rates.expire) return 'expired';
  return 'succeeded';
}

export type RequestCounts = Record<'processing' | 'succeeded' | 'errored' | 'canceled' | 'expired', number>;

/** The counts the API shows: all `processing` until the whole batch has ended. */
export function requestCounts(ended: boolean, count: number, outcomes: () => RequestOutcome[]): RequestCounts {
  const counts: RequestCounts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
  if (!ended) {
    counts.processing = count;
    return counts;
  }
  for (const outcome of outcomes()) counts[outcome] += 1;
  return counts;
}
