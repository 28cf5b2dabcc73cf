import { addDays, eachDay, minDate, monthOf, weekStart, type IsoDate } from './dates.js';

/**
 * Streak and achievement-rate arithmetic. Pure: plain data in, plain data out; "today" is
 * always a parameter (a Seoul calendar day), so neither the server's clock nor its time
 * zone matters.
 *
 * Definitions (they are the product's rules; the unit tests pin them down):
 * - A mission is SCHEDULED on a day when it was in the user's active set that day — from the
 *   day its set started up to, not including, the day the set was replaced or reset — or when
 *   the user checked it off that day (a late check-off for yesterday counts for yesterday even
 *   if the mission was only chosen today). So a day's rate is never above 100 %.
 * - A day's completion rate is checked-off ÷ scheduled, in percent with one decimal; a day
 *   with nothing scheduled has no rate (null) and is left out of weekly and monthly rates.
 * - A mission's current streak is the run of consecutive checked-off days that ends today, or
 *   yesterday while today is not checked off yet: the day is not over, so it does not break the
 *   run. Any day without a check-off breaks it.
 * - The overall streak counts "perfect days": days with something scheduled and everything
 *   scheduled checked off, with the same today-is-not-over rule.
 */

/** When a mission was in the active set: from `from` up to, not including, `until` (null: still active). */
export interface ActiveSpan {
  from: IsoDate;
  until: IsoDate | null;
}

export interface MissionHistory {
  missionId: string;
  spans: readonly ActiveSpan[];
  /** Days the mission was checked off (any order, duplicates ignored). */
  completedOn: readonly IsoDate[];
}

export interface LedgerMission {
  missionId: string;
  spans: readonly ActiveSpan[];
  done: ReadonlySet<IsoDate>;
  /** Checked-off days, ascending. */
  doneSorted: readonly IsoDate[];
}

/** A user's missions with their check-offs, indexed for the calculations below. */
export interface Ledger {
  missions: readonly LedgerMission[];
  /** The first day anything was scheduled, or null when nothing ever was. */
  firstDay: IsoDate | null;
}

export function buildLedger(histories: readonly MissionHistory[]): Ledger {
  const byId = new Map<string, { spans: ActiveSpan[]; done: Set<IsoDate> }>();
  for (const history of histories) {
    const entry = byId.get(history.missionId) ?? { spans: [], done: new Set<IsoDate>() };
    entry.spans.push(...history.spans.filter((span) => span.until === null || span.from < span.until));
    for (const day of history.completedOn) entry.done.add(day);
    byId.set(history.missionId, entry);
  }
  let firstDay: IsoDate | null = null;
  const missions = [...byId.entries()].map(([missionId, entry]) => {
    const doneSorted = [...entry.done].sort();
    for (const day of [...entry.spans.map((s) => s.from), ...doneSorted.slice(0, 1)]) {
      firstDay = firstDay === null ? day : minDate(firstDay, day);
    }
    return { missionId, spans: entry.spans, done: entry.done, doneSorted };
  });
  return { missions, firstDay };
}

export function isScheduled(mission: LedgerMission, day: IsoDate): boolean {
  return mission.done.has(day) || mission.spans.some((span) => span.from <= day && (span.until === null || day < span.until));
}

/** Percent with one decimal; null when nothing was scheduled. */
export function rate(completed: number, scheduled: number): number | null {
  if (scheduled === 0) return null;
  return Math.round((completed / scheduled) * 1000) / 10;
}

export interface DayTotals {
  date: IsoDate;
  scheduled: number;
  completed: number;
  completionRate: number | null;
}

export function dayTotals(ledger: Ledger, day: IsoDate): DayTotals {
  let scheduled = 0;
  let completed = 0;
  for (const mission of ledger.missions) {
    if (!isScheduled(mission, day)) continue;
    scheduled += 1;
    if (mission.done.has(day)) completed += 1;
  }
  return { date: day, scheduled, completed, completionRate: rate(completed, scheduled) };
}

export function dailySeries(ledger: Ledger, from: IsoDate, to: IsoDate): DayTotals[] {
  return eachDay(from, to).map((day) => dayTotals(ledger, day));
}

export interface PeriodTotals {
  scheduled: number;
  completed: number;
  completionRate: number | null;
}

export function sumDays(days: readonly DayTotals[]): PeriodTotals {
  const scheduled = days.reduce((sum, d) => sum + d.scheduled, 0);
  const completed = days.reduce((sum, d) => sum + d.completed, 0);
  return { scheduled, completed, completionRate: rate(completed, scheduled) };
}

export interface WeekTotals extends PeriodTotals {
  /** Monday of the week; the first and last week may be cut by the period. */
  weekStart: IsoDate;
  days: number;
}

export interface MonthTotals extends PeriodTotals {
  month: string;
  days: number;
}

function groupDays(days: readonly DayTotals[], keyOf: (day: IsoDate) => string): { key: string; days: DayTotals[] }[] {
  const groups: { key: string; days: DayTotals[] }[] = [];
  for (const day of days) {
    const key = keyOf(day.date);
    const last = groups.at(-1);
    if (last && last.key === key) last.days.push(day);
    else groups.push({ key, days: [day] });
  }
  return groups;
}

