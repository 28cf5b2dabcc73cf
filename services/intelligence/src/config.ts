import { reliabilitySettings } from '@healthsync/shared';
import { z } from 'zod';

const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/**
 * Settings of the intelligence service beyond the base ones (see services/shared/src/config.ts). The Claude
 * API key is a secret (`claude-api-key` in the secret store), never a setting.
 */
export const settings = {
  ...reliabilitySettings,
  /** Base URL of the Anthropic Messages API: https://api.anthropic.com in production, the stand-in locally. */
  CLAUDE_BASE_URL: z.url(),
  /** Model id sent with every request. */
  CLAUDE_MODEL: z
    .string()
    .regex(/^claude-[a-z0-9.-]+$/, 'must be a Claude model id')
    .default('claude-haiku-4-5'),
  /** max_tokens for structured answers (diagnosis, recommendations). */
  CLAUDE_MAX_TOKENS: int(64, 8192, 1500),
  /** max_tokens for chat answers and short messages. */
  CLAUDE_CHAT_MAX_TOKENS: int(64, 4096, 700),
  /** Upper bound for one HTTP attempt to the API (ms). */
  CLAUDE_ATTEMPT_TIMEOUT_MS: int(500, 120_000, 8_000),
  /**
   * Upper bound for a whole non-streamed answer, retries and the one re-ask after a rejected
   * answer included (ms). Keep it under the gateway's upstream timeout (15 s) minus the health call.
   */
  CLAUDE_REQUEST_DEADLINE_MS: int(1_000, 120_000, 10_000),
  /** Upper bound for a streamed chat answer (ms); under the sidecar's `ai` timeout (60 s). */
  CLAUDE_STREAM_DEADLINE_MS: int(1_000, 600_000, 50_000),
  /** HTTP attempts per model call (1 = no retries). Retries follow retry-after on 429 and 529. */
  CLAUDE_MAX_ATTEMPTS: int(1, 6, 3),
  /** First back-off step when the API gives no retry-after (ms); doubles per attempt. */
  CLAUDE_RETRY_BASE_MS: int(10, 10_000, 500),
  /** A retry-after longer than this is not waited for: the answer falls back instead (ms). */
  CLAUDE_MAX_RETRY_WAIT_MS: int(0, 60_000, 5_000),
  /** Once open, the circuit breaker lets a trial call through after this long (ms). */
  CLAUDE_BREAKER_RESET_MS: int(500, 600_000, 30_000),
  /** Failure percentage (within the rolling window) that opens the breaker. */
  CLAUDE_BREAKER_ERROR_PERCENT: int(1, 100, 50),
  /** Calls in the rolling window before the breaker may open. */
  CLAUDE_BREAKER_VOLUME: int(1, 1_000, 5),
  /**
   * Tokens (input + output) one user may spend per day (Asia/Seoul). Each model call reserves its
   * estimated maximum first; a call that does not fit is not made and the answer is a fallback.
   */
  AI_DAILY_TOKEN_BUDGET: int(1, 10_000_000, 100_000),
  /** Lifetime of cached diagnoses and recommendations (s); a new checkup import drops them earlier. */
  AI_CACHE_TTL_SECONDS: int(10, 86_400, 7_200),
  /** Lifetime of cached nudge and celebration messages (s). */
  AI_MESSAGE_CACHE_TTL_SECONDS: int(10, 86_400, 1_800),
  /** Chat answers one user may have streaming at once; one more is refused with 429 CHAT_STREAMS_EXCEEDED. */
  CHAT_MAX_CONCURRENT_STREAMS: int(1, 20, 2),
  /** Earlier messages of the session the model sees with each chat question. */
  CHAT_CONTEXT_MESSAGES: int(0, 50, 10),
  /** Upper bound for the call to the health service (ms). */
  HEALTH_TIMEOUT_MS: int(200, 30_000, 4_000),
  /** Upper bound for asking the user service for the consents in force (ms). */
  USER_TIMEOUT_MS: int(100, 10_000, 2_000),
};
