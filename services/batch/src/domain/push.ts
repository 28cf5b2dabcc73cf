import { deliveryTime, type Preferences } from './quiet-hours.js';
import type { InboxKind } from './inbox-kinds.js';

/**
 * Push notifications of inbox messages: whether and when a message is pushed, what the FCM
 * message looks like, how FCM's answers are read and how long to wait before a retry. Pure; the
 * protocol facts are in docs/reference/fcm.md.
 */

export const PUSH_PLATFORMS = ['ANDROID', 'IOS'] as const;
export type PushPlatform = (typeof PUSH_PLATFORMS)[number];

export type PushSkipReason = 'OPTED_OUT' | 'NO_DEVICES' | 'STALE';

export type PushPlan = { action: 'SEND' } | { action: 'SKIP'; reason: PushSkipReason } | { action: 'WAIT'; until: Date };

/**
 * What to do with a message that has reached the inbox (`deliverAt` ≤ now). The inbox already
 * honoured quiet hours when it timed the message; they are checked again here because a retry
 * or a late pass may fall into them, and the preferences may have changed since.
 */
export function planPush(input: { now: Date; deliverAt: Date; preferences: Preferences; deviceCount: number; maxAgeMinutes: number }): PushPlan {
  if (input.preferences.optedOut) return { action: 'SKIP', reason: 'OPTED_OUT' };
  if (input.deviceCount === 0) return { action: 'SKIP', reason: 'NO_DEVICES' };
  // A push about a message that has long been in the inbox (the service was down, FCM refused
  // for hours) is noise: the inbox has it.
  if (input.now.getTime() - input.deliverAt.getTime() > input.maxAgeMinutes * 60_000) return { action: 'SKIP', reason: 'STALE' };
  const timing = deliveryTime(input.now, input.preferences.quietHours);
  if (timing.deferred) return { action: 'WAIT', until: timing.deliverAt };
  return { action: 'SEND' };
}

export interface InboxMessage {
  id: string;
  kind: InboxKind;
  text: string;
}

const TITLES: Record<InboxKind, string> = { ENCOURAGEMENT: '오늘의 응원', INACTIVITY_NOTICE: '계정 삭제 예정 안내', CELEBRATION: '축하해요!' };
/** The Android notification channel of each kind (the app creates them), so a user can silence the nudges and keep celebrations and account notices. */
const CHANNELS: Record<InboxKind, string> = { ENCOURAGEMENT: 'encouragement', INACTIVITY_NOTICE: 'account', CELEBRATION: 'celebration' };

/**
 * The FCM v1 `message` for one registration token: a notification (title and the inbox text)
 * and data the app uses to open the message (all data values are strings, as FCM requires).
 * The same collapse key / thread id per kind, so a second message of a kind replaces the first
 * on the lock screen. Expires after a day on both platforms.
 */
export function fcmMessage(token: string, message: InboxMessage): Record<string, unknown> {
  const collapse = `healthsync-${message.kind.toLowerCase()}`;
  return {
    token,
    notification: { title: TITLES[message.kind], body: message.text },
    data: { notificationId: message.id, kind: message.kind },
    android: { priority: 'NORMAL', ttl: '86400s', collapse_key: collapse, notification: { channel_id: CHANNELS[message.kind] } },
    apns: { headers: { 'apns-priority': '5', 'apns-collapse-id': collapse }, payload: { aps: { 'thread-id': collapse } } },
  };
}

/** How one `messages:send` ended, read from FCM's answer. */
export type SendResult =
  | { kind: 'SENT'; name: string }
  /** The app instance is gone (uninstalled, token expired): the token must be removed. */
  | { kind: 'UNREGISTERED' }
  /** FCM says the token is not a registration token: remove it too (our message is fixed and valid). */
  | { kind: 'INVALID_TOKEN' }
  /** Our access token was refused: get a new one and try again. */
  | { kind: 'UNAUTHENTICATED' }
  /** Worth another try later: 429 QUOTA_EXCEEDED, 503 UNAVAILABLE, 500 INTERNAL (or no answer). */
  | { kind: 'RETRY'; status: number; code: string; retryAfterMs: number | undefined }
  /** Anything else (403 wrong project or sender, 400 on our message): not retried. */
  | { kind: 'REJECTED'; status: number; code: string };

