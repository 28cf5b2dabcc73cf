import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BlobServiceClient } from '@azure/storage-blob';
import pg from 'pg';
import { goalsApi, seoulDay } from '../support/goals.js';
import { healthDb, closeHealthDb, linkAndImport, registerNhisPerson, uniquePhone, type NhisIdentity } from '../support/health.js';
import { startInfra, stopInfra, whileDown } from '../support/infra.js';
import { chooseMissionsDaysAgo, decisionFor, inbox, mustSavePreferences } from '../support/notifications.js';
import { redis } from '../support/redis.js';
import { eventually, repoRoot, secrets } from '../support/system.js';
import { activeUser, api, type SignedIn } from '../support/users.js';

/**
 * Account erasure end to end, through the gateway: a user with data in every service deletes the
 * account, and afterwards every PostgreSQL schema, every Redis key and the Blob container are
 * searched for anything of theirs. Once with Azurite (Blob Storage) down while the deletion
 * arrives, once with Redis (cache and local broker) going down right after it, each for longer than
 * the event's retry window
 * (locally about 7 s of delivery retries: dapr/local/resiliency.yaml), so only the recorded
 * erasure and its sweeper can finish the job (docs/decisions/013-erasure-always-completes.md).
 */

/** Longer than the local delivery retries (5 retries, 0.5 s doubling to 5 s) before Dapr dead-letters. */
const OUTAGE_MS = 15_000;

let db: pg.Client;
before(async () => {
  db = new pg.Client({ connectionString: secrets['postgres-admin-url'] });
  await db.connect();
});
after(async () => {
  await db?.end();
  await closeHealthDb();
});

const hangul = () => String.fromCharCode(0xac00 + randomInt(0, 11_172));

/** What identifies the person anywhere: ids, contact details and text only they wrote. */
interface Traces {
  userId: string;
  email: string;
  name: string;
  phoneDigits: string;
  chatMarker: string;
  /** Ids of their data (checkups, chats, sessions…), which a leftover row would carry. */
  ids: string[];
}

interface Person {
  session: SignedIn;
  nhis: NhisIdentity;
  traces: Traces;
  checkupIds: string[];
}

/** A new person with a profile whose name and birth date occur nowhere else. */
async function newPerson(label: string): Promise<Person> {
  const name = `${hangul()}${hangul()}${hangul()}`;
  const birthDate = `19${60 + randomInt(0, 40)}-0${1 + randomInt(0, 9)}-1${randomInt(0, 9)}`;
  const session = await activeUser(label, { name, birthDate, sex: 'F', occupation: 'OFFICE_WORKER' });
  const nhis = { name, birthDate, phone: uniquePhone() };
  const traces = {
    userId: session.user.id,
    email: session.user.email!,
    name,
    phoneDigits: nhis.phone.replace(/\D/g, ''),
    chatMarker: `표식${randomUUID().slice(0, 8)}`,
    ids: [],
  };
  return { session, nhis, traces, checkupIds: [] };
}

async function ok<T = Record<string, unknown>>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, text.slice(0, 300));
  return JSON.parse(text) as T;
}

/** NHIS checkups with their result sheets (Blob: raw payloads and PDFs). */
async function importCheckups(person: Person): Promise<void> {
  const values = { height_cm: '160.0', weight_kg: '55.0', bmi: '21.5', sbp: '118', dbp: '76', fasting_glucose: '91', total_chol: '180' };
  await registerNhisPerson(
    person.nhis,
    [
      { year: '2025', examDate: '20250310', ...values },
      { year: '2023', examDate: '20230305', ...values },
    ],
    {
      sex: 'F',
      pdf: true,
    },
  );
  const link = await linkAndImport(person.session.accessToken, person.nhis);
  assert.equal(link.state, 'IMPORTED');
  person.checkupIds = link.imported!.checkupIds;
  person.traces.ids.push(link.id, ...person.checkupIds);
}

