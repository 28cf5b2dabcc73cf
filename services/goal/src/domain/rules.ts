import { addDays, daysBetween, type IsoDate } from './dates.js';

/** Which days a user may change, and which periods they may ask about. Pure. */

/**
 * Only today and yesterday (Seoul days) can be checked off or undone: yesterday so that a
 * mission done late in the evening can still be logged the next morning; never the future.
 * Returns the problem, or null when the day may be changed.
 */
export function editableDayProblem(day: IsoDate, today: IsoDate): string | null {
  if (day > today) return `${day} is in the future; only today (${today}) or yesterday can be changed`;
  if (day < addDays(today, -1)) return `${day} is too long ago; only today (${today}) or yesterday (${addDays(today, -1)}) can be changed`;
  return null;
}

export const DEFAULT_PERIOD_DAYS = 30;
export const MAX_PERIOD_DAYS = 366;

export type PeriodResult = { ok: true; from: IsoDate; to: IsoDate } | { ok: false; field: 'from' | 'to'; message: string };

/**
 * The period of a progress query: `to` defaults to today and is cut at today (nothing can
 * have happened later); `from` defaults to 30 days ending at `to`. At most 366 days.
 */
export function resolvePeriod(input: { from?: IsoDate | undefined; to?: IsoDate | undefined }, today: IsoDate): PeriodResult {
  const to = input.to === undefined || input.to > today ? today : input.to;
  const from = input.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (from > today) return { ok: false, field: 'from', message: `from cannot be after today (${today})` };
  if (from > to) return { ok: false, field: 'from', message: 'from must not be after to' };
  if (daysBetween(from, to) + 1 > MAX_PERIOD_DAYS) return { ok: false, field: 'from', message: `the period is at most ${MAX_PERIOD_DAYS} days` };
  return { ok: true, from, to };
}
