import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { batchRequestEventId, itemResult, tally, usageOutcomeOf, type BatchResultLine } from '../../src/domain/message-batch.js';
import { fallbackMessage } from '../../src/domain/messages.js';

const facts = { completionRate7d: 28.6, consecutiveMissedDays: 3, activeMissionCount: 2 };

function succeeded(text: string, stopReason = 'end_turn'): BatchResultLine {
  return {
    custom_id: 'u1',
    result: { type: 'succeeded', message: { content: [{ type: 'text', text }], stop_reason: stopReason, usage: { input_tokens: 120, output_tokens: 25 } } },
  };
}

describe('a Message Batch result as a stored message', () => {
  test('when the model wrote a short message with only the user’s numbers, then it is used as AI text with its tokens', () => {
    const result = itemResult(succeeded('3일 쉬었어도 괜찮아요. 오늘 미션 하나로 다시 시작해요! 🌱'), 'NUDGE', facts);
    assert.deepEqual(result, {
      outcome: 'succeeded',
      text: '3일 쉬었어도 괜찮아요. 오늘 미션 하나로 다시 시작해요! 🌱',
      source: 'AI',
      fallbackReason: null,
      inputTokens: 120,
      outputTokens: 25,
    });
  });

  test('when the model invented a number, then the rule-based text is used, marked with the reason, and the tokens still count', () => {
    const result = itemResult(succeeded('지난주 90% 달성했어요!'), 'NUDGE', facts);
    assert.equal(result.source, 'FALLBACK');
    assert.equal(result.fallbackReason, 'UNGROUNDED_NUMBER');
    assert.equal(result.text, fallbackMessage('NUDGE', facts));
    assert.equal(result.outputTokens, 25);
  });

  test('when the answer was cut off at max_tokens, then it is not used', () => {
    assert.equal(itemResult(succeeded('오늘도 힘내요', 'max_tokens'), 'NUDGE', facts).fallbackReason, 'INVALID_OUTPUT');
  });

  test('when a request errored, expired or was canceled, then it gets the rule-based text with that reason', () => {
    const cases: Array<[BatchResultLine['result'], string]> = [
      [{ type: 'errored', error: { error: { type: 'api_error', message: 'Internal server error' } } }, 'AI_BATCH_ERRORED'],
      [{ type: 'expired' }, 'AI_BATCH_EXPIRED'],
      [{ type: 'canceled' }, 'AI_BATCH_CANCELED'],
    ];
    for (const [result, reason] of cases) {
      const stored = itemResult({ custom_id: 'u1', result }, 'NUDGE', facts);
      assert.equal(stored.outcome, result.type);
      assert.equal(stored.source, 'FALLBACK');
      assert.equal(stored.fallbackReason, reason);
      assert.equal(stored.text, fallbackMessage('NUDGE', facts));
      assert.equal(stored.inputTokens + stored.outputTokens, 0);
    }
  });

  test('when results are tallied, then outcomes and sources are counted apart', () => {
    assert.deepEqual(
      tally([
        { outcome: 'succeeded', source: 'AI' },
        { outcome: 'succeeded', source: 'FALLBACK' },
        { outcome: 'expired', source: 'FALLBACK' },
      ]),
      { succeeded: 2, errored: 0, expired: 1, canceled: 0, ai: 1, fallback: 2 },
    );
  });
});

describe('a Message Batch request as a usage event', () => {
  const line = (result: BatchResultLine['result']): BatchResultLine => ({ custom_id: 'u-1', result });

  test('when a request ended, then its outcome is named as the per-message path names a failure', () => {
    const succeeded = { type: 'succeeded' as const, message: { content: [], stop_reason: 'end_turn', usage: { input_tokens: 1, output_tokens: 1 } } };
    assert.equal(usageOutcomeOf(line(succeeded)), 'SUCCESS');
    assert.equal(usageOutcomeOf(line({ type: 'expired' })), 'TIMEOUT');
    assert.equal(usageOutcomeOf(line({ type: 'canceled' })), 'ABORTED');
    assert.equal(usageOutcomeOf(line({ type: 'errored', error: { error: { type: 'invalid_request_error' } } })), 'CLIENT_ERROR');
    assert.equal(usageOutcomeOf(line({ type: 'errored', error: { error: { type: 'overloaded_error' } } })), 'OVERLOADED');
    assert.equal(usageOutcomeOf(line({ type: 'errored', error: { error: { type: 'rate_limit_error' } } })), 'RATE_LIMITED');
    assert.equal(usageOutcomeOf(line({ type: 'errored', error: { error: { type: 'api_error' } } })), 'SERVER_ERROR');
    assert.equal(usageOutcomeOf(line({ type: 'errored', error: {} })), 'SERVER_ERROR');
  });

  test('when a batch is collected twice, then each request reports the same event id; another request or batch, another id', () => {
    const batch = '4d3c2b1a-0f9e-4d8c-b7a6-958473625140';
    const id = batchRequestEventId(batch, 'u-1');
    assert.equal(batchRequestEventId(batch, 'u-1'), id);
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(batchRequestEventId(batch, 'u-2'), id);
    assert.notEqual(batchRequestEventId('5e4d3c2b-1a0f-4e9d-8c7b-a69584736251', 'u-1'), id);
  });
});
