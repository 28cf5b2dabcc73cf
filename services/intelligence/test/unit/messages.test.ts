import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fallbackMessage, knownProgress, MESSAGE_LIMITS, parseMessage } from '../../src/domain/messages.js';
import { charLength } from '../../src/domain/korean.js';

describe('nudges and celebrations', () => {
  test('when a celebration has a streak, then the fallback names it, within 100 characters', () => {
    const text = fallbackMessage('CELEBRATION', { streakDays: 7 });
    assert.match(text, /7일 연속/);
    assert.ok(charLength(text) <= MESSAGE_LIMITS.CELEBRATION);
  });

  test('when a nudge follows three failed days, a low rate or a good day, then each gets its own fallback within 80 characters', () => {
    const restart = fallbackMessage('NUDGE', { consecutiveFailures: 3, completionRate: 0.9 });
    const lowRate = fallbackMessage('NUDGE', { completionRate: 0.2 });
    const almost = fallbackMessage('NUDGE', { completedCount: 4, totalCount: 5 });
    assert.match(restart, /새로운 하루/);
    assert.match(lowRate, /포기하지 마세요/);
    assert.match(almost, /거의 다 왔어요/);
    for (const text of [restart, lowRate, almost]) assert.ok(charLength(text) <= MESSAGE_LIMITS.NUDGE, text);
  });

  test('when the goal service sends its celebration facts, then the fallback names the mission and its streak', () => {
    const text = fallbackMessage('CELEBRATION', {
      milestone: 7,
      streakDays: 7,
      missionTitle: '식후 가볍게 걷기',
      missionCategory: 'exercise',
      activeMissionCount: 3,
      todayCompletionRate: 66.7,
    });
    assert.equal(text, '🎉 식후 가볍게 걷기 7일 연속 달성! 꾸준함이 건강을 만들어요. 정말 훌륭해요!');
  });

  test('when the batch service sends its progress view, then missed days and the weekly percentage drive the nudge', () => {
    const facts = { scheduledToday: 3, completedToday: 0, completionRate7d: 35.5, consecutiveMissedDays: 3, activeMissions: [{ title: '걷기' }] };
    assert.deepEqual(knownProgress(facts), { completionRate: 0.355, completedCount: 0, totalCount: 3, consecutiveFailures: 3 });
    assert.match(fallbackMessage('NUDGE', facts), /새로운 하루/);
    assert.match(fallbackMessage('NUDGE', { ...facts, consecutiveMissedDays: 1 }), /포기하지 마세요/);
  });

  test('when progress is given as a percentage or as counts, then the rate is read as a fraction', () => {
    assert.equal(knownProgress({ completionRate: 40 }).completionRate, 0.4);
    assert.equal(knownProgress({ completedCount: 1, totalCount: 4 }).completionRate, 0.25);
  });

  test('when the model writes more than the limit, then whole sentences are kept up to it', () => {
    const long =
      '오늘도 미션을 시작해 봐요!  작은 실천이 쌓이면 큰 변화가 됩니다.\n저녁 식사 뒤에 가볍게 걷기부터 해 보면 어떨까요? 응원할게요 💪 오늘 하루도 건강하게 보내세요!';
    assert.ok(charLength(long) > 80);
    const parsed = parseMessage(long, 'NUDGE', {});
    assert.ok(parsed.ok);
    assert.equal(parsed.value, '오늘도 미션을 시작해 봐요! 작은 실천이 쌓이면 큰 변화가 됩니다. 저녁 식사 뒤에 가볍게 걷기부터 해 보면 어떨까요?');
  });

  test('when the model mentions a number not in the progress facts, then the message is rejected', () => {
    const parsed = parseMessage('벌써 12일째예요! 🔥', 'CELEBRATION', { streakDays: 7 });
    assert.equal(!parsed.ok && parsed.reason, 'UNGROUNDED_NUMBER');
    assert.ok(parseMessage('벌써 7일째예요! 🔥', 'CELEBRATION', { streakDays: 7 }).ok);
  });

  test('when the model writes nothing, or a single sentence longer than the limit, then the message is rejected', () => {
    assert.equal(parseMessage('   ', 'NUDGE', {}).ok, false);
    assert.equal(parseMessage('가'.repeat(120), 'NUDGE', {}).ok, false);
  });
});
