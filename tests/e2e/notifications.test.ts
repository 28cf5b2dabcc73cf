import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type pg from 'pg';
import {
  adminDb,
  batchInternal,
  batchMetric,
  checkOff,
  chooseMissionsDaysAgo,
  cronTicks,
  decisionFor,
  inbox,
  mustSavePreferences,
  quietHoursAwayFromNow,
  runReport,
  seoulToday,
  addDays,
  type Decision,
} from '../support/notifications.js';
import { eventually, isProblem } from '../support/system.js';
import { activeUser, api, people, validProfile, type SignedIn } from '../support/users.js';

/**
 * The daily encouragement, end to end: goal events build the batch's view, the real cron
 * binding (every 10 s locally) runs the day's run, and the user reads the inbox through the
 * gateway. Users who are behind are made by publishing the goal service's GoalSet event with
 * a start date days ago (through the goal service's sidecar, as its outbox relay publishes):
 * the public goal API only starts sets today, and a user who started today is not behind.
 */
async function codeOf(response: Response): Promise<string> {
  assert.ok(isProblem(response), `expected problem+json, got ${response.headers.get('content-type')}`);
  return ((await response.json()) as { code: string }).code;
}

describe('the daily encouragement inbox', () => {
  let minji: SignedIn;
  let db: pg.Client;
  let minjiSet: string;
  let minjiMessageId: string;

  before(async () => {
    db = await adminDb();
    minji = await activeUser(people.minji);
  });
  after(async () => {
    await db?.end();
  });

  test('when a user with active missions missed a week, then the cron run puts one nudge in their inbox, unread', async () => {
    await mustSavePreferences(minji.accessToken, { optedOut: false, quietHours: quietHoursAwayFromNow() });
    assert.equal((await inbox(minji.accessToken)).items.length, 0);

    minjiSet = await chooseMissionsDaysAgo(minji.user.id, 8);
    const page = await eventually(
      'the nudge in the inbox',
      async () => {
        const current = await inbox(minji.accessToken);
        return current.items.length > 0 ? current : undefined;
      },
      60_000,
    );

    assert.equal(page.items.length, 1);
    assert.equal(page.unreadCount, 1);
    assert.equal(page.nextCursor, null);
    const [message] = page.items;
    assert.equal(message!.kind, 'ENCOURAGEMENT');
    assert.ok(message!.text.trim().length > 0);
    assert.ok([...message!.text].length <= 80, `at most 80 characters: ${message!.text}`);
    assert.ok(['AI', 'FALLBACK'].includes(message!.source));
    assert.equal(message!.read, false);
    assert.ok(Math.abs(Date.parse(message!.deliveredAt) - Date.now()) < 120_000);
    minjiMessageId = message!.id;

    const decision = await decisionFor(minji.user.id);
    assert.equal(decision.state, 'SENT');
    assert.equal(decision.notificationId, minjiMessageId);
    assert.equal(decision.facts.completionRate7d, 0);
    assert.equal(decision.facts.consecutiveMissedDays, 8);
    if (message!.source === 'FALLBACK') assert.match(message!.text, /8일/, 'the fallback names the user’s own missed days');
  });

  test('when the cron fires again the same day, even after the user’s progress changed, then the user gets nothing new', async () => {
    // Still behind after this (1 of 14), so only "one message a day" keeps a second one out.
    await checkOff(minji.user.id, minjiSet, addDays(seoulToday(), -1), { scheduled: 2, completed: 1 });
    await eventually('the batch to see the check-off', async () => {
      const day = await db.query('select completed from batch_service.activity_days where user_id = $1 and day = $2', [
        minji.user.id,
        addDays(seoulToday(), -1),
      ]);
      return day.rows[0]?.completed === 1;
    });
    await cronTicks(2);
    const page = await inbox(minji.accessToken);
    assert.deepEqual(
      page.items.map((m) => m.id),
      [minjiMessageId],
    );
    assert.equal(page.unreadCount, 1);
    const report = await runReport();
    assert.ok(report.triggers.count >= 3);
    assert.ok(report.sent >= 1);
  });

  test('when the user reads the message, then it is marked read and the unread count drops; reading again is fine', async () => {
    const read = await api(`/api/notifications/${minjiMessageId}/read`, { method: 'POST', token: minji.accessToken });
    assert.equal(read.status, 200);
    const body = (await read.json()) as { id: string; read: boolean; readAt: string };
    assert.equal(body.id, minjiMessageId);
    assert.equal(body.read, true);
    const again = await api(`/api/notifications/${minjiMessageId}/read`, { method: 'POST', token: minji.accessToken });
    assert.equal(((await again.json()) as { readAt: string }).readAt, body.readAt);
    const page = await inbox(minji.accessToken);
    assert.equal(page.unreadCount, 0);
    assert.equal(page.items[0]!.read, true);
  });

  test('when the inbox holds more than a page, then it is read newest first, page by page, without gaps or repeats', async () => {
    // Earlier days' messages, as earlier runs would have written them.
    for (const daysAgo of [1, 2, 3]) {
      await db.query(
        `insert into batch_service.notifications (id, user_id, kind, text, source, run_date, deliver_at)
         values (gen_random_uuid(), $1, 'ENCOURAGEMENT', $2, 'AI', $3, now() - make_interval(days => $4))`,
        [minji.user.id, `${daysAgo}일 전의 응원`, addDays(seoulToday(), -daysAgo), daysAgo],
      );
    }
    const first = await inbox(minji.accessToken, '?limit=2');
    assert.equal(first.items.length, 2);
    assert.equal(first.items[0]!.id, minjiMessageId);
    assert.equal(first.items[1]!.text, '1일 전의 응원');
    assert.equal(first.unreadCount, 3);
    assert.ok(first.nextCursor);
    const second = await inbox(minji.accessToken, `?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`);
    assert.deepEqual(
      second.items.map((m) => m.text),
      ['2일 전의 응원', '3일 전의 응원'],
    );
    assert.equal(second.nextCursor, null);
    const bad = await api('/api/notifications?cursor=not-ours', { token: minji.accessToken });
    assert.equal(bad.status, 400);
    assert.equal(await codeOf(bad), 'VALIDATION_FAILED');
  });

  test('when a user chooses missions today through the goal API, then the batch sees them but does not nudge someone who just started', async () => {
    const seoyeon = await activeUser(people.seoyeon, { ...validProfile, name: '박서연' });
    await mustSavePreferences(seoyeon.accessToken, { optedOut: false, quietHours: quietHoursAwayFromNow() });
    const catalogue = (await (await api('/api/goals/catalogue', { token: seoyeon.accessToken })).json()) as { missions: { id: string }[] };
    const missionIds = catalogue.missions.slice(0, 2).map((m) => m.id);
    const chosen = await api('/api/goals/missions', { method: 'PUT', token: seoyeon.accessToken, json: { missionIds } });
    assert.equal(chosen.status, 200, await chosen.clone().text());
    const done = await api(`/api/goals/missions/${encodeURIComponent(missionIds[0]!)}/completions/${seoulToday()}`, {
      method: 'PUT',
      token: seoyeon.accessToken,
    });
    assert.equal(done.status, 200, await done.clone().text());

    const decision: Decision = await decisionFor(seoyeon.user.id, (d) => d.facts.completedToday === 1);
    assert.equal(decision.state, 'SKIPPED');
    assert.equal(decision.reason, 'NEW_GOAL');
    assert.equal(decision.facts.activeMissionCount, 2);
    assert.equal(decision.facts.completionRate7d, null);
    assert.equal((await inbox(seoyeon.accessToken)).items.length, 0);
  });

  test('when a user deletes their account, then the batch erases their messages, preferences and goal view', async () => {
    const before = await db.query('select count(*)::int as n from batch_service.notifications where user_id = $1', [minji.user.id]);
    assert.equal(before.rows[0].n, 4);
    assert.equal((await api('/api/users/me', { method: 'DELETE', token: minji.accessToken })).status, 204);
    await eventually('the batch to erase the user', async () => {
      const counts = await db.query(
        `select (select count(*) from batch_service.notifications where user_id = $1)
              + (select count(*) from batch_service.preferences where user_id = $1)
              + (select count(*) from batch_service.deliveries where user_id = $1)
              + (select count(*) from batch_service.activity_users where user_id = $1) as n`,
        [minji.user.id],
      );
      return Number(counts.rows[0].n) === 0;
    });
    // A late goal event for the erased user does not bring them back.
    const ignoredBefore = await batchMetric('batch_goal_events_total', { topic: 'goal-set', outcome: 'ignored' });
    await chooseMissionsDaysAgo(minji.user.id, 8);
    await eventually(
      'the late event to be ignored',
      async () => (await batchMetric('batch_goal_events_total', { topic: 'goal-set', outcome: 'ignored' })) === ignoredBefore + 1,
    );
    const again = await db.query('select count(*)::int as n from batch_service.activity_users where user_id = $1', [minji.user.id]);
    assert.equal(again.rows[0].n, 0);
    assert.equal((await batchInternal(`/internal/batch/runs/${seoulToday()}/users/${minji.user.id}`)).status, 404);
  });
});
