import { ConfigError, reliabilitySettings } from '@healthsync/shared';
import { z } from 'zod';
import { CLOCK } from './domain/quiet-hours.js';

const count = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/** Settings of the batch service beyond the base ones (see services/shared/src/config.ts). */
export const settings = {
  ...reliabilitySettings,
  /** App id of the intelligence service, which writes the nudge texts. */
  INTELLIGENCE_APP_ID: z.string().min(1).default('intelligence'),
  /** App id of the user service, which answers who holds the consent to send their data to the AI model abroad. */
  USER_APP_ID: z.string().min(1).default('user'),
  /** Upper bound for one bulk consent query (up to 1,000 users), ms; past it the group gets rule-based texts. */
  BATCH_CONSENT_TIMEOUT_MS: count(100, 60_000, 5_000),
  /** App id of the usage-analytics service, whose daily AI usage the run report shows. */
  USAGE_ANALYTICS_APP_ID: z.string().min(1).default('usage-analytics'),
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
  /**
   * Where the nudge texts come from: `batches` (generated ahead of delivery through the Message
   * Batches API, via intelligence) or `per-message` (one intelligence call per user at run time).
   */
  BATCH_TEXTS: z.enum(['batches', 'per-message']).default('batches'),
  /** Seoul time at which the day's messages are delivered (with `batches`); earlier passes only generate. */
  BATCH_DELIVERY_TIME: z.string().regex(CLOCK, 'must be HH:MM').default('09:00'),
  /** Users per generation chunk: one message batch each (at most 100,000 requests per batch). */
  BATCH_GENERATION_CHUNK_SIZE: count(1, 100_000, 10_000),
  /** Minutes after the delivery time (and after their chunk was formed) after which users still without a text get the rule-based one. */
  BATCH_GENERATION_GRACE_MINUTES: count(0, 1_440, 60),
  /** Users delivered per statement at the delivery time. */
  BATCH_DELIVERY_PAGE_SIZE: count(10, 10_000, 1_000),
  /** Upper bound for one call to intelligence's message-batch routes (submitting and collecting a chunk take a while), ms. */
  BATCH_GENERATION_TIMEOUT_MS: count(1_000, 300_000, 60_000),
  /** A dead-lettered user-deleted is published again after this many seconds, doubling with each replay of it. */
  BATCH_ERASURE_REPLAY_SECONDS: count(1, 3_600, 60),
  /** Replays of one dead-lettered user-deleted before it is left to an operator (logged and counted). */
  BATCH_ERASURE_MAX_REPLAYS: count(1, 100, 10),
  /**
   * Firebase Cloud Messaging's base URL (`messages:send` is under it); the service account's
   * credentials, with its token URI, are the `fcm-service-account` secret (docs/reference/fcm.md).
   */
  FCM_BASE_URL: z.url().default('https://fcm.googleapis.com'),
  /** How often a replica looks for inbox messages to push, ms. */
  PUSH_POLL_INTERVAL_MS: count(50, 600_000, 5_000),
  /** Messages a replica claims at a time for pushing. */
  PUSH_CLAIM_SIZE: count(1, 500, 20),
  /** How long a push claim keeps other replicas off; after it a dead replica's messages are taken over. */
  PUSH_CLAIM_TTL_SECONDS: count(10, 3_600, 600),
  /** Sends per message and device (the first one included) when FCM answers 429, 500 or 503. */
  PUSH_MAX_ATTEMPTS: count(1, 10, 4),
  /** First wait before a retry without Retry-After, ms (doubles per attempt, with jitter). */
  PUSH_RETRY_BASE_MS: count(10, 60_000, 1_000),
  /** Longest wait before a retry, ms; a Retry-After beyond it gives the device up for that message. */
  PUSH_RETRY_MAX_MS: count(100, 600_000, 30_000),
  /** Upper bound of one call to FCM or the token endpoint, ms. */
  PUSH_TIMEOUT_MS: count(100, 60_000, 10_000),
  /** A message longer than this in the inbox is not pushed any more (the inbox has it), minutes. */
  PUSH_MAX_AGE_MINUTES: count(1, 10_080, 1_440),
  /** When push itself is unavailable (credentials unreadable, token endpoint down): seconds before the message is tried again. */
  PUSH_UNAVAILABLE_RETRY_SECONDS: count(1, 3_600, 60),
};

