import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { erasureRetryDelayMs } from '../../src/erasure.js';
import { afterPublishFailure, DEFAULT_OUTBOX_LIMITS } from '../../src/outbox.js';

describe('pending erasures', () => {
  test('when an erasure keeps failing, then the wait before the next attempt doubles from the sweep interval up to the cap', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => erasureRetryDelayMs(attempt, 60_000, 3_600_000));
    assert.deepEqual(waits, [60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000]);
    assert.equal(erasureRetryDelayMs(10_000, 60_000, 3_600_000), 3_600_000, 'no overflow however long it failed');
  });
});

describe('an outbox row that fails', () => {
  const limits = DEFAULT_OUTBOX_LIMITS;

  test('when the broker accepts other events meanwhile, then each failure is a strike and the fifth parks the row', () => {
    let row = { attempts: 0, strikes: 0 };
    const parked: boolean[] = [];
    for (let i = 0; i < 5; i += 1) {
      const next = afterPublishFailure(row, true, limits);
      parked.push(next.park);
      row = next;
    }
    assert.deepEqual(parked, [false, false, false, false, true]);
  });

  test('when the broker refuses everything (an outage), then failures are no strikes, and only the long attempt limit parks the row', () => {
    let row = { attempts: 0, strikes: 0 };
    let next = afterPublishFailure(row, false, limits);
    while (!next.park) {
      row = next;
      next = afterPublishFailure(row, false, limits);
    }
    assert.equal(next.strikes, 0);
    assert.equal(next.attempts, limits.parkAfterAttempts);
  });

  test('when a row is retried, then the wait doubles from one second up to the cap', () => {
    const waits: number[] = [];
    let row = { attempts: 0, strikes: 0 };
    for (let i = 0; i < 12; i += 1) {
      const next = afterPublishFailure(row, false, limits);
      waits.push(next.retryInSeconds);
      row = next;
    }
    assert.deepEqual(waits, [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]);
  });
});
