import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type pg from 'pg';
import {
  addDays,
  adminDb,
  chooseMissionsDaysAgo,
  decisionFor,
  inbox,
  mustSavePreferences,
  quietHoursAwayFromNow,
  seoulClock,
  seoulToday,
} from '../support/notifications.js';
import { eventually, isProblem } from '../support/system.js';
import { activeUser, api, newIdentity, type SignedIn } from '../support/users.js';

/**
 * Push notifications end to end: a device registers through the gateway, the real cron run puts
 * a nudge in the inbox, the batch service exchanges its service-account assertion for an access
 * token at the FCM stand-in and sends the message there; the stand-in's test view shows what
 * reached each token (standins/fcm).
 */
const fcm = 'http://127.0.0.1:14300';

interface Delivered {
  token: string;
  message: { notification?: { title: string; body: string }; data?: Record<string, string> };
}
async function deliveredTo(token: string): Promise<Delivered[]> {
  const response = await fetch(`${fcm}/control/messages?token=${encodeURIComponent(token)}`);
  assert.equal(response.status, 200);
  return ((await response.json()) as { messages: Delivered[] }).messages;
}

const newToken = () => `${randomBytes(11).toString('base64url')}:APA91b${randomBytes(110).toString('base64url')}`;
const register = (user: SignedIn, deviceId: string, token: string, platform = 'ANDROID') =>
  api(`/api/notifications/devices/${deviceId}`, { method: 'PUT', token: user.accessToken, json: { token, platform } });
async function devices(user: SignedIn): Promise<{ deviceId: string; platform: string; tokenEnding: string }[]> {
  const response = await api('/api/notifications/devices', { token: user.accessToken });
  assert.equal(response.status, 200);
  return ((await response.json()) as { items: { deviceId: string; platform: string; tokenEnding: string }[] }).items;
}

