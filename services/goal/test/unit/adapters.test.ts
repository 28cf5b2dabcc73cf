import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger, DaprCallError, UpstreamUnavailableError, type Dapr } from '@healthsync/shared';
import { createIntelligenceClient, type Intelligence } from '../../src/adapters/intelligence-client.js';
import { createTodayCache, todayKey } from '../../src/adapters/today-cache.js';
import { todayView } from '../../src/domain/views.js';
import { writeCelebration } from '../../src/handlers/celebration-writer.js';

const logger = createLogger('goal-test', 'error');
const view = todayView({ sets: [], completions: [] }, '2026-11-24');

/** Every user is live here (the erasure guard is PostgreSQL's, tested in the component tests). */
const live = async (_userId: string, work: () => Promise<void>) => {
  await work();
  return true;
};

describe('the today-view cache', () => {
  test('when the state store answers, then a view is saved with a TTL under the user’s key with its day and version, and read back for those only', async () => {
    const store = new Map<string, { value: unknown; ttl: number | undefined }>();
    const cache = createTodayCache({
      state: {
        getState: async <T>(_s: string, key: string) => store.get(key)?.value as T | undefined,
        saveState: async (_s, key, value, options) => void store.set(key, { value, ttl: options?.ttlSeconds }),
        deleteState: async (_s, key) => void store.delete(key),
      },
      ttlSeconds: 1800,
      logger,
      whileLive: live,
    });
    assert.equal(await cache.get('u1', '2026-11-24', 3), undefined);
    await cache.save('u1', '2026-11-24', 3, view);
    assert.deepEqual(store.get('today:u1'), { value: { day: '2026-11-24', version: 3, view }, ttl: 1800 });
    assert.deepEqual(await cache.get('u1', '2026-11-24', 3), view);
    assert.equal(await cache.get('u1', '2026-11-24', 4), undefined, 'a newer version never reads an older view');
    assert.equal(await cache.get('u1', '2026-11-25', 3), undefined, 'a new Seoul day never reads yesterday’s view');
    await cache.invalidate('u1');
    assert.equal(store.has(todayKey('u1')), false);
  });

  test('when Redis is down, then reads miss and writes are skipped without failing the request, but an erasure learns it failed', async () => {
    const down = async () => {
      throw new UpstreamUnavailableError('STATE_UNAVAILABLE', 'down');
    };
    const cache = createTodayCache({ state: { getState: down, saveState: down, deleteState: down }, ttlSeconds: 60, logger, whileLive: live });
    assert.equal(await cache.get('u1', '2026-11-24', 1), undefined);
    await cache.save('u1', '2026-11-24', 1, view);
    await cache.invalidate('u1');
    await assert.rejects(cache.erase('u1'), UpstreamUnavailableError);
  });

  test('when the user has been erased, then nothing is saved', async () => {
    const store = new Map<string, unknown>();
    const cache = createTodayCache({
      state: {
        getState: async <T>(_s: string, key: string) => store.get(key) as T | undefined,
        saveState: async (_s, key, value) => void store.set(key, value),
        deleteState: async (_s, key) => void store.delete(key),
      },
      ttlSeconds: 60,
      logger,
      whileLive: async () => false,
    });
    await cache.save('u1', '2026-11-24', 1, view);
    assert.equal(store.size, 0);
  });
});

function fakeDapr(answer: () => Promise<unknown>): { dapr: Dapr; calls: { appId: string; path: string; options: unknown }[] } {
  const calls: { appId: string; path: string; options: unknown }[] = [];
  const dapr = {
    invoke: async (appId: string, path: string, options: unknown) => {
      calls.push({ appId, path, options });
      return answer();
    },
  } as unknown as Dapr;
  return { dapr, calls };
}

const validSet = {
  recommendationSetId: 'rs-1',
  missions: [
    {
      id: 'ai-1',
      title: '걷기',
      description: '설명',
      category: 'exercise',
      difficulty: 'easy',
      minutes: 20,
      benefit: '효과',
      occupationFit: '사무직',
      targetItems: ['bmi'],
    },
  ],
};

