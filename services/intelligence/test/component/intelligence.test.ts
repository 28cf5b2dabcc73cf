import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { addDays, CONSENT_PURPOSES, seoulToday, type ConsentPurpose } from '@healthsync/shared';
import {
  answerConsents,
  type Component,
  expectDocumentedExamplesAccepted,
  expectProducedEventsKeepContracts,
  invocationFailure,
  startComponent,
} from '@healthsync/shared/testing';
import { loadConfig, silentLogger, start, type RunningStandin } from '@healthsync/standin-claude';
import { intelligenceService } from '../../src/server.js';

/**
 * The intelligence service in-process against the Claude stand-in (in-process too, speaking the
 * Messages API); the health service's latest judged checkup comes from the Dapr double.
 */
const API_KEY = 'sk-ant-component-test';
let claude: RunningStandin;
let intelligence: Component;
/** The judged record the health service answers, per user; absent: it does not answer. */
const records = new Map<string, unknown>();
/** The consents the user service answers per user; every consent unless set here. */
const consentsOf = new Map<string, readonly ConsentPurpose[]>();

const items = [
  {
    item: 'BLOOD_PRESSURE',
    name: '혈압',
    value: '142/91',
    unit: 'mmHg',
    grade: 'SUSPECTED_DISEASE',
    appliedRange: { normalA: '수축기 < 120 그리고 이완기 < 80', normalB: null, suspected: '' },
  },
  {
    item: 'FASTING_GLUCOSE',
    name: '공복혈당',
    value: 104,
    unit: 'mg/dL',
    grade: 'NORMAL_B',
    appliedRange: { normalA: 'x < 100', normalB: null, suspected: '' },
  },
  { item: 'BMI', name: '체질량지수', value: 22.1, unit: 'kg/m²', grade: 'NORMAL_A', appliedRange: null },
];

function userWith(checkup: 'checkup' | 'none'): string {
  const userId = randomUUID();
  records.set(userId, {
    userId,
    profile: { sex: 'F', birthDate: '1988-04-12', occupation: 'OFFICE_WORKER' },
    checkup: checkup === 'checkup' ? { checkupId: randomUUID(), examYear: 2025, examDate: '2025-03-14', items } : null,
  });
  return userId;
}

before(async () => {
  claude = await start(loadConfig({ CLAUDE_STANDIN_PORT: '0', CLAUDE_STANDIN_API_KEY: API_KEY, CLAUDE_STANDIN_CONTROL: 'true' }), { logger: silentLogger });
  intelligence = await startComponent(intelligenceService, {
    env: { CLAUDE_BASE_URL: claude.url, CLAUDE_MAX_ATTEMPTS: '1', AI_DAILY_TOKEN_BUDGET: '100000', ERASURE_SWEEP_SECONDS: '1', ERASURE_MAX_RETRY_SECONDS: '1' },
    secrets: { 'claude-api-key': API_KEY },
  });
  answerConsents(intelligence.dapr, (userId) => consentsOf.get(userId) ?? CONSENT_PURPOSES);
  // The reader says why it reads (the health service records it in the user's access audit).
  intelligence.dapr.onInvoke('health', /^internal\/health\/users\/[^/]+\/latest-judged\?purpose=(AI_READING|AI_RECOMMENDATIONS|AI_CHAT)$/, (call) => {
    const record = records.get(decodeURIComponent(call.path.split('/')[3]!));
    if (!record) throw invocationFailure(call, 503, { code: 'UNAVAILABLE' });
    return record;
  });
});

after(async () => {
  await intelligence?.stop();
  await claude?.stop();
});

async function json<T = Record<string, unknown>>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  return JSON.parse(text) as T;
}

interface Reading {
  source: string;
  fallbackReason: string | null;
  cached: boolean;
  lines: { kind: string; text: string; itemCodes: string[] }[];
  riskLevel: string;
}
interface Recommendation {
  source: string;
  fallbackReason: string | null;
  missions: { id: string; minutes: number; targetItems: string[] }[];
}

