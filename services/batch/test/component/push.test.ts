import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import { addDays, seoulToday } from '@healthsync/shared';
import { answerConsentQueries, startComponent, type Component } from '@healthsync/shared/testing';
import { loadConfig, silentLogger, start, type RunningStandin } from '@healthsync/standin-fcm';
import { batchService } from '../../src/server.js';

/**
 * Push in-process against real PostgreSQL and the FCM stand-in (standins/fcm) on a free port: the
 * service account in the secret store is a fresh RSA key the stand-in knows the public half of,
 * so the token exchange, `messages:send` and FCM's error answers are the real protocol.
 */
let batch: Component;
let fcm: RunningStandin;
const PROJECT = 'healthsync-test';
const EMAIL = `push@${PROJECT}.iam.gserviceaccount.com`;

before(async () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  fcm = await start(
    loadConfig({
      FCM_STANDIN_PORT: '0',
      FCM_STANDIN_PROJECT_ID: PROJECT,
      FCM_STANDIN_CLIENT_EMAIL: EMAIL,
      FCM_STANDIN_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      FCM_STANDIN_LATENCY_MS: '0',
    }),
    { logger: silentLogger },
  );
  const serviceAccount = {
    type: 'service_account',
    project_id: PROJECT,
    private_key_id: randomBytes(20).toString('hex'),
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: EMAIL,
    token_uri: `${fcm.url}/token`,
  };
  batch = await startComponent(batchService, {
    env: {
      BATCH_RESUME_INTERVAL_SECONDS: '3600',
      BATCH_TEXTS: 'per-message',
      FCM_BASE_URL: fcm.url,
      PUSH_POLL_INTERVAL_MS: '100',
      PUSH_RETRY_BASE_MS: '20',
      PUSH_RETRY_MAX_MS: '2000',
      PUSH_TIMEOUT_MS: '5000',
      PUSH_CLAIM_TTL_SECONDS: '60',
    },
    secrets: { 'fcm-service-account': JSON.stringify(serviceAccount) },
  });
  batch.dapr.onInvoke('intelligence', 'internal/intelligence/messages', () => ({ text: '오늘 하나만 해 봐요!', source: 'AI' }));
  answerConsentQueries(batch.dapr);
});

after(async () => {
  await batch?.stop();
  await fcm?.stop();
});

beforeEach(() => {
  fcm.state.failures.length = 0;
});

const newToken = () => `${randomBytes(11).toString('base64url')}:APA91b${randomBytes(100).toString('base64url')}`;

async function register(userId: string, deviceId: string, token: string, platform = 'ANDROID'): Promise<Response> {
  return batch.request(`/api/notifications/devices/${deviceId}`, { method: 'PUT', userId, json: { token, platform } });
}
async function devices(userId: string): Promise<{ deviceId: string; platform: string; tokenEnding: string; registeredAt: string; updatedAt: string }[]> {
  const response = await batch.request('/api/notifications/devices', { userId });
  assert.equal(response.status, 200);
  return ((await response.json()) as { items: never[] }).items;
}
const deliveredTo = (token: string) => fcm.state.delivered.filter((d) => d.token === token);

/** An inbox message as the daily run writes it, in the inbox from `deliverAt` (default now). */
async function inboxMessage(userId: string, deliverAt = batch.clock.now()): Promise<string> {
  const id = randomUUID();
  await batch.db.query(`insert into notifications (id, user_id, kind, text, source, deliver_at) values ($1, $2, 'ENCOURAGEMENT', $3, 'AI', $4)`, [
    id,
    userId,
    `${id.slice(0, 8)}: 오늘 점심 산책 어때요?`,
    deliverAt,
  ]);
  return id;
}

