import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ageOn, buildRecord, factsHash, flaggedItems } from '../../src/domain/health-record.js';
import { josa } from '../../src/domain/korean.js';
import { buildLatest, item } from './builders.js';

describe('the record the model sees', () => {
  test('when items are not tested or not classifiable, then they are left out; flagged ones carry their normal range', () => {
    const record = buildRecord(
      buildLatest({
        items: [
          item('BMI', '체질량지수', 26.1, 'kg/m²', 'NORMAL_B', '18.5~24.9'),
          item('EGFR', 'eGFR', null, '', 'NOT_TESTED'),
          item('HEMOGLOBIN', '혈색소', 17.1, 'g/dL', 'NOT_CLASSIFIED'),
        ],
      }),
      '2026-11-24',
    );
    assert.deepEqual(
      record.items.map((i) => i.code),
      ['BMI'],
    );
    assert.equal(record.items[0]!.normalRange, '18.5~24.9');
    assert.equal(record.items[0]!.gradeLabel, '정상B(경계)');
  });

  test('when the profile is known, then the model gets sex, age and the occupation in words, never the birth date', () => {
    const record = buildRecord(buildLatest({ sex: 'M', birthDate: '1990-11-25', occupation: 'IT_PROFESSIONAL' }), '2026-11-24');
    assert.deepEqual(record.profile, { sex: '남성', age: 35, occupation: 'IT 개발직' });
    assert.equal(record.occupationCode, 'IT_PROFESSIONAL');
  });

  test('when flagged items are listed, then 질환의심 comes before 정상B', () => {
    const record = buildRecord(
      buildLatest({
        items: [
          item('BMI', '체질량지수', 26, 'kg/m²', 'NORMAL_B'),
          item('ALT', 'ALT(SGPT)', 50, 'U/L', 'SUSPECTED_DISEASE'),
          item('AST', 'AST(SGOT)', 20, 'U/L', 'NORMAL_A'),
        ],
      }),
      '2026-11-24',
    );
    assert.deepEqual(
      flaggedItems(record).map((i) => i.code),
      ['ALT', 'BMI'],
    );
  });

  test('when ages are computed, then the birthday counts only once reached', () => {
    assert.equal(ageOn('1988-04-12', '2026-04-11'), 37);
    assert.equal(ageOn('1988-04-12', '2026-04-12'), 38);
    assert.equal(ageOn(null, '2026-04-12'), null);
  });

  test('when the same facts are hashed with keys in another order, then the hash is the same; other facts hash differently', () => {
    assert.equal(factsHash({ a: 1, b: { c: [1, 2], d: 'x' } }), factsHash({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    assert.notEqual(factsHash({ a: 1 }), factsHash({ a: 2 }));
  });

  test('when particles are attached, then they agree with the last sound, ignoring a parenthesis', () => {
    assert.equal(josa('혈압', '이/가'), '혈압이');
    assert.equal(josa('혈색소', '이/가'), '혈색소가');
    assert.equal(josa('혈압(142/91 mmHg)', '이/가'), '혈압(142/91 mmHg)이');
    assert.equal(josa('사무직', '으로/로'), '사무직으로');
    assert.equal(josa('교사·강사', '으로/로'), '교사·강사로');
    assert.equal(josa('HDL 콜레스테롤', '을/를'), 'HDL 콜레스테롤을');
  });
});