describe('push notifications', () => {
  let db: pg.Client;
  before(async () => {
    db = await adminDb();
  });
  after(async () => {
    await db?.end();
  });

  test('when a registered user falls behind, then the morning nudge arrives at their device through FCM, the same text as in the inbox', async () => {
    const user = await activeUser(newIdentity('push'));
    await mustSavePreferences(user.accessToken, { optedOut: false, quietHours: quietHoursAwayFromNow() });
    const token = newToken();
    const registered = await register(user, 'phone-1', token);
    assert.equal(registered.status, 200);
    assert.deepEqual(
      (await devices(user)).map((d) => [d.deviceId, d.platform, d.tokenEnding]),
      [['phone-1', 'ANDROID', token.slice(-6)]],
    );

    await chooseMissionsDaysAgo(user.user.id, 8);
    const [pushed] = await eventually(
      'the push at the FCM stand-in',
      async () => {
        const messages = await deliveredTo(token);
        return messages.length > 0 ? messages : undefined;
      },
      60_000,
    );
    const page = await inbox(user.accessToken);
    assert.equal(page.items.length, 1);
    assert.equal(pushed!.message.notification?.body, page.items[0]!.text);
    assert.deepEqual(pushed!.message.data, { notificationId: page.items[0]!.id, kind: 'ENCOURAGEMENT' });

    // Unregistering (at sign-out) stops pushes to the device.
    assert.equal((await api('/api/notifications/devices/phone-1', { method: 'DELETE', token: user.accessToken })).status, 204);
    assert.deepEqual(await devices(user), []);
  });

  test('when the user opted out, or the nudge falls in their quiet hours, then nothing is pushed (the quiet one waits in the inbox)', async () => {
    const [optedOut, quiet] = await Promise.all([activeUser(newIdentity('push-opted-out')), activeUser(newIdentity('push-quiet'))]);
    await mustSavePreferences(optedOut.accessToken, { optedOut: true, quietHours: null });
    // Quiet from a minute ago for three hours: the nudge is written now and waits.
    await mustSavePreferences(quiet.accessToken, { optedOut: false, quietHours: { start: seoulClock(-1), end: seoulClock(180) } });
    const [optedOutToken, quietToken] = [newToken(), newToken()];
    assert.equal((await register(optedOut, 'phone-1', optedOutToken)).status, 200);
    assert.equal((await register(quiet, 'phone-1', quietToken, 'IOS')).status, 200);
    await chooseMissionsDaysAgo(optedOut.user.id, 8);
    await chooseMissionsDaysAgo(quiet.user.id, 8);

    const skipped = await decisionFor(optedOut.user.id, (d) => d.state === 'SKIPPED', 60_000);
    assert.equal(skipped.reason, 'OPTED_OUT');
    const deferred = await decisionFor(quiet.user.id, (d) => d.state === 'SENT', 60_000);
    assert.equal(deferred.reason, 'DEFERRED');
    // Several push passes (every 0.5 s locally) go by.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    assert.deepEqual(await deliveredTo(optedOutToken), []);
    assert.deepEqual(await deliveredTo(quietToken), []);
    const waiting = await db.query('select push_state from batch_service.notifications where id = $1', [deferred.notificationId]);
    assert.equal(waiting.rows[0].push_state, 'PENDING', 'pushed when the quiet hours end');
  });

  test('when a user checks off the third day in a row of a mission, then the celebration lands in the inbox and at their device through FCM, once', async () => {
    const user = await activeUser(newIdentity('push-celebration'));
    await mustSavePreferences(user.accessToken, { optedOut: false, quietHours: quietHoursAwayFromNow() });
    const token = newToken();
    assert.equal((await register(user, 'phone-1', token)).status, 200);
    const walk = 'cat-ex-lunch-walk';
    const chosen = await api('/api/goals/missions', { method: 'PUT', token: user.accessToken, json: { missionIds: [walk] } });
    assert.equal(chosen.status, 200, await chosen.text());
    // Only today and yesterday can be checked off: the day before was checked off when the set began then.
    const today = seoulToday();
    await db.query('update goal_service.goal_sets set started_on = $2::date where user_id = $1', [user.user.id, addDays(today, -2)]);
    await db.query('insert into goal_service.completions (user_id, mission_id, completed_on) values ($1, $2, $3::date)', [
      user.user.id,
      walk,
      addDays(today, -2),
    ]);
    for (const day of [addDays(today, -1), today]) {
      const response = await api(`/api/goals/missions/${walk}/completions/${day}`, { method: 'PUT', token: user.accessToken });
      const body = await response.text();
      assert.equal(response.status, 200, body);
      if (day !== today) continue;
      const checked = JSON.parse(body) as { currentStreak: number; celebration: { milestone: number; text: string } | null };
      assert.deepEqual([checked.currentStreak, checked.celebration?.milestone], [3, 3]);

      const [pushed] = await eventually(
        'the celebration’s push at the FCM stand-in',
        async () => {
          const messages = await deliveredTo(token);
          return messages.length > 0 ? messages : undefined;
        },
        60_000,
      );
      const items = (await inbox(user.accessToken)).items as { id: string; kind?: string; text: string }[];
      assert.deepEqual(
        items.map((m) => [m.kind, m.text]),
        [['CELEBRATION', checked.celebration!.text]],
      );
      assert.deepEqual(pushed!.message.notification, { title: '축하해요!', body: checked.celebration!.text });
      assert.deepEqual(pushed!.message.data, { notificationId: items[0]!.id, kind: 'CELEBRATION' });
    }
  });

  test('when the input is hostile or no one is signed in, then a problem answer and nothing is stored', async () => {
    const user = await activeUser(newIdentity('push-hostile'));
    const anonymous = await api('/api/notifications/devices/phone-1', { method: 'PUT', json: { token: newToken(), platform: 'ANDROID' } });
    assert.equal(anonymous.status, 401);
    assert.ok(isProblem(anonymous));
    const forged = await register(user, 'phone-1', 'not a token');
    assert.equal(forged.status, 400);
    assert.equal(((await forged.json()) as { code: string }).code, 'VALIDATION_FAILED');
    assert.deepEqual(await devices(user), []);
  });

  test('when a token is registered by another account, then it moves there; when an account is deleted, then every device of it is removed', async () => {
    const [first, second] = await Promise.all([activeUser(newIdentity('push-first')), activeUser(newIdentity('push-second'))]);
    const token = newToken();
    assert.equal((await register(first, 'phone-1', token)).status, 200);
    assert.equal((await register(first, 'tablet-1', newToken(), 'IOS')).status, 200);
    assert.equal((await register(second, 'phone-9', token)).status, 200);
    assert.deepEqual(
      (await devices(first)).map((d) => d.deviceId),
      ['tablet-1'],
    );

    assert.equal((await api('/api/users/me', { method: 'DELETE', token: first.accessToken })).status, 204);
    await eventually('the batch to remove the deleted account’s devices', async () => {
      const left = await db.query('select count(*)::int as n from batch_service.push_devices where user_id = $1', [first.user.id]);
      return left.rows[0].n === 0;
    });
    assert.deepEqual(
      (await devices(second)).map((d) => d.deviceId),
      ['phone-9'],
    );
  });
});
