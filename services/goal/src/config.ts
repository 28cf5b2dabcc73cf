import { reliabilitySettings } from '@healthsync/shared';
import { z } from 'zod';

/** Settings of the goal service beyond the base ones (see services/shared/src/config.ts). */
export const settings = {
  ...reliabilitySettings,
  /** How long today's view stays in the cache, seconds (writes replace it anyway; the original app used 30 minutes). */
  TODAY_CACHE_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(1_800),
  /** Dapr app id of the intelligence service (recommendations and celebration messages). */
  INTELLIGENCE_APP_ID: z.string().min(1).default('intelligence'),
  /** Longest wait for the user's current AI recommendations, milliseconds. */
  RECOMMENDATIONS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** Longest wait for an AI-written celebration before the stored fallback text is kept, milliseconds. */
  CELEBRATION_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(4_000),
  /** How often a replica announces celebrations whose check-off could not (it died before the AI answered), seconds. */
  CELEBRATION_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3_600).default(30),
};