/** Messages API calls the Claude stand-in has answered so far. */
async function claudeCalls(): Promise<number> {
  const stats = (await (await fetch(`${claude.url}/_control/stats`)).json()) as { total: number };
  return stats.total;
}

const reading = (userId: string) => intelligence.request('/api/intelligence/diagnosis', { userId });
const recommend = (userId: string) => intelligence.request('/api/intelligence/missions/recommendations', { method: 'POST', userId });

describe('readings and missions', () => {
  test('when a user with a checkup asks for the reading, then three lines grounded in their items come from the AI, and the next read is cached', async () => {
    const userId = userWith('checkup');
    const first = await json<Reading>(await reading(userId));
    assert.deepEqual([first.source, first.fallbackReason, first.cached], ['AI', null, false]);
    assert.deepEqual(
      first.lines.map((l) => l.kind),
      ['OVERALL', 'MAIN_RISK', 'OCCUPATION'],
    );
    assert.ok(first.lines.every((l) => l.itemCodes.every((code) => items.some((i) => i.item === code))));
    assert.equal(first.riskLevel, 'HIGH');
    const again = await json<Reading>(await reading(userId));
    assert.equal(again.cached, true);
    assert.deepEqual(again.lines, first.lines);
  });

  test('when a user has no checkup, then the reading is 404 CHECKUP_NOT_FOUND but five missions still come, targeting nothing', async () => {
    const userId = userWith('none');
    assert.equal((await json<{ code: string }>(await reading(userId), 404)).code, 'CHECKUP_NOT_FOUND');
    const set = await json<Recommendation>(await recommend(userId));
    assert.equal(set.missions.length, 5);
    assert.ok(set.missions.every((m) => m.targetItems.length === 0));
    const current = await json<{ missions: { id: string }[] }>(await intelligence.request(`/internal/intelligence/users/${userId}/recommendations/current`));
    assert.deepEqual(
      current.missions.map((m) => m.id),
      set.missions.map((m) => m.id),
      'the goal service reads the same set',
    );
  });

  test('when the health service does not answer, then the reading says the health data is unavailable (503)', async () => {
    const userId = randomUUID();
    const problem = await json<{ code: string }>(await reading(userId), 503);
    assert.equal(problem.code, 'HEALTH_DATA_UNAVAILABLE');
  });
});

describe('consents (PIPA)', () => {
  const healthReadsOf = (userId: string) =>
    intelligence.dapr.invocations.filter((c) => c.appId === 'health' && c.path.includes(userId)).map((c) => c.path.split('?')[1]);
  const ask = async (userId: string) => {
    const chat = await json<{ id: string }>(await intelligence.request('/api/intelligence/chats', { method: 'POST', userId, json: {} }), 201);
    return intelligence.request(`/api/intelligence/chats/${chat.id}/messages`, { method: 'POST', userId, json: { message: '혈압이 높으면 어떻게 하나요?' } });
  };

  test('when the user has not consented to the transfer abroad, then the reading, the missions and the chat answer 403 naming it, and nothing is read or sent', async () => {
    const userId = userWith('checkup');
    consentsOf.set(userId, ['HEALTH_DATA']);
    const calls = await claudeCalls();
    for (const response of [await reading(userId), await recommend(userId), await ask(userId)]) {
      const problem = await json<{ code: string; consents: string[] }>(response, 403);
      assert.deepEqual([problem.code, problem.consents], ['CONSENT_REQUIRED', ['AI_OVERSEAS_TRANSFER']]);
    }
    assert.deepEqual(healthReadsOf(userId), [], 'the health record was not read');
    assert.equal(await claudeCalls(), calls, 'nothing went to the model');
    const stored = await intelligence.db.query('select 1 from chat_messages m join chat_sessions s on s.id = m.session_id where s.user_id = $1', [userId]);
    assert.equal(stored.rowCount, 0, 'the question was not stored');
  });

  test('when the user consents, then the reading comes and says why it read the record; withdrawn, even the stored reading is refused', async () => {
    const userId = userWith('checkup');
    consentsOf.set(userId, []);
    const refused = await json<{ consents: string[] }>(await reading(userId), 403);
    assert.deepEqual(refused.consents, ['HEALTH_DATA', 'AI_OVERSEAS_TRANSFER']);
    consentsOf.set(userId, CONSENT_PURPOSES);
    assert.equal((await json<Reading>(await reading(userId))).source, 'AI');
    assert.deepEqual(healthReadsOf(userId), ['purpose=AI_READING']);
    consentsOf.set(userId, ['HEALTH_DATA']);
    assert.equal((await json<{ code: string }>(await reading(userId), 403)).code, 'CONSENT_REQUIRED');
  });
});

