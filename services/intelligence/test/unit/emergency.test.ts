import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectEmergency } from '../../src/domain/emergency.js';

describe('emergency detection', () => {
  const cases: Array<[string, string | undefined]> = [
    ['가슴이 너무 아프고 식은땀이 나요', 'CARDIAC'],
    ['갑자기 가슴 통증이 심해요', 'CARDIAC'],
    ['흉통이 30분째 계속돼요', 'CARDIAC'],
    ['가슴이 조이는 느낌이에요', 'CARDIAC'],
    ['I have chest pain', 'CARDIAC'],
    ['아버지 얼굴 한쪽이 비뚤어지고 말이 어눌해요', 'STROKE'],
    ['갑자기 한쪽 팔에 힘이 없어요', 'STROKE'],
    ['발음이 어눌해졌어요', 'STROKE'],
    ['뇌졸중 증상 같아요', 'STROKE'],
    ['요즘 죽고 싶다는 생각이 들어요', 'SELF_HARM'],
    ['자해를 하고 싶어요', 'SELF_HARM'],
    ['더 이상 살고 싶지 않아요', 'SELF_HARM'],
    ['혈압을 낮추려면 어떻게 해야 하나요?', undefined],
    ['운동하고 나서 다리가 아파요', undefined],
    ['가슴살 요리법 추천해 주세요', undefined],
    ['콜레스테롤이 높은데 식단은?', undefined],
  ];
  for (const [message, kind] of cases) {
    test(`when the message is "${message}", then the emergency is ${kind ?? 'none'}`, () => {
      assert.equal(detectEmergency(message)?.kind, kind);
    });
  }

  test('when an emergency is detected, then the guidance tells the user to call 119 (and 109 for self-harm)', () => {
    assert.match(detectEmergency('가슴이 아파요')!.guidance, /119/);
    assert.match(detectEmergency('뇌졸중 같아요')!.guidance, /119/);
    const selfHarm = detectEmergency('죽고 싶어요')!.guidance;
    assert.match(selfHarm, /119/);
    assert.match(selfHarm, /109/);
  });
});
