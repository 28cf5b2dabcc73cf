/**
 * Linking a user's NHIS checkups through an aggregator's two-step simple authentication (docs/reference/nhis.md §4.2,
 * standins/nhis/PROTOCOL.md): the request parameters, what each result code means for the link, and
 * when an unanswered approval has expired. Pure.
 */

export type LinkState = 'PENDING_APPROVAL' | 'IMPORTED' | 'EXPIRED' | 'DENIED' | 'FAILED';

/**
 * Why a link closed without importing: APPROVAL_WINDOW_PASSED (about 3 minutes passed),
 * APPROVAL_NOT_COMPLETED (asked to finish too often before approving; the provider ended the
 * session), USER_DENIED, SESSION_UNKNOWN (the provider no longer knows the session),
 * PROVIDER_ERROR, IMPORT_FAILED (results arrived but storing them failed; link again).
 */
export const LINK_REASONS = ['APPROVAL_WINDOW_PASSED', 'APPROVAL_NOT_COMPLETED', 'USER_DENIED', 'SESSION_UNKNOWN', 'PROVIDER_ERROR', 'IMPORT_FAILED'] as const;
export type LinkReason = (typeof LINK_REASONS)[number];

/** Simple-auth apps (간편인증) and CODEF's loginTypeLevel codes for them. */
export const SIMPLE_AUTH_PROVIDERS = {
  KAKAO: '1',
  PAYCO: '2',
  SAMSUNG_PASS: '3',
  KB: '4',
  PASS: '5',
  NAVER: '6',
  SHINHAN: '7',
  TOSS: '8',
} as const;
export type SimpleAuthProvider = keyof typeof SIMPLE_AUTH_PROVIDERS;
export const SIMPLE_AUTH_PROVIDER_NAMES = Object.keys(SIMPLE_AUTH_PROVIDERS) as [SimpleAuthProvider, ...SimpleAuthProvider[]];

/** Mobile carriers (MVNOs count as their host network) and CODEF's telecom codes. */
export const CARRIERS = { SKT: '0', KT: '1', LGU: '2' } as const;
export type Carrier = keyof typeof CARRIERS;
export const CARRIER_NAMES = Object.keys(CARRIERS) as [Carrier, ...Carrier[]];

export interface LinkInput {
  /** The name registered with NHIS. */
  readonly name: string;
  /** YYYY-MM-DD */
  readonly birthDate: string;
  /** Korean mobile number, with or without hyphens. */
  readonly phone: string;
  /** Required for PASS, which authenticates through the carrier. */
  readonly carrier?: Carrier | undefined;
  readonly provider: SimpleAuthProvider;
}

/**
 * inquiryType "3": results plus the original sheet (PDF) and the questionnaire (smoking, drinking).
 * "0" basic, "1" with PDF, "4" questionnaire only.
 */
export type InquiryType = '0' | '1' | '3' | '4';

/** Step 1 of the product call: the identity. Step 2 repeats it unchanged (the provider checks). */
export function checkupRequestParams(input: LinkInput, inquiryType: InquiryType): Record<string, string> {
  return {
    organization: '0002',
    loginType: '5',
    loginTypeLevel: SIMPLE_AUTH_PROVIDERS[input.provider],
    userName: input.name.normalize('NFC').trim(),
    identity: input.birthDate.replaceAll('-', ''),
    phoneNo: input.phone.replace(/\D/g, ''),
    telecom: input.carrier === undefined ? '' : CARRIERS[input.carrier],
    inquiryType,
    type: '0',
  };
}

/** The provider's two-way context, echoed on the confirming call. Short-lived; never logged. */
export interface TwoWayInfo {
  readonly jobIndex: number;
  readonly threadIndex: number;
  readonly jti: string;
  readonly twoWayTimestamp: number;
}

export function confirmParams(request: Readonly<Record<string, string>>, twoWay: TwoWayInfo): Record<string, unknown> {
  return { ...request, is2Way: true, simpleAuth: '1', twoWayInfo: { ...twoWay } };
}

/** Reads jobIndex, threadIndex, jti and twoWayTimestamp from a CF-03002 answer; undefined when incomplete. */
export function twoWayInfoOf(data: unknown): TwoWayInfo | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  const d = data as Record<string, unknown>;
  const jobIndex = Number(d.jobIndex);
  const threadIndex = Number(d.threadIndex);
  const twoWayTimestamp = Number(d.twoWayTimestamp);
  if (typeof d.jti !== 'string' || d.jti === '') return undefined;
  if (![jobIndex, threadIndex, twoWayTimestamp].every((n) => Number.isInteger(n) && n >= 0)) return undefined;
  return { jobIndex, threadIndex, jti: d.jti, twoWayTimestamp };
}

/** The provider's own failure or outage: retry later, the link stays as it is. */
const UNAVAILABLE_CODES = new Set(['CF-12003', 'CF-09999']);

/** Provider parameter names mapped back to the fields of our request body. */
const INPUT_FIELDS: Readonly<Record<string, keyof LinkInput>> = {
  userName: 'name',
  identity: 'birthDate',
  phoneNo: 'phone',
  telecom: 'carrier',
  loginTypeLevel: 'provider',
};