describe('nudges and celebrations (the per-message route) need AI_OVERSEAS_TRANSFER', () => {
  const compose = (userId: string, kind: 'NUDGE' | 'CELEBRATION') =>
    intelligence.request('/internal/intelligence/messages', {
      method: 'POST',
      json: {
        userId,
        kind,
        facts: { milestone: 3, streakDays: 3, missionTitle: '점심 산책', missionCategory: 'exercise', activeMissionCount: 2, todayCompletionRate: 50 },
      },
    });

  test('when the user has not consented to the transfer abroad, then the celebration and the nudge are the marked rule-based texts and nothing goes to the model', async () => {
    const userId = randomUUID();
    consentsOf.set(userId, ['HEALTH_DATA']);
    const calls = await claudeCalls();
    for (const kind of ['CELEBRATION', 'NUDGE'] as const) {
      const answer = await json<{ text: string; source: string }>(await compose(userId, kind));
      assert.equal(answer.source, 'FALLBACK', kind);
      assert.ok(answer.text.length > 0);
    }
    assert.equal(await claudeCalls(), calls, 'nothing went to the model');
    consentsOf.set(userId, CONSENT_PURPOSES);
    assert.equal((await json<{ source: string }>(await compose(userId, 'CELEBRATION'))).source, 'AI', 'with the consent the AI writes it');
    assert.equal(await claudeCalls(), calls + 1);
  });

  test('when the user service does not answer, then the text is rule-based and nothing goes to the model', async () => {
    const userId = randomUUID();
    intelligence.dapr.onInvoke('user', `internal/users/${userId}/consents`, (call) => {
      throw invocationFailure(call, 503);
    });
    const calls = await claudeCalls();
    assert.equal((await json<{ source: string }>(await compose(userId, 'CELEBRATION'))).source, 'FALLBACK');
    assert.equal(await claudeCalls(), calls);
  });
});

describe('the daily token budget on the clock’s Seoul day', () => {
  test('when the user has spent today’s budget, then missions come from the flagged fallback; on the next Seoul day the AI answers again', async () => {
    const userId = userWith('checkup');
    await intelligence.db.query('insert into token_usage (user_id, day, input_tokens, output_tokens, calls) values ($1, $2, 10000000, 0, 1)', [
      userId,
      seoulToday(intelligence.clock),
    ]);
    const callsBefore = await claudeCalls();
    const spent = await json<Recommendation>(await recommend(userId));
    assert.deepEqual([spent.source, spent.fallbackReason, spent.missions.length], ['FALLBACK', 'DAILY_TOKEN_BUDGET_EXCEEDED', 5]);
    const chat = await json<{ id: string }>(await intelligence.request('/api/intelligence/chats', { method: 'POST', userId, json: {} }), 201);
    const reply = await json<{ source: string; fallbackReason: string | null }>(
      await intelligence.request(`/api/intelligence/chats/${chat.id}/messages`, {
        method: 'POST',
        userId,
        json: { message: '물은 하루에 얼마나 마셔야 하나요?' },
      }),
      201,
    );
    assert.deepEqual([reply.source, reply.fallbackReason], ['FALLBACK', 'DAILY_TOKEN_BUDGET_EXCEEDED']);
    assert.equal(await claudeCalls(), callsBefore, 'Claude was not called');

    const start = intelligence.clock.now();
    try {
      intelligence.clock.set(`${addDays(seoulToday(intelligence.clock), 1)}T00:00:00+09:00`);
      const fresh = await json<Recommendation>(await recommend(userId));
      assert.deepEqual([fresh.source, fresh.fallbackReason], ['AI', null]);
      const usage = await intelligence.db.query<{ day: string }>("select to_char(day, 'YYYY-MM-DD') as day from token_usage where user_id = $1 order by day", [
        userId,
      ]);
      assert.deepEqual(
        usage.rows.map((r) => r.day),
        [seoulToday({ now: () => start }), seoulToday(intelligence.clock)],
        'the AI call counts on the new day',
      );
    } finally {
      intelligence.clock.set(start);
    }
  });
});

