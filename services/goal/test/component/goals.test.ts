import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { addDays, lockLiveUser, seoulToday, withTransaction } from '@healthsync/shared';
import {
  expectDocumentedExamplesAccepted,
  expectProducedEventsKeepContracts,
  invocationFailure,
  startComponent,
  type Component,
} from '@healthsync/shared/testing';
import { goalService } from '../../src/server.js';

const WALK = 'cat-ex-lunch-walk';
const WATER = 'cat-di-water';
const BREATHING = 'cat-st-breathing';

let goal: Component;
const today = () => seoulToday(goal.clock);
const day = (offset: number) => addDays(today(), offset);

before(async () => {
  goal = await startComponent(goalService, {
    env: {
      CELEBRATION_TIMEOUT_MS: '200',
      CELEBRATION_SWEEP_SECONDS: '1',
      // Erasures are swept every second (and retried at most a second apart); a row that fails twice while
      // other events go out is parked; published rows are purged a second after publishing.
      ERASURE_SWEEP_SECONDS: '1',
      ERASURE_MAX_RETRY_SECONDS: '1',
      OUTBOX_PARK_AFTER_STRIKES: '2',
      OUTBOX_RETENTION_SECONDS: '1',
    },
  });
  // The AI writes celebrations; until a test says otherwise it is down, so the fallback text is kept.
  goal.dapr.onInvoke('intelligence', 'internal/intelligence/messages', (call) => {
    throw invocationFailure(call, 503, { code: 'MODEL_UNAVAILABLE' });
  });
});

after(async () => {
  await goal?.stop();
});

/** A user of their own for each test (the gateway would have verified them). */
const newUser = () => randomUUID();

async function json<T = Record<string, unknown>>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  return JSON.parse(text) as T;
}

const choose = (userId: string, missionIds: string[]) => goal.request('/api/goals/missions', { method: 'PUT', userId, json: { missionIds } });
const complete = (userId: string, missionId: string, date: string) =>
  goal.request(`/api/goals/missions/${missionId}/completions/${date}`, { method: 'PUT', userId });
const undo = (userId: string, missionId: string, date: string) =>
  goal.request(`/api/goals/missions/${missionId}/completions/${date}`, { method: 'DELETE', userId });
const todayView = (userId: string) => goal.request('/api/goals/today', { userId });

interface CheckOff {
  changed: boolean;
  currentStreak: number;
  celebration: { milestone: number; source: string; text: string; createdOn: string } | null;
}

/** The `celebration-earned` events published for a user. */
const celebrationsPublished = (userId: string) =>
  goal.dapr.publishedTo('celebration-earned').filter((e) => (e as { userId: string }).userId === userId) as Record<string, unknown>[];