export interface PushConfig {
  baseUrl: string;
  policy: { baseMs: number; maxMs: number; maxAttempts: number };
  timeoutMs: number;
  pollIntervalMs: number;
  claimSize: number;
  claimTtlSeconds: number;
  maxAgeMinutes: number;
  unavailableRetrySeconds: number;
}

/**
 * Push settings, checked together: a claim must outlast the work on one message and device
 * (every attempt timing out, with the longest waits between), or a second replica would push
 * the same message again.
 */
export function pushSettings(config: {
  FCM_BASE_URL: string;
  PUSH_POLL_INTERVAL_MS: number;
  PUSH_CLAIM_SIZE: number;
  PUSH_CLAIM_TTL_SECONDS: number;
  PUSH_MAX_ATTEMPTS: number;
  PUSH_RETRY_BASE_MS: number;
  PUSH_RETRY_MAX_MS: number;
  PUSH_TIMEOUT_MS: number;
  PUSH_MAX_AGE_MINUTES: number;
  PUSH_UNAVAILABLE_RETRY_SECONDS: number;
}): PushConfig {
  const problems: string[] = [];
  if (config.PUSH_RETRY_BASE_MS > config.PUSH_RETRY_MAX_MS) problems.push('PUSH_RETRY_BASE_MS must not exceed PUSH_RETRY_MAX_MS');
  const workMs = config.PUSH_MAX_ATTEMPTS * (config.PUSH_TIMEOUT_MS + config.PUSH_RETRY_MAX_MS);
  if (config.PUSH_CLAIM_TTL_SECONDS * 1000 <= workMs) {
    problems.push(
      `PUSH_CLAIM_TTL_SECONDS (${config.PUSH_CLAIM_TTL_SECONDS}) must exceed PUSH_MAX_ATTEMPTS × (PUSH_TIMEOUT_MS + PUSH_RETRY_MAX_MS) (${workMs / 1000} s)`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    baseUrl: config.FCM_BASE_URL,
    policy: { baseMs: config.PUSH_RETRY_BASE_MS, maxMs: config.PUSH_RETRY_MAX_MS, maxAttempts: config.PUSH_MAX_ATTEMPTS },
    timeoutMs: config.PUSH_TIMEOUT_MS,
    pollIntervalMs: config.PUSH_POLL_INTERVAL_MS,
    claimSize: config.PUSH_CLAIM_SIZE,
    claimTtlSeconds: config.PUSH_CLAIM_TTL_SECONDS,
    maxAgeMinutes: config.PUSH_MAX_AGE_MINUTES,
    unavailableRetrySeconds: config.PUSH_UNAVAILABLE_RETRY_SECONDS,
  };
}

export interface GenerationSettings {
  deliveryTime: string;
  chunkSize: number;
  graceMinutes: number;
  deliveryPageSize: number;
  timeoutMs: number;
}

/** The generation settings, or undefined when texts are written per message. */
export function generationSettings(config: {
  BATCH_TEXTS: 'batches' | 'per-message';
  BATCH_DELIVERY_TIME: string;
  BATCH_GENERATION_CHUNK_SIZE: number;
  BATCH_GENERATION_GRACE_MINUTES: number;
  BATCH_DELIVERY_PAGE_SIZE: number;
  BATCH_GENERATION_TIMEOUT_MS: number;
}): GenerationSettings | undefined {
  if (config.BATCH_TEXTS !== 'batches') return undefined;
  return {
    deliveryTime: config.BATCH_DELIVERY_TIME,
    chunkSize: config.BATCH_GENERATION_CHUNK_SIZE,
    graceMinutes: config.BATCH_GENERATION_GRACE_MINUTES,
    deliveryPageSize: config.BATCH_DELIVERY_PAGE_SIZE,
    timeoutMs: config.BATCH_GENERATION_TIMEOUT_MS,
  };
}

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
