/**
 * Quiet hours: a window of Seoul wall-clock time in which no message is shown. It may wrap
 * midnight (22:00–08:00) or not (13:00–14:00); the start is inside, the end is not. A message
 * written during quiet hours waits until they end.
 */
import { SEOUL_OFFSET_MS } from '@healthsync/shared';

export interface QuietHours {
  /** `HH:MM`, Asia/Seoul. */
  start: string;
  /** `HH:MM`, Asia/Seoul; never equal to `start`. */
  end: string;
}

export interface Preferences {
  optedOut: boolean;
  /** Null: the user wants no quiet hours. */
  quietHours: QuietHours | null;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: '22:00', end: '08:00' };
export const DEFAULT_PREFERENCES: Preferences = { optedOut: false, quietHours: DEFAULT_QUIET_HOURS };

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
export const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function clockToMinute(clock: string): number {
  const match = CLOCK.exec(clock);
  if (!match) throw new RangeError(`not an HH:MM time: ${clock}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function minuteToClock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** Minutes since Seoul midnight (fractional) of an instant. */
function seoulMinuteOfDay(instant: Date): number {
  const seoulMs = instant.getTime() + SEOUL_OFFSET_MS;
  return (((seoulMs % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS;
}

export function isQuietAt(instant: Date, quiet: QuietHours | null): boolean {
  if (!quiet) return false;
  const now = seoulMinuteOfDay(instant);
  const start = clockToMinute(quiet.start);
  const end = clockToMinute(quiet.end);
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/**
 * When a message written at `instant` may be shown: at once, or when the quiet hours it
 * falls in end (the next time the Seoul clock reads `end`).
 */
export function deliveryTime(instant: Date, quiet: QuietHours | null): { deliverAt: Date; deferred: boolean } {
  if (!quiet || !isQuietAt(instant, quiet)) return { deliverAt: instant, deferred: false };
  const seoulMs = instant.getTime() + SEOUL_OFFSET_MS;
  const seoulMidnight = seoulMs - (((seoulMs % DAY_MS) + DAY_MS) % DAY_MS);
  let endMs = seoulMidnight + clockToMinute(quiet.end) * MINUTE_MS;
  if (endMs <= seoulMs) endMs += DAY_MS;
  return { deliverAt: new Date(endMs - SEOUL_OFFSET_MS), deferred: true };
}
