import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fallbackChatAnswer, recentTurns, sessionTitle, suggestedQuestions } from '../../src/domain/chat.js';
import { detectEmergency } from '../../src/domain/emergency.js';
import { buildTestRecord } from './builders.js';

describe('chat context', () => {
  test('when the history is longer than the window, then only the latest turns are kept, starting with a question and ending with an answer', () => {
    const history = Array.from({ length: 12 }, (_, i) => ({ role: i % 2 === 0 ? ('user' as const) : ('assistant' as const), content: `m${i}` }));
    const turns = recentTurns(history, 5);
    assert.deepEqual(
      turns.map((t) => t.content),
      ['m8', 'm9', 'm10', 'm11'],
    );
    assert.equal(turns[0]!.role, 'user');
  });

  test('when an answer is missing between two questions, then the questions are merged so roles alternate', () => {
    const turns = recentTurns(
      [
        { role: 'user', content: 'a' },
        { role: 'user', content: 'b' },
        { role: 'assistant', content: 'c' },
      ],
      10,
    );
    assert.deepEqual(turns, [
      { role: 'user', content: 'a\nb' },
      { role: 'assistant', content: 'c' },
    ]);
  });

  test('when the window is zero or the last turn is an unanswered question, then it is left out', () => {
    assert.deepEqual(recentTurns([{ role: 'user', content: 'a' }], 10), []);
    assert.deepEqual(
      recentTurns(
        [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: 'b' },
        ],
        0,
      ),
      [],
    );
  });
});

describe('follow-up questions', () => {
  test('when the user has a flagged item and asks about exercise, then three distinct follow-ups cover both', () => {
    const questions = suggestedQuestions('운동은 어떻게 하면 좋을까요?', buildTestRecord());
    assert.equal(questions.length, 3);
    assert.equal(new Set(questions).size, 3);
    assert.match(questions[0]!, /^혈압을/);
    assert.ok(questions.some((q) => q.includes('운동')));
  });

  test('when there is no record and no known topic, then three general follow-ups come back', () => {
    assert.equal(suggestedQuestions('안녕하세요', null).length, 3);
  });

  test('when the message is an emergency, then the first follow-up is about getting help', () => {
    const message = '죽고 싶어요';
    assert.match(suggestedQuestions(message, null, detectEmergency(message))[0]!, /상담/);
  });
});

describe('chat fallbacks and titles', () => {
  test('when the model cannot answer, then the fallback says so and still gives advice about the top flagged item', () => {
    const text = fallbackChatAnswer(buildTestRecord());
    assert.match(text, /AI 상담이 잠시 어려워/);
    assert.match(text, /혈압이 질환의심/);
  });

  test('when a first message is long, then the session title is cut to forty characters', () => {
    assert.equal(Array.from(sessionTitle('가'.repeat(100))).length, 40);
    assert.equal(sessionTitle('  혈압   질문  '), '혈압 질문');
  });
});
