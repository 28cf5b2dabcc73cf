import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { CONSENT_PURPOSES, DATA_EXPORT_PART_APPS, dataExportPartPath, settableClock, type ConsentPurpose } from '@healthsync/shared';
import {
  answerConsents,
  invocationFailure,
  type Component,
  expectDocumentedExamplesAccepted,
  expectProducedEventsKeepContracts,
  startComponent,
  startOutageProxy,
  testBlobConnectionString,
  type OutageProxy,
  unzip,
} from '@healthsync/shared/testing';
import { loadConfig, silentLogger, start, type RunningStandin } from '@healthsync/standin-nhis';
import { healthService } from '../../src/server.js';

/**
 * The health service in-process with the NHIS stand-in in-process too, both on the same test
 * clock: the approval window passes by moving the clock, not by waiting three minutes.
 */
const CLIENT_ID = 'component-client';
const CLIENT_SECRET = 'component-secret';
const clock = settableClock('2026-11-24T12:00:00+09:00');
let nhis: RunningStandin;
let health: Component;
/** Between the service and Azurite: a Blob Storage outage on demand. */
let blob: OutageProxy;
/** The service's container, read directly (not through the proxy). */
let container: ContainerClient;
/** The exports container, read directly. */
let exportsContainer: ContainerClient;
/** Consents the user service answers per user (every consent unless set here); `null`: the user service is down. */
const consentsOf = new Map<string, readonly ConsentPurpose[] | null>();
/** The apps whose export part fails (500) while listed here. */
const failingParts = new Set<string>();

