import { acceptableNudge, fallbackNudge } from './nudge-text.js';
import type { ProgressFacts } from './progress-view.js';

/**
 * The morning's texts are generated ahead of delivery (Message Batches: cheap, but minutes to
 * hours) and delivered at the delivery time. Pure.
 */

/** `HH:MM` Seoul time of a day: the instant the day's messages are delivered. */
export function deliveryInstant(runDate: string, deliveryTime: string): Date {
  return new Date(`${runDate}T${deliveryTime}:00+09:00`);
}

/** True once the run's messages may be delivered. */
export function deliveryDue(now: Date, runDate: string, deliveryTime: string): boolean {
  return now.getTime() >= deliveryInstant(runDate, deliveryTime).getTime();
}

/** True once users still without a text get the rule-based one (generation is late). */
export function generationLate(now: Date, runDate: string, deliveryTime: string, graceMinutes: number): boolean {
  return now.getTime() >= deliveryInstant(runDate, deliveryTime).getTime() + graceMinutes * 60_000;
}

/**
 * Splits requests into pages whose JSON stays under `maxBytes` (the receiving service's body
 * limit) and `maxCount` each. A single request bigger than the limit gets a page of its own.
 */
export function pagesByBytes<T>(items: readonly T[], maxBytes: number, maxCount: number): T[][] {
  const pages: T[][] = [];
  let page: T[] = [];
  let bytes = 2;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item)) + 1;
    if (page.length > 0 && (bytes + size > maxBytes || page.length >= maxCount)) {
      pages.push(page);
      page = [];
      bytes = 2;
    }
    page.push(item);
    bytes += size;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

export interface PreparedText {
  text: string;
  source: 'AI' | 'FALLBACK';
  /** Why it is a fallback (null for AI). */
  reason: string | null;
}

/**
 * The text a user's result gives: the intelligence service's text when it is one a phone can
 * show (non-empty, one line, ≤ 80 characters), else the batch's own fallback with the user's
 * numbers. The source stays what intelligence said (AI or its FALLBACK).
 */
export function preparedText(result: { text: string; source: 'AI' | 'FALLBACK'; fallbackReason: string | null }, facts: ProgressFacts): PreparedText {
  if (acceptableNudge(result.text)) return { text: result.text.trim(), source: result.source, reason: result.source === 'AI' ? null : result.fallbackReason };
  return { text: fallbackNudge(facts), source: 'FALLBACK', reason: result.source === 'AI' ? 'UNACCEPTABLE_TEXT' : result.fallbackReason };
}

/** The rule-based text for a user whose generation did not finish in time. */
export function lateText(facts: ProgressFacts): PreparedText {
  return { text: fallbackNudge(facts), source: 'FALLBACK', reason: 'GENERATION_LATE' };
}
