/** What a mission is, where it comes from, and how a user's choice is checked. Pure. */
import { MISSION_CATEGORIES, MISSION_DIFFICULTIES, type MISSION_SOURCES } from '@healthsync/shared';

// The lists are part of the event contracts (a mission's category travels in goal-set events).
export const CATEGORIES = MISSION_CATEGORIES;
export type Category = (typeof CATEGORIES)[number];

export const DIFFICULTIES = MISSION_DIFFICULTIES;
export type Difficulty = (typeof DIFFICULTIES)[number];

export type MissionSource = (typeof MISSION_SOURCES)[number];

/** The catalogue's mission ids, as migration 001 seeds them (a unit test keeps the two equal). */
export const CATALOGUE_MISSION_IDS = [
  'cat-ex-lunch-walk',
  'cat-ex-stretch',
  'cat-ex-stairs',
  'cat-ex-brisk-walk',
  'cat-ex-squats',
  'cat-di-water',
  'cat-di-no-sugary-drinks',
  'cat-di-vegetables',
  'cat-di-low-salt',
  'cat-di-no-late-snack',
  'cat-sl-screen-off',
  'cat-sl-wind-down',
  'cat-sl-no-caffeine',
  'cat-sl-fixed-bedtime',
  'cat-sl-seven-hours',
  'cat-st-breathing',
  'cat-st-gratitude',
  'cat-st-sunlight',
  'cat-st-meditation',
  'cat-st-offline-hour',
  'cat-li-posture',
  'cat-li-weigh-in',
  'cat-li-bp-check',
  'cat-li-no-alcohol',
  'cat-li-no-smoking',
] as const;

export const MIN_MISSIONS = 1;
export const MAX_MISSIONS = 5;

/** A mission as the user chose it: a snapshot, so later catalogue or AI changes do not rewrite history. */
export interface Mission {
  missionId: string;
  title: string;
  description: string;
  category: Category;
  difficulty: Difficulty;
  minutes: number;
  benefit: string;
  source: MissionSource;
  /** The AI recommendation set it came from (null for catalogue missions). */
  recommendationSetId: string | null;
}

export interface CatalogueMission {
  id: string;
  title: string;
  description: string;
  category: Category;
  difficulty: Difficulty;
  minutes: number;
  benefit: string;
}

/** One mission of the intelligence service's current recommendation set (the internal contract). */
export interface RecommendedMission {
  id: string;
  title: string;
  description: string;
  category: Category;
  difficulty: Difficulty;
  minutes: number;
  benefit: string;
  occupationFit: string;
  targetItems: string[];
}

export interface RecommendationSet {
  recommendationSetId: string;
  missions: RecommendedMission[];
}

/** Ids that appear more than once, each named once, in order of first repetition. */
export function duplicateIds(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated: string[] = [];
  for (const id of ids) {
    if (seen.has(id) && !repeated.includes(id)) repeated.push(id);
    seen.add(id);
  }
  return repeated;
}

export type Resolution = { kind: 'resolved'; missions: Mission[] } | { kind: 'unknown'; unknownIds: string[] };

/**
 * Resolves chosen ids, keeping the chosen order: a mission already in the active set keeps
 * its snapshot (so a mission the AI no longer recommends can be kept when the set changes),
 * then the catalogue, then the user's own current recommendations. Any other id is unknown.
 */
export function resolveSelection(
  ids: readonly string[],
  sources: {
    active: readonly Mission[];
    catalogue: ReadonlyMap<string, CatalogueMission>;
    recommendations: RecommendationSet | null;
  },
): Resolution {
  const active = new Map(sources.active.map((m) => [m.missionId, m]));
  const recommended = new Map((sources.recommendations?.missions ?? []).map((m) => [m.id, m]));
  const missions: Mission[] = [];
  const unknownIds: string[] = [];
  for (const id of ids) {
    const kept = active.get(id);
    const fromCatalogue = sources.catalogue.get(id);
    const fromAi = recommended.get(id);
    if (kept) missions.push(kept);
    else if (fromCatalogue) missions.push(fromCatalogueMission(fromCatalogue));
    else if (fromAi && sources.recommendations) missions.push(fromRecommendation(fromAi, sources.recommendations.recommendationSetId));
    else unknownIds.push(id);
  }
  return unknownIds.length > 0 ? { kind: 'unknown', unknownIds } : { kind: 'resolved', missions };
}

export function fromCatalogueMission(m: CatalogueMission): Mission {
  return {
    missionId: m.id,
    title: m.title,
    description: m.description,
    category: m.category,
    difficulty: m.difficulty,
    minutes: m.minutes,
    benefit: m.benefit,
    source: 'CATALOGUE',
    recommendationSetId: null,
  };
}

export function fromRecommendation(m: RecommendedMission, recommendationSetId: string): Mission {
  return {
    missionId: m.id,
    title: m.title,
    description: m.description,
    category: m.category,
    difficulty: m.difficulty,
    minutes: m.minutes,
    benefit: m.benefit,
    source: 'RECOMMENDATION',
    recommendationSetId,
  };
}

/** True when two choices hold the same missions (order aside): choosing it again changes nothing. */
export function sameMissions(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}
