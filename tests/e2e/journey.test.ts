import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { awayFromSeoulMidnight, expectJson, goalsApi, seoulDay } from '../support/goals.js';
import { uniquePhone, type NhisCheckup } from '../support/health.js';
import { importCheckups, resetClaude, waitForJudgedProfile } from '../support/intelligence.js';
import { eventually, secrets, sidecar, systemFacts } from '../support/system.js';
import { activeUser, api, people, type SignedIn } from '../support/users.js';

/**
 * One person's whole way through the app, through the gateway only: sign in, link the NHIS
 * checkups, get AI missions and check one off, chat, then delete the account, and every
 * service forgets them. It runs on every local component set (HEALTHSYNC_COMPONENTS; npm test
 * runs it on `local` and again on `alt`), so it also shows that the same code works on each
 * set's brokers and stores; the AI usage it causes reaches the usage-analytics service (Python)
 * through the usage stream of that set.
 */

const CHECKUP: NhisCheckup = {
  year: '2025',
  examDate: '20250611',
  height_cm: '171.0',
  weight_kg: '79.5',
  bmi: '27.2',
  waist_cm: '91.0',
  sbp: '138',
  dbp: '88',
  fasting_glucose: '108',
  total_chol: '214',
  hdl: '46',
  ldl: '139',
  tg: '160',
  hemoglobin: '14.9',
  urine_protein: '음성',
  creatinine: '1.0',
  egfr: '88',
  ast: '27',
  alt: '35',
  ggt: '41',
};
const PROFILE = { name: '박서준', birthDate: '1985-07-21', sex: 'M', occupation: 'OFFICE_WORKER' } as const;

interface UsageDay {
  features: { feature: string; requests: number; inputTokens: number }[];
}

/** Today's model attempts of one feature, as the batch service reads them from usage-analytics. */
async function usageRequests(feature: string): Promise<number> {
  const response = await sidecar('batch', `/v1.0/invoke/usage-analytics/method/internal/usage-analytics/days/${seoulDay()}`);
  const day = await expectJson<UsageDay>(response);
  return day.features.filter((f) => f.feature === feature).reduce((sum, f) => sum + f.requests, 0);
}

describe(`the whole journey (component set: ${systemFacts.components})`, () => {
  let session: SignedIn;
  let db: pg.Client;

  before(async () => {
    await awayFromSeoulMidnight();
    await resetClaude();
    db = new pg.Client({ connectionString: secrets['postgres-admin-url'] });
    await db.connect();
  });
  after(async () => {
    await db?.end();
  });

  test('when a person signs in, links their checkups, takes AI missions, checks one off, chats and deletes the account, then each step answers and nothing of them is left', async () => {
    const chatBefore = await usageRequests('chat');
    const missionsBefore = await usageRequests('recommendations');

    // Sign in with Google (the OIDC stand-in) and onboard.
    session = await activeUser(people.seoyeon, PROFILE);
    const me = await expectJson<{ id: string; status: string }>(await api('/api/users/me', { token: session.accessToken }));
    assert.equal(me.status, 'ACTIVE');

    // Link NHIS: the checkup is imported and judged against the official criteria.
    await importCheckups(session, { ...PROFILE, phone: uniquePhone(), checkups: [CHECKUP] });
    await waitForJudgedProfile(session);
    const latest = await expectJson<{ examDate: string; items: { item: string; grade: string }[] }>(
      await api('/api/health/checkups/latest', { token: session.accessToken }),
    );
    assert.equal(latest.examDate, '2025-06-11');
    assert.equal(latest.items.find((i) => i.item === 'BLOOD_PRESSURE')?.grade, 'NORMAL_B');

    // AI missions, chosen in the goal service and checked off today.
    const set = await expectJson<{ source: string; missions: { id: string }[] }>(
      await api('/api/intelligence/missions/recommendations', { method: 'POST', token: session.accessToken }),
    );
    assert.equal(set.source, 'AI');
    const chosenIds = set.missions.slice(0, 3).map((m) => m.id);
    await expectJson(await goalsApi.choose(session.accessToken, chosenIds));
    await expectJson(await goalsApi.complete(session.accessToken, chosenIds[0]!, seoulDay()));
    const today = await expectJson<{ completedCount: number; totalCount: number; missions: { missionId: string; doneToday: boolean }[] }>(
      await goalsApi.today(session.accessToken),
    );
    assert.deepEqual([today.completedCount, today.totalCount], [1, 3]);
    assert.equal(today.missions.find((m) => m.missionId === chosenIds[0])?.doneToday, true);

    // Chat about the results.
    const chat = await expectJson<{ id: string }>(await api('/api/intelligence/chats', { method: 'POST', token: session.accessToken }), 201);
    const reply = await expectJson<{ source: string; reply: { role: string; content: string } }>(
      await api(`/api/intelligence/chats/${chat.id}/messages`, {
        method: 'POST',
        token: session.accessToken,
        json: { message: '혈압을 낮추려면 무엇부터 할까요?' },
      }),
      201,
    );
    assert.equal(reply.source, 'AI');
    assert.equal(reply.reply.role, 'assistant');
    assert.ok(reply.reply.content.length > 0);

    // The model calls went out on the usage stream and the Python service counted them.
    await eventually('usage-analytics to count the chat and the recommendations', async () => {
      return (await usageRequests('chat')) > chatBefore && (await usageRequests('recommendations')) > missionsBefore;
    });

    // Delete the account: the sessions end and every service erases the person.
    const deleted = await api('/api/users/me', { method: 'DELETE', token: session.accessToken });
    assert.equal(deleted.status, 204);
    assert.equal((await api('/api/users/me', { token: session.accessToken })).status, 401);
    assert.equal((await api('/api/auth/refresh', { method: 'POST', json: { refreshToken: session.refreshToken } })).status, 401);
    const left = async () =>
      (
        await db.query<{ n: string }>(
          `select (select count(*) from health_service.checkups where user_id::text = $1)
                + (select count(*) from goal_service.goal_sets where user_id::text = $1)
                + (select count(*) from intelligence_service.chat_sessions where user_id::text = $1)
                + (select count(*) from intelligence_service.recommendation_sets where user_id::text = $1) as n`,
          [me.id],
        )
      ).rows[0]!.n;
    await eventually('every service to erase the person', async () => (await left()) === '0', 30_000);
  });
});
