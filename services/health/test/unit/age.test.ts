import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ageAtExam, completedYears } from '../../src/domain/index.js';

describe('age at examination', () => {
  test('when born on 29 February and examined on 28 February of a common year, then the birthday has not come yet', () => {
    assert.equal(completedYears('2000-02-29', '2025-02-28'), 24);
  });

  test('when born on 29 February and examined on 1 March of a common year, then the new age applies', () => {
    assert.equal(completedYears('2000-02-29', '2025-03-01'), 25);
  });

  test('when born on 29 February and examined on 29 February of a leap year, then the new age applies that day', () => {
    assert.equal(completedYears('2000-02-29', '2024-02-29'), 24);
  });

  test('when the exam date is known, then the age is exact and the basis is EXAM_DATE', () => {
    assert.deepEqual(ageAtExam('1985-07-01', { examYear: 2026, examDate: '2026-06-30' }), {
      years: 40,
      basis: 'EXAM_DATE',
    });
  });

  test('when only the exam year is known, then the age is the one reached that year and the basis is EXAM_YEAR', () => {
    assert.deepEqual(ageAtExam('1985-07-01', { examYear: 2026 }), { years: 41, basis: 'EXAM_YEAR' });
  });

  test('when the exam date is not a real date, then the year is used instead', () => {
    assert.deepEqual(ageAtExam('1985-07-01', { examYear: 2026, examDate: '2026-02-30' }), {
      years: 41,
      basis: 'EXAM_YEAR',
    });
  });

  test('when the birth date is not YYYY-MM-DD, then it throws a RangeError', () => {
    assert.throws(() => ageAtExam('19850701', { examYear: 2026 }), RangeError);
    assert.throws(() => ageAtExam('', { examYear: 2026 }), RangeError);
  });
});
