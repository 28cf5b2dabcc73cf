import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { publicDocument, recordFigures } from '../support/attack.js';
import { seoulDay } from '../support/goals.js';
import { identity, linkAndImport, registerNhisPerson } from '../support/health.js';
import { chooseMissionsDaysAgo, inbox, mustSavePreferences, quietHoursAwayFromNow } from '../support/notifications.js';
import { eventually } from '../support/system.js';
import { activeUser, api, people, validProfile, type SignedIn } from '../support/users.js';

/**
 * Broken object-level authorisation, generated from the public document: every operation
 * whose path takes an id is called with user A's real ids and user B's token. Every answer
 * must be 403 or 404 problem+json, and everything A can read is unchanged afterwards.
 * A templated route this file has no id for fails the test, so a new route cannot slip by.
 */
describe("object-level authorisation: A's ids with B's token", () => {
  let a: SignedIn;
  let b: SignedIn;
  /** Template → parameter values naming A's objects. */
  const idsOfA = new Map<string, Record<string, string>>();
  /** A body B sends instead of `{}`, by `method template`, and the status B may get (its own resource). */
  const bodiesOfB = new Map<string, unknown>();
  /** What A sees before the attack, by path. */
  const viewsOfA = new Map<string, string>();
  const figures = { operations: 0, requests: 0, findings: 0 };

  const readable = () => [
    '/api/users/me',
    '/api/health/checkups',
    ...[...idsOfA.entries()].filter(([t]) => t.startsWith('/api/health/checkups/{id}') && !t.endsWith('/document')).map(([t, p]) => t.replace('{id}', p.id!)),
    `/api/health/nhis/links/${idsOfA.get('/api/health/nhis/links/{id}')!.id}`,
    `/api/intelligence/chats/${idsOfA.get('/api/intelligence/chats/{id}')!.id}`,
    '/api/goals/today',
    '/api/notifications',
    '/api/notifications/devices',
    ...(idsOfA.has('/api/users/me/exports/{exportId}') ? [`/api/users/me/exports/${idsOfA.get('/api/users/me/exports/{exportId}')!.exportId}`] : []),
  ];

  /** A's view with the volatile parts (times computed at read, cache hints) left out. */
  async function snapshot(): Promise<Map<string, string>> {
    const views = new Map<string, string>();
    for (const path of readable()) {
      const response = await api(path, { token: a.accessToken });
      assert.equal(response.status, 200, `A can read ${path}`);
      views.set(
        path,
        // Keys sorted: a cached view and a freshly built one list the same fields in another order.
        JSON.stringify(await response.json(), (key, value: unknown) => {
          if (['lastActiveAt', 'generatedAt', 'secondsLeft', 'expiresAt', 'url'].includes(key)) return undefined;
          if (value && typeof value === 'object' && !Array.isArray(value)) {
            return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)));
          }
          return value;
        }),
      );
    }
    return views;
  }

  before(async () => {
    a = await activeUser(people.minji);
    b = await activeUser(people.junho, { ...validProfile, name: '이준호', sex: 'M' });

    // A's objects in every service, created the way the app creates them. First the nudge: the daily run
    // writes one to a user who is behind, and a check-off today would make A not behind.
    await mustSavePreferences(a.accessToken, { optedOut: false, quietHours: quietHoursAwayFromNow() });
    await chooseMissionsDaysAgo(a.user.id, 8);
    const notification = await eventually("a notification in A's inbox", async () => (await inbox(a.accessToken)).items[0], 90_000);
    idsOfA.set('/api/notifications/{id}/read', { id: notification.id });
    const pushToken = () => `${randomBytes(11).toString('base64url')}:APA91b${randomBytes(110).toString('base64url')}`;
    const device = await api('/api/notifications/devices/minji-phone', {
      method: 'PUT',
      token: a.accessToken,
      json: { token: pushToken(), platform: 'ANDROID' },
    });
    assert.equal(device.status, 200, 'A registers a push device');
    idsOfA.set('/api/notifications/devices/{deviceId}', { deviceId: 'minji-phone' });
    // Device ids name devices within the caller's own account: B's PUT of A's id registers B's own
    // device (checked below to leave A's untouched), so it is sent with B's own valid token.
    bodiesOfB.set('put /api/notifications/devices/{deviceId}', { token: pushToken(), platform: 'IOS' });

    const who = identity(validProfile.name, validProfile.birthDate);
    await registerNhisPerson(who, [{ year: '2025', examDate: '20250514', height_cm: '162.0', weight_kg: '55.0', bmi: '21.0', sbp: '118', dbp: '76' }], {
      sex: 'F',
      pdf: true,
    });
    const link = await linkAndImport(a.accessToken, who);
    const checkupId = link.imported!.checkupIds[0]!;
    idsOfA.set('/api/health/checkups/{id}', { id: checkupId });
    idsOfA.set('/api/health/checkups/{id}/document', { id: checkupId });
    idsOfA.set('/api/health/nhis/links/{id}', { id: link.id });
    idsOfA.set('/api/health/nhis/links/{id}/complete', { id: link.id });

    const chat = await api('/api/intelligence/chats', { method: 'POST', token: a.accessToken });
    assert.equal(chat.status, 201, `A opens a chat: ${chat.status}`);
    const chatId = ((await chat.json()) as { id: string }).id;
    idsOfA.set('/api/intelligence/chats/{id}', { id: chatId });
    idsOfA.set('/api/intelligence/chats/{id}/messages', { id: chatId });

    const recommended = await api('/api/intelligence/missions/recommendations', { method: 'POST', token: a.accessToken });
    assert.equal(recommended.status, 200, `A gets recommendations: ${recommended.status}`);
    const missions = ((await recommended.json()) as { missions: { id: string }[] }).missions;
    const chosen = await api('/api/goals/missions', { method: 'PUT', token: a.accessToken, json: { missionIds: [missions[0]!.id] } });
    assert.ok(chosen.status < 300, `A chooses a recommended mission: ${chosen.status} ${await chosen.text()}`);
    const checked = await api(`/api/goals/missions/${missions[0]!.id}/completions/${seoulDay()}`, { method: 'PUT', token: a.accessToken });
    assert.equal(checked.status, 200, 'A checks it off');
    idsOfA.set('/api/goals/missions/{missionId}/completions/{date}', { missionId: missions[0]!.id, date: seoulDay() });

    // "Download my data": an export of A's, built (it then stays as it is until it expires).
    const asked = await api('/api/users/me/exports', { method: 'POST', token: a.accessToken, headers: { 'idempotency-key': randomUUID() } });
    assert.equal(asked.status, 202, `A asks for an export: ${asked.status}`);
    const exportId = ((await asked.json()) as { exportId: string }).exportId;
    await eventually(
      "A's export to be ready",
      async () => ((await (await api(`/api/users/me/exports/${exportId}`, { token: a.accessToken })).json()) as { status: string }).status === 'ready',
      60_000,
    );
    idsOfA.set('/api/users/me/exports/{exportId}', { exportId });
    idsOfA.set('/api/users/me/exports/{exportId}/download', { exportId });

    for (const [path, view] of await snapshot()) viewsOfA.set(path, view);
  });

  after(() => recordFigures('bola', figures));

  test("every operation that takes an id answers 403 or 404 to another user, and A's data is unchanged", async () => {
    const document = await publicDocument();
    const templated = Object.entries(document.paths).filter(([template]) => template.includes('{'));
    const missing = templated.map(([t]) => t).filter((t) => !idsOfA.has(t));
    assert.deepEqual(missing, [], "every templated route has one of A's ids to try");

    const findings: string[] = [];
    for (const [template, operations] of templated) {
      const params = idsOfA.get(template)!;
      const path = template.replace(/\{([^}]+)\}/g, (_all, name: string) => encodeURIComponent(params[name]!));
      for (const method of Object.keys(operations)) {
        figures.operations += 1;
        figures.requests += 1;
        const own = bodiesOfB.get(`${method} ${template}`);
        if (own !== undefined) {
          const response = await api(path, { method: method.toUpperCase(), token: b.accessToken, json: own });
          if (response.status !== 200) findings.push(`${method.toUpperCase()} ${template} as B (B's own): ${response.status} ${await response.text()}`);
          else await response.body?.cancel();
          // B's own device goes again, so B's DELETE of A's id below meets nothing of B's.
          await (await api(path, { method: 'DELETE', token: b.accessToken })).body?.cancel();
          continue;
        }
        const body =
          method === 'post' && template.endsWith('/messages')
            ? { message: '제 검진 결과를 알려주세요' }
            : method === 'get' || method === 'delete'
              ? undefined
              : {};
        const response = await api(path, { method: method.toUpperCase(), token: b.accessToken, ...(body ? { json: body } : {}) });
        const text = await response.text();
        const problem = (response.headers.get('content-type') ?? '').startsWith('application/problem+json');
        if (![403, 404].includes(response.status) || !problem) {
          figures.findings += 1;
          findings.push(`${method.toUpperCase()} ${template} as B: ${response.status} ${text.slice(0, 200)}`);
        }
      }
    }
    assert.deepEqual(findings, []);

    const after = await snapshot();
    for (const [path, view] of viewsOfA) assert.equal(after.get(path), view, `A's ${path} is unchanged`);
  });
});
