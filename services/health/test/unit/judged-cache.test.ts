import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger, createMetrics, UpstreamUnavailableError, type Dapr } from '@healthsync/shared';
import { createJudgedCache } from '../../src/adapters/judged-cache.js';

/** A stand-in for the sidecar's state API: a Map, or a Redis outage when `down` is set. */
function fakeDapr() {
  const store = new Map<string, unknown>();
  const state = { down: false, store };
  const fail = () => {
    throw new UpstreamUnavailableError('STATE_UNAVAILABLE', 'redis is down');
  };
  const dapr = {
    async getState<T>(_store: string, key: string) {
      if (state.down) fail();
      return store.get(key) as T | undefined;
    },
    async saveState(_store: string, key: string, value: unknown) {
      if (state.down) fail();
      store.set(key, value);
    },
    async deleteState(_store: string, key: string) {
      if (state.down) fail();
      store.delete(key);
    },
  } as unknown as Dapr;
  return { dapr, state };
}

const options = {
  ttlSeconds: 60,
  logger: createLogger('cache-test', 'error'),
  metrics: createMetrics('cache-test'),
  // Every user is live here (the erasure guard is PostgreSQL's, tested in the component tests).
  whileLive: async (_userId: string, work: () => Promise<void>) => {
    await work();
    return true;
  },
};

describe('the latest-judged cache', () => {
  test('when a value is cached, then it is read back until invalidated', async () => {
    const { dapr } = fakeDapr();
    const cache = createJudgedCache<{ n: number }>(dapr, options);
    await cache.put('u1', { n: 1 });
    assert.deepEqual(await cache.get('u1'), { n: 1 });
    await cache.invalidate('u1');
    assert.equal(await cache.get('u1'), undefined);
  });

  test('when Redis is down, then reads miss, writes and drops are skipped, and nothing throws', async () => {
    const { dapr, state } = fakeDapr();
    const cache = createJudgedCache<{ n: number }>(dapr, options);
    state.down = true;
    assert.equal(await cache.get('u1'), undefined);
    await cache.put('u1', { n: 1 });
    await cache.invalidate('u1');
  });

  test('when entries are written, then they are per user', async () => {
    const { dapr, state } = fakeDapr();
    const cache = createJudgedCache<{ n: number }>(dapr, options);
    await cache.put('u1', { n: 1 });
    await cache.put('u2', { n: 2 });
    assert.deepEqual([...state.store.keys()].sort(), ['latest-judged:v2:u1', 'latest-judged:v2:u2']);
  });
});
