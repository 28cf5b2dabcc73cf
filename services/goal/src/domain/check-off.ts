import type { IsoDate } from './dates.js';
import { celebrationDue, type Milestone, type PastCelebration } from './milestones.js';
import { missionCurrentRun, withCheckOff, type DayTotals, type Ledger, type Run } from './progress.js';
import { ledgerOf, totalsOn, type UserGoals } from './views.js';

/** What checking a mission off (or undoing it) on one day does to the user's goals. */
export interface CheckOff {
  /** The goals with the check-off added or removed. */
  after: UserGoals;
  /** The mission's current run after it, as of today; null when it has none. */
  runAfter: Run | null;
  /** The milestone to celebrate; only a check-off (never an undo) can reach one. */
  milestone: Milestone | null;
  /** Scheduled and completed missions of the day that changed, after it. */
  totals: DayTotals;
}

const runOf = (ledger: Ledger, missionId: string, today: IsoDate): Run | null => {
  const mission = ledger.missions.find((m) => m.missionId === missionId);
  return mission ? missionCurrentRun(mission, today) : null;
};

/**
 * Decides a check-off that changed something (the day was not already in that state): the
 * after-state, the mission's runs before and after as of today, and whether a milestone is
 * due given the celebrations already made for this mission.
 */
export function checkOff(
  before: UserGoals,
  change: { missionId: string; date: IsoDate; done: boolean },
  today: IsoDate,
  pastCelebrations: readonly PastCelebration[],
): CheckOff {
  const { missionId, date, done } = change;
  const after: UserGoals = {
    sets: before.sets,
    completions: done ? [...before.completions, { missionId, date }] : before.completions.filter((c) => !(c.missionId === missionId && c.date === date)),
  };
  const ledgerBefore = ledgerOf(before);
  const runAfter = runOf(withCheckOff(ledgerBefore, missionId, date, done), missionId, today);
  const milestone = done ? celebrationDue(runOf(ledgerBefore, missionId, today), runAfter, pastCelebrations) : null;
  return { after, runAfter, milestone, totals: totalsOn(after, date) };
}
