import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { asyncApiDocument, messageNameOf } from '../../src/contracts/asyncapi.js';
import { allEventContracts, DEAD_LETTER_TOPIC, eventContracts } from '../../src/contracts/events.js';
import { breakingChanges, eventJsonSchema, toDraft07 } from '../../src/contracts/json-schema.js';
import { revocationKey, revocationTtlSeconds } from '../../src/contracts/revocation.js';
import type { DbClient } from '../../src/db.js';
import { enqueueEvent, EventContractError } from '../../src/outbox.js';
import { committedSchemaValidator, documentedExamples, documentedSubscriptions, producedEventIssues } from '../../src/testing/contracts.js';

describe('event contracts', () => {
  test('when the contracts are listed, then each has a unique type `<name>.v<version>`, a unique topic and a name of its producer', () => {
    const types = allEventContracts.map((c) => c.type);
    assert.equal(new Set(types).size, types.length);
    assert.equal(new Set(allEventContracts.map((c) => `${c.pubsub}/${c.topic}`)).size, allEventContracts.length);
    for (const contract of allEventContracts) {
      assert.equal(contract.type, `${contract.name}.v${contract.version}`);
      assert.match(contract.name, new RegExp(`^healthsync\\.${contract.producer}\\.[a-z]+(-[a-z]+)*$`));
      assert.ok(!contract.consumers.includes(contract.producer), `${contract.type}: a producer does not consume its own event`);
    }
    assert.equal(eventContracts.missionCompleted.type, 'healthsync.goal.mission-completed.v1');
  });

  test('when each example is parsed, then its own schema accepts it unchanged, and the examples’ event ids are distinct', () => {
    const ids: string[] = [];
    for (const contract of allEventContracts) {
      assert.ok(contract.examples.length > 0, contract.type);
      for (const example of contract.examples) {
        assert.deepEqual(contract.schema.parse(example.payload), example.payload, `${contract.type} ${example.name}`);
        ids.push((example.payload as { eventId: string }).eventId);
      }
    }
    assert.equal(new Set(ids).size, ids.length);
  });

  test('when an event misses a required field or has a wrong value, then its schema refuses it', () => {
    const [example] = eventContracts.missionCompleted.examples;
    const { activeMissionCount: _dropped, ...missing } = example!.payload;
    assert.equal(eventContracts.missionCompleted.schema.safeParse(missing).success, false);
    assert.equal(eventContracts.missionCompleted.schema.safeParse({ ...example!.payload, date: '2026-13-01' }).success, false);
    assert.equal(eventContracts.missionCompleted.schema.safeParse({ ...example!.payload, type: 'MissionUndone' }).success, false);
    assert.equal(eventContracts.aiModelCalled.schema.safeParse({ ...eventContracts.aiModelCalled.examples[0]!.payload, feature: 'poetry' }).success, false);
  });

  test('when the JSON Schema of an event is made, then it is draft-07 with its id and title, and leaves room for new optional fields', () => {
    const schema = eventJsonSchema(eventContracts.userDeleted) as Record<string, unknown>;
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.$id, 'https://healthsync.example/contracts/schemas/healthsync.user.user-deleted.v1.json');
    assert.equal(schema.title, 'healthsync.user.user-deleted.v1');
    assert.deepEqual(schema.required, ['eventId', 'type', 'userId', 'occurredAt']);
    assert.ok(!JSON.stringify(eventJsonSchema(eventContracts.goalSet)).includes('"additionalProperties":false'));
  });
});