function fcmErrorCode(body: unknown): string | undefined {
  const error = (body as { error?: { status?: unknown; details?: unknown } } | null)?.error;
  const details = Array.isArray(error?.details) ? (error.details as { '@type'?: unknown; errorCode?: unknown }[]) : [];
  const fcm = details.find((d) => typeof d?.['@type'] === 'string' && d['@type'].endsWith('google.firebase.fcm.v1.FcmError'));
  if (typeof fcm?.errorCode === 'string') return fcm.errorCode;
  return typeof error?.status === 'string' ? error.status : undefined;
}

/**
 * `Retry-After` in milliseconds: delta-seconds or an HTTP date (RFC 9110); undefined when absent
 * or unreadable.
 */
export function parseRetryAfter(header: string | null | undefined, now: Date): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

export function classifySend(status: number, body: unknown, retryAfterMs: number | undefined): SendResult {
  if (status >= 200 && status < 300) {
    const name = (body as { name?: unknown } | null)?.name;
    return typeof name === 'string' ? { kind: 'SENT', name } : { kind: 'RETRY', status, code: 'MALFORMED_ANSWER', retryAfterMs: undefined };
  }
  const code = fcmErrorCode(body) ?? `HTTP_${status}`;
  if (code === 'UNREGISTERED' || (status === 404 && code === 'NOT_FOUND')) return { kind: 'UNREGISTERED' };
  if (status === 400 && code === 'INVALID_ARGUMENT') {
    const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
    // Only the token's own complaint removes it; another INVALID_ARGUMENT is about our message.
    if (typeof message === 'string' && /registration token/i.test(message)) return { kind: 'INVALID_TOKEN' };
    return { kind: 'REJECTED', status, code };
  }
  if (status === 401) return { kind: 'UNAUTHENTICATED' };
  if (status === 429 || status === 503 || status === 500 || status === 502 || status === 504) return { kind: 'RETRY', status, code, retryAfterMs };
  return { kind: 'REJECTED', status, code };
}

export interface BackoffPolicy {
  /** The first wait without Retry-After, ms; doubles per attempt. */
  baseMs: number;
  /** No wait is longer than this, whatever Retry-After says. */
  maxMs: number;
  /** Sends per message and device, the first one included. */
  maxAttempts: number;
}

/**
 * The wait before attempt `attempt + 1` after a retriable answer to attempt `attempt` (1-based),
 * or undefined when no attempt is left or the server asks for a longer wait than the policy
 * allows (the message is then given up for this device; the inbox has it). Retry-After is
 * honoured as a lower bound; without it the wait is exponential with full jitter (`random` in
 * [0, 1)), never below a tenth of the base.
 */
export function backoffDelay(attempt: number, retryAfterMs: number | undefined, policy: BackoffPolicy, random: () => number): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  if (retryAfterMs !== undefined) return retryAfterMs <= policy.maxMs ? retryAfterMs : undefined;
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.max(Math.round(policy.baseMs / 10), Math.round(random() * ceiling));
}

/** A cached access token is used until this long before it expires. */
export const ACCESS_TOKEN_MARGIN_MS = 5 * 60_000;

export function accessTokenFresh(now: Date, expiresAt: Date | undefined): boolean {
  return expiresAt !== undefined && now.getTime() < expiresAt.getTime() - ACCESS_TOKEN_MARGIN_MS;
}

/** The last characters of a registration token: enough for a user to tell devices apart, never the token. */
export function tokenEnding(token: string): string {
  return token.slice(-6);
}
