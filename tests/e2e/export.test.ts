/**
 * "Download my data" through the gateway: a user with linked checkups (and their sheets), missions,
 * a chat and an inbox message asks for the export, polls until it is ready, downloads the ZIP and
 * reads it back (yauzl): their data is there, another user's is not; the other user cannot read or
 * download it; once expired the link answers 410 and the ZIP is removed from Storage.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { unzip } from '@healthsync/shared/testing';
import { goalsApi, seoulDay } from '../support/goals.js';
import { closeHealthDb, healthDb, linkAndImport, registerNhisPerson, uniquePhone } from '../support/health.js';
import { adminDb } from '../support/notifications.js';
import { eventually } from '../support/system.js';
import { activeUser, api, type SignedIn } from '../support/users.js';

interface ExportView {
  exportId: string;
  status: string;
  readyAt: string | null;
  expiresAt: string | null;
  size: number | null;
  downloadUrl: string | null;
  failure: string | null;
}

async function ok<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, text.slice(0, 300));
  return JSON.parse(text) as T;
}

interface Person {
  session: SignedIn;
  marker: string;
  checkupIds: string[];
}

/** A user with checkups and sheets, two missions (one checked off), a chat and an inbox message, each carrying their marker. */
async function personWithData(label: string): Promise<Person> {
  const name = `김${label === 'a' ? '가람' : '나래'}`;
  const birthDate = label === 'a' ? '1985-02-11' : '1991-07-23';
  const session = await activeUser(`export-${label}`, { name, birthDate, sex: 'F', occupation: 'OFFICE_WORKER' });
  const token = session.accessToken;
  const marker = `표식${randomUUID().slice(0, 8)}`;
  const nhis = { name, birthDate, phone: uniquePhone() };
  await registerNhisPerson(nhis, [{ year: '2025', examDate: '20250310', height_cm: '160.0', weight_kg: '55.0', bmi: '21.5', sbp: '118', dbp: '76' }], {
    sex: 'F',
    pdf: true,
  });
  const link = await linkAndImport(token, nhis);
  assert.equal(link.state, 'IMPORTED');
  await ok(await goalsApi.choose(token, ['cat-ex-lunch-walk', 'cat-di-water']));
  await ok(await goalsApi.complete(token, 'cat-di-water', seoulDay(0)));
  const chat = await ok<{ id: string }>(await api('/api/intelligence/chats', { method: 'POST', token, json: {} }), 201);
  await ok(await api(`/api/intelligence/chats/${chat.id}/messages`, { method: 'POST', token, json: { message: `${marker} 혈압 관리는 어떻게 하나요?` } }), 201);
  // An inbox message as the daily run writes it (the run itself is tested in notifications.test.ts).
  const db = await adminDb();
  try {
    await db.query(`insert into batch_service.notifications (id, user_id, kind, text, source, deliver_at) values ($1, $2, 'ENCOURAGEMENT', $3, 'AI', now())`, [
      randomUUID(),
      session.user.id,
      `${marker} 오늘도 물 한 잔 어때요?`,
    ]);
  } finally {
    await db.end();
  }
  return { session, marker, checkupIds: link.imported!.checkupIds };
}

after(() => closeHealthDb());

describe('download my data', () => {
  test('when a user asks for their data, then a ZIP with all of it (and nothing of anyone else) can be downloaded until it expires, by them only', async () => {
    const a = await personWithData('a');
    const b = await personWithData('b');
    const token = a.session.accessToken;

    const asked = await ok<ExportView>(await api('/api/users/me/exports', { method: 'POST', token, headers: { 'idempotency-key': randomUUID() } }), 202);
    assert.equal(asked.status, 'pending');
    const ready = await eventually(
      'the export is ready',
      async () => {
        const view = await ok<ExportView>(await api(`/api/users/me/exports/${asked.exportId}`, { token }));
        assert.notEqual(view.status, 'failed', view.failure ?? '');
        return view.status === 'ready' ? view : undefined;
      },
      60_000,
    );

    // Another user: the export does not exist for them, and its download neither.
    assert.equal((await api(`/api/users/me/exports/${asked.exportId}`, { token: b.session.accessToken })).status, 404);
    assert.equal((await api(ready.downloadUrl!, { token: b.session.accessToken })).status, 404);
    assert.equal((await api(ready.downloadUrl!)).status, 401);

    const download = await api(ready.downloadUrl!, { token });
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'application/zip');
    assert.match(download.headers.get('content-disposition') ?? '', /attachment; filename="healthsync-my-data-\d{8}\.zip"/);
    const zip = Buffer.from(await download.arrayBuffer());
    assert.equal(zip.length, ready.size);
    const files = await unzip(zip);
    const text = (path: string) => files.get(path)?.toString('utf8') ?? assert.fail(`${path} is not in the export`);

    const manifest = JSON.parse(text('manifest.json')) as { userId: string; files: { path: string }[]; parts: { app: string }[] };
    assert.equal(manifest.userId, a.session.user.id);
    assert.deepEqual(
      manifest.parts.map((p) => p.app),
      ['batch', 'goal', 'health', 'intelligence', 'user'],
    );
    assert.ok(text('README.txt').includes('manifest.json'));
    assert.equal(JSON.parse(text('user/profile.json')).email, a.session.user.email);
    assert.ok(text('user/consent-history.json').includes('AI_OVERSEAS_TRANSFER'));
    assert.deepEqual(
      (JSON.parse(text('health/checkups.json')) as { id: string }[]).map((c) => c.id),
      a.checkupIds,
    );
    for (const id of a.checkupIds) assert.equal(files.get(`health/documents/${id}.pdf`)?.subarray(0, 5).toString(), '%PDF-');
    assert.ok(text('health/access-log.json').includes('"EXPORT"'));
    assert.ok(text('goal/check-offs.json').includes('cat-di-water'));
    assert.ok(text('intelligence/chats.json').includes(a.marker));
    assert.ok(text('batch/notifications.json').includes(a.marker));
    const everything = [...files.values()].map((f) => f.toString('utf8')).join('\n');
    for (const trace of [b.session.user.id, b.marker, b.session.user.email!, ...b.checkupIds])
      assert.ok(!everything.includes(trace), `${trace} (user b) is in a's export`);

    // The link's time runs out (its expiry moved to now, as seven days would): 410, then the ZIP leaves Storage.
    await healthDb().query(`update data_exports set expires_at = now() - interval '1 second' where id = $1`, [asked.exportId]);
    const expired = await api(ready.downloadUrl!, { token });
    assert.equal(expired.status, 410);
    assert.equal(((await expired.json()) as { code: string }).code, 'EXPORT_EXPIRED');
    await eventually(
      'the expired ZIP is removed',
      async () =>
        (await healthDb().query(`select 1 from data_exports where id = $1 and state = 'EXPIRED' and blob_path is null`, [asked.exportId])).rowCount === 1,
      30_000,
    );
    assert.equal((await ok<ExportView>(await api(`/api/users/me/exports/${asked.exportId}`, { token }))).status, 'expired');
  });
});
