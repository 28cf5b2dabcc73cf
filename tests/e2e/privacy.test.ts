import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { linkAndImport, startLinkOnce, uniquePhone } from '../support/health.js';
import { importCheckups, waitForJudgedProfile } from '../support/intelligence.js';
import { eventually } from '../support/system.js';
import { api, grantConsents, newIdentity, signInWithIdToken, type ConsentPurpose, type SignedIn } from '../support/users.js';

/**
 * PIPA through the gateway, on the real system: the two consents gate NHIS linking and the AI
 * features (the user service answers health and intelligence at each request), and every read of
 * checkups — by the user, and by the intelligence service for an AI reading — is in the user's
 * "who accessed my data" log.
 */
const PROFILE = { name: '이동의', birthDate: '1984-07-21', sex: 'M', occupation: 'OFFICE_WORKER' } as const;
const CHECKUP = { year: '2025', examDate: '20250521', bmi: '26.4', sbp: '138', dbp: '88', fasting_glucose: '112', hemoglobin: '14.6' };

async function problemOf(response: Response, status: number): Promise<{ code: string; consents?: string[] }> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  return JSON.parse(text) as { code: string; consents?: string[] };
}

async function ok<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  return JSON.parse(text) as T;
}

/** Signed in and onboarded, with no consent given. */
async function onboardedWithoutConsents(label: string): Promise<SignedIn> {
  const session = await signInWithIdToken(newIdentity(label));
  await ok(await api('/api/users/me', { method: 'PUT', token: session.accessToken, json: PROFILE }));
  return session;
}

const withdraw = (token: string, purpose: ConsentPurpose) =>
  api('/api/users/me/consents', { method: 'POST', token, json: { purpose, action: 'WITHDRAW', channel: 'APP' } });

interface AccessLog {
  items: { accessor: { kind: string; id: string }; resource: string; resourceId: string | null; purpose: string; accessedAt: string }[];
  nextCursor: string | null;
}
interface History {
  items: { purpose: string; action: string; version: string; channel: string; recordedAt: string }[];
  nextCursor: string | null;
}

