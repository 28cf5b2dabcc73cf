/**
 * The one time source of every service, and Seoul calendar days.
 *
 * Code that needs the time takes a `Clock` (passed in, like repositories), so tests can fix or
 * move it. Calendar days are plain `YYYY-MM-DD` strings in Asia/Seoul, where the users are.
 * Korea has kept UTC+9 without daylight saving since 1988, so the Seoul day of an instant is a
 * fixed offset away; nothing here reads the server's time zone (no local-time Date methods),
 * and day arithmetic is done on UTC midnights, where every day has exactly 24 hours.
 */
export interface Clock {
  now(): Date;
}

/** The real time. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests: it stands still at `at` until set or advanced. */
export interface SettableClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

export function settableClock(at: Date | string): SettableClock {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set(next) {
      current = new Date(next);
    },
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** A calendar day, `YYYY-MM-DD`. */
export type IsoDate = string;

export const SEOUL_TIME_ZONE = 'Asia/Seoul';
/** Seoul is UTC+9 all year. */
export const SEOUL_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Seoul calendar day an instant falls on. */
export function seoulDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + SEOUL_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today in Seoul by the clock. */
export function seoulToday(clock: Clock): IsoDate {
  return seoulDate(clock.now());
}

/** Yesterday in Seoul by the clock. */
export function seoulYesterday(clock: Clock): IsoDate {
  return addDays(seoulToday(clock), -1);
}

/** True for a real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const utc = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return utc.toISOString().slice(0, 10) === value;
}

/** UTC midnight of a calendar day, in ms; throws RangeError for anything but YYYY-MM-DD. */
export function dayToUtcMs(date: IsoDate): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** The calendar day of a UTC-midnight ms value (the inverse of `dayToUtcMs`). */
export function utcMsToDay(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return utcMsToDay(dayToUtcMs(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((dayToUtcMs(to) - dayToUtcMs(from)) / DAY_MS);
}
