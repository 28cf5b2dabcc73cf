import { DaprCallError, UpstreamUnavailableError, type Dapr, type Logger } from '@healthsync/shared';
import { z } from 'zod';
import { CATEGORIES, DIFFICULTIES, type RecommendationSet } from '../domain/missions.js';

/**
 * The intelligence service's internal routes, through Dapr service invocation (access
 * control lets only goal and batch call them):
 *   GET  /internal/intelligence/users/:userId/recommendations/current → RecommendationSet (404 when none)
 *   POST /internal/intelligence/messages { userId, kind, facts }      → { text, source }
 */
export interface Intelligence {
  /** The user's current recommendations, or null when they have none. Throws UpstreamUnavailableError when the service cannot answer. */
  currentRecommendations(userId: string): Promise<RecommendationSet | null>;
  /** An AI-written message from progress facts. Throws when the service cannot answer. */
  writeMessage(
    input: { userId: string; kind: 'NUDGE' | 'CELEBRATION'; facts: Record<string, unknown> },
    timeoutMs?: number,
  ): Promise<{ text: string; source: 'AI' | 'FALLBACK' }>;
}

const recommendationSetSchema = z.object({
  recommendationSetId: z.string().min(1),
  missions: z.array(
    z.object({
      id: z.string().min(1).max(100),
      title: z.string().min(1),
      description: z.string(),
      category: z.enum(CATEGORIES),
      difficulty: z.enum(DIFFICULTIES),
      minutes: z.number().int().min(1).max(240),
      benefit: z.string(),
      occupationFit: z.string(),
      targetItems: z.array(z.string()),
    }),
  ),
});

const messageSchema = z.object({ text: z.string(), source: z.enum(['AI', 'FALLBACK']) });

/** The code of a problem+json body, if it is one. */
function problemCode(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { code?: unknown };
    return typeof parsed.code === 'string' ? parsed.code : undefined;
  } catch {
    return undefined;
  }
}

export function createIntelligenceClient(options: { dapr: Dapr; appId: string; timeoutMs: number; logger: Logger }): Intelligence {
  const { dapr, appId, logger } = options;

  function unavailable(what: string, error: unknown): UpstreamUnavailableError {
    logger.warn(`intelligence: ${what} failed`, { error: error instanceof Error ? error.message : String(error) });
    return new UpstreamUnavailableError('INTELLIGENCE_UNAVAILABLE', 'The AI recommendations cannot be read right now; try again shortly.');
  }

  return {
    async currentRecommendations(userId) {
      let answer: unknown;
      try {
        answer = await dapr.invoke(appId, `internal/intelligence/users/${encodeURIComponent(userId)}/recommendations/current`, {
          method: 'GET',
          timeoutMs: options.timeoutMs,
        });
      } catch (error) {
        // 404 is the contract's "no recommendations" — unless no such route exists (the
        // service is older than the contract): that is a broken dependency, not an empty list.
        if (error instanceof DaprCallError && error.upstreamStatus === 404 && problemCode(error.upstreamBody) !== 'ROUTE_NOT_FOUND') return null;
        throw unavailable('reading recommendations', error);
      }
      const parsed = recommendationSetSchema.safeParse(answer);
      if (!parsed.success) throw unavailable('reading recommendations (answer does not match the contract)', parsed.error);
      return parsed.data;
    },

    async writeMessage(input, timeoutMs) {
      const answer = await dapr.invoke(appId, 'internal/intelligence/messages', {
        method: 'POST',
        body: input,
        timeoutMs: timeoutMs ?? options.timeoutMs,
      });
      return messageSchema.parse(answer);
    },
  };
}
