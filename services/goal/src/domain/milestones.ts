import { STREAK_MILESTONES } from '@healthsync/shared';
import type { IsoDate } from './dates.js';
import type { Run } from './progress.js';

/**
 * Streak milestones that earn a celebration (the `celebration-earned` contract names the same
 * values). 66 days is the median time to form a habit in Lally et al. (2010); 21 is the popular
 * "21 days makes a habit" the original app quoted.
 */
export const MILESTONES = STREAK_MILESTONES;
export type Milestone = (typeof MILESTONES)[number];

/** The largest milestone a streak reached by growing from `before` to `after` days, if any. */
export function milestoneCrossed(before: number, after: number): Milestone | null {
  let crossed: Milestone | null = null;
  for (const milestone of MILESTONES) if (before < milestone && milestone <= after) crossed = milestone;
  return crossed;
}

export interface PastCelebration {
  milestone: number;
  /** Last day of the run when it was celebrated. */
  streakEndedOn: IsoDate;
}

/**
 * The milestone to celebrate after a check-off moved a mission's run from `before` to
 * `after`, or null. A milestone is celebrated once per run: undoing and redoing a day, or
 * undoing the first day of a run and growing it back, must not celebrate the same milestone
 * again — so a past celebration of the same milestone whose run reached into the current one
 * suppresses it.
 */
export function celebrationDue(before: Run | null, after: Run | null, past: readonly PastCelebration[]): Milestone | null {
  if (!after) return null;
  const milestone = milestoneCrossed(before?.length ?? 0, after.length);
  if (milestone === null) return null;
  const already = past.some((c) => c.milestone === milestone && c.streakEndedOn >= after.start);
  return already ? null : milestone;
}

const MAX_CELEBRATION_CHARS = 100;

function clip(text: string, maxChars: number): string {
  const chars = [...text];
  return chars.length <= maxChars ? text : `${chars.slice(0, Math.max(1, maxChars - 1)).join('')}…`;
}

/**
 * The celebration used when the AI cannot write one: Korean, at most 100 characters
 * (code points), naming the mission (shortened when its title is long).
 */
export function fallbackCelebration(milestone: Milestone, missionTitle: string): string {
  const templates: Record<Milestone, (title: string) => string> = {
    3: (t) => `🎉 '${t}' 3일 연속 달성! 좋은 시작이에요. 내일도 이어가 봐요.`,
    7: (t) => `🎉 '${t}' 7일 연속 달성! 일주일을 해냈어요. 꾸준함이 건강을 만듭니다.`,
    21: (t) => `🏅 '${t}' 21일 연속 달성! 습관이 자리 잡고 있어요. 정말 대단해요.`,
    66: (t) => `🏆 '${t}' 66일 연속 달성! 이제 완전한 습관이 되었어요. 축하합니다!`,
  };
  const template = templates[milestone];
  const room = MAX_CELEBRATION_CHARS - [...template('')].length;
  return template(clip(missionTitle, room));
}

/** An AI text is used only when it is non-empty and within the limit; otherwise the fallback. */
export function acceptableCelebration(text: unknown): text is string {
  return typeof text === 'string' && text.trim().length > 0 && [...text].length <= MAX_CELEBRATION_CHARS;
}
