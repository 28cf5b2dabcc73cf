import { seoulDate, type IsoDate } from '../domain/dates.js';

/** The time source; tests pass a fixed or moving one, so "today in Seoul" is testable. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Today's Asia/Seoul calendar day by the clock. */
export function seoulToday(clock: Clock): IsoDate {
  return seoulDate(clock.now());
}
