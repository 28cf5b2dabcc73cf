import { z } from 'zod';

/** Body of POST /_control/behaviour. */
export const behaviourBody = z.strictObject({
  mode: z.enum(['normal', 'slow', 'fail', 'malformed', 'invent-number']),
  /** For mode "fail": 429 rate_limit_error, 529 overloaded_error or 500 api_error (default). */
  status: z.union([z.literal(429), z.literal(529), z.literal(500)]).optional(),
  /** How many of the next valid requests are affected; omitted means until reset. */
  count: z.number().int().min(1).optional(),
  /** Delay before answering (any mode; "slow" defaults to 2000 ms). */
  delayMs: z.number().int().min(0).max(600_000).optional(),
  /** Pause between the events of a streamed answer (any mode), so a client can leave mid-stream. */
  chunkDelayMs: z.number().int().min(0).max(10_000).optional(),
  /** retry-after header value; always sent on 429 (default 1), on 500/529 only when given. */
  retryAfterSeconds: z.number().min(0).max(3_600).optional(),
});

export const requestsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** Body of POST /_control/realism: batch processing figures (see config.ts). */
export const realismBody = z.strictObject({
  batchBaseSeconds: z.number().min(0).max(86_400).optional(),
  batchRequestsPerSecond: z.number().positive().max(1_000_000).optional(),
  batchErrorRate: z.number().min(0).max(1).optional(),
  batchExpireRate: z.number().min(0).max(1).optional(),
});