export function weeklyTotals(days: readonly DayTotals[]): WeekTotals[] {
  return groupDays(days, weekStart).map((g) => ({ weekStart: g.key, days: g.days.length, ...sumDays(g.days) }));
}

export function monthlyTotals(days: readonly DayTotals[]): MonthTotals[] {
  return groupDays(days, monthOf).map((g) => ({ month: g.key, days: g.days.length, ...sumDays(g.days) }));
}

export interface Run {
  length: number;
  /** First and last day of the run. */
  start: IsoDate;
  end: IsoDate;
}

/** The current run of a set of days (see the streak rule above), or null when there is none. */
export function currentRun(isDone: (day: IsoDate) => boolean, today: IsoDate, earliest: IsoDate | null): Run | null {
  const end = isDone(today) ? today : addDays(today, -1);
  let length = 0;
  let day = end;
  while (earliest !== null && day >= earliest && isDone(day)) {
    length += 1;
    day = addDays(day, -1);
  }
  return length === 0 ? null : { length, start: addDays(end, -(length - 1)), end };
}

export function missionCurrentRun(mission: LedgerMission, today: IsoDate): Run | null {
  return currentRun((day) => mission.done.has(day), today, mission.doneSorted[0] ?? null);
}

export function missionCurrentStreak(mission: LedgerMission | undefined, today: IsoDate): number {
  return mission ? (missionCurrentRun(mission, today)?.length ?? 0) : 0;
}

/** Longest run of consecutive days in an ascending list of distinct days. */
export function longestRun(sortedDays: readonly IsoDate[]): number {
  let best = 0;
  let length = 0;
  let previous: IsoDate | undefined;
  for (const day of sortedDays) {
    length = previous !== undefined && addDays(previous, 1) === day ? length + 1 : 1;
    best = Math.max(best, length);
    previous = day;
  }
  return best;
}

/** Days up to and including `today` only: a check-off can never be in the future, but be strict. */
export function missionBestStreak(mission: LedgerMission | undefined, today: IsoDate): number {
  return mission ? longestRun(mission.doneSorted.filter((day) => day <= today)) : 0;
}

export function isPerfectDay(ledger: Ledger, day: IsoDate): boolean {
  const totals = dayTotals(ledger, day);
  return totals.scheduled > 0 && totals.completed === totals.scheduled;
}

export function overallCurrentStreak(ledger: Ledger, today: IsoDate): number {
  return currentRun((day) => isPerfectDay(ledger, day), today, ledger.firstDay)?.length ?? 0;
}

export function overallBestStreak(ledger: Ledger, today: IsoDate): number {
  if (ledger.firstDay === null || ledger.firstDay > today) return 0;
  return longestRun(eachDay(ledger.firstDay, today).filter((day) => isPerfectDay(ledger, day)));
}

/**
 * Past days in a row (ending yesterday) with something scheduled and nothing checked off;
 * 0 as soon as anything is checked off today. Today is not over, so it never counts as missed.
 */
export function consecutiveMissedDays(ledger: Ledger, today: IsoDate): number {
  if (dayTotals(ledger, today).completed > 0) return 0;
  let missed = 0;
  for (let day = addDays(today, -1); ledger.firstDay !== null && day >= ledger.firstDay; day = addDays(day, -1)) {
    const totals = dayTotals(ledger, day);
    if (totals.scheduled === 0 || totals.completed > 0) break;
    missed += 1;
  }
  return missed;
}

export function lastCompletedOn(ledger: Ledger): IsoDate | null {
  let last: IsoDate | null = null;
  for (const mission of ledger.missions) {
    const day = mission.doneSorted.at(-1);
    if (day !== undefined && (last === null || day > last)) last = day;
  }
  return last;
}

export interface MissionPeriodStats {
  missionId: string;
  scheduledDays: number;
  completedDays: number;
  completionRate: number | null;
  currentStreak: number;
  bestStreak: number;
  lastCompletedOn: IsoDate | null;
}

export function missionPeriodStats(mission: LedgerMission, from: IsoDate, to: IsoDate, today: IsoDate): MissionPeriodStats {
  let scheduledDays = 0;
  let completedDays = 0;
  for (const day of eachDay(from, to)) {
    if (!isScheduled(mission, day)) continue;
    scheduledDays += 1;
    if (mission.done.has(day)) completedDays += 1;
  }
  return {
    missionId: mission.missionId,
    scheduledDays,
    completedDays,
    completionRate: rate(completedDays, scheduledDays),
    currentStreak: missionCurrentStreak(mission, today),
    bestStreak: missionBestStreak(mission, today),
    lastCompletedOn: mission.doneSorted.filter((day) => day <= today).at(-1) ?? null,
  };
}

/** Returns a ledger with one check-off added or removed (the input is not changed). */
export function withCheckOff(ledger: Ledger, missionId: string, day: IsoDate, done: boolean): Ledger {
  const histories: MissionHistory[] = ledger.missions.map((m) => ({ missionId: m.missionId, spans: m.spans, completedOn: m.doneSorted }));
  const target = histories.find((h) => h.missionId === missionId);
  if (!target) histories.push({ missionId, spans: [], completedOn: done ? [day] : [] });
  else target.completedOn = done ? [...target.completedOn, day] : target.completedOn.filter((d) => d !== day);
  return buildLedger(histories);
}
