import { daysBetween } from '@healthsync/shared';
import type { ProgressFacts } from './progress-view.js';
import type { Preferences } from './quiet-hours.js';

/**
 * Who gets the day's encouragement, and in which order. Pure.
 *
 * A user is encouraged when they have active missions and their 7-day completion rate is
 * below 60 % or they missed 2+ days in a row — unless they opted out, or already checked off
 * everything scheduled today (a nudge to someone who is done would only annoy). A user whose
 * last seven days had nothing scheduled (a set chosen today) is new, not behind.
 */
export const RATE_THRESHOLD = 60;
export const MISSED_DAYS_THRESHOLD = 2;

export const SKIP_REASONS = ['NO_ACTIVE_MISSIONS', 'OPTED_OUT', 'DONE_TODAY', 'NEW_GOAL', 'ON_TRACK'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export type UrgencyLevel = 'HIGH' | 'MEDIUM' | 'LOW';

export type Selection = { kind: 'skip'; reason: SkipReason } | { kind: 'encourage'; urgency: number; level: UrgencyLevel };

export function select(facts: ProgressFacts, preferences: Preferences): Selection {
  if (facts.activeMissionCount === 0) return { kind: 'skip', reason: 'NO_ACTIVE_MISSIONS' };
  if (preferences.optedOut) return { kind: 'skip', reason: 'OPTED_OUT' };
  if (facts.scheduledToday > 0 && facts.completedToday >= facts.scheduledToday) return { kind: 'skip', reason: 'DONE_TODAY' };
  const behind = facts.completionRate7d !== null && facts.completionRate7d < RATE_THRESHOLD;
  const missing = facts.consecutiveMissedDays >= MISSED_DAYS_THRESHOLD;
  if (!behind && !missing) return { kind: 'skip', reason: facts.completionRate7d === null ? 'NEW_GOAL' : 'ON_TRACK' };
  return { kind: 'encourage', urgency: urgency(facts), level: urgencyLevel(facts) };
}

/** Days without a check-off: since the last one, or since the set started when there was none. */
export function idleDays(facts: ProgressFacts): number {
  if (facts.daysSinceLastActivity !== null) return facts.daysSinceLastActivity;
  return facts.goalSetStartedOn === null ? 0 : Math.max(0, daysBetween(facts.goalSetStartedOn, facts.today));
}

/**
 * The original motivator's score, highest first: (1 − rate) × 50 + missed days × 20 (at most
 * 7 of them) + idle days × 5 (at most 30 points). Idle days beyond that break ties (a
 * thousandth each), so among equal scores the user idle longest comes first.
 */
export function urgency(facts: ProgressFacts): number {
  const rateShare = (facts.completionRate7d ?? 100) / 100;
  const idle = idleDays(facts);
  const score = (1 - rateShare) * 50 + Math.min(facts.consecutiveMissedDays, 7) * 20 + Math.min(idle * 5, 30);
  return Math.round(score * 10) / 10 + Math.min(idle, 999) / 1000;
}

/** HIGH below 30 % or 3+ missed days; MEDIUM below 60 % or 2+ missed days; otherwise LOW. */
export function urgencyLevel(facts: ProgressFacts): UrgencyLevel {
  const rate = facts.completionRate7d;
  if ((rate !== null && rate < 30) || facts.consecutiveMissedDays >= 3) return 'HIGH';
  if ((rate !== null && rate < RATE_THRESHOLD) || facts.consecutiveMissedDays >= MISSED_DAYS_THRESHOLD) return 'MEDIUM';
  return 'LOW';
}

/** Order of work: most urgent first, then by user id so every replica agrees. */
export function byUrgency(a: { userId: string; urgency: number }, b: { userId: string; urgency: number }): number {
  return b.urgency - a.urgency || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
}
