import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '@healthsync/shared';
import { replayDelaySeconds } from '../../src/handlers/dead-letters.js';
import { pushSettings, runSettings } from '../../src/config.js';

const base = {
  BATCH_AI_CONCURRENCY: 8,
  BATCH_AI_TIMEOUT_MS: 15_000,
  BATCH_CLAIM_SIZE: 4,
  BATCH_CLAIM_TTL_SECONDS: 120,
  BATCH_MAX_ATTEMPTS: 3,
  BATCH_RETRY_AFTER_SECONDS: 30,
  BATCH_PLAN_PAGE_SIZE: 2_000,
  BATCH_RESUME_INTERVAL_SECONDS: 60,
  BATCH_KEEP_DECISIONS_DAYS: 35,
};

test('when a claim could expire while its users are still being worked on, then the service refuses to start and names the settings', () => {
  assert.throws(
    () => runSettings({ ...base, BATCH_CLAIM_TTL_SECONDS: 60 }),
    (error: unknown) => error instanceof ConfigError && /BATCH_CLAIM_TTL_SECONDS/.test(error.message),
  );
  assert.equal(runSettings(base).claimTtlSeconds, 120);
});

test('when a dead-lettered user-deleted comes back again and again, then each replay waits twice as long, at most a day', () => {
  assert.deepEqual(
    [1, 2, 3, 4].map((n) => replayDelaySeconds(n, 60)),
    [60, 120, 240, 480],
  );
  assert.equal(replayDelaySeconds(30, 60), 86_400);
});

test('when a push claim could expire while a message is still being retried, then the service refuses to start and names the settings', () => {
  const push = {
    FCM_BASE_URL: 'https://fcm.googleapis.com',
    PUSH_POLL_INTERVAL_MS: 5_000,
    PUSH_CLAIM_SIZE: 20,
    PUSH_CLAIM_TTL_SECONDS: 600,
    PUSH_MAX_ATTEMPTS: 4,
    PUSH_RETRY_BASE_MS: 1_000,
    PUSH_RETRY_MAX_MS: 30_000,
    PUSH_TIMEOUT_MS: 10_000,
    PUSH_MAX_AGE_MINUTES: 1_440,
    PUSH_UNAVAILABLE_RETRY_SECONDS: 60,
  };
  assert.throws(
    () => pushSettings({ ...push, PUSH_CLAIM_TTL_SECONDS: 160 }),
    (error: unknown) => error instanceof ConfigError && /PUSH_CLAIM_TTL_SECONDS/.test(error.message),
  );
  assert.throws(
    () => pushSettings({ ...push, PUSH_RETRY_BASE_MS: 40_000 }),
    (error: unknown) => error instanceof ConfigError && /PUSH_RETRY_BASE_MS/.test(error.message),
  );
  assert.deepEqual(pushSettings(push).policy, { baseMs: 1_000, maxMs: 30_000, maxAttempts: 4 });
});
