import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seoulDate } from '@healthsync/shared';
import { estimateTokens, partialSpend, reservationFor, totalTokens } from '../../src/domain/budget.js';

describe('daily token budget', () => {
  test('when a call is about to be made, then it reserves everything it sends (instructions, turns, tool) plus max_tokens', () => {
    const prompt = {
      system: '규칙',
      messages: [
        { role: 'user' as const, content: '혈압이 높아요' },
        { role: 'assistant' as const, content: 'ok' },
      ],
    };
    assert.equal(reservationFor(prompt, 700), 2 + 7 + 2 + 700);
    const tool = { name: 't', description: 'd', inputSchema: { type: 'object' } };
    assert.equal(reservationFor({ ...prompt, tool }, 700), 2 + 7 + 2 + JSON.stringify(tool).length + 700);
  });

  test('when text is estimated, then each character (not each UTF-16 unit) counts one token', () => {
    assert.equal(estimateTokens(''), 0);
    assert.equal(estimateTokens('가나다'), 3);
    assert.equal(estimateTokens('🙂a'), 2);
  });

  test('when a stream broke off before its final usage, then the output is what arrived, estimated high', () => {
    assert.deepEqual(partialSpend({ inputTokens: 120, outputTokens: 1 }, '혈압을 낮추려면'), { inputTokens: 120, outputTokens: 8 });
  });

  test('when a stream broke off after reporting more output than the text suggests, then the reported count stands', () => {
    assert.deepEqual(partialSpend({ inputTokens: 120, outputTokens: 40 }, 'abc'), { inputTokens: 120, outputTokens: 40 });
    assert.equal(totalTokens({ inputTokens: 120, outputTokens: 40 }), 160);
  });

  test('when it is past midnight in Seoul but not in UTC, then the budget day is already the next one', () => {
    assert.equal(seoulDate(new Date('2026-03-01T14:59:59Z')), '2026-03-01');
    assert.equal(seoulDate(new Date('2026-03-01T15:00:00Z')), '2026-03-02');
  });
});
