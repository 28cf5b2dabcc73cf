import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type pg from 'pg';
import { adminDb } from '../support/notifications.js';
import { eventually } from '../support/system.js';
import { activeUser, api } from '../support/users.js';

/**
 * Retention of inactive accounts on the real system (docs/decisions/022-inactive-account-retention.md):
 * the real cron binding `account-retention` (every 10 s locally) ticks through the user service's own
 * sidecar. A year cannot pass in a test and the services take real time, so the test moves the account's
 * recorded activity (and then its notice) back in the user service's database — what a year without a
 * sign-in would have left there — and watches what the user sees through the gateway.
 */
let db: pg.Client;
before(async () => {
  db = await adminDb();
});
after(async () => {
  await db?.end();
});

const DAY = "interval '1 day'";

describe('inactive accounts', () => {
  test('when an account has not been used for 335 days, then its owner finds the notice in the inbox; 30 days later, still unused, the account is erased', async () => {
    const session = await activeUser('retention');
    const token = session.accessToken;
    const userId = session.user.id;
    // No quiet hours: the notice must not wait for the morning, whatever the time in Seoul.
    const prefs = await api('/api/notifications/preferences', { method: 'PUT', token, json: { optedOut: false, quietHours: null } });
    assert.equal(prefs.status, 200, await prefs.text());

    await db.query(`update user_service.users set last_active_at = now() - 336 * ${DAY} where id = $1`, [userId]);
    const notice = await eventually(
      'the notice in the inbox (the cron binding ticks every 10 s)',
      async () => {
        const inbox = (await (await api('/api/notifications', { token })).json()) as { items: { kind: string; source: string; text: string }[] };
        return inbox.items.find((i) => i.kind === 'INACTIVITY_NOTICE');
      },
      60_000,
    );
    assert.equal(notice.source, 'SYSTEM');
    assert.match(notice.text, /계정과 모든 건강 기록이 삭제됩니다/);
    const notified = await db.query<{ at: Date | null }>('select retention_notice_at as at from user_service.users where id = $1', [userId]);
    assert.ok(notified.rows[0]!.at, 'the notice is recorded');
    assert.equal((await api('/api/users/me', { token })).status, 200, 'not erased before the lead time');

    // Thirty days later, still no sign-in.
    await db.query(
      `update user_service.users set last_active_at = now() - 366 * ${DAY}, retention_notice_at = now() - 31 * ${DAY} where id = $1 and retention_notice_at is not null`,
      [userId],
    );
    await eventually('the account to be erased', async () => (await api('/api/users/me', { token })).status === 401, 60_000);
    const erased = await db.query<{ status: string; reason: string }>('select status, deletion_reason as reason from user_service.users where id = $1', [
      userId,
    ]);
    assert.deepEqual(erased.rows[0], { status: 'DELETED', reason: 'RETENTION' });
    // The same erasure as a deletion: every service hears user-deleted; the batch service erases the inbox, notice included.
    await eventually(
      'the inbox to be erased',
      async () => (await db.query('select 1 from batch_service.notifications where user_id = $1', [userId])).rowCount === 0,
      30_000,
    );
  });
});
