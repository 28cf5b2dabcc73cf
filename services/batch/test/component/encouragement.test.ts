import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { addDays, CONSENT_PURPOSES, CONSENT_QUERY_PATH, seoulToday, type ConsentPurpose } from '@healthsync/shared';
import { answerConsentQueries, expectDocumentedExamplesAccepted, invocationFailure, startComponent, type Component } from '@healthsync/shared/testing';
import { batchService } from '../../src/server.js';

/**
 * The daily encouragement in-process: goal events arrive as the sidecar delivers them, the cron
 * tick is the binding's POST, nudge texts come from the Dapr double standing in for the
 * intelligence service, and the clock (12:00 in Seoul unless a test moves it) decides quiet hours.
 */
let batch: Component;
const today = () => seoulToday(batch.clock);
/** The consents the user service answers per user; every consent unless set here. */
const consentsOf = new Map<string, readonly ConsentPurpose[]>();

before(async () => {
  // The per-message path (one intelligence call per user), where the double answers each call; the
  // message-batch path is driven end to end against the Claude stand-in (tests/e2e/notifications-batches).
  batch = await startComponent(batchService, {
    // A dead-lettered user-deleted is published again a second later (two seconds the second time), twice at most.
    env: {
      BATCH_RESUME_INTERVAL_SECONDS: '3600',
      BATCH_TEXTS: 'per-message',
      BATCH_ERASURE_REPLAY_SECONDS: '1',
      BATCH_ERASURE_MAX_REPLAYS: '2',
      PUSH_POLL_INTERVAL_MS: '600000',
    },
  });
  batch.dapr.onInvoke('intelligence', 'internal/intelligence/messages', (call) => {
    const { facts } = call.body as { facts: { consecutiveMissedDays: number } };
    return { text: `${facts.consecutiveMissedDays}일 쉬었어요. 오늘 하나만 해 봐요!`, source: 'AI' };
  });
  answerConsentQueries(batch.dapr, (userId) => consentsOf.get(userId) ?? CONSENT_PURPOSES);
});

after(async () => {
  await batch?.stop();
});

const missions = [
  { missionId: 'walk-after-lunch', title: '점심 후 15분 걷기', category: 'exercise', difficulty: 'easy', minutes: 15, source: 'CATALOGUE' },
  { missionId: 'water-8-cups', title: '물 8잔 마시기', category: 'diet', difficulty: 'easy', minutes: 5, source: 'CATALOGUE' },
];

/** A user who chose two missions `daysAgo` days ago and did nothing since (as the goal service announces it). */
async function userBehind(daysAgo: number): Promise<string> {
  const userId = randomUUID();
  const event = {
    type: 'GoalSet',
    eventId: randomUUID(),
    occurredAt: batch.clock.now().toISOString(),
    userId,
    goalSetId: randomUUID(),
    previousGoalSetId: null,
    startedOn: addDays(today(), -daysAgo),
    missions,
  };
  const response = await batch.deliver('/events/goal-set', 'goal-set', event);
  assert.equal(response.status, 200, await response.text());
  return userId;
}

interface Decision {
  state: string;
  reason: string | null;
  facts: { consecutiveMissedDays: number; completionRate7d: number | null };
  textSource: string | null;
  notificationId: string | null;
  deliverAt: string | null;
}