describe('check-offs on the fixed clock', () => {
  test('when a 3-day streak is built day by day, then the third day celebrates once (fallback text while the AI is down), and undo/redo does not again', async () => {
    const userId = newUser();
    const start = goal.clock.now();
    try {
      goal.clock.advance(-2 * 86_400_000);
      await json(await choose(userId, [WALK, WATER]));
      assert.equal((await json<CheckOff>(await complete(userId, WALK, today()))).currentStreak, 1);
      goal.clock.advance(86_400_000);
      assert.equal((await json<CheckOff>(await complete(userId, WALK, today()))).currentStreak, 2);
      goal.clock.advance(86_400_000);
      const third = await json<CheckOff>(await complete(userId, WALK, today()));
      assert.equal(third.currentStreak, 3);
      assert.equal(third.celebration?.milestone, 3);
      assert.equal(third.celebration?.source, 'FALLBACK');
      assert.equal(third.celebration?.createdOn, today());
      assert.match(third.celebration?.text ?? '', /3일 연속/);

      await json(await undo(userId, WALK, today()));
      const redone = await json<CheckOff>(await complete(userId, WALK, today()));
      assert.deepEqual([redone.currentStreak, redone.celebration], [3, null], 'the same run is not celebrated twice');
      const progress = await json<{ celebrations: unknown[] }>(await goal.request('/api/goals/progress', { userId }));
      assert.deepEqual(progress.celebrations, [third.celebration]);
      // Announced once, with the text the user saw, for the batch's inbox and push.
      await eventually(() => celebrationsPublished(userId).length === 1);
      assert.deepEqual(
        celebrationsPublished(userId).map((e) => [e.type, e.kind, e.missionId, e.milestone, e.earnedOn, e.text, e.source]),
        [['CelebrationEarned', 'STREAK_MILESTONE', WALK, 3, today(), third.celebration?.text, 'FALLBACK']],
      );
    } finally {
      goal.clock.set(start);
    }
  });

  test('when the AI answers in time, then its celebration text replaces the fallback', async () => {
    const userId = newUser();
    const start = goal.clock.now();
    goal.dapr.onInvoke('intelligence', 'internal/intelligence/messages', (call) => {
      const body = call.body as { userId: string; kind: string };
      if (body.userId !== userId) throw invocationFailure(call, 503, {});
      return { text: '3일 연속! 대단해요 🎉', source: 'AI' };
    });
    try {
      goal.clock.advance(-2 * 86_400_000);
      await json(await choose(userId, [WALK]));
      for (let i = 0; i < 2; i += 1) {
        await json(await complete(userId, WALK, today()));
        goal.clock.advance(86_400_000);
      }
      const third = await json<CheckOff>(await complete(userId, WALK, today()));
      assert.deepEqual([third.celebration?.text, third.celebration?.source], ['3일 연속! 대단해요 🎉', 'AI']);
      const asked = goal.dapr.invocations.find((c) => c.path === 'internal/intelligence/messages' && (c.body as { userId: string }).userId === userId);
      assert.equal((asked?.body as { kind: string }).kind, 'CELEBRATION');
      // The announcement carries the AI's text, not the fallback stored with the check-off.
      await eventually(() => celebrationsPublished(userId).length === 1);
      assert.deepEqual(
        celebrationsPublished(userId).map((e) => [e.text, e.source]),
        [['3일 연속! 대단해요 🎉', 'AI']],
      );
    } finally {
      goal.clock.set(start);
    }
  });

  test('when a day is in the future, before yesterday or not a date, then the change is refused and nothing is stored', async () => {
    const userId = newUser();
    await json(await choose(userId, [WALK]));
    for (const [date, message] of [
      [day(1), /future/],
      [day(-2), /too long ago/],
      ['2026-02-30', /YYYY-MM-DD/],
      ['tomorrow', /YYYY-MM-DD/],
    ] as const) {
      for (const call of [complete, undo]) {
        const problem = await json<{ code: string; errors: { field: string; message: string }[] }>(await call(userId, WALK, date), 400);
        assert.equal(problem.code, 'VALIDATION_FAILED');
        assert.ok(
          problem.errors.some((e) => e.field === 'path.date' && message.test(e.message)),
          `${date}: ${JSON.stringify(problem.errors)}`,
        );
      }
    }
    const rows = await goal.db.query('select 1 from completions where user_id = $1', [userId]);
    assert.equal(rows.rowCount, 0);
  });

  test('when the Seoul day turns, then yesterday’s check-off is still editable and the day before is not', async () => {
    const userId = newUser();
    const start = goal.clock.now();
    try {
      goal.clock.set(`${today()}T23:59:00+09:00`);
      await json(await choose(userId, [WALK]));
      const day1 = today();
      await json(await complete(userId, WALK, day1));
      goal.clock.advance(2 * 60_000); // 00:01 the next day in Seoul
      assert.equal(today(), addDays(day1, 1));
      assert.equal((await json<CheckOff>(await undo(userId, WALK, day1))).changed, true);
      goal.clock.advance(86_400_000);
      assert.equal((await undo(userId, WALK, day1)).status, 400);
    } finally {
      goal.clock.set(start);
    }
  });

  test('when another user checks off or undoes my missions, then they are not found, and my day is untouched', async () => {
    const mine = newUser();
    const other = newUser();
    await json(await choose(mine, [WALK, WATER]));
    await json(await complete(mine, WALK, today()));
    const before = await json(await todayView(mine));
    assert.equal((await json<{ code: string }>(await complete(other, WATER, today()), 404)).code, 'MISSION_NOT_ACTIVE');
    await json(await choose(other, [BREATHING]));
    assert.equal((await json<{ code: string }>(await undo(other, WALK, today()), 404)).code, 'MISSION_NOT_ACTIVE');
    assert.deepEqual(await json(await todayView(mine)), before);
  });
});