describe('breaking changes', () => {
  const v1 = z.object({
    id: z.uuid(),
    kind: z.enum(['A', 'B']),
    count: z.number().int().min(0),
    note: z.string().optional(),
    nested: z.object({ day: z.iso.date(), items: z.array(z.object({ code: z.string() })) }),
  });
  const before = toDraft07(v1);
  const changesTo = (next: z.ZodType) => breakingChanges(before, toDraft07(next));

  test('when only an optional field or a description is added, then nothing breaks', () => {
    assert.deepEqual(changesTo(v1.extend({ extra: z.boolean().optional() })), []);
    assert.deepEqual(changesTo(v1.extend({ count: z.number().int().min(0).describe('how many') }).describe('now described')), []);
    assert.deepEqual(changesTo(v1), []);
  });

  test('when a field is removed or renamed, then it breaks', () => {
    assert.deepEqual(changesTo(v1.omit({ note: true })), ['payload.note: removed']);
    assert.deepEqual(changesTo(v1.omit({ count: true }).extend({ total: z.number().int().min(0) })), [
      'payload.count: removed',
      'payload.total: added as a required field',
    ]);
  });

  test('when a field changes type, format, bounds or values, then it breaks', () => {
    assert.match(changesTo(v1.extend({ count: z.string() })).join(), /payload\.count: type changed from "integer" to "string"/);
    assert.match(changesTo(v1.extend({ id: z.string() })).join(), /payload\.id: format changed/);
    assert.match(changesTo(v1.extend({ count: z.number().int().min(1) })).join(), /payload\.count: minimum changed from 0 to 1/);
    assert.match(changesTo(v1.extend({ kind: z.enum(['A', 'B', 'C']) })).join(), /payload\.kind: enum changed/);
    assert.match(changesTo(v1.extend({ note: z.string().nullable().optional() })).join(), /payload\.note: type changed/);
  });

  test('when a required field is added or a field changes between required and optional, then it breaks', () => {
    assert.deepEqual(changesTo(v1.extend({ extra: z.boolean() })), ['payload.extra: added as a required field']);
    assert.deepEqual(changesTo(v1.extend({ note: z.string() })), ['payload.note: made required']);
    assert.deepEqual(changesTo(v1.extend({ count: z.number().int().min(0).optional() })), ['payload.count: made optional']);
  });

  test('when something changes inside a nested object or an array’s items, then it breaks with its path', () => {
    const nested = v1.extend({ nested: z.object({ day: z.iso.date(), items: z.array(z.object({ code: z.number() })) }) });
    assert.match(changesTo(nested).join(), /payload\.nested\.items\[\]\.code: type changed/);
    const removed = v1.extend({ nested: z.object({ items: z.array(z.object({ code: z.string() })) }) });
    assert.deepEqual(changesTo(removed), ['payload.nested.day: removed']);
  });
});

describe('the AsyncAPI document', () => {
  const document = asyncApiDocument({ version: '1.0.0', contracts: allEventContracts, deadLetterConsumers: ['batch'] }) as {
    asyncapi: string;
    channels: Record<string, { address: string; messages: Record<string, unknown> }>;
    operations: Record<string, { action: string; 'x-dapr-app-id': string; 'x-dapr-route'?: string }>;
    components: { messages: Record<string, { name: string; headers: { properties: { type: { const?: string } } }; examples: unknown[] }> };
  };

  test('when it is made, then each topic is a channel with its message, one send per producer and one receive per consumer with its route', () => {
    assert.equal(document.asyncapi, '3.0.0');
    for (const contract of allEventContracts) {
      assert.equal(document.channels[contract.topic]?.address, contract.topic);
      const message = document.components.messages[messageNameOf(contract)]!;
      assert.equal(message.name, contract.type);
      assert.equal(message.headers.properties.type.const, contract.type);
      assert.equal(message.examples.length, contract.examples.length);
      assert.equal(document.operations[`${contract.producer}.send.${contract.topic}`]?.action, 'send');
      for (const consumer of contract.consumers) {
        assert.equal(document.operations[`${consumer}.receive.${contract.topic}`]?.['x-dapr-route'], `/events/${contract.topic}`);
      }
    }
    assert.equal(document.operations[`batch.receive.${DEAD_LETTER_TOPIC}`]?.action, 'receive');
    const receives = Object.values(document.operations).filter((op) => op.action === 'receive');
    assert.equal(receives.length, allEventContracts.reduce((n, c) => n + c.consumers.length, 0) + 1);
  });

  test('when the committed document is read, then it lists each consumer’s topics and examples as the contracts do', () => {
    assert.deepEqual(documentedSubscriptions('goal'), ['user-deleted']);
    assert.deepEqual(documentedSubscriptions('batch'), [
      'celebration-earned',
      'dead-letters',
      'goal-set',
      'inactive-account-notice',
      'mission-completed',
      'mission-undone',
      'missions-reset',
      'user-deleted',
    ]);
    const health = documentedExamples('health');
    assert.deepEqual(
      health.map((e) => e.type),
      [
        eventContracts.userRegistered.type,
        eventContracts.userProfileChanged.type,
        // Self-service and retention erasures; a withdrawal of each consent.
        eventContracts.userDeleted.type,
        eventContracts.userDeleted.type,
        eventContracts.consentWithdrawn.type,
        eventContracts.consentWithdrawn.type,
      ],
    );
    assert.deepEqual(health[0]!.payload, eventContracts.userRegistered.examples[0]!.payload);
  });
});