/** A reading and missions from the AI (cached answers), and a chat with a question only this person asked. */
async function useIntelligence(person: Person): Promise<void> {
  const token = person.session.accessToken;
  // A reading needs a checkup; missions and chat do not.
  if (person.checkupIds.length > 0) await ok(await api('/api/intelligence/diagnosis', { token }));
  const set = await ok<{ recommendationSetId: string }>(await api('/api/intelligence/missions/recommendations', { method: 'POST', token }));
  const chat = await ok<{ id: string }>(await api('/api/intelligence/chats', { method: 'POST', token }), 201);
  await ok(
    await api(`/api/intelligence/chats/${chat.id}/messages`, {
      method: 'POST',
      token,
      json: { message: `${person.traces.chatMarker} 혈압 관리는 어떻게 하나요?` },
    }),
    201,
  );
  person.traces.ids.push(set.recommendationSetId, chat.id);
}

/** Missions chosen and checked off (today's view cached too). */
async function useGoals(person: Person): Promise<void> {
  const token = person.session.accessToken;
  const chosen = await ok<{ goalSetId: string }>(await goalsApi.choose(token, ['cat-ex-lunch-walk', 'cat-di-water']));
  await ok(await goalsApi.complete(token, 'cat-ex-lunch-walk', seoulDay(0)));
  await ok(await goalsApi.today(token));
  person.traces.ids.push(chosen.goalSetId);
}

/** Preferences (no quiet hours, so the nudge shows at once whatever the hour) and a nudge in the inbox (the batch's view of a user eight days behind). */
async function useNotifications(person: Person): Promise<void> {
  await mustSavePreferences(person.session.accessToken, { optedOut: false, quietHours: null });
  person.traces.ids.push(await chooseMissionsDaysAgo(person.traces.userId, 8));
  const decision = await decisionFor(person.traces.userId, (d) => d.state === 'SENT');
  person.traces.ids.push(decision.notificationId!);
  assert.equal((await inbox(person.session.accessToken)).items.length, 1);
}

