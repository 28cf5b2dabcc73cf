import { allowedNumbers, ungroundedNumbers } from './grounding.js';
import { charLength, fitSentences } from './korean.js';
import type { Parsed } from './outcome.js';

/**
 * Short messages for the goal and batch services: a nudge (≤ 80 characters) when missions are
 * lagging, a celebration (≤ 100) when a milestone is reached. Written by the model from the
 * user's progress facts, or by per-type rules when it cannot.
 */
export type MessageKind = 'NUDGE' | 'CELEBRATION';

export const MESSAGE_LIMITS: Readonly<Record<MessageKind, number>> = { NUDGE: 80, CELEBRATION: 100 };

/**
 * Progress facts are the caller's (goal: celebration facts; batch: its progress view); these are
 * the ones the fallbacks understand, under the names either service uses.
 */
export interface KnownProgress {
  /** 0–1 (a value above 1 is read as a percentage). */
  completionRate?: number;
  streakDays?: number;
  completedCount?: number;
  totalCount?: number;
  consecutiveFailures?: number;
  missionTitle?: string;
}

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

function firstNumber(facts: Record<string, unknown>, keys: string[]): number | undefined {
  for (const key of keys) {
    const value = num(facts[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Reads the usual names of progress facts, whichever the caller used. */
export function knownProgress(facts: Record<string, unknown>): KnownProgress {
  const rate = firstNumber(facts, ['completionRate', 'todayCompletionRate', 'completionRate7d', 'weeklyCompletionRate', 'rate']);
  const progress: KnownProgress = {};
  if (rate !== undefined) progress.completionRate = rate > 1 ? rate / 100 : rate;
  const streak = firstNumber(facts, ['streakDays', 'currentStreak', 'streak']);
  if (streak !== undefined) progress.streakDays = streak;
  const completed = firstNumber(facts, ['completedCount', 'todayCompletedCount', 'completedToday', 'completed']);
  if (completed !== undefined) progress.completedCount = completed;
  const total = firstNumber(facts, ['totalCount', 'scheduledToday', 'totalMissions', 'activeMissionCount', 'total']);
  if (total !== undefined) progress.totalCount = total;
  const failures = firstNumber(facts, ['consecutiveFailures', 'consecutiveMissedDays', 'missedDays']);
  if (failures !== undefined) progress.consecutiveFailures = failures;
  const title = facts.missionTitle;
  if (typeof title === 'string' && title.trim() !== '' && charLength(title.trim()) <= 30) progress.missionTitle = title.trim();
  if (progress.completionRate === undefined && completed !== undefined && total !== undefined && total > 0) {
    progress.completionRate = completed / total;
  }
  return progress;
}

/** The message the rules write, by type, in the spirit of the original motivator's fallbacks. */
export function fallbackMessage(kind: MessageKind, facts: Record<string, unknown>): string {
  const progress = knownProgress(facts);
  if (kind === 'CELEBRATION') {
    if (progress.streakDays !== undefined && progress.streakDays > 0) {
      const what = progress.missionTitle ? `${progress.missionTitle} ` : '';
      return `🎉 ${what}${progress.streakDays}일 연속 달성! 꾸준함이 건강을 만들어요. 정말 훌륭해요!`;
    }
    return '🎉 오늘의 미션을 해냈어요! 작은 실천이 모여 큰 변화가 됩니다. 정말 멋져요!';
  }
  if ((progress.consecutiveFailures ?? 0) >= 3) return '🌱 새로운 하루예요. 가장 쉬운 미션 하나부터 다시 시작해 봐요!';
  if (progress.completionRate !== undefined && progress.completionRate < 0.5) return '💪 포기하지 마세요! 오늘 미션 하나만 해도 충분히 잘하고 있는 거예요.';
  return '✨ 거의 다 왔어요! 남은 미션도 지금 바로 가볍게 해 볼까요?';
}

/**
 * A model message, cleaned: whitespace collapsed, cut at a sentence boundary to the limit, and
 * only numbers that are in the progress facts.
 */
export function parseMessage(text: string, kind: MessageKind, facts: Record<string, unknown>): Parsed<string> {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  if (collapsed === '') return { ok: false, reason: 'INVALID_OUTPUT', detail: 'empty message' };
  const fitted = charLength(collapsed) <= MESSAGE_LIMITS[kind] ? collapsed : fitSentences(collapsed, MESSAGE_LIMITS[kind]);
  if (fitted === undefined) return { ok: false, reason: 'INVALID_OUTPUT', detail: `no sentence fits in ${MESSAGE_LIMITS[kind]} characters` };
  const foreign = ungroundedNumbers([fitted], allowedNumbers(facts));
  if (foreign.length > 0) return { ok: false, reason: 'UNGROUNDED_NUMBER', detail: `numbers not in the facts: ${foreign.join(', ')}` };
  return { ok: true, value: fitted };
}