describe('events, cache and the batch’s facts', () => {
  test('when a mission is checked off and undone, then mission-completed and mission-undone are published once each with the day and streak', async () => {
    const userId = newUser();
    await json(await choose(userId, [WALK, WATER]));
    await json(await complete(userId, WALK, today()));
    await json(await complete(userId, WALK, today())); // a no-op publishes nothing
    await json(await undo(userId, WALK, today()));
    const mine = (topic: string) => goal.dapr.publishedTo(topic).filter((e) => (e as { userId: string }).userId === userId) as Record<string, unknown>[];
    await eventually(() => mine('mission-undone').length === 1);
    assert.deepEqual(
      mine('mission-completed').map((e) => [e.type, e.missionId, e.date, e.currentStreak, e.dateTotals, e.activeMissionCount]),
      [['MissionCompleted', WALK, today(), 1, { scheduled: 2, completed: 1 }, 2]],
    );
    assert.deepEqual(
      mine('mission-undone').map((e) => [e.type, e.missionId, e.currentStreak]),
      [['MissionUndone', WALK, 0]],
    );
    assert.equal(mine('goal-set').length, 1);
    assert.equal(mine('mission-completed')[0]!.occurredAt, goal.clock.now().toISOString());
  });

  test('when today’s view is read, then the cached copy is served until a check-off, after which the next read is fresh', async () => {
    const userId = newUser();
    await json(await choose(userId, [WALK]));
    await json(await todayView(userId));
    const [key] = keysOf(userId);
    assert.ok(key, 'the view was saved in the cache with its day and version');
    // Mark the cached copy: a read that returns the mark came from the cache.
    const cached = goal.dapr.stateOf<{ version: number; view: Record<string, unknown> }>('cache', key)!;
    await goal.dapr.saveState('cache', key, { ...cached, view: { ...cached.view, completedCount: 99 } });
    assert.equal((await json<{ completedCount: number }>(await todayView(userId))).completedCount, 99);
    await json(await complete(userId, WALK, today()));
    assert.equal(goal.dapr.stateOf('cache', key), undefined, 'the old version’s entry was removed');
    const fresh = await json<{ completedCount: number; missions: { doneToday: boolean }[] }>(await todayView(userId));
    assert.deepEqual([fresh.completedCount, fresh.missions[0]!.doneToday], [1, true]);
    assert.equal(goal.dapr.stateOf<{ version: number }>('cache', key)?.version, cached.version + 1, 'the fresh view is cached for the new version');
  });

  test('when the batch pages through progress facts, then my active missions and streak are there, and paging moves forward by user id', async () => {
    let userId = newUser();
    while (userId.endsWith('0')) userId = newUser();
    // The id just before mine: the page after it starts with me.
    const before = userId.slice(0, -1) + (parseInt(userId.at(-1)!, 16) - 1).toString(16);
    const chosen = await json<{ goalSetId: string }>(await choose(userId, [WALK, WATER]));
    await json(await complete(userId, WALK, day(-1)));
    await json(await complete(userId, WALK, today()));
    const page = await json<{ today: string; users: Record<string, unknown>[]; nextCursor: string | null }>(
      await goal.request(`/internal/goals/progress-facts?limit=1&cursor=${before}`),
    );
    const mine = page.users[0];
    const cursor = page.nextCursor;
    assert.equal(page.today, today());
    assert.deepEqual(mine && { ...mine, activeMissions: undefined }, {
      userId,
      goalSetId: chosen.goalSetId,
      goalSetStartedOn: today(),
      activeMissions: undefined,
      activeMissionCount: 2,
      completedToday: 1,
      completionRate7d: 100,
      window7d: { from: day(-7), to: day(-1) },
      consecutiveMissedDays: 0,
      lastActivityDate: today(),
      currentStreak: 1,
    });
    assert.equal(cursor, userId);
  });

  test('when UserDeleted arrives, then the goal data is erased; a redelivery of the same event is skipped', async () => {
    const userId = newUser();
    await json(await choose(userId, [WALK]));
    await json(await complete(userId, WALK, today()));
    const eventId = randomUUID();
    const event = { eventId, type: 'UserDeleted', userId, occurredAt: goal.clock.now().toISOString() };
    assert.equal((await goal.deliver('/events/user-deleted', 'user-deleted', event, eventId)).status, 200);
    const counts = await goal.db.query<{ n: number }>(
      `select (select count(*) from goal_sets where user_id = $1) + (select count(*) from completions where user_id = $1)
         + (select count(*) from user_progress where user_id = $1) as n`,
      [userId],
    );
    assert.equal(Number(counts.rows[0]!.n), 0);
    assert.equal((await goal.deliver('/events/user-deleted', 'user-deleted', event, eventId)).status, 200);
    const view = await json<{ goalSetId: string | null }>(await todayView(userId));
    assert.equal(view.goalSetId, null);
  });
});

