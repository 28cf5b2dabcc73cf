/**
 * Retention of inactive accounts (docs/decisions/022-inactive-account-retention.md): an account
 * not used for `inactiveDays` is erased, but only after its owner was told `noticeDays` ahead and
 * did not come back. Days are 24-hour periods from the instant of the last activity (the job runs
 * daily, so the erasure happens on the first run at or after the due time).
 */
export interface RetentionPolicy {
  /** Days without a sign-in or session refresh after which the account is erased. */
  inactiveDays: number;
  /** How many days before the erasure the owner is told; less than `inactiveDays`. */
  noticeDays: number;
}

export const DEFAULT_RETENTION_POLICY: RetentionPolicy = { inactiveDays: 365, noticeDays: 30 };

const DAY_MS = 86_400_000;

/** Why a policy cannot be used, or undefined when it can. */
export function policyProblem(policy: RetentionPolicy): string | undefined {
  if (!Number.isInteger(policy.inactiveDays) || policy.inactiveDays < 1) return 'RETENTION_INACTIVE_DAYS must be a whole number of days, at least 1';
  if (!Number.isInteger(policy.noticeDays) || policy.noticeDays < 1) return 'RETENTION_NOTICE_DAYS must be a whole number of days, at least 1';
  if (policy.noticeDays >= policy.inactiveDays) {
    return `RETENTION_NOTICE_DAYS (${policy.noticeDays}) must be less than RETENTION_INACTIVE_DAYS (${policy.inactiveDays}): the notice comes before the erasure`;
  }
  return undefined;
}

export interface RetentionState {
  lastActiveAt: Date;
  /** When the pending notice was sent; null when none is pending. */
  noticeSentAt: Date | null;
}

export type RetentionAction = { kind: 'NONE' } | { kind: 'NOTIFY'; erasureAt: Date } | { kind: 'ERASE' };

/** A notice counts only if it was sent after the last activity (activity cancels it). */
const pendingNotice = (state: RetentionState): Date | null =>
  state.noticeSentAt !== null && state.noticeSentAt.getTime() >= state.lastActiveAt.getTime() ? state.noticeSentAt : null;

/** When the account may be erased: a full period of inactivity and, if notified, the lead time since the notice. */
export function erasureDueAt(state: RetentionState, policy: RetentionPolicy, noticeAt: Date): Date {
  return new Date(Math.max(state.lastActiveAt.getTime() + policy.inactiveDays * DAY_MS, noticeAt.getTime() + policy.noticeDays * DAY_MS));
}

/**
 * What the daily job does with one account at `now`:
 * - NOTIFY once `inactiveDays - noticeDays` have passed since the last activity and no notice is
 *   pending (never notified, or active since the notice);
 * - ERASE once a pending notice is at least `noticeDays` old AND `inactiveDays` have passed since
 *   the last activity;
 * - otherwise NONE. No notice, no erasure: an account is never erased without one.
 */
export function retentionAction(state: RetentionState, policy: RetentionPolicy, now: Date): RetentionAction {
  const notice = pendingNotice(state);
  const idleMs = now.getTime() - state.lastActiveAt.getTime();
  if (notice === null) {
    if (idleMs >= (policy.inactiveDays - policy.noticeDays) * DAY_MS) return { kind: 'NOTIFY', erasureAt: erasureDueAt(state, policy, now) };
    return { kind: 'NONE' };
  }
  return now.getTime() >= erasureDueAt(state, policy, notice).getTime() ? { kind: 'ERASE' } : { kind: 'NONE' };
}

/**
 * The same rules as bounds for the database's selection (the job then applies `retentionAction`
 * to each row it selected): due for a notice if last active at or before `noticeIfActiveBy`; due for
 * erasure if last active at or before `eraseIfActiveBy` and notified at or before `eraseIfNotifiedBy`.
 */
export function retentionCutoffs(policy: RetentionPolicy, now: Date): { noticeIfActiveBy: Date; eraseIfActiveBy: Date; eraseIfNotifiedBy: Date } {
  return {
    noticeIfActiveBy: new Date(now.getTime() - (policy.inactiveDays - policy.noticeDays) * DAY_MS),
    eraseIfActiveBy: new Date(now.getTime() - policy.inactiveDays * DAY_MS),
    eraseIfNotifiedBy: new Date(now.getTime() - policy.noticeDays * DAY_MS),
  };
}

/**
 * Activity is recorded on sign-in and on each session refresh, but written at most once per
 * this interval per account: a refresh every few minutes need not write the account row each time.
 * Far below a day, so inactivity is measured to well within the job's daily granularity.
 */
export const ACTIVITY_WRITE_INTERVAL_MS = 3_600_000;
