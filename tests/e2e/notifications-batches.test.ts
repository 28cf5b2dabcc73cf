import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type pg from 'pg';
import { claudeUrl, resetClaude } from '../support/intelligence.js';
import { adminDb, eraseSeeded, seedUsersBehind, seoulToday, startBatchReplica, type BatchReplica } from '../support/notifications.js';
import { eventually, secrets } from '../support/system.js';

/**
 * The morning's texts through the Message Batches API: the batch service puts the day's users
 * in generation chunks, the intelligence service submits each as one message batch to the
 * Claude stand-in, and the texts come back and are delivered (locally the delivery time is
 * 00:00, so as soon as they are ready). Users are seeded straight into the batch's goal view.
 */
async function setBatchFigures(figures: { batchBaseSeconds?: number; batchExpireRate?: number }): Promise<void> {
  const response = await fetch(`${claudeUrl}/_control/realism`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(figures),
  });
  assert.equal(response.status, 200, await response.text());
}

/** Message batches the stand-in received since `since` (through its Message Batches API, as the SDK lists them). */
async function standinBatchesSince(since: Date): Promise<string[]> {
  const response = await fetch(`${claudeUrl}/v1/messages/batches?limit=1000`, {
    headers: { 'x-api-key': secrets['claude-api-key']!, 'anthropic-version': '2023-06-01' },
  });
  assert.equal(response.status, 200);
  const body = (await response.json()) as { data: Array<{ id: string; created_at: string }> };
  return body.data.filter((b) => Date.parse(b.created_at) >= since.getTime()).map((b) => b.id);
}

/** The custom ids (our user ids) of every request in the ended message batches the stand-in received since `since` (from their results, as the SDK reads them). */
async function requestsAtProviderSince(since: Date): Promise<string[]> {
  const ids: string[] = [];
  for (const batchId of await standinBatchesSince(since)) {
    const response = await fetch(`${claudeUrl}/v1/messages/batches/${batchId}/results`, {
      headers: { 'x-api-key': secrets['claude-api-key']!, 'anthropic-version': '2023-06-01' },
    });
    const body = await response.text();
    assert.equal(response.status, 200, body);
    for (const line of body.split('\n')) if (line.trim()) ids.push((JSON.parse(line) as { custom_id: string }).custom_id);
  }
  return ids;
}

interface UserOutcome {
  user_id: string;
  state: string;
  chunk_id: string | null;
  text_source: string | null;
  prepared_reason: string | null;
  messages: number;
  message_source: string | null;
}

async function outcomes(db: pg.Client, userIds: string[]): Promise<UserOutcome[]> {
  const result = await db.query<UserOutcome>(
    `select d.user_id, d.state, d.chunk_id, d.text_source, d.prepared_reason,
            (select count(*)::int from batch_service.notifications n where n.run_date = d.run_date and n.user_id = d.user_id) as messages,
            (select n.source from batch_service.notifications n where n.run_date = d.run_date and n.user_id = d.user_id limit 1) as message_source
     from batch_service.deliveries d where d.run_date = $1 and d.user_id = any($2::uuid[])`,
    [seoulToday(), userIds],
  );
  return result.rows;
}

const allSent = (db: pg.Client, userIds: string[]) =>
  eventually(
    'every seeded user to get the day’s message',
    async () => {
      const rows = await outcomes(db, userIds);
      return rows.length === userIds.length && rows.every((r) => r.state === 'SENT') ? rows : undefined;
    },
    120_000,
  );

