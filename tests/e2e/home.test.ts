import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expectJson, goalsApi } from '../support/goals.js';
import { closeHealthDb, identity, linkAndImport, registerNhisPerson, type NhisCheckup } from '../support/health.js';
import { whileFrozen } from '../support/processes.js';
import { waitForJudgedProfile } from '../support/intelligence.js';
import { eventually } from '../support/system.js';
import { activeUser, api, type SignedIn } from '../support/users.js';

type Part = { status: string; data?: unknown; code?: string; detail?: string };
type Home = Record<'profile' | 'latestCheckup' | 'todayMissions' | 'inbox', Part>;

const CHECKUP: NhisCheckup = {
  year: '2025',
  examDate: '20250314',
  organization_name: '새봄내과의원',
  height_cm: '162.0',
  weight_kg: '61.0',
  bmi: '23.2',
  waist_cm: '79.0',
  sbp: '134',
  dbp: '86',
  fasting_glucose: '104',
  hemoglobin: '12.9',
  urine_protein: '음성',
  creatinine: '0.8',
  egfr: '96',
  ast: '24',
  alt: '22',
  ggt: '28',
  chest_xray: '정상',
};

describe('home screen in one call', () => {
  let minji: SignedIn;

  before(async () => {
    minji = await activeUser('home-minji');
    const who = identity('김민지', '1988-04-12');
    await registerNhisPerson(who, [CHECKUP], { sex: 'F' });
    await linkAndImport(minji.accessToken, who);
    // Judged with the profile's sex and age (the health service learns them from an event).
    await waitForJudgedProfile(minji);
    const catalogue = await expectJson<{ missions: { id: string }[] }>(await goalsApi.catalogue(minji.accessToken));
    await expectJson(
      await goalsApi.choose(
        minji.accessToken,
        catalogue.missions.slice(0, 2).map((m) => m.id),
      ),
    );
  });
  after(() => closeHealthDb());

  test('when a signed-in user opens the home screen, then one call answers what the four separate calls answer', async () => {
    const home = await expectJson<Home>(await api('/api/home?inboxLimit=3', { token: minji.accessToken }));
    // The services answer the same user the same way one by one (nothing changed in between).
    const [profile, latest, today, inbox] = await Promise.all(
      ['/api/users/me', '/api/health/checkups/latest', '/api/goals/today', '/api/notifications?limit=3'].map(async (path) =>
        expectJson(await api(path, { token: minji.accessToken })),
      ),
    );
    assert.deepEqual(home, {
      profile: { status: 'OK', data: profile },
      latestCheckup: { status: 'OK', data: latest },
      todayMissions: { status: 'OK', data: today },
      inbox: { status: 'OK', data: inbox },
    });
    assert.equal((home.latestCheckup.data as { examDate: string }).examDate, '2025-03-14');
    assert.equal((today as { missions: unknown[] }).missions.length, 2);
  });

  test('when a new user without a checkup opens it, then the checkup part says NONE and the rest is served', async () => {
    const newcomer = await activeUser('home-newcomer');
    const home = await expectJson<Home>(await api('/api/home', { token: newcomer.accessToken }));
    assert.deepEqual(home.latestCheckup, { status: 'NONE' });
    assert.equal(home.profile.status, 'OK');
    assert.equal((home.profile.data as { id: string }).id, newcomer.user.id);
    assert.equal(home.todayMissions.status, 'OK');
    assert.deepEqual(home.inbox, { status: 'OK', data: { items: [], unreadCount: 0, nextCursor: null } });
  });

  test('when the inbox service hangs, then the home screen still comes, with the inbox marked UPSTREAM_TIMEOUT', async () => {
    const response = await whileFrozen('batch', () => api('/api/home', { token: minji.accessToken }));
    const home = await expectJson<Home>(response);
    assert.deepEqual(home.inbox, { status: 'UNAVAILABLE', code: 'UPSTREAM_TIMEOUT', detail: 'The batch service did not answer in time.' });
    assert.equal(home.profile.status, 'OK');
    assert.equal(home.latestCheckup.status, 'OK');
    assert.equal(home.todayMissions.status, 'OK');
    // Once it runs again, the inbox is back.
    await eventually('the inbox to be served again', async () => {
      const again = await expectJson<Home>(await api('/api/home', { token: minji.accessToken }));
      return again.inbox.status === 'OK';
    });
  });

  test('when the request is not valid, then 401 or 400 problem+json', async () => {
    const anonymous = await api('/api/home');
    assert.equal(anonymous.status, 401);
    assert.equal(((await anonymous.json()) as { code: string }).code, 'UNAUTHENTICATED');
    const tooMany = await api('/api/home?inboxLimit=500', { token: minji.accessToken });
    assert.equal(tooMany.status, 400);
    assert.equal(((await tooMany.json()) as { code: string }).code, 'VALIDATION_FAILED');
  });
});
