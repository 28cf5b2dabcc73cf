import { RESET_REASONS } from '@healthsync/shared';
import { CATEGORIES, type CatalogueMission, type Difficulty, type RecommendationSet } from './missions.js';

/** Why a user ends their missions; the reason shapes the suggestions they get next (missions-reset events carry it). */
export { RESET_REASONS };
export type ResetReason = (typeof RESET_REASONS)[number];

export interface Suggestion {
  id: string;
  title: string;
  description: string;
  category: CatalogueMission['category'];
  difficulty: Difficulty;
  minutes: number;
  benefit: string;
  source: 'RECOMMENDATION' | 'CATALOGUE';
}

export const SUGGESTION_COUNT = 5;

const DIFFICULTY_RANK: Record<Difficulty, number> = { easy: 0, medium: 1, hard: 2 };

/** Orders catalogue missions to suit the reason: easier and shorter after TOO_HARD or NO_TIME, harder after TOO_EASY. */
function preferenceOrder(reason: ResetReason): (a: CatalogueMission, b: CatalogueMission) => number {
  switch (reason) {
    case 'TOO_HARD':
      return (a, b) => DIFFICULTY_RANK[a.difficulty] - DIFFICULTY_RANK[b.difficulty] || a.minutes - b.minutes;
    case 'NO_TIME':
      return (a, b) => a.minutes - b.minutes || DIFFICULTY_RANK[a.difficulty] - DIFFICULTY_RANK[b.difficulty];
    case 'TOO_EASY':
      return (a, b) => DIFFICULTY_RANK[b.difficulty] - DIFFICULTY_RANK[a.difficulty] || b.minutes - a.minutes;
    default:
      return () => 0;
  }
}

/**
 * Catalogue missions suggested after a reset: none of the missions just ended, one per
 * category round-robin (so the user sees variety), each category's candidates ordered by the
 * reason's preference; after TOO_EASY only medium and hard missions, after TOO_HARD and
 * NO_TIME no hard ones.
 */
export function catalogueSuggestions(
  catalogue: readonly CatalogueMission[],
  reason: ResetReason,
  endedMissionIds: readonly string[],
  count = SUGGESTION_COUNT,
): Suggestion[] {
  const ended = new Set(endedMissionIds);
  const allowed = (m: CatalogueMission) =>
    !ended.has(m.id) &&
    (reason === 'TOO_EASY' ? m.difficulty !== 'easy' : true) &&
    (reason === 'TOO_HARD' || reason === 'NO_TIME' ? m.difficulty !== 'hard' : true);
  const order = preferenceOrder(reason);
  const queues = CATEGORIES.map((category) => catalogue.filter((m) => m.category === category && allowed(m)).sort(order));
  const picked: CatalogueMission[] = [];
  while (picked.length < count && queues.some((q) => q.length > 0)) {
    for (const queue of queues) {
      const next = queue.shift();
      if (next && picked.length < count) picked.push(next);
    }
  }
  return picked.map((m) => ({ ...m, source: 'CATALOGUE' as const }));
}

/**
 * What the user sees after a reset: the AI's current recommendations minus the missions
 * they just ended; when fewer than `count` remain (or the AI had none), catalogue
 * suggestions fill up. The source of each mission is named.
 */
export function suggestionsAfterReset(
  recommendations: RecommendationSet | null,
  catalogue: readonly CatalogueMission[],
  reason: ResetReason,
  endedMissionIds: readonly string[],
  count = SUGGESTION_COUNT,
): Suggestion[] {
  const ended = new Set(endedMissionIds);
  const fromAi: Suggestion[] = (recommendations?.missions ?? [])
    .filter((m) => !ended.has(m.id))
    .slice(0, count)
    .map((m) => ({
      id: m.id,
      title: m.title,
      description: m.description,
      category: m.category,
      difficulty: m.difficulty,
      minutes: m.minutes,
      benefit: m.benefit,
      source: 'RECOMMENDATION' as const,
    }));
  const taken = new Set(fromAi.map((m) => m.id));
  const fill = catalogueSuggestions(catalogue, reason, [...endedMissionIds, ...taken], count - fromAi.length);
  return [...fromAi, ...fill];
}
