import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seoulDate } from '@healthsync/shared';
import { budgetDecision } from '../../src/domain/budget.js';

describe('daily token budget', () => {
  test('when the user has tokens left, then a call is allowed and the remainder reported', () => {
    assert.deepEqual(budgetDecision({ inputTokens: 600, outputTokens: 300 }, 1000), { allowed: true, used: 900, remaining: 100 });
  });

  test('when the user has spent the budget exactly or more, then no further call is allowed', () => {
    assert.equal(budgetDecision({ inputTokens: 700, outputTokens: 300 }, 1000).allowed, false);
    assert.equal(budgetDecision({ inputTokens: 5000, outputTokens: 0 }, 1000).allowed, false);
  });

  test('when nothing was spent today, then the whole budget is available', () => {
    assert.deepEqual(budgetDecision({ inputTokens: 0, outputTokens: 0 }, 50), { allowed: true, used: 0, remaining: 50 });
  });

  test('when it is past midnight in Seoul but not in UTC, then the budget day is already the next one', () => {
    assert.equal(seoulDate(new Date('2026-03-01T14:59:59Z')), '2026-03-01');
    assert.equal(seoulDate(new Date('2026-03-01T15:00:00Z')), '2026-03-02');
  });
});