describe('producer contract check', () => {
  const example = eventContracts.userDeleted.examples[0]!.payload;
  const published = (data: unknown, metadata: Record<string, string> = { 'cloudevent.type': eventContracts.userDeleted.type }, id = example.eventId) => [
    { pubsub: 'events', topic: 'user-deleted', data, options: { id, metadata } },
  ];

  test('when a producer publishes its contract’s event with type and id, then there is nothing to report', () => {
    assert.deepEqual(producedEventIssues(published(example), 'user'), { issues: [], types: { [eventContracts.userDeleted.type]: 1 } });
  });

  test('when the payload, the type, the id or the producer is off, then each is reported', () => {
    assert.match(
      producedEventIssues(published({ ...example, userId: 'not-a-uuid' }), 'user').issues.join(),
      /rejected by contracts\/schemas\/healthsync\.user\.user-deleted\.v1\.json: \/userId/,
    );
    assert.match(producedEventIssues(published({ ...example, email: 'a@b.c' }), 'user').issues.join(), /carries fields/);
    assert.match(producedEventIssues(published(example, {}), 'user').issues.join(), /CloudEvent type undefined/);
    assert.match(producedEventIssues(published(example, undefined, 'other'), 'user').issues.join(), /not the payload's eventId/);
    assert.match(producedEventIssues(published(example), 'goal').issues.join(), /names user as its producer/);
    assert.match(producedEventIssues([{ pubsub: 'events', topic: 'nobody', data: {}, options: {} }], 'user').issues.join(), /no contract/);
  });

  test('when the committed schema file validates the examples, then it agrees with the zod schema', () => {
    for (const contract of allEventContracts) {
      const validate = committedSchemaValidator(contract);
      for (const e of contract.examples) assert.ok(validate(e.payload), `${contract.type} ${e.name}: ${JSON.stringify(validate.errors)}`);
    }
  });
});

describe('outbox', () => {
  test('when a producer enqueues an event its contract refuses, then nothing is written and the change fails', async () => {
    const writes: unknown[][] = [];
    const client = { query: async (_sql: string, params: unknown[]) => writes.push(params) } as unknown as DbClient;
    await assert.rejects(
      enqueueEvent(client, eventContracts.userDeleted, { type: 'UserDeleted', userId: 'someone', occurredAt: '2026-11-24T00:00:00Z' }),
      (error: unknown) => error instanceof EventContractError && /userId/.test(error.message),
    );
    assert.equal(writes.length, 0);
    const id = await enqueueEvent(client, eventContracts.userDeleted, {
      type: 'UserDeleted',
      userId: '3f2b8c1e-7d4a-4e6b-9a1c-5d8e2f4b6a10',
      occurredAt: '2026-11-24T00:00:00.000Z',
    });
    assert.deepEqual(writes[0]!.slice(0, 3), [id, 'user-deleted', 'healthsync.user.user-deleted.v1']);
    assert.equal(JSON.parse(writes[0]![3] as string).eventId, id);
  });
});

test('when a session is revoked, then its key is `session:<id>` and it lives a minute longer than an access token', () => {
  assert.equal(revocationKey('abc'), 'session:abc');
  assert.equal(revocationTtlSeconds(900), 960);
});
