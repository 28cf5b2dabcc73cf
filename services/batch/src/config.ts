import { ConfigError } from '@healthsync/shared';
import { z } from 'zod';

const count = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/** Settings of the batch service beyond the base ones (see services/shared/src/config.ts). */
export const settings = {
  /** App id of the intelligence service, which writes the nudge texts. */
  INTELLIGENCE_APP_ID: z.string().min(1).default('intelligence'),
  /** Nudge texts requested at once per replica: the bound that keeps the AI from being flooded. */
  BATCH_AI_CONCURRENCY: count(1, 64, 8),
  /** Upper bound for one nudge text request, ms; past it the fallback text is used. */
  BATCH_AI_TIMEOUT_MS: count(100, 120_000, 15_000),
  /** Users a worker claims at a time; each is then worked on one after the other. */
  BATCH_CLAIM_SIZE: count(1, 100, 4),
  /** How long a claim keeps other replicas off; after it, a dead replica's users are taken over. */
  BATCH_CLAIM_TTL_SECONDS: count(5, 3_600, 120),
  /** Attempts per user and day's run before the user is given up (FAILED). */
  BATCH_MAX_ATTEMPTS: count(1, 10, 3),
  /** Seconds before a failed user is tried again. */
  BATCH_RETRY_AFTER_SECONDS: count(1, 3_600, 30),
  /** Users whose facts are computed per round trip while planning. */
  BATCH_PLAN_PAGE_SIZE: count(100, 20_000, 2_000),
  /** How often a replica looks for an unfinished run to resume (the cron fires once a day in Azure). */
  BATCH_RESUME_INTERVAL_SECONDS: count(5, 3_600, 60),
  /** Days of per-user decisions kept for operators (the inbox keeps the messages). */
  BATCH_KEEP_DECISIONS_DAYS: count(1, 365, 35),
};

export interface RunSettings {
  concurrency: number;
  aiTimeoutMs: number;
  claimSize: number;
  claimTtlSeconds: number;
  maxAttempts: number;
  retryAfterSeconds: number;
  planPageSize: number;
  resumeIntervalSeconds: number;
  keepDecisionsDays: number;
}

/**
 * The run's settings, checked together: a claim must outlast the work on it (each claimed
 * user may take up to the AI timeout), or two replicas would routinely work on the same users.
 */
export function runSettings(config: {
  BATCH_AI_CONCURRENCY: number;
  BATCH_AI_TIMEOUT_MS: number;
  BATCH_CLAIM_SIZE: number;
  BATCH_CLAIM_TTL_SECONDS: number;
  BATCH_MAX_ATTEMPTS: number;
  BATCH_RETRY_AFTER_SECONDS: number;
  BATCH_PLAN_PAGE_SIZE: number;
  BATCH_RESUME_INTERVAL_SECONDS: number;
  BATCH_KEEP_DECISIONS_DAYS: number;
}): RunSettings {
  const workMs = config.BATCH_CLAIM_SIZE * config.BATCH_AI_TIMEOUT_MS;
  if (config.BATCH_CLAIM_TTL_SECONDS * 1000 <= workMs) {
    throw new ConfigError([
      `BATCH_CLAIM_TTL_SECONDS (${config.BATCH_CLAIM_TTL_SECONDS}) must exceed BATCH_CLAIM_SIZE × BATCH_AI_TIMEOUT_MS (${workMs / 1000} s)`,
    ]);
  }
  return {
    concurrency: config.BATCH_AI_CONCURRENCY,
    aiTimeoutMs: config.BATCH_AI_TIMEOUT_MS,
    claimSize: config.BATCH_CLAIM_SIZE,
    claimTtlSeconds: config.BATCH_CLAIM_TTL_SECONDS,
    maxAttempts: config.BATCH_MAX_ATTEMPTS,
    retryAfterSeconds: config.BATCH_RETRY_AFTER_SECONDS,
    planPageSize: config.BATCH_PLAN_PAGE_SIZE,
    resumeIntervalSeconds: config.BATCH_RESUME_INTERVAL_SECONDS,
    keepDecisionsDays: config.BATCH_KEEP_DECISIONS_DAYS,
  };
}
