import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DaprCallError, StateConflictError } from '../../src/dapr.js';
import { createDaprDouble, invocationFailure } from '../../src/testing/dapr-double.js';

test('when the service publishes, then the double records each event in order, copied', async () => {
  const dapr = createDaprDouble();
  const data = { userId: 'u1', n: 1 };
  await dapr.publish('events', 'goal-set', data, { id: 'e1' });
  data.n = 2;
  await dapr.publish('events', 'other', { n: 3 });
  assert.deepEqual(dapr.publishedTo('goal-set'), [{ userId: 'u1', n: 1 }]);
  assert.deepEqual(
    dapr.published.map((e) => [e.topic, e.options.id]),
    [
      ['goal-set', 'e1'],
      ['other', undefined],
    ],
  );
  dapr.publishing = false;
  await assert.rejects(dapr.publish('events', 'goal-set', {}), /Publishing to events\/goal-set failed/);
});

test('when state is saved with a stale ETag, then the save is refused as a conflict', async () => {
  const dapr = createDaprDouble();
  await dapr.saveState('cache', 'k', { v: 1 });
  const entry = await dapr.getStateEntry<{ v: number }>('cache', 'k');
  await dapr.saveState('cache', 'k', { v: 2 }, { etag: entry!.etag! });
  await assert.rejects(dapr.saveState('cache', 'k', { v: 3 }, { etag: entry!.etag! }), StateConflictError);
  assert.deepEqual(await dapr.getState('cache', 'k'), { v: 2 });
  await dapr.deleteState('cache', 'k');
  assert.equal(await dapr.getState('cache', 'k'), undefined);
});

test('when an invocation has a handler, then it answers; without one, or when it throws, the call fails as through a sidecar', async () => {
  const dapr = createDaprDouble({ secrets: { 'api-key': 's3cret' } });
  dapr.onInvoke('health', 'internal/users/u1/latest', (call) => ({ path: call.path, method: call.method }));
  dapr.onInvoke('health', /^internal\/users\/u2\//, (call) => {
    throw invocationFailure(call, 503, { code: 'DOWN' });
  });
  assert.deepEqual(await dapr.invoke('health', '/internal/users/u1/latest?x=1'), { path: 'internal/users/u1/latest?x=1', method: 'GET' });
  await assert.rejects(dapr.invoke('health', 'internal/users/u2/latest'), (error: unknown) => error instanceof DaprCallError && error.upstreamStatus === 503);
  await assert.rejects(dapr.invoke('goal', 'anything', { body: {} }), (error: unknown) => error instanceof DaprCallError && error.upstreamStatus === 500);
  assert.deepEqual(
    dapr.invocations.map((c) => [c.appId, c.method]),
    [
      ['health', 'GET'],
      ['health', 'GET'],
      ['goal', 'POST'],
    ],
  );
  assert.equal(await dapr.getSecret('secretstore', 'api-key'), 's3cret');
  await assert.rejects(dapr.getSecret('secretstore', 'missing'), DaprCallError);
});
