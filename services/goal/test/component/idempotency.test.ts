import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { invocationFailure, startComponent, type Component } from '@healthsync/shared/testing';
import { goalService } from '../../src/server.js';

// Safe retries on a route that changes something (POST /api/goals/reset), against the
// service's real schema: the claim table, the replay and the erasure of stored answers.
const WALK = 'cat-ex-lunch-walk';

let goal: Component;

before(async () => {
  goal = await startComponent(goalService, { env: { CELEBRATION_TIMEOUT_MS: '200' } });
  goal.dapr.onInvoke('intelligence', 'internal/intelligence/messages', (call) => {
    throw invocationFailure(call, 503, { code: 'MODEL_UNAVAILABLE' });
  });
});

after(async () => {
  await goal?.stop();
});

const choose = (userId: string, missionIds: string[]) => goal.request('/api/goals/missions', { method: 'PUT', userId, json: { missionIds } });
const reset = (userId: string, key: string | undefined, body: unknown = { reason: 'TOO_HARD' }) =>
  goal.request('/api/goals/reset', { method: 'POST', userId, json: body, ...(key ? { headers: { 'idempotency-key': key } } : {}) });
const endedSets = async (userId: string) =>
  Number((await goal.db.query<{ n: string }>('select count(*) as n from goal_sets where user_id = $1 and ended_on is not null', [userId])).rows[0]!.n);

describe('Idempotency-Key on a reset', () => {
  test('when a reset is retried with the same key, then the first answer comes back marked as a replay and nothing is reset twice', async () => {
    const userId = randomUUID();
    const key = randomUUID();
    assert.equal((await choose(userId, [WALK])).status, 200);
    const first = await reset(userId, key);
    const firstBody = await first.text();
    assert.equal(first.status, 200, firstBody);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    // Without the key the same reset would now be refused: there is nothing active left.
    const again = await reset(userId, key);
    assert.equal(again.status, 200);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.headers.get('content-type'), first.headers.get('content-type'));
    assert.equal(await again.text(), firstBody);
    assert.equal(await endedSets(userId), 1);
    const fresh = await reset(userId, randomUUID());
    assert.equal(fresh.status, 409);
    assert.equal(((await fresh.json()) as { code: string }).code, 'NO_ACTIVE_MISSIONS');
  });

  test('when the same key comes with another body, then it is a 422 and nothing changes', async () => {
    const userId = randomUUID();
    const key = randomUUID();
    assert.equal((await choose(userId, [WALK])).status, 200);
    const first = await reset(userId, key, { reason: 'TOO_HARD' });
    assert.equal(first.status, 200);
    assert.equal((await choose(userId, [WALK])).status, 200);
    const other = await reset(userId, key, { reason: 'NO_TIME' });
    assert.equal(other.status, 422);
    assert.equal(other.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.equal(((await other.json()) as { code: string }).code, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal(await endedSets(userId), 1, 'the second set is still active');
  });

  test('when two devices send the same key at once, then exactly one reset happens and the other is told to wait or gets the replay', async () => {
    const userId = randomUUID();
    const key = randomUUID();
    assert.equal((await choose(userId, [WALK])).status, 200);
    const answers = await Promise.all([reset(userId, key), reset(userId, key), reset(userId, key)]);
    const statuses = answers.map((a) => a.status).sort();
    assert.ok(
      statuses.every((s) => s === 200 || s === 409),
      String(statuses),
    );
    const fresh = answers.filter((a) => a.status === 200 && a.headers.get('idempotent-replayed') === null);
    assert.equal(fresh.length, 1, String(statuses));
    for (const busy of answers.filter((a) => a.status === 409)) {
      assert.equal(busy.headers.get('retry-after'), '2');
      assert.equal(((await busy.json()) as { code: string }).code, 'IDEMPOTENCY_KEY_IN_USE');
    }
    assert.equal(await endedSets(userId), 1);
  });

  test('a key is per user: another user with the same key gets their own answer', async () => {
    const [alice, bob] = [randomUUID(), randomUUID()];
    const key = randomUUID();
    assert.equal((await choose(alice, [WALK])).status, 200);
    assert.equal((await reset(alice, key)).status, 200);
    const bobs = await reset(bob, key);
    assert.equal(bobs.status, 409);
    assert.equal(bobs.headers.get('idempotent-replayed'), null);
    assert.equal(((await bobs.json()) as { code: string }).code, 'NO_ACTIVE_MISSIONS');
  });

  test('a malformed key is a 400 naming the header, and nothing is reset', async () => {
    const userId = randomUUID();
    assert.equal((await choose(userId, [WALK])).status, 200);
    const bad = await reset(userId, 'not ok/../x');
    assert.equal(bad.status, 400);
    const problem = (await bad.json()) as { code: string; errors: { field: string }[] };
    assert.equal(problem.code, 'VALIDATION_FAILED');
    assert.equal(problem.errors[0]?.field, 'header.Idempotency-Key');
    assert.equal(await endedSets(userId), 0);
  });

  test('when the account is deleted, then the stored answers go with it', async () => {
    const userId = randomUUID();
    assert.equal((await choose(userId, [WALK])).status, 200);
    assert.equal((await reset(userId, randomUUID())).status, 200);
    const stored = async () =>
      Number((await goal.db.query<{ n: string }>('select count(*) as n from idempotency_keys where user_id = $1', [userId])).rows[0]!.n);
    assert.equal(await stored(), 1);
    const eventId = randomUUID();
    const event = { eventId, type: 'UserDeleted', userId, occurredAt: goal.clock.now().toISOString() };
    assert.equal((await goal.deliver('/events/user-deleted', 'user-deleted', event, eventId)).status, 200);
    assert.equal(await stored(), 0);
  });
});