describe('when the intelligence service is down', () => {
  test('then catalogue missions can still be chosen, and an id that only the AI could know is answered 503', async () => {
    const userId = newUser();
    goal.dapr.onInvoke('intelligence', /recommendations\/current$/, (call) => {
      throw invocationFailure(call, 503, {});
    });
    await json(await choose(userId, [WALK]));
    const problem = await json<{ code: string }>(await choose(userId, [WALK, randomUUID()]), 503);
    assert.ok(problem.code);
    const view = await json<{ missions: { missionId: string }[] }>(await todayView(userId));
    assert.deepEqual(
      view.missions.map((m) => m.missionId),
      [WALK],
    );
  });
});

describe('erasure that always completes', () => {
  const erasureOf = async (userId: string) =>
    (
      await goal.db.query<{ completed: boolean; attempts: number; lastError: string | null }>(
        'select completed_at is not null as completed, attempts, last_error as "lastError" from erased_users where user_id = $1',
        [userId],
      )
    ).rows[0];
  const rowsOf = async (userId: string) =>
    Number(
      (
        await goal.db.query<{ n: string }>(
          `select (select count(*) from goal_sets where user_id = $1) + (select count(*) from completions where user_id = $1)
             + (select count(*) from user_progress where user_id = $1) + (select count(*) from celebrations where user_id = $1)
             + (select count(*) from outbox where aggregate_id = $1::text) as n`,
          [userId],
        )
      ).rows[0]!.n,
    );
  const deleted = (userId: string, eventId = randomUUID()) =>
    goal.deliver('/events/user-deleted', 'user-deleted', { eventId, type: 'UserDeleted', userId, occurredAt: new Date().toISOString() }, eventId);

  test('when Redis is down for longer than any retry while UserDeleted arrives, then the erasure is recorded, writes are refused at once, and the sweeper finishes it once Redis is back', async () => {
    const userId = newUser();
    await json(await choose(userId, [WALK]));
    await json(await complete(userId, WALK, today()));
    await json(await todayView(userId));
    assert.equal(keysOf(userId).length, 1, "today's view is cached");

    goal.dapr.storing = false;
    try {
      const delivery = await deleted(userId);
      assert.deepEqual(await delivery.json(), { status: 'SUCCESS' }, 'acknowledged: recorded, not left to the broker’s retries');
      assert.equal(await rowsOf(userId), 0, 'the rows went at once');
      const problem = await json<{ code: string }>(await undo(userId, WALK, today()), 401);
      assert.equal(problem.code, 'ACCOUNT_DELETED', 'a still-valid token writes nothing');
      assert.equal((await json<{ code: string }>(await choose(userId, [WATER]), 401)).code, 'ACCOUNT_DELETED');
      // Sweeps fail while the store is down; the erasure stays pending, with the step that failed.
      await waitFor(async () => ((await erasureOf(userId))?.attempts ?? 0) >= 3);
      const pending = await erasureOf(userId);
      assert.equal(pending?.completed, false);
      assert.ok(pending.attempts >= 2, `retried (${pending.attempts} attempts)`);
      assert.match(pending.lastError ?? '', /^cache: /);
      assert.equal(keysOf(userId).length, 1, 'the cached view is still there: nothing could remove it');
    } finally {
      goal.dapr.storing = true;
    }
    await waitFor(async () => (await erasureOf(userId))?.completed === true);
    assert.equal(goal.dapr.stateOf('cache', `today:${userId}`), undefined, 'the cached view is gone');
    assert.equal(await rowsOf(userId), 0);
    assert.equal((await json<{ code: string }>(await complete(userId, WALK, today()), 401)).code, 'ACCOUNT_DELETED');
  });

  test('when a write is in flight as the account is erased, then the erasure waits for it and removes what it wrote', async () => {
    const userId = newUser();
    await json(await choose(userId, [WALK]));
    let erased: Promise<Response> | undefined;
    // A write holding the user's lock as every write of the service does (lockLiveUser), committing after UserDeleted arrived.
    await withTransaction(goal.db, async (client) => {
      await lockLiveUser(client, userId);
      await client.query('insert into completions (user_id, mission_id, completed_on) values ($1, $2, $3)', [userId, WALK, today()]);
      erased = deleted(userId);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(await erasureOf(userId), undefined, 'the erasure waits for the write in flight');
    });
    assert.equal((await erased!).status, 200);
    assert.equal((await erasureOf(userId))?.completed, true);
    assert.equal(await rowsOf(userId), 0, 'what the write committed was erased with the rest');
    // A write that starts after the erasure is refused.
    await assert.rejects(
      withTransaction(goal.db, (client) => lockLiveUser(client, userId)),
      (error: unknown) => (error as { code?: string }).code === 'ACCOUNT_DELETED',
    );
  });
});

