import type { Identity } from './checkup-record.js';
import type { ResultOptions } from './payload.js';

/**
 * The two-way (추가인증) session of one simple-auth request: created by the first call, approved or
 * denied "on the phone" (the control API), then confirmed by the second call. Pure transitions.
 *
 * CODEF behaviour mirrored here (docs/reference/nhis.md §4.2 and CODEF's SDK): a confirm call before approval is
 * answered with CF-03002 again, and after a small number of such calls the session ends (CF-12872).
 */
export type SessionState = 'pending' | 'approved' | 'denied' | 'exhausted' | 'completed';

export interface TwoWayInfo {
  jobIndex: number;
  threadIndex: number;
  jti: string;
  twoWayTimestamp: number;
}

export interface TwoWaySession {
  info: TwoWayInfo;
  identity: Identity;
  /** loginTypeLevel: which simple-auth app the user approves in. */
  provider: string;
  /** The `id` request parameter (groups products under one approval), if any. */
  requestId?: string;
  options: ResultOptions;
  createdAt: number;
  expiresAt: number;
  state: SessionState;
  unapprovedConfirms: number;
}

export type ConfirmOutcome = 'results' | 'pending' | 'denied' | 'expired' | 'exhausted' | 'finished';

export function isExpired(s: TwoWaySession, now: number): boolean {
  return (s.state === 'pending' || s.state === 'approved') && now >= s.expiresAt;
}

/** What a confirm (is2Way) call gets, and the session afterwards. */
export function confirm(s: TwoWaySession, now: number, unapprovedRetries: number): { outcome: ConfirmOutcome; session: TwoWaySession } {
  if (isExpired(s, now)) return { outcome: 'expired', session: s };
  switch (s.state) {
    case 'approved':
      return { outcome: 'results', session: { ...s, state: 'completed' } };
    case 'pending': {
      const confirms = s.unapprovedConfirms + 1;
      if (confirms > unapprovedRetries) {
        return { outcome: 'exhausted', session: { ...s, state: 'exhausted', unapprovedConfirms: confirms } };
      }
      return { outcome: 'pending', session: { ...s, unapprovedConfirms: confirms } };
    }
    case 'denied':
      return { outcome: 'denied', session: s };
    case 'exhausted':
      return { outcome: 'exhausted', session: s };
    case 'completed':
      return { outcome: 'finished', session: s };
  }
}

export type DecisionOutcome = 'applied' | 'expired' | 'not-pending';

/** The user's answer on the phone; only a live pending session can take one. */
export function decide(s: TwoWaySession, decision: 'approve' | 'deny', now: number): { outcome: DecisionOutcome; session: TwoWaySession } {
  if (isExpired(s, now)) return { outcome: 'expired', session: s };
  if (s.state !== 'pending') return { outcome: 'not-pending', session: s };
  return { outcome: 'applied', session: { ...s, state: decision === 'approve' ? 'approved' : 'denied' } };
}

export function sameTwoWayInfo(a: TwoWayInfo, b: TwoWayInfo): boolean {
  return a.jti === b.jti && a.jobIndex === b.jobIndex && a.threadIndex === b.threadIndex && a.twoWayTimestamp === b.twoWayTimestamp;
}

/** Simple-auth apps by loginTypeLevel (docs/reference/nhis.md §4.2; 9–11 differ between sources). */
export const providers: Record<string, string> = {
  '1': '카카오톡',
  '2': '페이코',
  '3': '삼성패스',
  '4': 'KB모바일인증서',
  '5': '통신사 PASS',
  '6': '네이버',
  '7': '신한인증서',
  '8': '토스',
  '9': '뱅크샐러드',
  '10': '하나인증서',
  '11': 'NH인증서',
};