describe('the morning’s texts through message batches', () => {
  let db: pg.Client;
  const seeded: string[] = [];

  before(async () => {
    db = await adminDb();
  });
  after(async () => {
    await resetClaude();
    if (seeded.length) await eraseSeeded(db, seeded);
    await db?.end();
  });

  test('when users are behind, then their texts come from a message batch and each gets exactly one AI message in the inbox', async () => {
    const since = new Date();
    const users = await seedUsersBehind(db, 30);
    seeded.push(...users);
    const rows = await allSent(db, users);

    assert.deepEqual(
      rows.filter((r) => r.messages !== 1),
      [],
      'one message each',
    );
    assert.ok(
      rows.every((r) => r.text_source === 'AI' && r.message_source === 'AI'),
      JSON.stringify(rows.slice(0, 3)),
    );
    const chunkIds = [...new Set(rows.map((r) => r.chunk_id))];
    assert.ok(
      chunkIds.every((id) => id !== null),
      'every user went through a generation chunk',
    );
    const chunks = await db.query<{ id: string; state: string; provider_batch_id: string | null }>(
      'select id, state, provider_batch_id from batch_service.generation_chunks where id = any($1::uuid[])',
      [chunkIds],
    );
    assert.ok(
      chunks.rows.every((c) => c.state === 'COLLECTED' && c.provider_batch_id?.startsWith('msgbatch_')),
      JSON.stringify(chunks.rows),
    );
    // The intelligence service holds the same batches, under the chunk ids, and the provider got each once.
    const held = await db.query<{ id: string; status: string; provider_batch_id: string }>(
      'select id, status, provider_batch_id from intelligence_service.message_batches where id = any($1::uuid[])',
      [chunkIds],
    );
    assert.equal(held.rows.length, chunkIds.length);
    assert.ok(held.rows.every((b) => b.status === 'COLLECTED'));
    const atProvider = await standinBatchesSince(since);
    for (const chunk of chunks.rows) assert.ok(atProvider.includes(chunk.provider_batch_id!), `${chunk.provider_batch_id} at the stand-in`);
    const texts = await db.query<{ text: string }>('select text from batch_service.notifications where run_date = $1 and user_id = any($2::uuid[])', [
      seoulToday(),
      users,
    ]);
    assert.ok(texts.rows.every((t) => t.text.trim().length > 0 && [...t.text].length <= 80));
  });

  test('when one of two users has not consented to the transfer abroad, then only the other’s facts reach the model; the first gets the marked rule-based text', async () => {
    const since = new Date();
    const [consenting] = await seedUsersBehind(db, 1);
    const [withheld] = await seedUsersBehind(db, 1, { aiConsent: false });
    seeded.push(consenting!, withheld!);
    const rows = await allSent(db, [consenting!, withheld!]);
    const byUser = new Map(rows.map((r) => [r.user_id, r]));
    assert.deepEqual(
      [consenting, withheld].map((id) => {
        const r = byUser.get(id!)!;
        return [r.messages, r.text_source, r.message_source, r.prepared_reason];
      }),
      [
        [1, 'AI', 'AI', null],
        [1, 'FALLBACK', 'FALLBACK', 'NO_AI_CONSENT'],
      ],
    );
    // What the provider received: the consenting user's request and never the other's.
    const sent = await requestsAtProviderSince(since);
    assert.ok(sent.includes(consenting!), 'the consenting user’s request reached the provider');
    assert.ok(!sent.includes(withheld!), 'no request about the user without the consent reached the provider');
    const held = await db.query('select 1 from intelligence_service.message_batch_items where custom_id = $1', [withheld]);
    assert.equal(held.rowCount, 0, 'not even the intelligence service holds a request for them');
  });

  test('when the provider lets every request of a batch expire, then the users get the rule-based text, marked FALLBACK with the reason', async () => {
    await setBatchFigures({ batchExpireRate: 1 });
    try {
      const users = await seedUsersBehind(db, 5);
      seeded.push(...users);
      const rows = await allSent(db, users);
      assert.deepEqual(
        rows.map((r) => [r.messages, r.text_source, r.message_source, r.prepared_reason]),
        users.map(() => [1, 'FALLBACK', 'FALLBACK', 'AI_BATCH_EXPIRED']),
      );
    } finally {
      await resetClaude();
    }
  });
});