describe('the outbox', () => {
  const publishedOf = (userId: string) =>
    goal.dapr.published.filter((e) => (e.data as { userId?: string }).userId === userId).map((e) => [e.topic, (e.data as { missionId?: string }).missionId]);

  test('when one row can never be published, then it is parked (counted and logged by id) and the rows behind it, of the same user and of others, go on in order', async () => {
    const stuck = newUser();
    const other = newUser();
    await json(await choose(stuck, [WALK, WATER]));
    await json(await choose(other, [WALK]));
    await waitFor(async () => publishedOf(stuck).length === 1 && publishedOf(other).length === 1);
    let checks = 0;
    goal.dapr.refusePublishing = (topic, data) => {
      const event = data as { userId: string; missionId?: string };
      return topic === 'mission-completed' && event.userId === stuck && event.missionId === WALK;
    };
    try {
      await json(await complete(stuck, WALK, today())); // refused by the broker, every time
      await json(await complete(stuck, WATER, today())); // behind it: waits while it is retried
      // The other user's events keep going out, which is how the relay knows the broker works and the row is the
      // problem; they go on (at least six, at most a minute's worth) until the stuck user's later event is out.
      for (; checks < 6 || (publishedOf(stuck).length < 2 && checks < 150); checks += 1) {
        await json(await (checks % 2 === 0 ? complete : undo)(other, WALK, today()));
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
      await waitFor(async () => publishedOf(stuck).length === 2);
    } finally {
      goal.dapr.refusePublishing = undefined;
    }
    await waitFor(async () => publishedOf(other).length === 1 + checks);
    assert.deepEqual(publishedOf(stuck), [
      ['goal-set', undefined],
      ['mission-completed', WATER],
    ]);
    assert.deepEqual(
      publishedOf(other).map(([topic]) => topic),
      ['goal-set', ...Array.from({ length: checks }, (_, i) => (i % 2 === 0 ? 'mission-completed' : 'mission-undone'))],
      'the other user’s events went out in order',
    );
    const parked = await goal.db.query<{ id: string; attempts: number }>(
      `select id, attempts from outbox where aggregate_id = $1 and parked_at is not null and published_at is null and topic = 'mission-completed'`,
      [stuck],
    );
    assert.equal(parked.rowCount, 1, 'the row that never went out is parked, not deleted');
    const metrics = await (await goal.request('/metrics')).text();
    assert.match(metrics, /outbox_events_parked_total\{topic="mission-completed"[^}]*\} [1-9]/);
    const logged = goal
      .logs()
      .find((entry) => entry.message === 'outbox event parked after failing again and again; later events of its aggregate go on without it');
    assert.equal(logged?.eventId, parked.rows[0]!.id, 'the log line names the parked event');
  });

  test('when the broker is down for a while, then nothing is parked, and afterwards every event goes out in order', async () => {
    const userId = newUser();
    goal.dapr.publishing = false;
    try {
      await json(await choose(userId, [WALK, WATER]));
      await json(await complete(userId, WALK, today()));
      await json(await complete(userId, WATER, today()));
      await json(await undo(userId, WALK, today()));
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    } finally {
      goal.dapr.publishing = true;
    }
    await waitFor(async () => publishedOf(userId).length === 4, 15_000);
    assert.deepEqual(publishedOf(userId), [
      ['goal-set', undefined],
      ['mission-completed', WALK],
      ['mission-completed', WATER],
      ['mission-undone', WALK],
    ]);
    const parked = await goal.db.query('select 1 from outbox where aggregate_id = $1 and parked_at is not null', [userId]);
    assert.equal(parked.rowCount, 0);
  });

  test('when events have been published, then their rows are deleted after the retention window', async () => {
    const userId = newUser();
    await json(await choose(userId, [WALK]));
    await waitFor(async () => publishedOf(userId).length === 1);
    await waitFor(async () => (await goal.db.query('select 1 from outbox where aggregate_id = $1', [userId])).rowCount === 0);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    assert.ok(Date.now() < deadline, 'timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function keysOf(userId: string): string[] {
  // The double keeps the cache in memory; the user's one key, when it holds today's view.
  const key = `today:${userId}`;
  return goal.dapr.stateOf<{ day: string }>('cache', key)?.day === today() ? [key] : [];
}

async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok(check(), 'timed out');
}

describe('celebrations announced for the inbox', () => {
  const storeUnannounced = (userId: string, celebrationId: string, milestone: number, text: string, announceAfter: Date) =>
    goal.db.query(
      `insert into celebrations (id, user_id, mission_id, milestone, streak_started_on, streak_ended_on, created_on, text, source, announce_after)
       values ($1, $2, $3, $4, $5::date, $6::date, $6::date, $7, 'FALLBACK', $8)`,
      [celebrationId, userId, WALK, milestone, day(1 - milestone), today(), text, announceAfter],
    );

  test('when a check-off stored a celebration but never announced it (its replica died waiting for the AI), then the sweeper announces it once with the stored text, and not before it is due', async () => {
    const [died, waiting] = [newUser(), newUser()];
    const [diedId, waitingId] = [randomUUID(), randomUUID()];
    const start = goal.clock.now();
    await storeUnannounced(died, diedId, 7, '🎉 7일 연속 달성!', new Date(start.getTime() - 1000));
    await storeUnannounced(waiting, waitingId, 3, '🎉 3일 연속 달성!', new Date(start.getTime() + 60_000));
    try {
      await waitFor(async () => celebrationsPublished(died).length === 1);
      assert.deepEqual(
        celebrationsPublished(died).map((e) => [e.celebrationId, e.milestone, e.text, e.source]),
        [[diedId, 7, '🎉 7일 연속 달성!', 'FALLBACK']],
      );
      // The sweep that announced the first one saw the second and left it: its AI may still answer.
      assert.equal(celebrationsPublished(waiting).length, 0);
      goal.clock.advance(61_000);
      await waitFor(async () => celebrationsPublished(waiting).length === 1);
      assert.equal(celebrationsPublished(died).length, 1, 'a later sweep does not announce it again');
    } finally {
      goal.clock.set(start);
    }
  });
});

describe('contracts', () => {
  test('when the goal service publishes (choose, check off, undo, reset), then every event keeps its committed contract, CloudEvent type and id', async () => {
    const userId = newUser();
    await json(await choose(userId, [WALK, WATER]));
    await json(await complete(userId, WALK, today()));
    await json(await undo(userId, WALK, today()));
    await json(await goal.request('/api/goals/reset', { method: 'POST', userId, json: { reason: 'NO_TIME', note: '야근' } }));
    const types = await expectProducedEventsKeepContracts(goal, 'goal', { outbox: true });
    assert.ok(types['healthsync.goal.missions-reset.v1']! >= 1);
  });

  test('when every example the AsyncAPI document says goal receives is delivered, then each is accepted', async () => {
    assert.ok((await expectDocumentedExamplesAccepted(goal, 'goal')) >= 1);
  });
});

describe('the goal service’s part of “download my data”', () => {
  test('when health asks for it, then the chosen missions and every check-off come, and nothing of another user', async () => {
    const userId = randomUUID();
    const other = randomUUID();
    assert.equal((await choose(userId, [WALK, WATER])).status, 200);
    assert.equal((await choose(other, [BREATHING])).status, 200);
    assert.equal((await complete(userId, WATER, today())).status, 200);
    assert.equal((await complete(other, BREATHING, today())).status, 200);
    const response = await goal.request(`/internal/goals/users/${userId}/export`);
    assert.equal(response.status, 200, await response.clone().text());
    const part = (await response.json()) as {
      userId: string;
      areas: { 'mission-sets': { status: string; missions: { missionId: string }[] }[]; 'check-offs': { missionId: string; date: string }[] };
    };
    assert.equal(part.userId, userId);
    assert.deepEqual(
      part.areas['mission-sets'].map((s) => [s.status, s.missions.map((m) => m.missionId).sort()]),
      [['ACTIVE', [WATER, WALK].sort()]],
    );
    assert.deepEqual(
      part.areas['check-offs'].map((c) => [c.missionId, c.date]),
      [[WATER, today()]],
    );
    assert.ok(!JSON.stringify(part).includes(BREATHING));
  });
});