describe('chat input and erasure', () => {
  test('when a chat message is longer than 1000 characters, then it is refused with 400 and nothing is stored', async () => {
    const userId = userWith('checkup');
    const chat = await json<{ id: string }>(await intelligence.request('/api/intelligence/chats', { method: 'POST', userId, json: {} }), 201);
    const response = await intelligence.request(`/api/intelligence/chats/${chat.id}/messages`, {
      method: 'POST',
      userId,
      json: { message: '가'.repeat(1001) },
    });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { code: string }).code, 'VALIDATION_FAILED');
    const stored = await intelligence.db.query('select 1 from chat_messages where session_id = $1', [chat.id]);
    assert.equal(stored.rowCount, 0);
  });

  test('when UserDeleted arrives, then the user’s recommendations, chats and token usage are erased', async () => {
    const userId = userWith('checkup');
    await json(await recommend(userId));
    await json(await intelligence.request('/api/intelligence/chats', { method: 'POST', userId, json: {} }), 201);
    const response = await intelligence.deliver('/events/user-deleted', 'user-deleted', {
      eventId: randomUUID(),
      type: 'UserDeleted',
      userId,
      occurredAt: intelligence.clock.now().toISOString(),
    });
    assert.equal(response.status, 200);
    const left = await intelligence.db.query<{ n: string }>(
      `select (select count(*) from recommendation_sets where user_id = $1) + (select count(*) from chat_sessions where user_id = $1)
            + (select count(*) from token_usage where user_id = $1) + (select count(*) from cached_answers where user_id = $1) as n`,
      [userId],
    );
    assert.equal(Number(left.rows[0]!.n), 0);
    assert.equal((await intelligence.request(`/internal/intelligence/users/${userId}/recommendations/current`)).status, 404);
  });
});

describe('withdrawing the consent to collect health information', () => {
  test('when HEALTH_DATA is withdrawn, then the cached reading and the recommendations made from the checkups go, the chats stay; a replay changes nothing', async () => {
    const userId = userWith('checkup');
    assert.equal((await json<Reading>(await reading(userId))).cached, false);
    assert.equal((await json<Reading>(await reading(userId))).cached, true);
    await json(await recommend(userId));
    const chat = await json<{ id: string }>(await intelligence.request('/api/intelligence/chats', { method: 'POST', userId, json: {} }), 201);
    const other = userWith('checkup');
    await json(await recommend(other));
    const event = { eventId: randomUUID(), type: 'ConsentWithdrawn', userId, occurredAt: intelligence.clock.now().toISOString(), purpose: 'HEALTH_DATA' };
    assert.deepEqual(await (await intelligence.deliver('/events/consent-withdrawn', 'consent-withdrawn', event)).json(), { status: 'SUCCESS' });
    const left = async (id: string) =>
      Number(
        (
          await intelligence.db.query<{ n: string }>(
            `select (select count(*) from recommendation_sets where user_id = $1)
                  + (select count(*) from cached_answers where user_id = $1 and feature in ('diagnosis', 'recommendations')) as n`,
            [id],
          )
        ).rows[0]!.n,
      );
    assert.equal(await left(userId), 0);
    assert.equal((await intelligence.request(`/internal/intelligence/users/${userId}/recommendations/current`)).status, 404);
    assert.equal((await json<Reading>(await reading(userId))).cached, false, 'the reading is made afresh, not served from the cache');
    assert.ok((await left(other)) > 0, 'another user’s recommendations stay');
    const chats = await intelligence.db.query('select 1 from chat_sessions where id = $1', [chat.id]);
    assert.equal(chats.rowCount, 1, 'the chat stays');

    // Recommended again after consenting again; the same withdrawal delivered again destroys nothing new.
    await json(await recommend(userId));
    assert.deepEqual(await (await intelligence.deliver('/events/consent-withdrawn', 'consent-withdrawn', event)).json(), { status: 'SUCCESS' });
    assert.equal((await intelligence.request(`/internal/intelligence/users/${userId}/recommendations/current`)).status, 200);
  });
});