async function pushOf(id: string): Promise<{ state: string; reason: string | null }> {
  const result = await batch.db.query<{ state: string; reason: string | null }>(
    'select push_state as state, push_reason as reason from notifications where id = $1',
    [id],
  );
  return result.rows[0]!;
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const decided = (id: string) =>
  until(`the push of ${id} to be decided`, async () => {
    const push = await pushOf(id);
    return ['SENT', 'SKIPPED', 'FAILED'].includes(push.state) ? push : undefined;
  });

describe('push devices', () => {
  test('when a device registers twice with the same token, then it is listed once, unchanged, and the token itself is never shown', async () => {
    const userId = randomUUID();
    const token = newToken();
    const first = await register(userId, 'phone-1', token);
    assert.equal(first.status, 200);
    const device = (await first.json()) as { deviceId: string; tokenEnding: string; updatedAt: string };
    assert.deepEqual([device.deviceId, device.tokenEnding], ['phone-1', token.slice(-6)]);
    assert.equal((await register(userId, 'phone-1', token)).status, 200);
    const listed = await devices(userId);
    assert.deepEqual(
      listed.map((d) => [d.deviceId, d.platform, d.updatedAt]),
      [['phone-1', 'ANDROID', device.updatedAt]],
    );
    assert.ok(!JSON.stringify(listed).includes(token));
  });

  test('when another account registers a token (the phone changed hands), then the token moves to it and the first account loses it', async () => {
    const [minji, junho] = [randomUUID(), randomUUID()];
    const token = newToken();
    await register(minji, 'shared-phone', token);
    assert.equal((await register(junho, 'his-phone', token, 'IOS')).status, 200);
    assert.deepEqual(await devices(minji), []);
    assert.deepEqual(
      (await devices(junho)).map((d) => [d.deviceId, d.platform]),
      [['his-phone', 'IOS']],
    );
  });

  test('when the input is hostile, then 400 names the field and nothing is stored', async () => {
    const userId = randomUUID();
    for (const [path, json, field] of [
      ['/api/notifications/devices/phone-1', { token: 'short', platform: 'ANDROID' }, 'body.token'],
      ['/api/notifications/devices/phone-1', { token: newToken(), platform: 'WINDOWS' }, 'body.platform'],
      ['/api/notifications/devices/phone-1', { token: newToken(), platform: 'ANDROID', userId: randomUUID() }, 'body'],
      [`/api/notifications/devices/${'a'.repeat(129)}`, { token: newToken(), platform: 'ANDROID' }, 'path.deviceId'],
      ['/api/notifications/devices/phone~1', { token: newToken(), platform: 'ANDROID' }, 'path.deviceId'],
    ] as const) {
      const response = await batch.request(path, { method: 'PUT', userId, json });
      assert.equal(response.status, 400, path);
      const problem = (await response.json()) as { code: string; errors: { field: string }[] };
      assert.equal(problem.code, 'VALIDATION_FAILED');
      assert.ok(
        problem.errors.some((e) => e.field === field),
        `${field} in ${JSON.stringify(problem.errors)}`,
      );
    }
    assert.deepEqual(await devices(userId), []);
  });

  test('when a device unregisters, then it is gone and gets no more pushes; a second time, or another account’s id, is 404', async () => {
    const userId = randomUUID();
    const token = newToken();
    await register(userId, 'phone-1', token);
    const other = randomUUID();
    const notTheirs = await batch.request('/api/notifications/devices/phone-1', { method: 'DELETE', userId: other });
    assert.equal(notTheirs.status, 404);
    assert.equal(((await notTheirs.json()) as { code: string }).code, 'DEVICE_NOT_FOUND');
    assert.equal((await devices(userId)).length, 1, 'another account cannot unregister it');
    assert.equal((await batch.request('/api/notifications/devices/phone-1', { method: 'DELETE', userId })).status, 204);
    assert.equal((await batch.request('/api/notifications/devices/phone-1', { method: 'DELETE', userId })).status, 404);
    assert.deepEqual(await devices(userId), []);
    const id = await inboxMessage(userId);
    assert.deepEqual(await decided(id), { state: 'SKIPPED', reason: 'NO_DEVICES' });
    assert.equal(deliveredTo(token).length, 0);
  });

  test('when the account is deleted (UserDeleted), then every device of it is removed', async () => {
    const userId = randomUUID();
    await register(userId, 'phone-1', newToken());
    await register(userId, 'tablet-1', newToken(), 'IOS');
    const event = { type: 'UserDeleted', eventId: randomUUID(), userId, occurredAt: batch.clock.now().toISOString() };
    assert.equal((await batch.deliver('/events/user-deleted', 'user-deleted', event)).status, 200);
    assert.deepEqual(await devices(userId), []);
    const left = await batch.db.query('select 1 from push_devices where user_id = $1', [userId]);
    assert.equal(left.rowCount, 0);
  });
});

describe('pushing inbox messages through FCM', () => {
  test('when the daily run writes an encouragement, then every device of the user gets it as a push, through one access token', async () => {
    const userId = randomUUID();
    const [phone, tablet] = [newToken(), newToken()];
    await register(userId, 'phone-1', phone);
    await register(userId, 'tablet-1', tablet, 'IOS');
    // The user is behind: two missions chosen eight days ago, nothing done since.
    const today = seoulToday(batch.clock);
    const goalSet = {
      type: 'GoalSet',
      eventId: randomUUID(),
      occurredAt: batch.clock.now().toISOString(),
      userId,
      goalSetId: randomUUID(),
      previousGoalSetId: null,
      startedOn: addDays(today, -8),
      missions: [{ missionId: 'walk', title: '점심 후 15분 걷기', category: 'exercise', difficulty: 'easy', minutes: 15, source: 'CATALOGUE' }],
    };
    assert.equal((await batch.deliver('/events/goal-set', 'goal-set', goalSet)).status, 200);
    const tokensBefore = fcm.state.counters.tokensIssued;
    assert.equal((await batch.request('/daily-encouragement', { method: 'POST' })).status, 200);
    const [pushed] = await until('the push to the phone', () => (deliveredTo(phone).length > 0 ? deliveredTo(phone) : undefined));
    const inbox = (await (await batch.request('/api/notifications', { userId })).json()) as { items: { id: string; text: string }[] };
    assert.equal(inbox.items.length, 1);
    assert.deepEqual(pushed!.message.notification, { title: '오늘의 응원', body: inbox.items[0]!.text });
    assert.deepEqual(pushed!.message.data, { notificationId: inbox.items[0]!.id, kind: 'ENCOURAGEMENT' });
    await until('the push to the tablet', () => deliveredTo(tablet).length === 1);
    assert.deepEqual(await decided(inbox.items[0]!.id), { state: 'SENT', reason: null });
    assert.ok(fcm.state.counters.tokensIssued - tokensBefore <= 1, 'the access token is cached, not fetched per message');
  });

  test('when FCM answers UNREGISTERED for a token (the app was uninstalled), then the token is removed and the inbox keeps the message', async () => {
    const userId = randomUUID();
    const [gone, alive] = [newToken(), newToken()];
    await register(userId, 'old-phone', gone);
    await register(userId, 'new-phone', alive);
    fcm.state.unregistered.add(gone);
    const id = await inboxMessage(userId);
    assert.deepEqual(await decided(id), { state: 'SENT', reason: null });
    assert.deepEqual(
      (await devices(userId)).map((d) => d.deviceId),
      ['new-phone'],
    );
    assert.equal(deliveredTo(alive).length, 1);
    assert.equal(deliveredTo(gone).length, 0);
    const inbox = (await (await batch.request('/api/notifications', { userId })).json()) as { items: { id: string }[] };
    assert.deepEqual(
      inbox.items.map((m) => m.id),
      [id],
    );
  });

  test('when FCM answers 429 QUOTA_EXCEEDED with Retry-After and then 503 UNAVAILABLE, then the push is retried after the wait and arrives once', async () => {
    const userId = randomUUID();
    const token = newToken();
    await register(userId, 'phone-1', token);
    fcm.state.failures.push({ status: 429, retryAfterSeconds: 1, token, remaining: 1 }, { status: 503, retryAfterSeconds: 0, token, remaining: 1 });
    const before = { ...fcm.state.counters.answers };
    const started = Date.now();
    const id = await inboxMessage(userId);
    assert.deepEqual(await decided(id), { state: 'SENT', reason: null });
    assert.ok(Date.now() - started >= 1000, 'Retry-After: 1 was honoured');
    assert.equal(deliveredTo(token).length, 1);
    assert.equal((fcm.state.counters.answers['429'] ?? 0) - (before['429'] ?? 0), 1);
    assert.equal((fcm.state.counters.answers['503'] ?? 0) - (before['503'] ?? 0), 1);
  });

  test('when FCM stays unavailable past the retries, then the push fails, the token stays and the inbox keeps the message', async () => {
    const userId = randomUUID();
    const token = newToken();
    await register(userId, 'phone-1', token);
    fcm.state.failures.push({ status: 503, token, remaining: 10 });
    const id = await inboxMessage(userId);
    assert.deepEqual(await decided(id), { state: 'FAILED', reason: 'UNAVAILABLE' });
    assert.equal(deliveredTo(token).length, 0);
    assert.equal(fcm.state.failures[0]?.remaining, 6, 'four attempts (PUSH_MAX_ATTEMPTS), then given up');
    assert.equal((await devices(userId)).length, 1);
    const inbox = (await (await batch.request('/api/notifications', { userId })).json()) as { items: { id: string }[] };
    assert.deepEqual(
      inbox.items.map((m) => m.id),
      [id],
    );
  });

  test('when the user opted out, then nothing is pushed', async () => {
    const userId = randomUUID();
    const token = newToken();
    await register(userId, 'phone-1', token);
    const saved = await batch.request('/api/notifications/preferences', { method: 'PUT', userId, json: { optedOut: true, quietHours: null } });
    assert.equal(saved.status, 200);
    const id = await inboxMessage(userId);
    assert.deepEqual(await decided(id), { state: 'SKIPPED', reason: 'OPTED_OUT' });
    assert.equal(deliveredTo(token).length, 0);
  });

  test('when a message waits for the end of quiet hours, then it is pushed only once they end', async () => {
    const userId = randomUUID();
    const token = newToken();
    await register(userId, 'phone-1', token);
    // 12:00 now; the user is quiet 11:00–13:00, so the run would time the message for 13:00.
    await batch.request('/api/notifications/preferences', { method: 'PUT', userId, json: { optedOut: false, quietHours: { start: '11:00', end: '13:00' } } });
    const one = new Date(`${seoulToday(batch.clock)}T13:00:00+09:00`);
    const id = await inboxMessage(userId, one);
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal((await pushOf(id)).state, 'PENDING');
    assert.equal(deliveredTo(token).length, 0);
    const noon = batch.clock.now();
    try {
      batch.clock.set(one);
      assert.deepEqual(await decided(id), { state: 'SENT', reason: null });
      assert.equal(deliveredTo(token).length, 1);
    } finally {
      batch.clock.set(noon);
    }
  });
});

describe('inactivity notices (the user service’s inactive-account-notice)', () => {
  const notice = (userId: string) => ({
    eventId: randomUUID(),
    type: 'InactiveAccountNotice',
    userId,
    occurredAt: batch.clock.now().toISOString(),
    lastActiveAt: '2026-12-24T09:12:00.000Z',
    // 2027-12-25 00:12 in Seoul: the text names the Seoul day.
    erasureAt: '2027-12-24T15:12:00.000Z',
    inactiveDays: 365,
  });
  const deliverNotice = async (payload: ReturnType<typeof notice>) => {
    const response = await batch.deliver('/events/inactive-account-notice', 'inactive-account-notice', payload);
    assert.deepEqual(await response.json(), { status: 'SUCCESS' });
  };
  const inbox = async (userId: string) => {
    const response = await batch.request('/api/notifications', { userId });
    assert.equal(response.status, 200);
    return ((await response.json()) as { items: { id: string; kind: string; source: string; text: string }[] }).items;
  };

  test('when a notice arrives, then the user finds it in the inbox once, however often it is delivered, and it is pushed with its own title', async () => {
    const userId = randomUUID();
    const token = newToken();
    await register(userId, 'phone-1', token);
    const event = notice(userId);
    await deliverNotice(event);
    await deliverNotice(event);
    const items = await inbox(userId);
    assert.equal(items.length, 1);
    assert.deepEqual([items[0]!.id, items[0]!.kind, items[0]!.source], [event.eventId, 'INACTIVITY_NOTICE', 'SYSTEM']);
    assert.match(items[0]!.text, /2027년 12월 25일부터 계정과 모든 건강 기록이 삭제됩니다/);
    assert.deepEqual(await decided(event.eventId), { state: 'SENT', reason: null });
    const pushed = deliveredTo(token);
    assert.equal(pushed.length, 1);
    const message = pushed[0]!.message as { notification: { title: string; body: string }; data: { kind: string } };
    assert.deepEqual([message.notification.title, message.data.kind], ['계정 삭제 예정 안내', 'INACTIVITY_NOTICE']);
  });

  test('when the user opted out of pushes, then the notice is still in the inbox but not pushed', async () => {
    const userId = randomUUID();
    const token = newToken();
    await register(userId, 'phone-1', token);
    await batch.request('/api/notifications/preferences', { method: 'PUT', userId, json: { optedOut: true, quietHours: null } });
    const event = notice(userId);
    await deliverNotice(event);
    assert.deepEqual(
      (await inbox(userId)).map((i) => i.kind),
      ['INACTIVITY_NOTICE'],
    );
    assert.deepEqual(await decided(event.eventId), { state: 'SKIPPED', reason: 'OPTED_OUT' });
    assert.equal(deliveredTo(token).length, 0);
  });

  test('when it arrives during the user’s quiet hours, then it enters the inbox when they end', async () => {
    const userId = randomUUID();
    // 12:00 now; the user is quiet 11:00–13:00.
    await batch.request('/api/notifications/preferences', { method: 'PUT', userId, json: { optedOut: false, quietHours: { start: '11:00', end: '13:00' } } });
    await deliverNotice(notice(userId));
    assert.equal((await inbox(userId)).length, 0, 'not yet');
    const noon = batch.clock.now();
    try {
      batch.clock.set(new Date(`${seoulToday(batch.clock)}T13:00:00+09:00`));
      assert.equal((await inbox(userId)).length, 1);
    } finally {
      batch.clock.set(noon);
    }
  });

  test('when the account was erased already, then a late notice writes nothing', async () => {
    const userId = randomUUID();
    const deleted = await batch.deliver('/events/user-deleted', 'user-deleted', {
      eventId: randomUUID(),
      type: 'UserDeleted',
      userId,
      occurredAt: batch.clock.now().toISOString(),
      reason: 'RETENTION',
    });
    assert.deepEqual(await deleted.json(), { status: 'SUCCESS' });
    await deliverNotice(notice(userId));
    const { rows } = await batch.db.query('select 1 from notifications where user_id = $1', [userId]);
    assert.equal(rows.length, 0);
  });
});

describe('celebrations: inbox messages pushed like every other', () => {
  /** A `celebration-earned` event as the goal service publishes it. */
  const celebration = (userId: string, text = '🎉 점심 산책 3일 연속 달성! 좋은 습관이 시작됐어요.') => ({
    eventId: randomUUID(),
    type: 'CelebrationEarned',
    userId,
    occurredAt: batch.clock.now().toISOString(),
    celebrationId: randomUUID(),
    kind: 'STREAK_MILESTONE',
    missionId: 'walk',
    milestone: 3,
    earnedOn: seoulToday(batch.clock),
    text,
    source: 'AI',
  });
  const deliver = async (event: ReturnType<typeof celebration>) => {
    const response = await batch.deliver('/events/celebration-earned', 'celebration-earned', event);
    assert.equal(response.status, 200, await response.text());
  };
  const inboxOf = async (userId: string) =>
    ((await (await batch.request('/api/notifications', { userId })).json()) as { items: { id: string; kind: string; text: string; source: string }[] }).items;

  test('when a celebration is delivered twice, then the inbox has it once and the device gets one push of it', async () => {
    const userId = randomUUID();
    const token = newToken();
    await register(userId, 'phone-1', token);
    const event = celebration(userId);
    await deliver(event);
    await deliver(event);
    const items = await inboxOf(userId);
    assert.deepEqual(
      items.map((m) => [m.kind, m.text, m.source]),
      [['CELEBRATION', event.text, 'AI']],
    );
    assert.deepEqual(await decided(items[0]!.id), { state: 'SENT', reason: null });
    assert.equal(deliveredTo(token).length, 1);
    const pushed = deliveredTo(token)[0]!.message;
    assert.deepEqual(pushed.notification, { title: '축하해요!', body: event.text });
    assert.deepEqual(pushed.data, { notificationId: items[0]!.id, kind: 'CELEBRATION' });
    await deliver(event);
    assert.equal((await inboxOf(userId)).length, 1, 'a third delivery adds nothing either');
    assert.equal(deliveredTo(token).length, 1);
  });

  test('when a celebration comes during quiet hours, then it waits for their end in the inbox and is pushed only then', async () => {
    const userId = randomUUID();
    const token = newToken();
    await register(userId, 'phone-1', token);
    // 12:00 now; quiet 11:00–13:00.
    await batch.request('/api/notifications/preferences', { method: 'PUT', userId, json: { optedOut: false, quietHours: { start: '11:00', end: '13:00' } } });
    await deliver(celebration(userId));
    assert.deepEqual(await inboxOf(userId), []);
    const stored = await batch.db.query<{ id: string }>(`select id from notifications where user_id = $1 and kind = 'CELEBRATION'`, [userId]);
    const id = stored.rows[0]!.id;
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal((await pushOf(id)).state, 'PENDING');
    assert.equal(deliveredTo(token).length, 0);
    const noon = batch.clock.now();
    try {
      batch.clock.set(new Date(`${seoulToday(batch.clock)}T13:00:00+09:00`));
      assert.deepEqual(await decided(id), { state: 'SENT', reason: null });
      assert.equal(deliveredTo(token).length, 1);
      assert.deepEqual(
        (await inboxOf(userId)).map((m) => m.id),
        [id],
      );
    } finally {
      batch.clock.set(noon);
    }
  });

  test('when the user opted out, then the celebration is in the inbox but is not pushed', async () => {
    const userId = randomUUID();
    const token = newToken();
    await register(userId, 'phone-1', token);
    await batch.request('/api/notifications/preferences', { method: 'PUT', userId, json: { optedOut: true, quietHours: null } });
    await deliver(celebration(userId));
    const items = await inboxOf(userId);
    assert.deepEqual(
      items.map((m) => m.kind),
      ['CELEBRATION'],
    );
    assert.deepEqual(await decided(items[0]!.id), { state: 'SKIPPED', reason: 'OPTED_OUT' });
    assert.equal(deliveredTo(token).length, 0);
  });

  test('when the account was deleted before the celebration arrives, then nothing is written', async () => {
    const userId = randomUUID();
    const erased = { type: 'UserDeleted', eventId: randomUUID(), userId, occurredAt: batch.clock.now().toISOString() };
    assert.equal((await batch.deliver('/events/user-deleted', 'user-deleted', erased)).status, 200);
    await deliver(celebration(userId));
    const left = await batch.db.query('select 1 from notifications where user_id = $1', [userId]);
    assert.equal(left.rowCount, 0);
  });
});

describe('the batch service’s part of “download my data”', () => {
  test('when health asks for it, then the inbox and the devices come — each device with its token’s ending, never the token — and nothing of another user', async () => {
    const userId = randomUUID();
    const other = randomUUID();
    const token = `export-${randomUUID().replaceAll('-', '')}-token-ABCDEFGHIJKLMNOPQRSTUV-xyz789`;
    assert.equal((await register(userId, 'phone-1', token)).status, 200);
    const message = await inboxMessage(userId);
    const theirs = await inboxMessage(other);
    const response = await batch.request(`/internal/batch/users/${userId}/export`);
    assert.equal(response.status, 200, await response.clone().text());
    const text = await response.text();
    const part = JSON.parse(text) as {
      userId: string;
      areas: { notifications: { id: string }[]; 'push-devices': { deviceId: string; tokenEnding: string }[] };
    };
    assert.equal(part.userId, userId);
    assert.deepEqual(
      part.areas.notifications.map((n) => n.id),
      [message],
    );
    assert.deepEqual(part.areas['push-devices'], [{ ...part.areas['push-devices'][0], deviceId: 'phone-1', tokenEnding: 'xyz789' }]);
    assert.ok(!text.includes(token), 'the registration token is not exported');
    assert.ok(!text.includes(theirs));
  });
});
