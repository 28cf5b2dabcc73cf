import type { Logger } from '@healthsync/shared';
import type { Intelligence } from '../adapters/intelligence-client.js';
import { acceptableCelebration, fallbackCelebration, type Milestone } from '../domain/milestones.js';

/** The facts sent to the intelligence service for a celebration (no names, no health data). */
export interface CelebrationFacts {
  milestone: Milestone;
  streakDays: number;
  missionTitle: string;
  missionCategory: string;
  activeMissionCount: number;
  /** Percent of today's active missions done, after this check-off. */
  todayCompletionRate: number | null;
}

/**
 * Asks the intelligence service for a celebration message; its own answer (AI or its
 * fallback) is used when it fits the 100-character limit, otherwise — or when the service
 * does not answer in time — the local fallback is kept.
 */
export async function writeCelebration(
  intelligence: Intelligence,
  input: { userId: string; facts: CelebrationFacts; timeoutMs: number },
  logger: Logger,
): Promise<{ text: string; source: 'AI' | 'FALLBACK' }> {
  const fallback = { text: fallbackCelebration(input.facts.milestone, input.facts.missionTitle), source: 'FALLBACK' as const };
  try {
    const answer = await intelligence.writeMessage({ userId: input.userId, kind: 'CELEBRATION', facts: { ...input.facts } }, input.timeoutMs);
    if (acceptableCelebration(answer.text)) return { text: answer.text.trim(), source: answer.source };
    logger.warn('celebration from intelligence rejected (empty or too long); using the fallback', { length: [...answer.text].length });
    return fallback;
  } catch (error) {
    logger.warn('celebration message unavailable; using the fallback', { error: error instanceof Error ? error.message : String(error) });
    return fallback;
  }
}
