import type { Dapr, Logger } from '@healthsync/shared';
import { z } from 'zod';
import { acceptableNudge, fallbackNudge } from '../domain/nudge-text.js';
import type { ProgressFacts } from '../domain/progress-view.js';
import type { UrgencyLevel } from '../domain/selection.js';

/**
 * The nudge text, from the intelligence service's internal route (Dapr service invocation;
 * its access control lets batch call it):
 *   POST /internal/intelligence/messages { userId, kind: 'NUDGE', facts } → { text, source: 'AI' | 'FALLBACK' }
 * Whatever goes wrong — the service is down, slow, or answers outside the contract or the
 * 80-character limit — the batch's own fallback is used and marked FALLBACK: a run never
 * fails because of the AI. Dapr's resiliency policy (timeouts, circuit breaker) sits in front.
 */
export interface NudgeText {
  text: string;
  source: 'AI' | 'FALLBACK';
}

export interface NudgeWriter {
  write(userId: string, facts: ProgressFacts & { urgencyLevel: UrgencyLevel }): Promise<NudgeText>;
}

const answerSchema = z.object({ text: z.string(), source: z.enum(['AI', 'FALLBACK']) });

export function createNudgeWriter(options: { dapr: Dapr; appId: string; timeoutMs: number; logger: Logger }): NudgeWriter {
  const { dapr, appId, timeoutMs, logger } = options;
  // Failures are logged when they start and when they end, not once per user of a big run.
  let failing = false;
  let failuresSinceLog = 0;

  function fellBack(facts: ProgressFacts, why: string): NudgeText {
    failuresSinceLog += 1;
    if (!failing) {
      failing = true;
      logger.warn('intelligence cannot write nudges; using fallback texts', { why });
    }
    return { text: fallbackNudge(facts), source: 'FALLBACK' };
  }

  return {
    async write(userId, facts) {
      let answer: unknown;
      try {
        answer = await dapr.invoke(appId, 'internal/intelligence/messages', { method: 'POST', body: { userId, kind: 'NUDGE', facts }, timeoutMs });
      } catch (error) {
        return fellBack(facts, error instanceof Error ? error.message : String(error));
      }
      const parsed = answerSchema.safeParse(answer);
      if (!parsed.success) return fellBack(facts, 'answer does not match the contract');
      if (!acceptableNudge(parsed.data.text)) return fellBack(facts, 'text is empty, multi-line or longer than 80 characters');
      if (failing) {
        logger.info('intelligence writes nudges again', { fallbacksMeanwhile: failuresSinceLog });
        failing = false;
        failuresSinceLog = 0;
      }
      return { text: parsed.data.text.trim(), source: parsed.data.source };
    },
  };
}
