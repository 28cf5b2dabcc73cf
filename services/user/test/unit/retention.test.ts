import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retentionPolicyOf } from '../../src/config.js';
import { DEFAULT_RETENTION_POLICY, policyProblem, retentionAction, retentionCutoffs, type RetentionState } from '../../src/domain/retention.js';

const DAY = 86_400_000;
const policy = DEFAULT_RETENTION_POLICY; // 365 days, notice 30 days ahead
const lastActiveAt = new Date('2026-01-10T09:00:00Z');
const at = (days: number, ms = 0) => new Date(lastActiveAt.getTime() + days * DAY + ms);
const never: RetentionState = { lastActiveAt, noticeSentAt: null };

test('when the defaults are read, then the period is 365 days of inactivity with a notice 30 days before', () => {
  assert.deepEqual(DEFAULT_RETENTION_POLICY, { inactiveDays: 365, noticeDays: 30 });
});

test('when an account has been inactive a day less than period minus lead time, then nothing happens; at it and after, it is notified', () => {
  assert.deepEqual(retentionAction(never, policy, at(334)), { kind: 'NONE' });
  assert.deepEqual(retentionAction(never, policy, at(335, -1)), { kind: 'NONE' });
  assert.deepEqual(retentionAction(never, policy, at(335)), { kind: 'NOTIFY', erasureAt: at(365) });
  assert.deepEqual(retentionAction(never, policy, at(336)), { kind: 'NOTIFY', erasureAt: at(366) }, 'a late notice still gives the full lead time');
});

test('when an account was never notified, then it is never erased, however long it was inactive', () => {
  const action = retentionAction(never, policy, at(5000));
  assert.equal(action.kind, 'NOTIFY');
});

test('when a notice was sent, then the erasure comes the day the lead time and the period have both passed, not a moment before', () => {
  const notified: RetentionState = { lastActiveAt, noticeSentAt: at(335) };
  assert.deepEqual(retentionAction(notified, policy, at(335)), { kind: 'NONE' }, 'notified again the same day: nothing');
  assert.deepEqual(retentionAction(notified, policy, at(364)), { kind: 'NONE' });
  assert.deepEqual(retentionAction(notified, policy, at(365, -1)), { kind: 'NONE' });
  assert.deepEqual(retentionAction(notified, policy, at(365)), { kind: 'ERASE' });
  assert.deepEqual(retentionAction(notified, policy, at(366)), { kind: 'ERASE' });
});

test('when the notice went out late, then the erasure waits the whole lead time from the notice', () => {
  const late: RetentionState = { lastActiveAt, noticeSentAt: at(360) };
  assert.deepEqual(retentionAction(late, policy, at(365)), { kind: 'NONE' });
  assert.deepEqual(retentionAction(late, policy, at(390, -1)), { kind: 'NONE' });
  assert.deepEqual(retentionAction(late, policy, at(390)), { kind: 'ERASE' });
});

test('when the user came back after the notice, then the notice no longer counts: no erasure, and a new notice only after a new period', () => {
  const returned: RetentionState = { lastActiveAt: at(350), noticeSentAt: at(335) };
  assert.deepEqual(retentionAction(returned, policy, at(366)), { kind: 'NONE' });
  assert.deepEqual(retentionAction(returned, policy, at(350 + 334)), { kind: 'NONE' });
  assert.deepEqual(retentionAction(returned, policy, at(350 + 335)), { kind: 'NOTIFY', erasureAt: at(350 + 365) });
});

test('when the cut-offs are computed, then they select exactly the accounts the rule acts on', () => {
  const now = at(365);
  const cutoffs = retentionCutoffs(policy, now);
  assert.deepEqual(cutoffs, { noticeIfActiveBy: at(30), eraseIfActiveBy: at(0), eraseIfNotifiedBy: at(335) });
  for (const days of [334, 335, 336, 364, 365, 366]) {
    const when = at(days);
    const c = retentionCutoffs(policy, when);
    assert.equal(lastActiveAt <= c.noticeIfActiveBy, retentionAction(never, policy, when).kind === 'NOTIFY', `notice cut-off on day ${days}`);
    const notified = { lastActiveAt, noticeSentAt: at(335) };
    const selected = lastActiveAt <= c.eraseIfActiveBy && notified.noticeSentAt <= c.eraseIfNotifiedBy;
    assert.equal(selected, retentionAction(notified, policy, when).kind === 'ERASE', `erasure cut-off on day ${days}`);
  }
});

test('when the policy is checked, then the notice must come before the erasure and both are whole days', () => {
  assert.equal(policyProblem({ inactiveDays: 365, noticeDays: 30 }), undefined);
  assert.match(policyProblem({ inactiveDays: 30, noticeDays: 30 }) ?? '', /RETENTION_NOTICE_DAYS \(30\) must be less than RETENTION_INACTIVE_DAYS \(30\)/);
  assert.match(policyProblem({ inactiveDays: 0, noticeDays: 30 }) ?? '', /RETENTION_INACTIVE_DAYS/);
  assert.match(policyProblem({ inactiveDays: 365, noticeDays: 1.5 }) ?? '', /RETENTION_NOTICE_DAYS/);
  assert.deepEqual(retentionPolicyOf({ RETENTION_INACTIVE_DAYS: 730, RETENTION_NOTICE_DAYS: 60 }), { inactiveDays: 730, noticeDays: 60 });
  assert.throws(() => retentionPolicyOf({ RETENTION_INACTIVE_DAYS: 20, RETENTION_NOTICE_DAYS: 30 }), /RETENTION_NOTICE_DAYS \(30\) must be less than/);
});