export type StartOutcome =
  | { readonly kind: 'APPROVAL_REQUESTED' }
  | { readonly kind: 'UNAVAILABLE' }
  /** The provider refused one of the identity fields. */
  | { readonly kind: 'INPUT_REJECTED'; readonly field: keyof LinkInput | null; readonly message: string }
  | { readonly kind: 'FAILED'; readonly code: string };

/** What the answer to step 1 means. */
export function startOutcome(code: string, message: string, extraMessage: string): StartOutcome {
  if (code === 'CF-03002') return { kind: 'APPROVAL_REQUESTED' };
  if (UNAVAILABLE_CODES.has(code)) return { kind: 'UNAVAILABLE' };
  if (code === 'CF-00001' || code === 'CF-00007') {
    const field = INPUT_FIELDS[extraMessage.trim()];
    if (field !== undefined) return { kind: 'INPUT_REJECTED', field, message };
  }
  return { kind: 'FAILED', code };
}

export type ConfirmOutcome =
  | { readonly kind: 'RESULTS' }
  /** Not approved on the phone yet; the same link can be completed again. */
  | { readonly kind: 'STILL_PENDING' }
  | { readonly kind: 'CLOSED'; readonly state: 'EXPIRED' | 'DENIED' | 'FAILED'; readonly reason: LinkReason }
  | { readonly kind: 'UNAVAILABLE' };

/**
 * What the answer to step 2 means (PROTOCOL.md "Step 2"): CF-03002 again before approval; CF-12872 after
 * too many unapproved confirms; CF-12863 denied; CF-12001 window passed; CF-00007 about twoWayInfo when
 * the session is finished or unknown.
 */
export function confirmOutcome(code: string, extraMessage: string): ConfirmOutcome {
  switch (code) {
    case 'CF-00000':
      return { kind: 'RESULTS' };
    case 'CF-03002':
      return { kind: 'STILL_PENDING' };
    case 'CF-12001':
      return { kind: 'CLOSED', state: 'EXPIRED', reason: 'APPROVAL_WINDOW_PASSED' };
    case 'CF-12872':
      return { kind: 'CLOSED', state: 'EXPIRED', reason: 'APPROVAL_NOT_COMPLETED' };
    case 'CF-12863':
      return { kind: 'CLOSED', state: 'DENIED', reason: 'USER_DENIED' };
    default:
      if (UNAVAILABLE_CODES.has(code)) return { kind: 'UNAVAILABLE' };
      if (code === 'CF-00007' && extraMessage.trim() === 'twoWayInfo') {
        return { kind: 'CLOSED', state: 'FAILED', reason: 'SESSION_UNKNOWN' };
      }
      return { kind: 'CLOSED', state: 'FAILED', reason: 'PROVIDER_ERROR' };
  }
}

/**
 * A pending link whose approval window has passed is EXPIRED even if nobody asked the provider: the
 * provider would answer CF-12001. Closed states never change.
 */
export function effectiveState(state: LinkState, expiresAt: Date, now: Date): { state: LinkState; reason?: LinkReason } {
  if (state === 'PENDING_APPROVAL' && now.getTime() >= expiresAt.getTime()) {
    return { state: 'EXPIRED', reason: 'APPROVAL_WINDOW_PASSED' };
  }
  return { state };
}

/** What the account's profile says about its owner, as far as linking needs it. */
export interface OwnIdentity {
  readonly name: string | null;
  /** YYYY-MM-DD */
  readonly birthDate: string | null;
}

export type IdentityCheck =
  | { readonly kind: 'OWN' }
  /** The profile (or its name or birth date) is not known here yet: onboarding is not finished or its event is on its way. */
  | { readonly kind: 'PROFILE_UNKNOWN' }
  | { readonly kind: 'NOT_OWN'; readonly fields: readonly ('name' | 'birthDate')[] };

/**
 * The same name as people write it: Unicode-normalised (NFKC, so full-width and composed Hangul
 * agree), without any whitespace, and case-insensitive for names written in Latin letters.
 */
export function comparableName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '').toLocaleUpperCase('en');
}

/**
 * A user may link only their own NHIS records: the name and birth date sent with the link must be
 * those of the account's profile. Otherwise anyone could have a push sent to someone else's phone
 * and, once it is approved, read that person's checkups.
 */
export function checkOwnIdentity(input: Pick<LinkInput, 'name' | 'birthDate'>, profile: OwnIdentity | null): IdentityCheck {
  if (profile === null || profile.name === null || profile.birthDate === null) return { kind: 'PROFILE_UNKNOWN' };
  const fields: ('name' | 'birthDate')[] = [];
  if (comparableName(input.name) !== comparableName(profile.name)) fields.push('name');
  if (input.birthDate !== profile.birthDate) fields.push('birthDate');
  return fields.length === 0 ? { kind: 'OWN' } : { kind: 'NOT_OWN', fields };
}

export type AttemptDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/**
 * Whether one more link attempt fits a sliding window: `recent` are the times of the attempts
 * already counted (any order). When it does not, the answer says when the oldest one leaves the window.
 */
export function attemptDecision(recent: readonly Date[], now: Date, limit: number, windowMs: number): AttemptDecision {
  const inWindow = recent
    .map((t) => t.getTime())
    .filter((t) => t > now.getTime() - windowMs)
    .sort((a, b) => a - b);
  if (inWindow.length < limit) return { allowed: true };
  const freedAt = inWindow[inWindow.length - limit]! + windowMs;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000)) };
}
