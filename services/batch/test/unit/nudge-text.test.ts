import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptableNudge, charCount, fallbackNudge, MAX_NUDGE_CHARS } from '../../src/domain/nudge-text.js';
import { buildFacts } from './builders.js';

test('when the AI is down, then each fallback fits in 80 characters with the user’s own numbers, even at their largest', () => {
  const cases = [
    buildFacts({ consecutiveMissedDays: 60, completionRate7d: 0 }),
    buildFacts({ consecutiveMissedDays: 0, completionRate7d: 49.9 }),
    buildFacts({ consecutiveMissedDays: 2, completionRate7d: null }),
    buildFacts({ consecutiveMissedDays: 0, completionRate7d: 59.9 }),
  ];
  const texts = cases.map(fallbackNudge);
  for (const text of texts) assert.ok(charCount(text) <= MAX_NUDGE_CHARS, `${charCount(text)}: ${text}`);
  assert.match(texts[0]!, /60일/);
  assert.match(texts[1]!, /49\.9%/);
  assert.match(texts[3]!, /59\.9%/);
  assert.equal(new Set(texts.map((t) => t.slice(0, 5))).size, 3, 'three kinds: fresh start, do not give up, almost there');
});

test('when the AI answers, then only a non-empty single line of at most 80 characters is used', () => {
  assert.equal(acceptableNudge('오늘도 화이팅! 물 한 잔부터 시작해요 💧'), true);
  assert.equal(acceptableNudge('가'.repeat(80)), true);
  assert.equal(acceptableNudge('가'.repeat(81)), false);
  assert.equal(acceptableNudge('   '), false);
  assert.equal(acceptableNudge('첫 줄\n둘째 줄'), false);
  assert.equal(acceptableNudge(42), false);
});

test('when characters are counted, then an emoji counts as one, as the phone shows it', () => {
  assert.equal(charCount('💪🌱'), 2);
});