async function blobNames(userId: string): Promise<string[]> {
  const container = BlobServiceClient.fromConnectionString(secrets['blob-connection-string']!).getContainerClient('checkups');
  const names: string[] = [];
  // Azurite keeps snapshots but not versions (it ignores includeVersions): in Azure the same listing shows both.
  for await (const item of container.listBlobsFlat({ prefix: `users/${userId}/`, includeSnapshots: true, includeVersions: true })) {
    names.push(`${item.name}${item.snapshot ? `@${item.snapshot}` : ''}${item.versionId ? `#${item.versionId}` : ''}`);
  }
  return names;
}

/** Every schema of the database but PostgreSQL's own: each service's, whatever services there are. */
async function serviceSchemas(): Promise<string[]> {
  const result = await db.query<{ name: string }>(
    `select schema_name as name from information_schema.schemata
     where schema_name not in ('information_schema', 'public') and schema_name not like 'pg\\_%' order by 1`,
  );
  return result.rows.map((r) => r.name);
}

/** Every service that records erasures has finished the one of this user (the user service's is its deletion itself). */
async function erasureCompleted(userId: string): Promise<boolean> {
  const recording = await db.query<{ schema: string }>(
    `select table_schema as schema from information_schema.tables where table_name = 'erased_users' and table_schema = any($1)`,
    [await serviceSchemas()],
  );
  assert.ok(recording.rowCount! >= 4, 'health, goal, intelligence and batch record erasures');
  for (const { schema } of recording.rows) {
    const row = await db.query(`select 1 from ${schema}.erased_users where user_id::text = $1 and completed_at is not null`, [userId]);
    if (row.rowCount !== 1) return false;
  }
  return true;
}

interface Finding {
  where: string;
  what: string;
}

/**
 * Every row of every table of every service schema, as JSON, searched for the person's traces. The
 * tombstones are the exceptions, checked for what they hold: the `erased_users` rows (the id, to
 * refuse late writes) and the user service's account row (the id, with every personal field empty).
 * The user-deleted notice itself stays in the user service's outbox until the retention purges it,
 * and the access audit keeps its records of reads for two years.
 */
async function findInPostgres(traces: Traces): Promise<Finding[]> {
  const needles = [traces.userId, traces.email, traces.name, traces.phoneDigits, traces.chatMarker, ...traces.ids].map((n) => n.toLowerCase());
  const findings: Finding[] = [];
  const tables = await db.query<{ schema: string; table: string }>(
    `select table_schema as schema, table_name as table from information_schema.tables
     where table_schema = any($1) and table_type = 'BASE TABLE' order by 1, 2`,
    [await serviceSchemas()],
  );
  assert.ok(tables.rowCount! > 30, 'the scan sees the services’ tables');
  for (const { schema, table } of tables.rows) {
    const rows = await db.query<{ row: string }>(`select row_to_json(t)::text as row from ${schema}.${table} t`);
    for (const { row } of rows.rows) {
      const text = row.toLowerCase();
      if (!needles.some((needle) => text.includes(needle))) continue;
      const parsed = JSON.parse(row) as Record<string, unknown>;
      if (table === 'erased_users') {
        const { user_id: _id, ...rest } = parsed;
        if (!needles.some((needle) => JSON.stringify(rest).toLowerCase().includes(needle))) continue;
      }
      if (schema === 'user_service' && table === 'users' && parsed.id === traces.userId) {
        const personal = ['email', 'name', 'picture', 'birth_date', 'sex', 'occupation'].filter((c) => parsed[c] !== null);
        if (personal.length === 0 && parsed.status === 'DELETED') continue;
      }
      // The access audit is kept two years after an erasure, as the safety-measure standard requires
      // of access records (docs/decisions/020-consents-and-access-audit.md): whose data (the id), who
      // read it (the user's own id, or an app), which checkup, when and why; nothing else of theirs.
      if (schema === 'health_service' && table === 'access_audit' && parsed.user_id === traces.userId) {
        const { user_id: _user, accessor, resource_id: _checkup, ...rest } = parsed;
        const accessorIsThemOrAnApp = accessor === traces.userId || !needles.some((needle) => String(accessor).toLowerCase().includes(needle));
        if (accessorIsThemOrAnApp && !needles.some((needle) => JSON.stringify(rest).toLowerCase().includes(needle))) continue;
      }
      if (schema === 'user_service' && table === 'outbox' && parsed.topic === 'user-deleted') {
        const payload = parsed.payload as Record<string, unknown>;
        // The id, when, and why (self-service or retention): nothing else of the person.
        const keys = Object.keys(payload).sort().join();
        const reasonOk = payload.reason === undefined || payload.reason === 'SELF_SERVICE' || payload.reason === 'RETENTION';
        if ((keys === 'eventId,occurredAt,type,userId' || keys === 'eventId,occurredAt,reason,type,userId') && reasonOk) continue;
      }
      findings.push({ where: `${schema}.${table}`, what: row.slice(0, 300) });
    }
  }
  return findings;
}

/** RESP values of one key, whatever its type (Dapr's state entries are hashes; pub/sub topics are streams). */
async function redisValues(key: string): Promise<{ type: string; text: string; ttl: number }> {
  const type = (await redis('TYPE', key)).replace(/^\+/, '');
  const ttl = Number((await redis('TTL', key)).replace(/^:/, ''));
  if (type === 'string') return { type, text: await redis('GET', key), ttl };
  if (type === 'hash') return { type, text: await redisRaw('HGETALL', key), ttl };
  if (type === 'stream') return { type, text: await redisRaw('XRANGE', key, '-', '+'), ttl };
  if (type === 'set') return { type, text: await redisRaw('SMEMBERS', key), ttl };
  if (type === 'list') return { type, text: await redisRaw('LRANGE', key, '0', '-1'), ttl };
  if (type === 'zset') return { type, text: await redisRaw('ZRANGE', key, '0', '-1'), ttl };
  return { type, text: '', ttl };
}

/** The whole reply of a command as text (tests/support/redis.ts returns only its first line). */
async function redisRaw(...args: string[]): Promise<string> {
  const { default: net } = await import('node:net');
  const encode = (parts: string[]) => `*${parts.length}\r\n${parts.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
  return new Promise((resolve, reject) => {
    const socket = net.connect(16379, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.write(encode(['AUTH', secrets['redis-password']!]) + encode(args) + encode(['QUIT']));
  });
}

/**
 * Every Redis key (names and values). Dapr's state keys are `<app id>||<key>`. Two kinds of key may
 * mention the person and are reported apart: the gateway's rate-limit counters (`ratelimit:user:<id>:
 * <window>`, a count that expires two minutes after its window, written before the deletion), and the
 * local broker's streams (one per topic), which keep delivered events until `maxLenApprox` trims them —
 * in Azure, Service Bus deletes a message once every subscription has completed it.
 */
async function findInRedis(traces: Traces, deletedAt: number): Promise<{ findings: Finding[]; streamEntries: Record<string, number> }> {
  const needles = [traces.userId, traces.email, traces.name, traces.phoneDigits, traces.chatMarker, ...traces.ids];
  const keys = (await redisRaw('KEYS', '*')).split('\r\n').filter((line, i, all) => i > 0 && all[i - 1]!.startsWith('$') && line !== '' && line !== 'OK');
  assert.ok(keys.length > 0, 'the scan sees Redis keys');
  const findings: Finding[] = [];
  const streamEntries: Record<string, number> = {};
  for (const key of keys) {
    const { type, text, ttl } = await redisValues(key);
    const hits = needles.filter((needle) => key.includes(needle) || text.includes(needle));
    if (hits.length === 0) continue;
    const rateLimit = /^gateway\|\|ratelimit:user:([0-9a-f-]+):(\d+)$/.exec(key);
    if (rateLimit && rateLimit[1] === traces.userId) {
      assert.ok(Number(rateLimit[2]) <= deletedAt, `${key}: a rate-limit window opened after the deletion`);
      assert.ok(ttl > 0 && ttl <= 120, `${key}: expires within two minutes (TTL ${ttl})`);
      continue;
    }
    if (type === 'stream') {
      // Events carry ids, and the profile events the name (health checks NHIS links against it): reported,
      // not erased (see the comment above). Contact details and what the user wrote never go into an event.
      const contact = [traces.email, traces.chatMarker, traces.phoneDigits].filter((n) => text.includes(n));
      const profileTopic = /^user-(registered|profile-changed)$/.test(key);
      if (contact.length === 0 && (profileTopic || !text.includes(traces.name))) {
        streamEntries[`${key}${text.includes(traces.name) ? ' (with the name)' : ''}`] = text.split(traces.userId).length - 1;
        continue;
      }
    }
    findings.push({ where: `redis ${type} ${key}`, what: hits.join(', ') });
  }
  return { findings, streamEntries };
}

/** Log lines the services wrote after `since` that carry the person's contact details or words. */
function findInLogs(traces: Traces, since: number): Finding[] {
  const files = [path.join(repoRoot, '.data', 'logs', 'dapr-run.log')];
  const needles = [traces.email, traces.name, traces.phoneDigits, traces.chatMarker];
  const findings: Finding[] = [];
  for (const file of files) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const at = /"timestamp":"([^"]+)"/.exec(line)?.[1];
      if (!at || Date.parse(at) < since) continue;
      const hit = needles.find((needle) => line.includes(needle));
      if (hit) findings.push({ where: path.basename(file), what: line.slice(0, 300) });
    }
  }
  return findings;
}

async function expectNothingLeft(person: Person, deletedAt: number): Promise<void> {
  const { traces } = person;
  assert.deepEqual(await findInPostgres(traces), [], 'nothing of the person in any PostgreSQL schema');
  const { findings, streamEntries } = await findInRedis(traces, deletedAt);
  assert.deepEqual(findings, [], 'nothing of the person in any Redis key');
  assert.deepEqual(await blobNames(traces.userId), [], 'no blob, snapshot or version of the person');
  assert.deepEqual(findInLogs(traces, deletedAt), [], 'no log line since the deletion names them');
  console.log(
    `erasure scan for ${traces.userId}: PostgreSQL 0, Redis state 0, Blob 0, logs 0; broker stream entries with the id: ${JSON.stringify(streamEntries)}`,
  );
}

describe('account erasure always completes', () => {
  test('when a user with data in every service deletes the account while Blob Storage is down for longer than the retries, then after recovery nothing of them is left anywhere', async () => {
    const person = await newPerson('erasure-blob');
    const token = person.session.accessToken;
    const nudge = useNotifications(person);
    await importCheckups(person);
    await useIntelligence(person);
    await nudge;
    await useGoals(person);
    assert.equal((await blobNames(person.traces.userId)).length, 4, 'raw payloads and result sheets are in Blob Storage');

    let deletedAt = 0;
    await whileDown('azurite', async () => {
      // Blob down degrades documents only.
      const sheet = await api(`/api/health/checkups/${person.checkupIds[0]}/document`, { token });
      assert.equal(sheet.status, 503);
      assert.equal(((await sheet.json()) as { code: string }).code, 'DOCUMENTS_UNAVAILABLE');
      assert.ok(Number(sheet.headers.get('retry-after')) >= 1);
      assert.equal((await api('/api/health/checkups', { token })).status, 200);

      deletedAt = Date.now();
      assert.equal((await api('/api/users/me', { method: 'DELETE', token })).status, 204);
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      const health = await healthDb().query<{ completed: boolean; lastError: string | null }>(
        'select completed_at is not null as completed, last_error as "lastError" from erased_users where user_id = $1',
        [person.traces.userId],
      );
      assert.equal(health.rows[0]?.completed, false, 'health recorded the erasure and waits for Storage');
      assert.match(health.rows[0]?.lastError ?? '', /blobs: /);
      assert.equal((await db.query('select 1 from health_service.checkups where user_id = $1', [person.traces.userId])).rowCount, 0, 'its rows are gone');
    });
    await eventually('every service to finish the erasure', () => erasureCompleted(person.traces.userId), 60_000);
    // Still-valid access token: the gateway refuses the signed-out session; no service would take a write anyway.
    assert.equal((await api('/api/goals/today', { token })).status, 401);
    await expectNothingLeft(person, deletedAt);
  });

  test('when Redis goes down right after a deletion and stays down for longer than the retries, then after recovery nothing of the user is left', async () => {
    const person = await newPerson('erasure-redis');
    const token = person.session.accessToken;
    await useIntelligence(person);
    await useGoals(person);
    const cached = (await redisRaw('KEYS', `*${person.traces.userId}*`)).match(/^(goal|intelligence)\|\|.*$/gm) ?? [];
    assert.ok(cached.length >= 2, `the user's cached answers and today's view are in Redis (${cached.join(', ')})`);

    const deletedAt = Date.now();
    assert.equal((await api('/api/users/me', { method: 'DELETE', token })).status, 204);
    // A clean stop: Redis is also the local broker, and a crash could drop the last second of its append-only file.
    await stopInfra('redis');
    try {
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    } finally {
      await startInfra('redis');
    }
    const published = await db.query<{ at: Date | null }>(
      `select published_at as at from user_service.outbox where topic = 'user-deleted' and aggregate_id = $1`,
      [person.traces.userId],
    );
    console.log(
      `user-deleted ${published.rows[0]?.at ? `reached the broker ${published.rows[0].at.getTime() - deletedAt} ms after the deletion` : 'waited in the user service’s outbox while Redis was down'}`,
    );
    await eventually('every service to finish the erasure', () => erasureCompleted(person.traces.userId), 90_000);
    await expectNothingLeft(person, deletedAt);
  });
});
