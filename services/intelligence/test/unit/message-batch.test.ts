import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { itemResult, tally, type BatchResultLine } from '../../src/domain/message-batch.js';
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