describe('the intelligence client', () => {
  test('when the user has recommendations, then the contract route is called with the user id and the set is returned', async () => {
    const { dapr, calls } = fakeDapr(async () => validSet);
    const client = createIntelligenceClient({ dapr, appId: 'intelligence', timeoutMs: 500, logger });
    assert.deepEqual(await client.currentRecommendations('5b1c3a52-0000-4000-8000-000000000001'), validSet);
    assert.deepEqual(calls, [
      {
        appId: 'intelligence',
        path: 'internal/intelligence/users/5b1c3a52-0000-4000-8000-000000000001/recommendations/current',
        options: { method: 'GET', timeoutMs: 500 },
      },
    ]);
  });

  test('when the service answers 404 (no recommendations), then there are none', async () => {
    const { dapr } = fakeDapr(async () => {
      throw new DaprCallError('invoke', 404, JSON.stringify({ status: 404, code: 'NO_RECOMMENDATIONS' }));
    });
    assert.equal(await createIntelligenceClient({ dapr, appId: 'intelligence', timeoutMs: 500, logger }).currentRecommendations('u1'), null);
  });

  test('when the route does not exist, fails, times out or answers off-contract, then the dependency is reported unavailable', async () => {
    const failures: (() => Promise<unknown>)[] = [
      async () => {
        throw new DaprCallError('invoke', 404, JSON.stringify({ status: 404, code: 'ROUTE_NOT_FOUND' }));
      },
      async () => {
        throw new DaprCallError('invoke', 500, 'ERR_DIRECT_INVOKE');
      },
      async () => {
        throw new UpstreamUnavailableError('UPSTREAM_TIMEOUT', 'timed out');
      },
      async () => ({ recommendationSetId: 'rs', missions: [{ id: 'x', category: 'yoga' }] }),
    ];
    for (const failure of failures) {
      const client = createIntelligenceClient({ dapr: fakeDapr(failure).dapr, appId: 'intelligence', timeoutMs: 500, logger });
      await assert.rejects(
        client.currentRecommendations('u1'),
        (error: unknown) => error instanceof UpstreamUnavailableError && error.code === 'INTELLIGENCE_UNAVAILABLE',
      );
    }
  });
});

describe('celebration messages', () => {
  const facts = {
    milestone: 3 as const,
    streakDays: 3,
    missionTitle: '물 8잔 마시기',
    missionCategory: 'diet',
    activeMissionCount: 2,
    todayCompletionRate: 50,
  };
  const intelligence = (writeMessage: Intelligence['writeMessage']): Intelligence => ({ currentRecommendations: async () => null, writeMessage });

  test('when the AI writes one in time, then its text is used and marked AI; the request carries kind CELEBRATION and the facts', async () => {
    const seen: unknown[] = [];
    const result = await writeCelebration(
      intelligence(async (input, timeoutMs) => {
        seen.push({ input, timeoutMs });
        return { text: ' 🎉 사흘 연속 물 8잔! 멋져요 ', source: 'AI' };
      }),
      { userId: 'u1', facts, timeoutMs: 1234 },
      logger,
    );
    assert.deepEqual(result, { text: '🎉 사흘 연속 물 8잔! 멋져요', source: 'AI' });
    assert.deepEqual(seen, [{ input: { userId: 'u1', kind: 'CELEBRATION', facts }, timeoutMs: 1234 }]);
  });

  test('when the intelligence service fails or answers too long, then the local fallback is kept and marked FALLBACK', async () => {
    const failing = await writeCelebration(
      intelligence(async () => Promise.reject(new Error('down'))),
      { userId: 'u1', facts, timeoutMs: 10 },
      logger,
    );
    assert.equal(failing.source, 'FALLBACK');
    assert.match(failing.text, /물 8잔 마시기.*3일 연속/);
    const tooLong = await writeCelebration(
      intelligence(async () => ({ text: '가'.repeat(101), source: 'AI' })),
      { userId: 'u1', facts, timeoutMs: 10 },
      logger,
    );
    assert.deepEqual(tooLong, failing);
  });

  test('when the intelligence service answers with its own fallback, then that text is kept with its FALLBACK mark', async () => {
    const result = await writeCelebration(
      intelligence(async () => ({ text: '3일 연속 달성!', source: 'FALLBACK' })),
      { userId: 'u1', facts, timeoutMs: 10 },
      logger,
    );
    assert.deepEqual(result, { text: '3일 연속 달성!', source: 'FALLBACK' });
  });
});
