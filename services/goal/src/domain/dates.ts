/**
 * Calendar helpers of the goal service beyond the shared Seoul-day ones (shared/src/clock.ts),
 * on plain `YYYY-MM-DD` strings and UTC midnights; nothing here reads the server's time zone.
 */
import { addDays, dayToUtcMs, utcMsToDay, type IsoDate } from '@healthsync/shared';

export { addDays, daysBetween, isIsoDate, seoulDate, type IsoDate } from '@healthsync/shared';

const DAY_MS = 86_400_000;

/** Every day from `from` to `to`, both included; empty when `from` is after `to`. */
export function eachDay(from: IsoDate, to: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  for (let ms = dayToUtcMs(from), end = dayToUtcMs(to); ms <= end; ms += DAY_MS) days.push(utcMsToDay(ms));
  return days;
}

/** The Monday of the ISO week a day belongs to (Korean calendars and ISO 8601 start weeks on Monday). */
export function weekStart(date: IsoDate): IsoDate {
  const weekday = new Date(dayToUtcMs(date)).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** `YYYY-MM` of a day. */
export function monthOf(date: IsoDate): string {
  return date.slice(0, 7);
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}