describe('consents and the access audit (PIPA)', () => {
  test('when a user links NHIS and asks for an AI reading, then each waits for its consent, a withdrawal stops it again, and the history shows every decision', async () => {
    const session = await onboardedWithoutConsents('privacy');
    const token = session.accessToken;
    const person = { ...PROFILE, phone: uniquePhone(), checkups: [CHECKUP] };

    // No consent: linking names HEALTH_DATA; the AI reading names both; nothing was started.
    const who = { name: person.name, birthDate: person.birthDate, phone: person.phone };
    const link = await problemOf(await startLinkOnce(token, who), 403);
    assert.deepEqual([link.code, link.consents], ['CONSENT_REQUIRED', ['HEALTH_DATA']]);
    const reading = await problemOf(await api('/api/intelligence/diagnosis', { token }), 403);
    assert.deepEqual([reading.code, reading.consents], ['CONSENT_REQUIRED', ['HEALTH_DATA', 'AI_OVERSEAS_TRANSFER']]);

    // Collecting health information granted: linking works; the AI still waits for the transfer abroad.
    await grantConsents(token, ['HEALTH_DATA']);
    await importCheckups(session, person);
    await waitForJudgedProfile(session);
    assert.deepEqual((await problemOf(await api('/api/intelligence/diagnosis', { token }), 403)).consents, ['AI_OVERSEAS_TRANSFER']);

    // The transfer granted: the reading comes.
    await grantConsents(token, ['AI_OVERSEAS_TRANSFER'], 'WEB');
    await eventually('the AI reading', async () => (await api('/api/intelligence/diagnosis', { token })).status === 200, 30_000);

    // Withdrawn: refused again on the very next request (no cache in between), for the reading, new missions and the chat.
    await ok(await withdraw(token, 'AI_OVERSEAS_TRANSFER'));
    assert.equal((await problemOf(await api('/api/intelligence/diagnosis', { token }), 403)).code, 'CONSENT_REQUIRED');
    assert.equal((await problemOf(await api('/api/intelligence/missions/recommendations', { method: 'POST', token }), 403)).code, 'CONSENT_REQUIRED');
    const chat = await ok<{ id: string }>(await api('/api/intelligence/chats', { method: 'POST', token, json: {} }), 201);
    const asked = await api(`/api/intelligence/chats/${chat.id}/messages`, { method: 'POST', token, json: { message: '혈압을 낮추려면 어떻게 해야 하나요?' } });
    assert.equal((await problemOf(asked, 403)).code, 'CONSENT_REQUIRED');

    // The history: every decision, newest first, with version, time and channel.
    const history = await ok<History>(await api('/api/users/me/consents/history', { token }));
    assert.deepEqual(
      history.items.map((i) => [i.purpose, i.action, i.channel]),
      [
        ['AI_OVERSEAS_TRANSFER', 'WITHDRAW', 'APP'],
        ['AI_OVERSEAS_TRANSFER', 'GRANT', 'WEB'],
        ['HEALTH_DATA', 'GRANT', 'APP'],
      ],
    );
    assert.ok(history.items.every((i) => /^\d{4}-\d{2}-\d{2}$/.test(i.version) && !Number.isNaN(Date.parse(i.recordedAt))));
    const { consents } = await ok<{ consents: { purpose: string; granted: boolean }[] }>(await api('/api/users/me/consents', { token }));
    assert.deepEqual(
      consents.map((c) => [c.purpose, c.granted]),
      [
        ['HEALTH_DATA', true],
        ['AI_OVERSEAS_TRANSFER', false],
      ],
    );

    // Who accessed my data: my own reads of the checkups, and the intelligence service's read for the AI reading.
    const checkups = await ok<{ items: { id: string }[] }>(await api('/api/health/checkups', { token }));
    await ok(await api(`/api/health/checkups/${checkups.items[0]!.id}`, { token }));
    const log = await ok<AccessLog>(await api('/api/health/access-log?limit=100', { token }));
    const entries = log.items.map((i) => [i.accessor.kind, i.accessor.id, i.resource, i.purpose]);
    assert.deepEqual(entries.slice(0, 2), [
      ['USER', session.user.id, 'CHECKUP', 'USER_VIEW'],
      ['USER', session.user.id, 'CHECKUP_LIST', 'USER_VIEW'],
    ]);
    assert.equal(log.items[0]!.resourceId, checkups.items[0]!.id);
    assert.ok(
      entries.some(([kind, id, resource, purpose]) => kind === 'SERVICE' && id === 'intelligence' && resource === 'LATEST_JUDGED' && purpose === 'AI_READING'),
      `the AI reading's read is listed: ${JSON.stringify(entries)}`,
    );
    assert.ok(
      log.items.every(
        (i) => i.accessor.kind !== 'SERVICE' || i.purpose !== 'AI_READING' || Date.parse(i.accessedAt) <= Date.parse(history.items[0]!.recordedAt),
      ),
      'no AI read after the withdrawal',
    );
  });

  test('when HEALTH_DATA is withdrawn, then the checkups are destroyed (gone from the API) while the access log stays; consenting and linking again works', async () => {
    const session = await onboardedWithoutConsents('privacy-destroy');
    const token = session.accessToken;
    const person = { ...PROFILE, phone: uniquePhone(), checkups: [CHECKUP] };
    await grantConsents(token, ['HEALTH_DATA']);
    await importCheckups(session, person);
    const before = await ok<{ items: { id: string }[] }>(await api('/api/health/checkups', { token }));
    assert.equal(before.items.length, 1);
    const checkupId = before.items[0]!.id;
    await ok(await api(`/api/health/checkups/${checkupId}`, { token }));
    const logBefore = await ok<AccessLog>(await api('/api/health/access-log?limit=100', { token }));
    assert.ok(logBefore.items.length >= 2);

    // The consents list says what a withdrawal destroys (for the confirmation), and so does the answer.
    const listed = await ok<{ consents: { purpose: string; withdrawal: { deletes: string[] } }[] }>(await api('/api/users/me/consents', { token }));
    assert.ok(listed.consents.find((c) => c.purpose === 'HEALTH_DATA')!.withdrawal.deletes.includes('CHECKUPS'));
    const withdrawn = await ok<{ recorded: boolean; withdrawal: { deletes: string[] } }>(await withdraw(token, 'HEALTH_DATA'));
    assert.equal(withdrawn.recorded, true);
    assert.deepEqual(withdrawn.withdrawal.deletes, ['CHECKUPS', 'CHECKUP_DOCUMENTS', 'NHIS_LINKS', 'DATA_EXPORTS', 'AI_READINGS', 'AI_RECOMMENDATIONS']);

    await eventually(
      'the checkups to be destroyed',
      async () => (await ok<{ items: unknown[] }>(await api('/api/health/checkups', { token }))).items.length === 0,
      30_000,
    );
    assert.equal((await problemOf(await api(`/api/health/checkups/${checkupId}`, { token }), 404)).code, 'CHECKUP_NOT_FOUND');
    const logAfter = await ok<AccessLog>(await api('/api/health/access-log?limit=100', { token }));
    for (const entry of logBefore.items) {
      assert.ok(
        logAfter.items.some((e) => JSON.stringify(e) === JSON.stringify(entry)),
        `the access log keeps ${entry.resource} ${entry.purpose} of ${entry.accessedAt}`,
      );
    }

    // Consenting again and linking anew: the checkups are back (and a late replay of the withdrawal would not touch them).
    await grantConsents(token, ['HEALTH_DATA']);
    const relinked = await linkAndImport(token, { name: person.name, birthDate: person.birthDate, phone: person.phone });
    assert.equal(relinked.state, 'IMPORTED');
    const after = await ok<{ items: { id: string }[] }>(await api('/api/health/checkups', { token }));
    assert.equal(after.items.length, 1);
    assert.notEqual(after.items[0]!.id, checkupId, 'a new import, not the destroyed one');
  });

  test('when another user asks for my access log or consent history, or sends a malformed decision, then they see only their own and nothing changes', async () => {
    const owner = await onboardedWithoutConsents('privacy-owner');
    await grantConsents(owner.accessToken);
    await ok(await api('/api/health/checkups', { token: owner.accessToken }));
    const other = await onboardedWithoutConsents('privacy-other');

    // The user id comes from the token alone: a user id in the query is not a way in.
    for (const path of [`/api/health/access-log?userId=${owner.user.id}`, `/api/users/me/consents/history?userId=${owner.user.id}`]) {
      const answer = await ok<{ items: unknown[] }>(await api(path, { token: other.accessToken }));
      assert.deepEqual(answer.items, [], path);
    }
    // A cursor of the owner's log does not open it either.
    const ownerLog = await ok<AccessLog>(await api('/api/health/access-log?limit=1', { token: owner.accessToken }));
    assert.equal(ownerLog.items.length, 1);
    const walked = await api(`/api/health/access-log?cursor=${Buffer.from('a:999999999').toString('base64url')}`, { token: other.accessToken });
    assert.deepEqual((await ok<AccessLog>(walked)).items, []);

    for (const body of [
      { purpose: 'HEALTH_DATA', action: 'GRANT', version: '2026-12-01', channel: 'APP', userId: owner.user.id },
      { purpose: 'HEALTH_DATA', action: 'GRANT', version: '1999-01-01', channel: 'APP' },
      { purpose: 'EVERYTHING', action: 'GRANT', version: '2026-12-01', channel: 'APP' },
      { purpose: 'HEALTH_DATA', action: 'WITHDRAW', channel: 'SMS' },
    ]) {
      assert.equal(
        (await problemOf(await api('/api/users/me/consents', { method: 'POST', token: other.accessToken, json: body }), 400)).code,
        'VALIDATION_FAILED',
      );
    }
    assert.equal(
      (await problemOf(await api('/api/users/me/consents', { method: 'POST', json: { purpose: 'HEALTH_DATA', action: 'WITHDRAW', channel: 'APP' } }), 401))
        .code,
      'UNAUTHENTICATED',
    );
    // The owner's consents are as they were.
    const { consents } = await ok<{ consents: { granted: boolean }[] }>(await api('/api/users/me/consents', { token: owner.accessToken }));
    assert.deepEqual(
      consents.map((c) => c.granted),
      [true, true],
    );
    assert.deepEqual((await ok<History>(await api('/api/users/me/consents/history', { token: other.accessToken }))).items, []);
  });
});
