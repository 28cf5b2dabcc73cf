import { NotFoundError, seoulToday, withLiveUser, type Clock, type Db } from '@healthsync/shared';
import type { AnswerCache } from '../adapters/answer-cache.js';
import type { HealthClient } from '../adapters/health-client.js';
import type { RecommendationSet, StoredMission } from '../adapters/recommendations-repository.js';
import type { IntelligenceRepositories } from '../adapters/repositories.js';
import { buildRecord, factsHash } from '../domain/health-record.js';
import { fallbackRecommendation, parseRecommendation } from '../domain/missions.js';
import type { FallbackReason, Source } from '../domain/outcome.js';
import { recommendationPrompt } from '../domain/prompts.js';
import type { AiRunner } from './ai-runner.js';

export type MissionView = Pick<
  StoredMission,
  'id' | 'title' | 'description' | 'category' | 'difficulty' | 'minutes' | 'benefit' | 'occupationFit' | 'targetItems'
>;

export interface RecommendationView {
  recommendationSetId: string;
  reason: string;
  missions: MissionView[];
  source: Source;
  fallbackReason: FallbackReason | null;
  cached: boolean;
  promptVersion: string;
  createdAt: string;
}

function missionView(m: StoredMission): MissionView {
  return {
    id: m.id,
    title: m.title,
    description: m.description,
    category: m.category,
    difficulty: m.difficulty,
    minutes: m.minutes,
    benefit: m.benefit,
    occupationFit: m.occupationFit,
    targetItems: m.targetItems,
  };
}

function view(set: RecommendationSet, cached: boolean): RecommendationView {
  return {
    recommendationSetId: set.id,
    reason: set.reason,
    missions: set.missions.map(missionView),
    source: set.source,
    fallbackReason: set.fallbackReason,
    cached,
    promptVersion: set.promptVersion,
    createdAt: set.createdAt.toISOString(),
  };
}

export interface RecommendationDeps {
  db: Db;
  repositories: IntelligenceRepositories;
  health: HealthClient;
  cache: AnswerCache;
  runner: AiRunner;
  model: string;
  cacheTtlSeconds: number;
  clock: Clock;
}

/**
 * Five missions for the user, stored with ids (the goal service checks selections against
 * them). The same facts give the same set back until a new checkup import.
 */
export function createRecommendations(deps: RecommendationDeps) {
  const { recommendations } = deps.repositories;
  return {
    async recommend(userId: string): Promise<RecommendationView> {
      const latest = await deps.health.latestJudged(userId, 'AI_RECOMMENDATIONS');
      const record = buildRecord(latest, seoulToday(deps.clock));
      const prompt = recommendationPrompt(record);
      const hash = factsHash({ version: prompt.version, model: deps.model, facts: prompt.facts });
      const cached = await deps.cache.get<{ setId: string }>('recommendations', userId, hash);
      if (cached) {
        const set = await recommendations.find(deps.db, userId, cached.setId);
        if (set) return view(set, true);
      }

      const outcome = await deps.runner.structured(prompt, userId, (input) => parseRecommendation(input, record));
      const draft = outcome.source === 'AI' ? outcome.value : fallbackRecommendation(record);
      const set = await withLiveUser(deps.db, userId, (client) =>
        recommendations.insert(client, {
          userId,
          draft,
          source: outcome.source,
          fallbackReason: outcome.source === 'FALLBACK' ? outcome.reason : null,
          promptVersion: prompt.version,
          factsHash: hash,
        }),
      );
      if (outcome.source === 'AI') await deps.cache.put('recommendations', userId, hash, { setId: set.id }, deps.cacheTtlSeconds);
      return view(set, false);
    },

    async current(userId: string): Promise<RecommendationView> {
      const set = await recommendations.current(deps.db, userId);
      if (!set) throw new NotFoundError('RECOMMENDATIONS_NOT_FOUND', 'No missions have been recommended to this user yet.');
      return view(set, false);
    },
  };
}

export type Recommendations = ReturnType<typeof createRecommendations>;
