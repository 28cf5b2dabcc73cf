import { seoulDate } from '@healthsync/shared';

/**
 * The kinds of inbox message. ENCOURAGEMENT: the daily nudge (its text by the AI, or the fallback).
 * INACTIVITY_NOTICE: an account unused for most of the retention period will be erased unless its
 * owner comes back (docs/decisions/022-inactive-account-retention.md); its text is ours (SYSTEM).
 * CELEBRATION: a streak milestone the goal service announced (docs/decisions/023). Every kind is
 * pushed the same way.
 */
export const INBOX_KINDS = ['ENCOURAGEMENT', 'INACTIVITY_NOTICE', 'CELEBRATION'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];
export const INBOX_SOURCES = ['AI', 'FALLBACK', 'SYSTEM'] as const;
export type InboxSource = (typeof INBOX_SOURCES)[number];

/** `2027-12-24` → `2027년 12월 24일`. */
function koreanDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${year}년 ${month}월 ${day}일`;
}

/**
 * The notice's text: the day (in Seoul) from which the account may be erased, and how to keep it.
 * The erasure runs on the first daily run at or after `erasureAt`, so the day is "from", never "on".
 */
export function inactivityNoticeText(erasureAt: Date, inactiveDays: number): string {
  const period = inactiveDays % 365 === 0 ? `${inactiveDays / 365}년` : `${inactiveDays}일`;
  return (
    `${period} 가까이 이용하지 않으신 계정이에요. ${koreanDate(seoulDate(erasureAt))}부터 계정과 모든 건강 기록이 삭제됩니다. ` +
    '계속 이용하시려면 그 전에 앱에 로그인해 주세요.'
  );
}
