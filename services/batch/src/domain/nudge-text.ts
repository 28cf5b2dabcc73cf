import type { ProgressFacts } from './progress-view.js';

/**
 * The nudge's text: the intelligence service writes it from the user's facts; when it cannot
 * (down, too slow, or an answer that breaks the rules), one of these is used and marked
 * FALLBACK. Limits count code points, as a phone shows characters.
 */
export const MAX_NUDGE_CHARS = 80;

export function charCount(text: string): number {
  return [...text].length;
}

/** An AI text is used only when it is non-empty, one paragraph and within the limit. */
export function acceptableNudge(text: unknown): text is string {
  return typeof text === 'string' && text.trim().length > 0 && charCount(text.trim()) <= MAX_NUDGE_CHARS && !/[\r\n]/.test(text.trim());
}

/**
 * The original's three fallbacks, with the user's own numbers: 3+ missed days → a fresh
 * start; a rate below 50 % → don't give up; otherwise → almost there.
 */
export function fallbackNudge(facts: ProgressFacts): string {
  const rate = facts.completionRate7d;
  if (facts.consecutiveMissedDays >= 3) {
    return `오늘은 새로운 하루예요 🌱 ${facts.consecutiveMissedDays}일 쉬었으니, 가벼운 미션 하나로 다시 시작해 봐요!`;
  }
  if (rate === null || rate < 50) {
    return `포기하지 마세요 💪 지난 7일 달성률 ${rate ?? 0}%, 오늘 미션 하나면 충분히 다시 올라가요!`;
  }
  return `거의 다 왔어요 ✨ 지난 7일 달성률 ${rate}%! 오늘 미션 하나만 더 하면 목표에 가까워져요.`;
}