before(async () => {
  nhis = await start(
    loadConfig({ NHIS_STANDIN_PORT: '0', NHIS_STANDIN_CLIENT_ID: CLIENT_ID, NHIS_STANDIN_CLIENT_SECRET: CLIENT_SECRET, NHIS_STANDIN_CONTROL: 'true' }),
    { logger: silentLogger, clock: { now: () => clock.now().getTime() } },
  );
  const azurite = testBlobConnectionString();
  blob = await startOutageProxy({ port: Number(/BlobEndpoint=http:\/\/127\.0\.0\.1:(\d+)\//.exec(azurite)![1]) });
  const name = `checkups-${randomUUID().slice(0, 8)}`;
  container = BlobServiceClient.fromConnectionString(azurite).getContainerClient(name);
  exportsContainer = BlobServiceClient.fromConnectionString(azurite).getContainerClient(`exports-${name.slice('checkups-'.length)}`);
  health = await startComponent(healthService, {
    clock,
    env: {
      NHIS_BASE_URL: nhis.url,
      BLOB_CONTAINER: name,
      EXPORT_BLOB_CONTAINER: `exports-${name.slice('checkups-'.length)}`,
      // Exports: looked for every second; a failed attempt is retried after a second of the test clock, twice in all.
      EXPORT_WORKER_SECONDS: '1',
      EXPORT_RETRY_SECONDS: '1',
      EXPORT_MAX_ATTEMPTS: '2',
      EXPORT_TTL_SECONDS: '3600',
      // A Blob call gives up after a second; the breaker tries again a second after opening; waiting files
      // and pending erasures are retried every second.
      BLOB_TIMEOUT_MS: '1000',
      BLOB_BREAKER_RESET_SECONDS: '1',
      BLOB_UPLOAD_RETRY_SECONDS: '1',
      ERASURE_SWEEP_SECONDS: '1',
      ERASURE_MAX_RETRY_SECONDS: '1',
    },
    secrets: {
      'blob-connection-string': azurite.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${blob.port}`),
      'nhis-client-id': CLIENT_ID,
      'nhis-client-secret': CLIENT_SECRET,
    },
  });
  for (const app of DATA_EXPORT_PART_APPS) {
    const prefix = dataExportPartPath[app]('USER').replace(/USER\/export$/, '');
    health.dapr.onInvoke(app, new RegExp(`^${prefix}[0-9a-f-]{36}/export$`), (call) => {
      const userId = call.path.slice(prefix.length, prefix.length + 36);
      if (failingParts.has(app)) throw invocationFailure(call, 500, { errorCode: 'ERR_DIRECT_INVOKE' });
      return { userId, schemaVersion: 1, areas: { [`${app}-area`]: { app, userId, marker: `${app} of ${userId}` } } };
    });
  }
  answerConsents(health.dapr, (userId) => {
    const given = consentsOf.get(userId);
    if (given === null) throw invocationFailure({ appId: 'user', method: 'GET', path: 'internal/users', body: undefined, headers: {} }, 500);
    return given ?? CONSENT_PURPOSES;
  });
});

after(async () => {
  await health?.stop();
  await blob?.close();
  await nhis?.stop();
});

async function json<T = Record<string, unknown>>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  return JSON.parse(text) as T;
}

let phoneSequence = Math.floor(Math.random() * 9000);
const uniquePhone = () => `010-${1000 + Math.floor(Math.random() * 9000)}-${String((phoneSequence = (phoneSequence + 1) % 10_000)).padStart(4, '0')}`;

interface Person {
  userId: string;
  name: string;
  birthDate: string;
  phone: string;
}

/** A user whose profile the user service announced, registered with NHIS with these checkups. */
async function person(checkups: Record<string, string>[], options: { pdf?: boolean } = {}): Promise<Person> {
  const who = { userId: randomUUID(), name: '김민지', birthDate: '1988-04-12', phone: uniquePhone() };
  const profile = {
    eventId: randomUUID(),
    type: 'UserRegistered',
    userId: who.userId,
    occurredAt: clock.now().toISOString(),
    profile: { name: who.name, birthDate: who.birthDate, sex: 'F', occupation: 'OFFICE_WORKER' },
  };
  assert.equal((await health.deliver('/events/user-registered', 'user-registered', profile)).status, 200);
  const registered = await control('/people', {
    name: who.name,
    birthDate: who.birthDate.replaceAll('-', ''),
    phone: who.phone,
    sex: 'F',
    checkups,
    ...options,
  });
  assert.equal(registered.status, 201);
  return who;
}

const control = (path: string, body: unknown) =>
  fetch(`${nhis.url}/_control${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });

async function approvalOf(phone: string): Promise<string | undefined> {
  const { pending } = (await (await fetch(`${nhis.url}/_control/approvals`, { headers: { accept: 'application/json' } })).json()) as {
    pending: { jti: string; phone: string }[];
  };
  const digits = phone.replace(/\D/g, '');
  return pending.find((p) => p.phone.endsWith(digits.slice(-4)) && p.phone.startsWith(digits.slice(0, 3)))?.jti;
}

const checkup = (year: string, values: Record<string, string> = {}) => ({
  year,
  examDate: `${year}0412`,
  organization_name: '새봄내과의원',
  height_cm: '165.0',
  weight_kg: '58.0',
  bmi: '21.3',
  waist_cm: '74.0',
  sbp: '112',
  dbp: '72',
  fasting_glucose: '92',
  hemoglobin: '13.2',
  creatinine: '0.7',
  egfr: '105',
  ast: '21',
  alt: '18',
  ggt: '20',
  ...values,
});

interface LinkView {
  id: string;
  state: string;
  reason: string | null;
  expiresAt: string;
  imported: { newCheckups: number; checkupIds: string[] } | null;
}

const startLink = (who: Person, extra: Record<string, unknown> = {}) =>
  health.request('/api/health/nhis/links', {
    method: 'POST',
    userId: who.userId,
    json: { name: who.name, birthDate: who.birthDate, phone: who.phone, provider: 'KAKAO', ...extra },
  });
const completeLink = (userId: string, id: string) => health.request(`/api/health/nhis/links/${id}/complete`, { method: 'POST', userId });

describe('linking NHIS', () => {
  test('when the user approves on the phone and the link completes, then each checkup is imported, judged and announced once', async () => {
    const who = await person([checkup('2024', { sbp: '142', dbp: '91' }), checkup('2022')]);
    const link = await json<LinkView>(await startLink(who), 201);
    assert.equal(link.state, 'PENDING_APPROVAL');
    assert.equal(Date.parse(link.expiresAt) - clock.now().getTime(), 180_000, 'three minutes on the test clock');
    const jti = await approvalOf(who.phone);
    assert.ok(jti, 'the phone shows the request');
    assert.equal((await control(`/approvals/${jti}`, { decision: 'approve' })).status, 200);

    const completed = await json<LinkView>(await completeLink(who.userId, link.id));
    assert.deepEqual([completed.state, completed.imported?.newCheckups], ['IMPORTED', 2]);
    const history = await json<{ items: { examYear: number }[] }>(await health.request('/api/health/checkups', { userId: who.userId }));
    assert.deepEqual(
      history.items.map((i) => i.examYear),
      [2024, 2022],
    );

    const judged = await json<{ checkup: { items: { item: string; grade: string }[] } }>(
      await health.request(`/internal/health/users/${who.userId}/latest-judged?purpose=AI_READING`),
    );
    assert.equal(judged.checkup.items.find((i) => i.item === 'BLOOD_PRESSURE')?.grade, 'SUSPECTED_DISEASE');
    for (let i = 0; i < 100 && !imported(who.userId).length; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(imported(who.userId).length, 1);
    assert.deepEqual([...(imported(who.userId)[0]!.checkupIds as string[])].sort(), [...completed.imported!.checkupIds].sort());
  });

  test('when nobody approves within the window, then approving is refused and the link is EXPIRED — on the test clock, without waiting', async () => {
    const who = await person([checkup('2024')]);
    const link = await json<LinkView>(await startLink(who), 201);
    const jti = await approvalOf(who.phone);
    const start = clock.now();
    try {
      clock.advance(181_000);
      assert.equal(await approvalOf(who.phone), undefined, 'no longer on the phone');
      assert.equal((await control(`/approvals/${jti}`, { decision: 'approve' })).status, 409, 'too late to approve');
      const completed = await json<LinkView>(await completeLink(who.userId, link.id));
      assert.deepEqual([completed.state, completed.reason], ['EXPIRED', 'APPROVAL_WINDOW_PASSED']);
      assert.equal((await json<LinkView>(await health.request(`/api/health/nhis/links/${link.id}`, { userId: who.userId }))).state, 'EXPIRED');
    } finally {
      clock.set(start);
    }
  });

  test('when the link request is malformed, then 400 names each field and no link is made', async () => {
    const who = await person([]);
    const cases: [Record<string, unknown>, string][] = [
      [{ phone: '02-123-4567' }, 'body.phone'],
      [{ birthDate: '1988-02-30' }, 'body.birthDate'],
      [{ provider: 'PASS' }, 'body.carrier'],
      [{ provider: 'CYWORLD' }, 'body.provider'],
      [{ admin: true }, 'body'],
    ];
    for (const [extra, field] of cases) {
      const problem = await json<{ code: string; errors: { field: string }[] }>(await startLink(who, extra), 400);
      assert.equal(problem.code, 'VALIDATION_FAILED');
      assert.ok(
        problem.errors.some((e) => e.field.startsWith(field)),
        `${field}: ${JSON.stringify(problem.errors)}`,
      );
    }
    assert.equal((await health.db.query('select 1 from nhis_links where user_id = $1', [who.userId])).rowCount, 0);
  });

  test('when another user asks for my link, then it does not exist for them', async () => {
    const who = await person([checkup('2024')]);
    const link = await json<LinkView>(await startLink(who), 201);
    const other = randomUUID();
    assert.equal((await health.request(`/api/health/nhis/links/${link.id}`, { userId: other })).status, 404);
    assert.equal((await completeLink(other, link.id)).status, 404);
  });

  test('when UserDeleted arrives, then checkups, links and the profile are erased', async () => {
    const who = await person([checkup('2024')]);
    const link = await json<LinkView>(await startLink(who), 201);
    await control(`/approvals/${await approvalOf(who.phone)}`, { decision: 'approve' });
    await json(await completeLink(who.userId, link.id));
    assert.equal(
      (
        await health.deliver('/events/user-deleted', 'user-deleted', {
          eventId: randomUUID(),
          type: 'UserDeleted',
          userId: who.userId,
          occurredAt: clock.now().toISOString(),
        })
      ).status,
      200,
    );
    const counts = await health.db.query<{ n: string }>(
      `select (select count(*) from checkups where user_id = $1) + (select count(*) from nhis_links where user_id = $1)
            + (select count(*) from profiles where user_id = $1) as n`,
      [who.userId],
    );
    assert.equal(Number(counts.rows[0]!.n), 0);
    const judged = await json<{ profile: unknown; checkup: unknown }>(
      await health.request(`/internal/health/users/${who.userId}/latest-judged?purpose=AI_READING`),
    );
    assert.deepEqual([judged.profile, judged.checkup], [null, null]);
  });
});

/** Links NHIS for the person and approves on the phone; returns the imported checkup ids. */
async function linkAndImport(who: Person): Promise<string[]> {
  const link = await json<LinkView>(await startLink(who), 201);
  assert.equal((await control(`/approvals/${await approvalOf(who.phone)}`, { decision: 'approve' })).status, 200);
  const done = await json<LinkView>(await completeLink(who.userId, link.id));
  assert.equal(done.state, 'IMPORTED');
  return done.imported!.checkupIds;
}

/** Everything stored under the user's prefix, snapshots and versions included. */
async function blobsOf(userId: string): Promise<string[]> {
  const names: string[] = [];
  for await (const item of container.listBlobsFlat({ prefix: `users/${userId}/`, includeSnapshots: true, includeVersions: true })) {
    names.push(`${item.name}${item.snapshot ? `@${item.snapshot}` : ''}${item.versionId ? `#${item.versionId}` : ''}`);
  }
  return names.sort();
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    assert.ok(Date.now() < deadline, 'timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const documentOf = (userId: string, checkupId: string) => health.request(`/api/health/checkups/${checkupId}/document`, { userId });

describe('when Blob Storage is down', () => {
  test('then an NHIS import keeps its checkups and their sheets, which are served from PostgreSQL until they reach Storage when it is back', async () => {
    const who = await person([checkup('2024'), checkup('2022')], { pdf: true });
    blob.down();
    let ids: string[];
    try {
      ids = await linkAndImport(who);
      assert.equal(ids.length, 2, 'both checkups imported while Storage was down');
      const history = await json<{ items: unknown[] }>(await health.request('/api/health/checkups', { userId: who.userId }));
      assert.equal(history.items.length, 2);
      const sheet = await documentOf(who.userId, ids[0]!);
      assert.equal(sheet.status, 200, 'the sheet is served from where it waits');
      assert.equal(sheet.headers.get('content-type'), 'application/pdf');
      assert.match(
        Buffer.from(await sheet.arrayBuffer())
          .subarray(0, 5)
          .toString('latin1'),
        /^%PDF-/,
      );
      const waiting = await health.db.query('select path from blob_uploads where user_id = $1', [who.userId]);
      assert.equal(waiting.rowCount, 4, 'a raw payload and a sheet per checkup wait in PostgreSQL');
      assert.deepEqual(await blobsOf(who.userId), [], 'nothing reached Storage');
    } finally {
      blob.up();
    }
    await waitFor(async () => (await health.db.query('select 1 from blob_uploads where user_id = $1', [who.userId])).rowCount === 0);
    assert.equal((await blobsOf(who.userId)).length, 4, 'every file is in Storage now');
    const fromStorage = await documentOf(who.userId, ids[1]!);
    assert.equal(fromStorage.status, 200);
    assert.match(
      Buffer.from(await fromStorage.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
      /^%PDF-/,
    );
  });

  test('then a stored sheet answers 503 DOCUMENTS_UNAVAILABLE with Retry-After, while checkups, trends and linking still work', async () => {
    const who = await person([checkup('2024')], { pdf: true });
    const [id] = await linkAndImport(who);
    await waitFor(async () => (await blobsOf(who.userId)).length === 2);
    blob.down();
    try {
      const breakerOpen = async () => /blob_breaker_open\{[^}]*\} 1/.test(await (await health.request('/metrics')).text());
      for (let i = 0; i < 20 && !(await breakerOpen()); i += 1) {
        const sheet = await documentOf(who.userId, id!);
        const problem = await json<{ code: string; retryAfterSeconds: number }>(sheet, 503);
        assert.equal(problem.code, 'DOCUMENTS_UNAVAILABLE');
        assert.ok(Number(sheet.headers.get('retry-after')) >= 1, 'Retry-After');
        assert.match(sheet.headers.get('content-type') ?? '', /^application\/problem\+json/);
      }
      assert.ok(await breakerOpen(), 'the breaker opened: later calls fail at once');
      assert.equal((await json<{ code: string }>(await documentOf(who.userId, id!), 503)).code, 'DOCUMENTS_UNAVAILABLE');
      assert.equal((await health.request('/api/health/checkups/latest', { userId: who.userId })).status, 200);
      assert.equal((await health.request('/api/health/trends', { userId: who.userId })).status, 200);
      const again = await person([checkup('2023')], { pdf: true });
      assert.equal((await linkAndImport(again)).length, 1, 'linking goes on');
    } finally {
      blob.up();
    }
    await waitFor(async () => (await documentOf(who.userId, id!)).status === 200);
  });

  test('then a user deleted meanwhile is erased at once in PostgreSQL, refused further writes, and the files (snapshots too) go once Storage is back', async () => {
    const who = await person([checkup('2024')], { pdf: true });
    const [id] = await linkAndImport(who);
    await waitFor(async () => (await blobsOf(who.userId)).length === 2);
    // A snapshot, as a backup tool or an operator would take: erasure must remove it too.
    await container.getBlobClient(`users/${who.userId}/checkups/${id}/result-sheet.pdf`).createSnapshot();
    assert.equal((await blobsOf(who.userId)).length, 3);
    blob.down();
    try {
      const eventId = randomUUID();
      const deleted = { eventId, type: 'UserDeleted', userId: who.userId, occurredAt: new Date().toISOString() };
      const delivery = await health.deliver('/events/user-deleted', 'user-deleted', deleted, eventId);
      assert.deepEqual(await delivery.json(), { status: 'SUCCESS' }, 'recorded, not left to the broker’s retries');
      const rows = await health.db.query<{ n: string }>(
        `select (select count(*) from checkups where user_id = $1) + (select count(*) from nhis_links where user_id = $1)
              + (select count(*) from profiles where user_id = $1) + (select count(*) from blob_uploads where user_id = $1) as n`,
        [who.userId],
      );
      assert.equal(Number(rows.rows[0]!.n), 0, 'the rows went at once');
      const refused = await json<{ code: string }>(await startLink(who), 401);
      assert.equal(refused.code, 'ACCOUNT_DELETED');
      const pendingErasure = () =>
        health.db.query<{ completed: boolean; attempts: number; lastError: string }>(
          'select completed_at is not null as completed, attempts, last_error as "lastError" from erased_users where user_id = $1',
          [who.userId],
        );
      // Sweeps fail while Storage is down; the erasure stays pending, with the step that failed.
      await waitFor(async () => ((await pendingErasure()).rows[0]?.attempts ?? 0) >= 3);
      const pending = await pendingErasure();
      assert.equal(pending.rows[0]?.completed, false, 'still pending: the files could not be deleted');
      assert.ok(pending.rows[0]!.attempts >= 2, `retried (${pending.rows[0]!.attempts} attempts)`);
      assert.match(pending.rows[0]!.lastError, /^blobs: /);
      assert.equal((await blobsOf(who.userId)).length, 3, 'the files are still in Storage');
    } finally {
      blob.up();
    }
    await waitFor(async () => {
      const done = await health.db.query('select 1 from erased_users where user_id = $1 and completed_at is not null', [who.userId]);
      return done.rowCount === 1;
    });
    assert.deepEqual(await blobsOf(who.userId), [], 'files and snapshot are gone');
  });
});

/** A person whose checkups are imported (every consent given). */
async function importedPerson(options: { pdf?: boolean } = {}): Promise<{ who: Person; checkupIds: string[] }> {
  const who = await person([checkup('2024'), checkup('2022')], options);
  const link = await json<LinkView>(await startLink(who), 201);
  await control(`/approvals/${await approvalOf(who.phone)}`, { decision: 'approve' });
  const completed = await json<LinkView>(await completeLink(who.userId, link.id));
  return { who, checkupIds: completed.imported!.checkupIds };
}

interface AccessLog {
  items: {
    accessedAt: string;
    accessor: { kind: string; id: string };
    resource: string;
    resourceId: string | null;
    purpose: string;
    description: string;
  }[];
  nextCursor: string | null;
}
const accessLog = (userId: string, query = '') => health.request(`/api/health/access-log${query}`, { userId });

async function problem(response: Response, status: number): Promise<Record<string, unknown>> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  return JSON.parse(text) as Record<string, unknown>;
}

describe('consent to collect health information (PIPA)', () => {
  test('when the user has not consented, then linking is refused with 403 CONSENT_REQUIRED naming HEALTH_DATA and nothing reaches NHIS', async () => {
    const who = await person([checkup('2024')]);
    consentsOf.set(who.userId, ['AI_OVERSEAS_TRANSFER']);
    const refused = await problem(await startLink(who), 403);
    assert.equal(refused.code, 'CONSENT_REQUIRED');
    assert.deepEqual(refused.consents, ['HEALTH_DATA']);
    assert.equal(await approvalOf(who.phone), undefined, 'no approval request reached the phone');
    const links = await health.db.query('select 1 from nhis_links where user_id = $1', [who.userId]);
    assert.equal(links.rowCount, 0);
  });

  test('when the consent is withdrawn between starting and completing, then completing is refused and nothing is imported', async () => {
    const who = await person([checkup('2024')]);
    const link = await json<LinkView>(await startLink(who), 201);
    await control(`/approvals/${await approvalOf(who.phone)}`, { decision: 'approve' });
    consentsOf.set(who.userId, []);
    assert.equal((await problem(await completeLink(who.userId, link.id), 403)).code, 'CONSENT_REQUIRED');
    const stored = await health.db.query('select 1 from checkups where user_id = $1', [who.userId]);
    assert.equal(stored.rowCount, 0);
    // Given again: the same link completes.
    consentsOf.delete(who.userId);
    assert.equal((await json<LinkView>(await completeLink(who.userId, link.id))).state, 'IMPORTED');
  });

  test('when the user service cannot say, then linking is refused with 503 CONSENT_UNAVAILABLE, never run on a guess', async () => {
    const who = await person([checkup('2024')]);
    consentsOf.set(who.userId, null);
    assert.equal((await problem(await startLink(who), 503)).code, 'CONSENT_UNAVAILABLE');
    assert.equal(await approvalOf(who.phone), undefined);
  });
});

describe('withdrawing the consent to collect health information (PIPA art. 21, 37)', () => {
  const withdrawal = (userId: string, at = new Date()) => ({
    eventId: randomUUID(),
    type: 'ConsentWithdrawn',
    userId,
    occurredAt: at.toISOString(),
    purpose: 'HEALTH_DATA',
  });
  const withdraw = async (payload: ReturnType<typeof withdrawal>) => {
    const delivery = await health.deliver('/events/consent-withdrawn', 'consent-withdrawn', payload);
    assert.deepEqual(await delivery.json(), { status: 'SUCCESS' });
  };
  const stored = async (userId: string) =>
    Number(
      (
        await health.db.query<{ n: string }>(
          `select (select count(*) from checkups where user_id = $1) + (select count(*) from nhis_links where user_id = $1)
                + (select count(*) from nhis_reference_rows where user_id = $1) + (select count(*) from blob_uploads where user_id = $1) as n`,
          [userId],
        )
      ).rows[0]!.n,
    );
  const checkupsSeenBy = async (userId: string) => (await json<{ items: unknown[] }>(await health.request('/api/health/checkups', { userId }))).items.length;
  const accessLogOf = async (userId: string) => (await json<AccessLog>(await accessLog(userId))).items;

  test('when HEALTH_DATA is withdrawn, then that user’s checkups, links and files are destroyed — nobody else’s — and the access log stays; linking again works, and a replay destroys nothing new', async () => {
    const who = await person([checkup('2024'), checkup('2022')], { pdf: true });
    await linkAndImport(who);
    const other = await importedPerson();
    assert.equal(await checkupsSeenBy(who.userId), 2);
    await waitFor(async () => (await blobsOf(who.userId)).length === 4);
    const logged = await accessLogOf(who.userId);
    assert.ok(logged.length > 0, 'reading the checkups was logged');

    const event = withdrawal(who.userId);
    await withdraw(event);
    assert.equal(await stored(who.userId), 0, 'rows destroyed');
    assert.equal(await checkupsSeenBy(who.userId), 0, 'the user sees no checkups');
    assert.deepEqual(await blobsOf(who.userId), [], 'files destroyed');
    const after = await accessLogOf(who.userId);
    for (const entry of logged)
      assert.ok(
        after.some((e) => JSON.stringify(e) === JSON.stringify(entry)),
        'the access log is kept',
      );
    assert.equal(await checkupsSeenBy(other.who.userId), 2, 'another user’s checkups are untouched');
    const { rows } = await health.db.query<{ completed: boolean }>(
      'select completed_at is not null as completed from health_data_withdrawals where user_id = $1',
      [who.userId],
    );
    assert.deepEqual(rows, [{ completed: true }]);

    // Consenting again (the user service's business) and linking anew: the profile was kept.
    assert.equal((await linkAndImport(who)).length, 2);
    await withdraw(event);
    const late = withdrawal(who.userId, new Date(Date.parse(event.occurredAt) - 60_000));
    await withdraw(late);
    assert.equal(await checkupsSeenBy(who.userId), 2, 'a replayed or older withdrawal leaves what was collected after it');
  });

  test('when Blob Storage is down, then the rows go at once and the files once it is back (retried, not lost)', async () => {
    const who = await person([checkup('2024')], { pdf: true });
    await linkAndImport(who);
    await waitFor(async () => (await blobsOf(who.userId)).length === 2);
    blob.down();
    try {
      await withdraw(withdrawal(who.userId));
      assert.equal(await stored(who.userId), 0, 'the rows went at once');
      const pending = () =>
        health.db.query<{ completed: boolean; attempts: number; lastError: string }>(
          'select completed_at is not null as completed, attempts, last_error as "lastError" from health_data_withdrawals where user_id = $1',
          [who.userId],
        );
      await waitFor(async () => ((await pending()).rows[0]?.attempts ?? 0) >= 2);
      const row = (await pending()).rows[0]!;
      assert.equal(row.completed, false);
      assert.match(row.lastError, /^blobs: /);
      assert.equal((await blobsOf(who.userId)).length, 2, 'the files are still in Storage');
    } finally {
      blob.up();
    }
    await waitFor(
      async () => (await health.db.query('select 1 from health_data_withdrawals where user_id = $1 and completed_at is not null', [who.userId])).rowCount === 1,
    );
    assert.deepEqual(await blobsOf(who.userId), [], 'destroyed once Storage was back');
  });
});

describe('the access audit', () => {
  test('when the user and the intelligence service read checkups, then each read is in the user’s access log with who, what, when and why', async () => {
    const { who, checkupIds } = await importedPerson();
    clock.advance(1000);
    await json(await health.request('/api/health/checkups', { userId: who.userId }));
    clock.advance(1000);
    await json(await health.request(`/api/health/checkups/${checkupIds[0]}`, { userId: who.userId }));
    clock.advance(1000);
    const internal = await json<{ checkup: { checkupId: string } }>(
      await health.request(`/internal/health/users/${who.userId}/latest-judged?purpose=AI_READING`, { headers: { 'dapr-caller-app-id': 'intelligence' } }),
    );
    const log = await json<AccessLog>(await accessLog(who.userId));
    assert.deepEqual(
      log.items.map((i) => [i.accessor.kind, i.accessor.id, i.resource, i.resourceId, i.purpose]),
      [
        ['SERVICE', 'intelligence', 'LATEST_JUDGED', internal.checkup.checkupId, 'AI_READING'],
        ['USER', who.userId, 'CHECKUP', checkupIds[0], 'USER_VIEW'],
        ['USER', who.userId, 'CHECKUP_LIST', null, 'USER_VIEW'],
      ],
    );
    assert.equal(log.items[0]!.accessedAt, clock.now().toISOString(), 'the time is the service clock’s');
    assert.match(log.items[0]!.description, /AI 건강검진 해석을 위해/);
    assert.equal(log.nextCursor, null);

    // Another user sees only their own reads: none.
    assert.deepEqual(await json<AccessLog>(await accessLog(randomUUID())), { items: [], nextCursor: null });
  });

  test('when the log is longer than a page, then the cursor walks it without gaps or repeats; a cursor it did not give is a 400', async () => {
    const { who } = await importedPerson();
    for (let i = 0; i < 5; i += 1) await json(await health.request('/api/health/trends', { userId: who.userId }));
    const first = await json<AccessLog>(await accessLog(who.userId, '?limit=2'));
    const second = await json<AccessLog>(await accessLog(who.userId, `?limit=2&cursor=${first.nextCursor}`));
    const third = await json<AccessLog>(await accessLog(who.userId, `?limit=2&cursor=${second.nextCursor}`));
    assert.deepEqual([first.items.length, second.items.length, third.items.length, third.nextCursor], [2, 2, 1, null]);
    for (const bad of ['?cursor=nope', '?limit=0', '?limit=101', `?cursor=${'x'.repeat(65)}`]) {
      assert.equal((await problem(await accessLog(who.userId, bad), 400)).code, 'VALIDATION_FAILED', bad);
    }
  });

  test('when a service reads without a known purpose, then it is a 400 and nothing is answered or recorded', async () => {
    const { who } = await importedPerson();
    for (const query of ['', '?purpose=MARKETING', '?purpose=USER_VIEW']) {
      assert.equal((await problem(await health.request(`/internal/health/users/${who.userId}/latest-judged${query}`), 400)).code, 'VALIDATION_FAILED');
    }
    assert.deepEqual((await json<AccessLog>(await accessLog(who.userId))).items, []);
  });

  test('when the service’s own role tries to change or remove audit entries, then PostgreSQL refuses; it may add and read them', async () => {
    const { who } = await importedPerson();
    await json(await health.request('/api/health/checkups', { userId: who.userId }));
    for (const sql of ['update access_audit set purpose = $2 where user_id = $1', 'delete from access_audit where user_id = $1 and purpose <> $2']) {
      await assert.rejects(health.db.query(sql, [who.userId, 'AI_CHAT']), (error: { code?: string }) => error.code === '42501', sql);
    }
    await assert.rejects(health.db.query('truncate access_audit'), (error: { code?: string }) => error.code === '42501');
    assert.equal((await json<AccessLog>(await accessLog(who.userId))).items.length, 1);
  });

  test('when the account is deleted, then the audit entries stay until their two years have passed, and only then are destroyed', async () => {
    const { who } = await importedPerson();
    const now = clock.now();
    try {
      // A read two years and a day ago, and one now.
      clock.set(new Date(now.getTime() - (2 * 365 + 2) * 86_400_000));
      await json(await health.request('/api/health/checkups', { userId: who.userId }));
      clock.set(now);
      await json(await health.request('/api/health/checkups', { userId: who.userId }));
      assert.equal(
        (
          await health.deliver('/events/user-deleted', 'user-deleted', {
            eventId: randomUUID(),
            type: 'UserDeleted',
            userId: who.userId,
            occurredAt: clock.now().toISOString(),
          })
        ).status,
        200,
      );
      const entries = async () =>
        (await health.db.query<{ accessedAt: Date }>('select accessed_at as "accessedAt" from access_audit where user_id = $1 order by id', [who.userId])).rows;
      assert.equal((await entries()).length, 2, 'erasing the account keeps the access records');
      const purged = await health.db.query<{ purged: number }>('select purge_expired_access_audit() as purged');
      assert.ok(purged.rows[0]!.purged >= 1);
      assert.deepEqual(
        (await entries()).map((e) => e.accessedAt.toISOString()),
        [now.toISOString()],
        'only the entry past two years is gone',
      );
    } finally {
      clock.set(now);
    }
  });
});

interface ExportView {
  exportId: string;
  status: string;
  createdAt: string;
  readyAt: string | null;
  expiresAt: string | null;
  size: number | null;
  downloadUrl: string | null;
  failure: string | null;
}

const requestExport = (userId: string, key?: string) =>
  health.request('/api/users/me/exports', { method: 'POST', userId, headers: key ? { 'idempotency-key': key } : {} });
const exportOf = (userId: string, id: string) => health.request(`/api/users/me/exports/${id}`, { userId });

/** Polls the export (as the app does) until it is no longer pending. */
async function settled(userId: string, id: string): Promise<ExportView> {
  let view: ExportView | undefined;
  await waitFor(async () => {
    view = await json<ExportView>(await exportOf(userId, id));
    return view.status !== 'pending';
  });
  return view!;
}

/** The downloaded ZIP, read back: path → bytes. */
async function unzipped(response: Response): Promise<Map<string, Buffer>> {
  assert.equal(response.status, 200, await response.clone().text());
  assert.equal(response.headers.get('content-type'), 'application/zip');
  return unzip(Buffer.from(await response.arrayBuffer()));
}
const jsonIn = <T = unknown>(files: Map<string, Buffer>, path: string): T => JSON.parse(files.get(path)!.toString('utf8')) as T;

async function exportBlobsOf(userId: string): Promise<string[]> {
  const names: string[] = [];
  for await (const item of exportsContainer.listBlobsFlat({ prefix: `${userId}/` })) names.push(item.name);
  return names;
}

describe('download my data', () => {
  test('when a user without any consent asks, then the export is built in the background and the ZIP holds every part, the checkups, the sheets and the reads it made', async () => {
    const { who, checkupIds } = await importedPerson({ pdf: true });
    const other = await importedPerson({ pdf: true });
    consentsOf.set(who.userId, []);
    const asked = await json<ExportView>(await requestExport(who.userId), 202);
    assert.equal(asked.status, 'pending');
    // Asking again while it is being built answers the same export.
    const again = await json<ExportView>(await requestExport(who.userId), 202);
    if (again.status === 'pending') assert.equal(again.exportId, asked.exportId);
    const ready = await settled(who.userId, asked.exportId);
    assert.equal(ready.status, 'ready', JSON.stringify(ready));
    assert.equal(ready.downloadUrl, `/api/users/me/exports/${asked.exportId}/download`);
    assert.equal(Date.parse(ready.expiresAt!) - Date.parse(ready.readyAt!), 3600_000);

    const files = await unzipped(await health.request(ready.downloadUrl!, { userId: who.userId }));
    const manifest = jsonIn<{ userId: string; generatedAt: string; parts: { app: string; schemaVersion: number }[]; files: { path: string; bytes: number }[] }>(
      files,
      'manifest.json',
    );
    assert.equal(manifest.userId, who.userId);
    assert.deepEqual(
      manifest.parts.map((p) => p.app),
      ['batch', 'goal', 'health', 'intelligence', 'user'],
    );
    assert.deepEqual(manifest.files.map((f) => f.path).sort(), [...files.keys()].filter((f) => f !== 'manifest.json').sort());
    for (const file of manifest.files) assert.equal(files.get(file.path)!.length, file.bytes, file.path);
    for (const app of DATA_EXPORT_PART_APPS) assert.equal(jsonIn<{ marker: string }>(files, `${app}/${app}-area.json`).marker, `${app} of ${who.userId}`);
    const checkups = jsonIn<{ id: string }[]>(files, 'health/checkups.json');
    assert.deepEqual(checkups.map((c) => c.id).sort(), [...checkupIds].sort());
    const sheets = [...files.keys()].filter((f) => f.startsWith('health/documents/'));
    assert.equal(sheets.length, checkupIds.length);
    for (const sheet of sheets) assert.equal(files.get(sheet)!.subarray(0, 5).toString(), '%PDF-');
    // Only theirs: nothing of the other person anywhere in the archive.
    const everything = [...files.values()].map((b) => b.toString('latin1')).join('\n');
    for (const id of [other.who.userId, ...other.checkupIds]) assert.ok(!everything.includes(id), `${id} is in another user's export`);
    // Each checkup and sheet read for the export is in the access log, which the export holds too.
    const log = await json<AccessLog>(await accessLog(who.userId, '?limit=100'));
    const exportReads = log.items.filter((e) => e.purpose === 'EXPORT');
    assert.deepEqual(
      exportReads
        .filter((e) => e.resource === 'CHECKUP')
        .map((e) => e.resourceId)
        .sort(),
      [...checkupIds].sort(),
    );
    assert.deepEqual(
      exportReads
        .filter((e) => e.resource === 'CHECKUP_DOCUMENT')
        .map((e) => e.resourceId)
        .sort(),
      [...checkupIds].sort(),
    );
    assert.ok(jsonIn<{ purpose: string }[]>(files, 'health/access-log.json').some((e) => e.purpose === 'EXPORT'));
    consentsOf.delete(who.userId);

    // Another user: not found, never the data.
    assert.equal((await problem(await exportOf(other.who.userId, asked.exportId), 404)).code, 'EXPORT_NOT_FOUND');
    assert.equal((await problem(await health.request(ready.downloadUrl!, { userId: other.who.userId }), 404)).code, 'EXPORT_NOT_FOUND');
    const listed = await json<{ items: ExportView[] }>(await health.request('/api/users/me/exports', { userId: who.userId }));
    assert.deepEqual(
      listed.items.map((e) => e.exportId),
      [asked.exportId],
    );
  });

  test('when its time runs out, then the download is 410 EXPORT_EXPIRED, the sweeper removes the ZIP and the export shows expired', async () => {
    const userId = randomUUID();
    const asked = await json<ExportView>(await requestExport(userId), 202);
    const ready = await settled(userId, asked.exportId);
    assert.equal(ready.status, 'ready');
    assert.equal((await exportBlobsOf(userId)).length, 1);
    health.clock.advance(3600_000);
    assert.equal((await problem(await health.request(ready.downloadUrl!, { userId }), 410)).code, 'EXPORT_EXPIRED');
    assert.equal((await json<ExportView>(await exportOf(userId, asked.exportId))).status, 'expired');
    await waitFor(async () => (await exportBlobsOf(userId)).length === 0);
    const row = await health.db.query<{ state: string }>('select state from data_exports where id = $1', [asked.exportId]);
    assert.equal(row.rows[0]?.state, 'EXPIRED');
  });

  test('when a service does not give its part, then the export is tried again and then failed naming it; no ZIP is stored without the part', async () => {
    const userId = randomUUID();
    failingParts.add('goal');
    try {
      const asked = await json<ExportView>(await requestExport(userId), 202);
      // First attempt fails; the retry is due a second later on the test clock.
      await waitFor(async () => {
        const row = await health.db.query<{ attempts: number; claimed: boolean }>(
          'select attempts, claimed_until is not null as claimed from data_exports where id = $1',
          [asked.exportId],
        );
        return row.rows[0]?.attempts === 1 && !row.rows[0].claimed;
      });
      assert.equal((await json<ExportView>(await exportOf(userId, asked.exportId))).status, 'pending');
      health.clock.advance(1_000);
      const failed = await settled(userId, asked.exportId);
      assert.equal(failed.status, 'failed');
      assert.match(failed.failure!, /goal/);
      assert.equal((await problem(await health.request(`/api/users/me/exports/${asked.exportId}/download`, { userId }), 409)).code, 'EXPORT_NOT_READY');
      assert.deepEqual(await exportBlobsOf(userId), []);
    } finally {
      failingParts.delete('goal');
    }
  });

  test('when a user asks more than three times a day, then the fourth is 429 with Retry-After; a retried request with its Idempotency-Key is the same export', async () => {
    const userId = randomUUID();
    const first = await requestExport(userId, randomUUID());
    const firstView = await json<ExportView>(first, 202);
    await settled(userId, firstView.exportId);
    const key = randomUUID();
    const second = await json<ExportView>(await requestExport(userId, key), 202);
    const replay = await requestExport(userId, key);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.equal((await json<ExportView>(replay, 202)).exportId, second.exportId);
    await settled(userId, second.exportId);
    await settled(userId, (await json<ExportView>(await requestExport(userId), 202)).exportId);
    const refused = await requestExport(userId);
    assert.equal((await problem(refused, 429)).code, 'EXPORT_LIMIT_REACHED');
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    assert.equal((await json<{ items: ExportView[] }>(await health.request('/api/users/me/exports', { userId }))).items.length, 3);
  });

  test('when the account is deleted, then its exports and their ZIPs are erased', async () => {
    const userId = randomUUID();
    const asked = await json<ExportView>(await requestExport(userId), 202);
    await settled(userId, asked.exportId);
    assert.equal((await exportBlobsOf(userId)).length, 1);
    const deleted = { eventId: randomUUID(), type: 'UserDeleted', userId, occurredAt: health.clock.now().toISOString() };
    assert.equal((await health.deliver('/events/user-deleted', 'user-deleted', deleted)).status, 200);
    assert.deepEqual(await exportBlobsOf(userId), []);
    assert.equal((await health.db.query('select 1 from data_exports where user_id = $1', [userId])).rowCount, 0);
    assert.equal((await problem(await requestExport(userId), 401)).code, 'ACCOUNT_DELETED');
  });
});

function imported(userId: string): Record<string, unknown>[] {
  return health.dapr.publishedTo('health-checkup-imported').filter((e) => (e as { userId: string }).userId === userId) as Record<string, unknown>[];
}

describe('contracts', () => {
  test('when the health service has published (checkups imported), then every event keeps its committed contract, CloudEvent type and id', async () => {
    const types = await expectProducedEventsKeepContracts(health, 'health', { outbox: true });
    assert.ok(types['healthsync.health.health-checkup-imported.v1']! >= 1);
  });

  test('when every example the AsyncAPI document says health receives is delivered, then each is accepted', async () => {
    assert.equal(await expectDocumentedExamplesAccepted(health, 'health'), 6);
  });
});
