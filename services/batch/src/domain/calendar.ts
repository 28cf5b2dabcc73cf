/**
 * Seoul calendar days as `YYYY-MM-DD` strings. Korea keeps UTC+9 all year, so arithmetic on
 * UTC midnights is exact and nothing here reads the server's time zone.
 */
export type IsoDate = string;

const DAY_MS = 86_400_000;

function toUtcMs(date: IsoDate): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return ms;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(toUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}