describe('message batches', () => {
  test('when a batch of nudges is collected, then each request is reported once on the usage stream as a batched call with the tokens it spent', async () => {
    const id = randomUUID();
    const users: string[] = [randomUUID(), randomUUID()];
    const requests = users.map((userId, i) => ({ customId: `u-${i}`, userId, facts: { completionRate: 0.4, streakDays: 0, consecutiveFailures: 2 } }));
    await json(await intelligence.request(`/internal/intelligence/message-batches/${id}/requests`, { method: 'PUT', json: { kind: 'NUDGE', requests } }));
    await json(await intelligence.request(`/internal/intelligence/message-batches/${id}/submit`, { method: 'POST', json: { expectedCount: 2 } }));
    let view: { ready: boolean } = { ready: false };
    for (let i = 0; i < 200 && !view.ready; i += 1) {
      view = await json(await intelligence.request(`/internal/intelligence/message-batches/${id}`));
      if (!view.ready) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(view.ready, 'the batch was collected');
    const usage = () => intelligence.dapr.published.filter((e) => e.topic === 'ai-usage' && users.includes((e.data as { userId: string }).userId));
    const events = usage().map((e) => e.data as Record<string, unknown>);
    assert.equal(events.length, 2);
    for (const event of events) {
      assert.equal(event.feature, 'nudge');
      assert.equal(event.batched, true);
      assert.equal(event.streamed, false);
      assert.equal(event.outcome, 'SUCCESS');
      assert.ok((event.inputTokens as number) > 0 && (event.outputTokens as number) > 0, 'the tokens the batch spent');
    }
    assert.equal(new Set(events.map((e) => e.eventId)).size, 2);
  });
});

describe('erasure while Redis is down', () => {
  test('when UserDeleted arrives while the cache cannot be reached for longer than any retry, then the erasure is recorded and the rows go at once, writes are refused, and the cached answers go once Redis is back', async () => {
    const userId = userWith('checkup');
    assert.equal((await json<Reading>(await reading(userId))).source, 'AI');
    const chat = await json<{ id: string }>(await intelligence.request('/api/intelligence/chats', { method: 'POST', userId, json: {} }), 201);
    await json(
      await intelligence.request(`/api/intelligence/chats/${chat.id}/messages`, { method: 'POST', userId, json: { message: '혈압을 낮추려면?' } }),
      201,
    );
    const listed = await intelligence.db.query<{ cache_key: string }>('select cache_key from cached_answers where user_id = $1', [userId]);
    assert.equal(listed.rowCount, 1, 'the reading is cached');
    const key = listed.rows[0]!.cache_key;
    assert.ok(intelligence.dapr.stateOf('cache', key));

    intelligence.dapr.storing = false;
    try {
      // Before, the cache was cleared first and an error there failed the delivery until Dapr gave up.
      const eventId = randomUUID();
      const deleted = { eventId, type: 'UserDeleted', userId, occurredAt: new Date().toISOString() };
      const delivery = await intelligence.deliver('/events/user-deleted', 'user-deleted', deleted, eventId);
      assert.deepEqual(await delivery.json(), { status: 'SUCCESS' });
      const rows = await intelligence.db.query<{ n: string }>(
        `select (select count(*) from chat_sessions where user_id = $1) + (select count(*) from chat_messages where user_id = $1)
              + (select count(*) from token_usage where user_id = $1) as n`,
        [userId],
      );
      assert.equal(Number(rows.rows[0]!.n), 0, 'chats and usage went at once');
      for (const refused of [
        await intelligence.request('/api/intelligence/chats', { method: 'POST', userId, json: {} }),
        await reading(userId),
        await recommend(userId),
      ]) {
        assert.equal((await json<{ code: string }>(refused, 401)).code, 'ACCOUNT_DELETED');
      }
      const pendingErasure = () =>
        intelligence.db.query<{ completed: boolean; attempts: number; lastError: string }>(
          'select completed_at is not null as completed, attempts, last_error as "lastError" from erased_users where user_id = $1',
          [userId],
        );
      // Sweeps fail while the store is down; the erasure stays pending, with the step that failed.
      for (let i = 0; i < 150 && ((await pendingErasure()).rows[0]?.attempts ?? 0) < 3; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
      const pending = await pendingErasure();
      assert.ok(pending.rows[0]!.attempts >= 3, `retried (${pending.rows[0]!.attempts} attempts)`);
      assert.equal(pending.rows[0]?.completed, false);
      assert.match(pending.rows[0]!.lastError, /^cache: /);
      assert.ok(intelligence.dapr.stateOf('cache', key), 'the cached reading could not be dropped yet');
      assert.equal((await intelligence.db.query('select 1 from cached_answers where user_id = $1', [userId])).rowCount, 1, 'its key stays listed until then');
    } finally {
      intelligence.dapr.storing = true;
    }
    for (let i = 0; i < 100; i += 1) {
      const done = await intelligence.db.query('select 1 from erased_users where user_id = $1 and completed_at is not null', [userId]);
      if (done.rowCount === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(intelligence.dapr.stateOf('cache', key), undefined, 'the cached reading is gone');
    assert.equal((await intelligence.db.query('select 1 from cached_answers where user_id = $1', [userId])).rowCount, 0);
  });
});

describe('contracts', () => {
  test('when the intelligence service has called the model, then every usage event keeps its committed contract, CloudEvent type, id and partition key', async () => {
    const types = await expectProducedEventsKeepContracts(intelligence, 'intelligence', { outbox: false });
    assert.ok(types['healthsync.intelligence.ai-model-called.v1']! >= 1);
    for (const event of intelligence.dapr.published.filter((e) => e.topic === 'ai-usage')) {
      assert.equal(event.options.metadata?.partitionKey, (event.data as { userId: string }).userId);
    }
  });

  test('when every example the AsyncAPI document says intelligence receives is delivered, then each is accepted', async () => {
    assert.equal(await expectDocumentedExamplesAccepted(intelligence, 'intelligence'), 5);
  });
});

describe('the intelligence service’s part of “download my data”', () => {
  test('when health asks for it, then each chat comes with its messages in order, and nothing of another user', async () => {
    const userId = randomUUID();
    const other = randomUUID();
    const chatOf = async (owner: string, texts: string[]) => {
      const id = randomUUID();
      await intelligence.db.query('insert into chat_sessions (id, user_id, title) values ($1, $2, $3)', [id, owner, texts[0]]);
      for (const [index, text] of texts.entries()) {
        await intelligence.db.query('insert into chat_messages (id, session_id, user_id, role, content, source) values ($1, $2, $3, $4, $5, $6)', [
          randomUUID(),
          id,
          owner,
          index % 2 === 0 ? 'user' : 'assistant',
          text,
          index % 2 === 0 ? null : 'AI',
        ]);
      }
      return id;
    };
    const chat = await chatOf(userId, ['혈압이 높으면 어떻게 하나요?', '싱겁게 드시고 자주 걸어 보세요.']);
    await chatOf(other, ['다른 사람의 질문']);
    const response = await intelligence.request(`/internal/intelligence/users/${userId}/export`);
    const part = await json<{ userId: string; areas: { chats: { id: string; messages: { role: string; content: string }[] }[] } }>(response);
    assert.equal(part.userId, userId);
    assert.deepEqual(
      part.areas.chats.map((c) => [c.id, c.messages.map((m) => `${m.role}: ${m.content}`)]),
      [[chat, ['user: 혈압이 높으면 어떻게 하나요?', 'assistant: 싱겁게 드시고 자주 걸어 보세요.']]],
    );
    assert.ok(!JSON.stringify(part).includes('다른 사람의 질문'));
  });
});
