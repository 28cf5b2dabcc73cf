import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allowedNumbers, numbersIn, ungroundedNumbers } from '../../src/domain/grounding.js';

describe('number grounding', () => {
  const facts = {
    items: [
      { code: 'BLOOD_PRESSURE', value: '142/91' },
      { code: 'BMI', value: 22.1 },
      { code: 'TG', value: 1250 },
    ],
    examDate: '2025-03-14',
  };

  test('when a reading quotes only values from the record, then nothing is flagged', () => {
    const allowed = allowedNumbers(facts);
    assert.deepEqual(ungroundedNumbers(['혈압(142/91mmHg)이 높고 BMI는 22.1입니다.', '2025년 검진 결과입니다.'], allowed), []);
  });

  test('when a reading invents a number, then that number is flagged', () => {
    const allowed = allowedNumbers(facts);
    assert.deepEqual(ungroundedNumbers(['최근 수치가 37% 좋아졌어요. 혈압은 142입니다.'], allowed), ['37']);
    assert.deepEqual(ungroundedNumbers(['혈압이 141/91입니다.'], allowed), ['141']);
  });

  test('when a number is written differently but means the same value, then it counts as grounded', () => {
    const allowed = allowedNumbers({ value: 7.5, other: 1250 });
    assert.deepEqual(ungroundedNumbers(['7.50이고 1,250입니다. ７.５'], allowed), []);
  });

  test('when numbers appear in text, then each run of digits is read once by value', () => {
    assert.deepEqual(numbersIn('수축기 142, 이완기 091, 0.90 그리고 3'), ['142', '91', '0.9', '3']);
  });
});