describe('a generation run killed half-way', () => {
  let db: pg.Client;
  let replica: BatchReplica | undefined;
  let seeded: string[] = [];

  before(async () => {
    db = await adminDb();
    // Small chunks, so the replica is caught with some submitted and some not.
    replica = await startBatchReplica(
      { BATCH_GENERATION_CHUNK_SIZE: '150', BATCH_DELIVERY_TIME: '00:00' },
      { app: 3016, sidecar: 3516, grpc: 31116, metrics: 9116 },
    );
  });
  after(async () => {
    await resetClaude();
    if (seeded.length) await eraseSeeded(db, seeded);
    await replica?.stop();
    await db?.end();
  });

  test('when the replica generating the texts is killed and restarted, then the run resumes its batches: none is submitted twice and every user gets one message', async () => {
    // The provider holds each batch for 15 s, so the kill lands before any of them ends.
    await setBatchFigures({ batchBaseSeconds: 15 });
    const since = new Date();
    const users = 1500;
    seeded = await seedUsersBehind(db, users);
    assert.equal(await replica!.trigger(), 200);

    const chunkStates = async () =>
      (
        await db.query<{ id: string; state: string; created_by: string }>(
          `select c.id, c.state, c.created_by from batch_service.generation_chunks c
           where exists (select 1 from batch_service.deliveries d where d.chunk_id = c.id and d.user_id = any($1::uuid[]))`,
          [seeded],
        )
      ).rows;
    let atKill: Array<{ id: string; state: string; created_by: string }> | undefined;
    const deadline = Date.now() + 60_000;
    while (!atKill && Date.now() < deadline) {
      const states = await chunkStates();
      if (states.some((c) => c.state === 'SUBMITTED') && states.some((c) => c.state === 'FILLING')) {
        await replica!.kill();
        atKill = states;
      } else await new Promise((r) => setTimeout(r, 5));
    }
    assert.ok(atKill, 'the generating replica was caught with chunks submitted and chunks not yet submitted');
    assert.ok(
      atKill.every((c) => c.created_by.includes(':3016/')),
      'the killed replica formed the chunks',
    );
    const left = await chunkStates();
    assert.ok(
      left.some((c) => c.state === 'FILLING'),
      'the killed replica left chunks unsubmitted',
    );

    await replica!.restart();
    await replica!.trigger();
    const rows = await allSent(db, seeded);

    assert.deepEqual(
      rows.filter((r) => r.messages !== 1),
      [],
      'every user has exactly one message',
    );
    const chunks = await chunkStates();
    assert.ok(chunks.every((c) => c.state === 'COLLECTED'));
    assert.deepEqual(
      [...new Set(chunks.map((c) => c.id))].sort(),
      atKill.map((c) => c.id).sort(),
      'the chunks formed before the kill were resumed; no new ones were formed for the same users',
    );
    // Every message batch the provider received since the test began belongs to one chunk: none was submitted twice.
    const providerIds = await db.query<{ provider_batch_id: string }>(
      'select provider_batch_id from intelligence_service.message_batches where submitted_at >= $1 and provider_batch_id is not null',
      [since],
    );
    const atProvider = await standinBatchesSince(since);
    assert.equal(atProvider.length, providerIds.rows.length, `the stand-in got ${atProvider.length} batches for ${providerIds.rows.length} submitted`);
    assert.deepEqual([...atProvider].sort(), providerIds.rows.map((r) => r.provider_batch_id).sort());
  });
});

describe('a delivery left half-way by a replica that died', () => {
  let db: pg.Client;
  let seeded: string[] = [];

  before(async () => {
    db = await adminDb();
  });
  after(async () => {
    await resetClaude();
    if (seeded.length) await eraseSeeded(db, seeded);
    await db?.end();
  });

  test('when a replica dies holding prepared users, then their claims expire and another replica delivers the prepared texts, one message each', async () => {
    // The provider holds the batch for 30 s, so the users wait in their chunk meanwhile.
    await setBatchFigures({ batchBaseSeconds: 30 });
    seeded = await seedUsersBehind(db, 200);
    await eventually(
      'the users to wait in a generation chunk',
      async () => (await outcomes(db, seeded)).filter((r) => r.state === 'GENERATING').length === seeded.length,
      30_000,
    );
    // What a replica that died in the middle of delivering leaves behind: users it claimed, with
    // their prepared texts, held until the claim expires.
    const prepared = '어제는 쉬었지만 오늘은 새로운 시작이에요 🌱';
    const held = await db.query(
      `update batch_service.deliveries set state = 'CLAIMED', claimed_by = 'dead-replica:0/1', claim_expires_at = now() + interval '3 seconds',
         attempts = attempts + 1, prepared_text = $3, prepared_source = 'AI'
       where run_date = $1 and user_id = any($2::uuid[]) and state = 'GENERATING'`,
      [seoulToday(), seeded, prepared],
    );
    assert.equal(held.rowCount, seeded.length);

    const rows = await allSent(db, seeded);
    assert.deepEqual(
      rows.filter((r) => r.messages !== 1 || r.text_source !== 'AI'),
      [],
      'one AI message each',
    );
    const texts = await db.query<{ text: string }>('select distinct text from batch_service.notifications where run_date = $1 and user_id = any($2::uuid[])', [
      seoulToday(),
      seeded,
    ]);
    assert.deepEqual(texts.rows, [{ text: prepared }], 'the prepared texts were delivered, not written again');

    // The batch that was generating their texts ends later; its results change nothing.
    await eventually(
      'their generation chunk to be collected',
      async () => {
        const chunks = await db.query<{ state: string }>(
          'select distinct c.state from batch_service.generation_chunks c join batch_service.deliveries d on d.chunk_id = c.id where d.run_date = $1 and d.user_id = any($2::uuid[])',
          [seoulToday(), seeded],
        );
        return chunks.rows.length > 0 && chunks.rows.every((c) => c.state === 'COLLECTED');
      },
      90_000,
    );
    const after = await outcomes(db, seeded);
    assert.deepEqual(
      after.filter((r) => r.messages !== 1 || r.state !== 'SENT'),
      [],
    );
  });
});
