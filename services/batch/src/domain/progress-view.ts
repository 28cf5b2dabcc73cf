import { addDays, daysBetween, type IsoDate } from '@healthsync/shared';

/**
 * Progress facts from the batch's own view of a user's goals, which the goal service's
 * events build (GoalSet, MissionCompleted, MissionUndone, MissionsReset). The definitions
 * are the goal service's (services/goal/src/domain/progress.ts):
 * - a day's scheduled count is what the newest check-off event for that day said; for a day
 *   without one, the missions of every set in force that day (a set counts from the day it
 *   started up to, not including, the day it ended);
 * - the 7-day rate covers the seven full days before today, in percent with one decimal;
 *   days with nothing scheduled are left out, and with none at all the rate is null;
 * - missed days are past days in a row, ending yesterday, with something scheduled and
 *   nothing checked off; 0 once anything is checked off today (today is not over).
 * Pure: "today" is a parameter.
 */
export interface ViewMission {
  missionId: string;
  title: string;
  category: string;
  difficulty: string;
  minutes: number;
}

export interface ViewSet {
  goalSetId: string;
  /** Null while only the set's end is known (its GoalSet event has not arrived). */
  startedOn: IsoDate | null;
  endedOn: IsoDate | null;
  missionCount: number;
  missions: ViewMission[];
}

export interface ViewDay {
  day: IsoDate;
  scheduled: number;
  completed: number;
}

export interface UserView {
  userId: string;
  sets: ViewSet[];
  /** Check-off totals of recent days (at least the look-back below); other days have none. */
  days: ViewDay[];
  lastActivityOn: IsoDate | null;
}

/** Missed days are counted back at most this far (the look-back loaded for a run). */
export const MISSED_DAYS_LOOKBACK = 60;

export interface ProgressFacts {
  /** The Seoul day the facts are for. */
  today: IsoDate;
  goalSetId: string | null;
  goalSetStartedOn: IsoDate | null;
  activeMissionCount: number;
  activeMissions: { missionId: string; title: string; category: string; minutes: number }[];
  /** Today's totals over every mission scheduled today. */
  scheduledToday: number;
  completedToday: number;
  /** Percent with one decimal over `window7d`; null when nothing was scheduled then. */
  completionRate7d: number | null;
  window7d: { from: IsoDate; to: IsoDate; scheduled: number; completed: number };
  consecutiveMissedDays: number;
  lastActivityDate: IsoDate | null;
  /** Whole days since the last check-off; null when there never was one. */
  daysSinceLastActivity: number | null;
}

/**
 * The set in force: started, not ended. Should the view hold more than one (an event that
 * ends the older one has not arrived yet), the newest, then the greatest id — the same order
 * the database uses for `activity_users.active_goal_set_id`.
 */
export function activeSetOf(sets: readonly ViewSet[]): ViewSet | undefined {
  let active: ViewSet | undefined;
  for (const set of sets) {
    if (set.startedOn === null || set.endedOn !== null) continue;
    const newer = !active || set.startedOn > active.startedOn! || (set.startedOn === active.startedOn && set.goalSetId > active.goalSetId);
    if (newer) active = set;
  }
  return active;
}

/** Percent with one decimal; null when nothing was scheduled. */
export function rate(completed: number, scheduled: number): number | null {
  return scheduled === 0 ? null : Math.round((completed / scheduled) * 1000) / 10;
}

export function progressFacts(view: UserView, today: IsoDate): ProgressFacts {
  const byDay = new Map(view.days.map((d) => [d.day, d]));
  const inForce = (day: IsoDate) =>
    view.sets.reduce((sum, s) => (s.startedOn !== null && s.startedOn <= day && (s.endedOn === null || day < s.endedOn) ? sum + s.missionCount : sum), 0);
  const scheduledOn = (day: IsoDate) => byDay.get(day)?.scheduled ?? inForce(day);
  const completedOn = (day: IsoDate) => byDay.get(day)?.completed ?? 0;

  const window7d = { from: addDays(today, -7), to: addDays(today, -1), scheduled: 0, completed: 0 };
  for (let day = window7d.from; day <= window7d.to; day = addDays(day, 1)) {
    window7d.scheduled += scheduledOn(day);
    window7d.completed += completedOn(day);
  }

  const completedToday = completedOn(today);
  let missed = 0;
  if (completedToday === 0) {
    for (let day = addDays(today, -1); missed < MISSED_DAYS_LOOKBACK; day = addDays(day, -1)) {
      if (scheduledOn(day) === 0 || completedOn(day) > 0) break;
      missed += 1;
    }
  }

  const active = activeSetOf(view.sets);
  const lastActivityDate = view.lastActivityOn !== null && view.lastActivityOn <= today ? view.lastActivityOn : null;
  return {
    today,
    goalSetId: active?.goalSetId ?? null,
    goalSetStartedOn: active?.startedOn ?? null,
    activeMissionCount: active?.missionCount ?? 0,
    activeMissions: (active?.missions ?? []).map((m) => ({ missionId: m.missionId, title: m.title, category: m.category, minutes: m.minutes })),
    scheduledToday: scheduledOn(today),
    completedToday,
    completionRate7d: rate(window7d.completed, window7d.scheduled),
    window7d,
    consecutiveMissedDays: missed,
    lastActivityDate,
    daysSinceLastActivity: lastActivityDate === null ? null : daysBetween(lastActivityDate, today),
  };
}