/** Fires the cron tick and waits for the run to decide about the user. */
async function runFor(userId: string): Promise<Decision> {
  assert.equal((await batch.request('/daily-encouragement', { method: 'POST' })).status, 200);
  for (let i = 0; i < 200; i += 1) {
    const response = await batch.request(`/internal/batch/runs/${today()}/users/${userId}`);
    if (response.status === 200) {
      const decision = (await response.json()) as Decision;
      if (['SENT', 'SKIPPED', 'FAILED'].includes(decision.state)) return decision;
    } else await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no decision about ${userId}`);
}

const inbox = async (userId: string) => {
  const response = await batch.request('/api/notifications', { userId });
  assert.equal(response.status, 200);
  return (await response.json()) as { items: { id: string; text: string; source: string; read: boolean; deliveredAt: string }[]; unreadCount: number };
};
const savePreferences = (userId: string, json: unknown) => batch.request('/api/notifications/preferences', { method: 'PUT', userId, json });

/** Users whose facts were sent to the intelligence service (and so to the model). */
const textRequestsFor = (userId: string) =>
  batch.dapr.invocations.filter((c) => c.appId === 'intelligence' && (c.body as { userId?: string } | undefined)?.userId === userId).length;

describe('the AI consent (AI_OVERSEAS_TRANSFER) before a morning text', () => {
  test('when one of two users has not consented to the transfer abroad, then only the other’s facts go to the AI; the first gets the marked rule-based text', async () => {
    const [consenting, withheld] = [await userBehind(8), await userBehind(8)];
    consentsOf.set(withheld, ['HEALTH_DATA']);
    const [mine, theirs] = [await runFor(consenting), await runFor(withheld)];
    assert.deepEqual([mine.state, mine.textSource], ['SENT', 'AI']);
    assert.deepEqual([theirs.state, theirs.textSource], ['SENT', 'FALLBACK']);
    const message = (await inbox(withheld)).items[0]!;
    assert.equal(message.source, 'FALLBACK');
    assert.ok(!message.text.includes('일 쉬었어요. 오늘 하나만'), 'not the AI double’s text');
    assert.equal(textRequestsFor(withheld), 0, 'no request about them reached the intelligence service');
    assert.ok(textRequestsFor(consenting) >= 1);
  });

  test('when the user service does not answer the consent query, then the users get rule-based texts and nothing is sent to the AI', async () => {
    const userId = await userBehind(8);
    batch.dapr.onInvoke('user', CONSENT_QUERY_PATH, (call) => {
      throw invocationFailure(call, 503);
    });
    try {
      const decision = await runFor(userId);
      assert.deepEqual([decision.state, decision.textSource], ['SENT', 'FALLBACK']);
      assert.equal((await inbox(userId)).items[0]!.source, 'FALLBACK');
      assert.equal(textRequestsFor(userId), 0);
    } finally {
      answerConsentQueries(batch.dapr, (id) => consentsOf.get(id) ?? CONSENT_PURPOSES);
    }
  });
});

describe('the daily encouragement', () => {
  test('when a user missed eight days, then the run writes one AI nudge with their facts into their inbox, unread; another tick adds nothing', async () => {
    const userId = await userBehind(8);
    const decision = await runFor(userId);
    assert.deepEqual([decision.state, decision.textSource, decision.facts.consecutiveMissedDays, decision.facts.completionRate7d], ['SENT', 'AI', 8, 0]);
    const page = await inbox(userId);
    assert.deepEqual(
      page.items.map((m) => [m.id, m.text, m.source, m.read]),
      [[decision.notificationId, '8일 쉬었어요. 오늘 하나만 해 봐요!', 'AI', false]],
    );
    assert.equal(page.unreadCount, 1);
    assert.equal(page.items[0]!.deliveredAt, batch.clock.now().toISOString());

    await runFor(userId);
    assert.equal((await inbox(userId)).items.length, 1, 'one message a day');
    const read = await batch.request(`/api/notifications/${decision.notificationId}/read`, { method: 'POST', userId });
    assert.equal(((await read.json()) as { read: boolean }).read, true);
    assert.equal((await inbox(userId)).unreadCount, 0);
  });

  test('when the message is written during the user’s quiet hours, then it waits until they end, and cannot be read before', async () => {
    const userId = await userBehind(8);
    // 12:00 now; quiet until 13:00.
    assert.equal((await savePreferences(userId, { optedOut: false, quietHours: { start: '11:00', end: '13:00' } })).status, 200);
    const decision = await runFor(userId);
    assert.deepEqual([decision.state, decision.reason], ['SENT', 'DEFERRED']);
    assert.equal(decision.deliverAt && new Date(decision.deliverAt).toISOString(), new Date(`${today()}T13:00:00+09:00`).toISOString());
    assert.deepEqual(await inbox(userId), { items: [], unreadCount: 0, nextCursor: null });
    assert.equal((await batch.request(`/api/notifications/${decision.notificationId}/read`, { method: 'POST', userId })).status, 404);

    const start = batch.clock.now();
    try {
      batch.clock.set(`${today()}T13:00:00+09:00`);
      const shown = await inbox(userId);
      assert.deepEqual(
        shown.items.map((m) => m.id),
        [decision.notificationId],
      );
      assert.equal(shown.items[0]!.deliveredAt, batch.clock.now().toISOString());
    } finally {
      batch.clock.set(start);
    }
  });

  test('when the user opted out, then the run skips them and nothing arrives', async () => {
    const userId = await userBehind(8);
    const defaults = await (await batch.request('/api/notifications/preferences', { userId })).json();
    assert.deepEqual(defaults, { optedOut: false, quietHours: { start: '22:00', end: '08:00' }, timeZone: 'Asia/Seoul', isDefault: true, updatedAt: null });
    const saved = (await (await savePreferences(userId, { optedOut: true, quietHours: null })).json()) as { optedOut: boolean; isDefault: boolean };
    assert.deepEqual([saved.optedOut, saved.isDefault], [true, false]);
    const decision = await runFor(userId);
    assert.deepEqual([decision.state, decision.reason], ['SKIPPED', 'OPTED_OUT']);
    assert.equal((await inbox(userId)).items.length, 0);
  });

  test('when preferences are invalid, then 400 names the field and nothing changes', async () => {
    const userId = randomUUID();
    for (const [json, field] of [
      [{ optedOut: false, quietHours: { start: '24:00', end: '08:00' } }, 'body.quietHours.start'],
      [{ optedOut: false, quietHours: { start: '08:00', end: '08:00' } }, 'body.quietHours.end'],
      [{ optedOut: 'no', quietHours: null }, 'body.optedOut'],
      [{ optedOut: false }, 'body.quietHours'],
    ] as const) {
      const response = await savePreferences(userId, json);
      assert.equal(response.status, 400, JSON.stringify(json));
      const problem = (await response.json()) as { code: string; errors: { field: string }[] };
      assert.equal(problem.code, 'VALIDATION_FAILED');
      assert.ok(
        problem.errors.some((e) => e.field === field),
        `${field} in ${JSON.stringify(problem.errors)}`,
      );
    }
    assert.equal(((await (await batch.request('/api/notifications/preferences', { userId })).json()) as { isDefault: boolean }).isDefault, true);
  });

  test('when one user asks for another’s message, then it does not exist for them; without a user id the inbox answers 401', async () => {
    const owner = await userBehind(9);
    const decision = await runFor(owner);
    const other = randomUUID();
    const foreign = await batch.request(`/api/notifications/${decision.notificationId}/read`, { method: 'POST', userId: other });
    assert.equal(foreign.status, 404);
    assert.equal(((await foreign.json()) as { code: string }).code, 'NOTIFICATION_NOT_FOUND');
    assert.equal((await inbox(owner)).items[0]!.read, false);
    assert.equal((await batch.request('/api/notifications')).status, 401);
  });

  test('when the user is deleted, then messages, preferences and goal view go, and a late goal event does not bring them back', async () => {
    const userId = await userBehind(8);
    await runFor(userId);
    assert.equal((await savePreferences(userId, { optedOut: false, quietHours: null })).status, 200);
    assert.equal(
      (
        await batch.deliver('/events/user-deleted', 'user-deleted', {
          eventId: randomUUID(),
          type: 'UserDeleted',
          userId,
          occurredAt: batch.clock.now().toISOString(),
        })
      ).status,
      200,
    );
    const counts = await batch.db.query<{ n: string }>(
      `select (select count(*) from notifications where user_id = $1) + (select count(*) from preferences where user_id = $1)
            + (select count(*) from deliveries where user_id = $1) + (select count(*) from activity_users where user_id = $1) as n`,
      [userId],
    );
    assert.equal(Number(counts.rows[0]!.n), 0);
    await batch.deliver('/events/goal-set', 'goal-set', {
      type: 'GoalSet',
      eventId: randomUUID(),
      occurredAt: batch.clock.now().toISOString(),
      userId,
      goalSetId: randomUUID(),
      previousGoalSetId: null,
      startedOn: today(),
      missions,
    });
    const again = await batch.db.query('select 1 from activity_users where user_id = $1', [userId]);
    assert.equal(again.rowCount, 0);
  });
});

describe('dead letters', () => {
  const replaysOf = (userId: string) =>
    batch.dapr.publishedTo('user-deleted').filter((e) => (e as { userId: string }).userId === userId) as { userId: string; replay: number; replayOf: string }[];

  test('when a user-deleted is dead-lettered, then it is recorded and published again after a delay, each time it comes back, until the replays run out', async () => {
    const userId = randomUUID();
    const original = randomUUID();
    // As Dapr forwards it: the original CloudEvent (its id and topic) on the dead-letter topic.
    const dead = (id: string, data: Record<string, unknown>) => batch.deliver('/events/dead-letters', 'user-deleted', data, id);
    assert.equal((await dead(original, { type: 'UserDeleted', eventId: original, userId, occurredAt: new Date().toISOString() })).status, 200);
    const recorded = await batch.db.query<{ replayed: string | null }>('select replayed_as::text as replayed from dead_letters where event_id = $1', [
      original,
    ]);
    assert.ok(recorded.rows[0]?.replayed, 'recorded, with the event that replays it');
    await waitFor(() => replaysOf(userId).length === 1);
    const first = replaysOf(userId)[0]!;
    assert.deepEqual([first.replay, first.replayOf], [1, original]);
    assert.equal(
      batch.dapr.published.find((e) => e.topic === 'user-deleted' && (e.data as { userId: string }).userId === userId)!.options.id,
      recorded.rows[0]!.replayed,
    );

    // The replay is dead-lettered too (a subscriber's database is still down): published again, later.
    assert.equal((await dead(recorded.rows[0]!.replayed!, first)).status, 200);
    await waitFor(() => replaysOf(userId).length === 2, 10_000);
    assert.equal(replaysOf(userId)[1]!.replay, 2);
    // A third time is past the limit: recorded and counted for an operator, not published again.
    assert.equal((await dead(randomUUID(), replaysOf(userId)[1]!)).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.equal(replaysOf(userId).length, 2);
    assert.match(await (await batch.request('/metrics')).text(), /dead_letters_replayed_total\{outcome="exhausted"[^}]*\} [1-9]/);
    // Delivered twice (a broker redelivery), a dead letter is recorded and replayed once.
    assert.equal((await dead(original, { type: 'UserDeleted', eventId: original, userId })).status, 200);
    assert.equal((await batch.db.query('select 1 from dead_letters where event_id = $1', [original])).rowCount, 1);
  });

  test('when the user of a dead-lettered event is erased, then its payload is not kept, before or after the erasure', async () => {
    const userId = randomUUID();
    const goalSet = (eventId: string) => ({
      eventId,
      type: 'GoalSet',
      userId,
      occurredAt: new Date().toISOString(),
      goalSetId: randomUUID(),
      previousGoalSetId: null,
      startedOn: today(),
      missions,
    });
    const before = randomUUID();
    assert.equal((await batch.deliver('/events/dead-letters', 'goal-set', goalSet(before), before)).status, 200);
    const deletion = randomUUID();
    const deleted = { eventId: deletion, type: 'UserDeleted', userId, occurredAt: new Date().toISOString() };
    assert.deepEqual(await (await batch.deliver('/events/user-deleted', 'user-deleted', deleted, deletion)).json(), { status: 'SUCCESS' });
    const after = randomUUID();
    assert.equal((await batch.deliver('/events/dead-letters', 'goal-set', goalSet(after), after)).status, 200);
    const stored = await batch.db.query<{ payload: string; topic: string }>(
      'select payload::text, original_topic as topic from dead_letters where event_id = any($1::text[])',
      [[before, after]],
    );
    assert.equal(stored.rowCount, 2, 'both are still on record');
    for (const row of stored.rows) {
      assert.equal(row.topic, 'goal-set');
      assert.doesNotMatch(row.payload, /점심 후 15분 걷기|goalSetId/, 'no payload of an erased user');
    }
    assert.equal((await savePreferences(userId, { optedOut: true, quietHours: null })).status, 401, 'and the erased user writes nothing');
  });
});

async function waitFor(check: () => boolean, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    assert.ok(Date.now() < deadline, 'timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('contracts', () => {
  test('when every example the AsyncAPI document says batch receives is delivered (goal events, a celebration, a retention notice, deletion, a dead letter), then each is accepted', async () => {
    assert.equal(await expectDocumentedExamplesAccepted(batch, 'batch'), 9);
  });
});

describe('the run report', () => {
  test('when usage-analytics answers, then the day’s report carries its AI usage; when it fails or breaks its contract, the report still answers with `available: false`', async () => {
    const userId = await userBehind(3);
    await runFor(userId);
    const usage = {
      day: today(),
      currency: 'USD',
      total: { requests: 7, failedRequests: 1, inputTokens: 5200, outputTokens: 800, estimatedCostUsd: 0.0092, unpricedRequests: 0 },
      features: [
        {
          feature: 'nudge',
          model: 'claude-haiku-4-5',
          requests: 7,
          failedRequests: 1,
          inputTokens: 5200,
          outputTokens: 800,
          estimatedCostUsd: 0.0092,
          unpricedRequests: 0,
        },
      ],
    };
    batch.dapr.onInvoke('usage-analytics', `internal/usage-analytics/days/${today()}`, () => usage);
    const report = (await (await batch.request(`/internal/batch/runs/${today()}`)).json()) as { considered: number; aiUsage: unknown };
    assert.ok(report.considered >= 1);
    assert.deepEqual(report.aiUsage, { available: true, ...usage });

    batch.dapr.onInvoke('usage-analytics', `internal/usage-analytics/days/${today()}`, (call) => {
      throw invocationFailure(call, 503, { code: 'USAGE_STORE_UNAVAILABLE' });
    });
    const down = await batch.request(`/internal/batch/runs/${today()}`);
    assert.equal(down.status, 200);
    assert.deepEqual(((await down.json()) as { aiUsage: unknown }).aiUsage, { available: false });

    batch.dapr.onInvoke('usage-analytics', `internal/usage-analytics/days/${today()}`, () => ({ ...usage, total: { requests: -1 } }));
    assert.deepEqual(((await (await batch.request(`/internal/batch/runs/${today()}`)).json()) as { aiUsage: unknown }).aiUsage, { available: false });
  });
});
