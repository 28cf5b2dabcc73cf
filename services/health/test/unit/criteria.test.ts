import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appliedRangeFor, CRITERIA, gradeBands, gradeFor, type CriterionId, type GradeBand, type Sex } from '../../src/domain/index.js';

const IDS = Object.keys(CRITERIA) as CriterionId[];
const SEXES: readonly Sex[] = ['M', 'F'];

describe('the criteria table', () => {
  for (const id of IDS) {
    for (const sex of SEXES) {
      test(`when the ${id} bands for ${sex} are laid end to end, then they cover the whole line with no gap or overlap`, () => {
        const bands = gradeBands(id, sex);
        assert.ok(bands.length >= 2);
        assert.equal(bands[0]?.from, null);
        assert.equal(bands.at(-1)?.to, null);
        for (let i = 0; i + 1 < bands.length; i += 1) {
          const current = bands[i] as GradeBand;
          const next = bands[i + 1] as GradeBand;
          assert.equal(current.to, next.from, `${id} ${sex}: band ${i} must end where band ${i + 1} starts`);
          assert.notEqual(current.toInclusive, next.fromInclusive, `${id} ${sex}: the edge ${String(current.to)} must belong to exactly one band`);
        }
      });
    }
  }

  test('when an item is not sex-specific, then the men’s and women’s bands are identical', () => {
    for (const id of IDS) {
      if (id === 'WAIST' || id === 'HEMOGLOBIN' || id === 'GAMMA_GTP') continue;
      assert.deepEqual(gradeBands(id, 'M'), gradeBands(id, 'F'), id);
    }
  });

  test('when waist, haemoglobin and γ-GTP are looked up, then the sexes differ', () => {
    for (const id of ['WAIST', 'HEMOGLOBIN', 'GAMMA_GTP'] as const) {
      assert.notDeepEqual(gradeBands(id, 'M'), gradeBands(id, 'F'), id);
    }
  });
});

describe('gradeBands for trend charts', () => {
  test('when HDL bands are requested, then they ascend from 질환의심 through 정상B to 정상A', () => {
    assert.deepEqual(gradeBands('HDL_CHOLESTEROL', 'F'), [
      { grade: 'SUSPECTED_DISEASE', from: null, fromInclusive: false, to: 40, toInclusive: false },
      { grade: 'NORMAL_B', from: 40, fromInclusive: true, to: 60, toInclusive: false },
      { grade: 'NORMAL_A', from: 60, fromInclusive: true, to: null, toInclusive: false },
    ]);
  });

  test('when a woman’s γ-GTP bands are requested, then the unclassified low band and the closed A band are exact', () => {
    assert.deepEqual(gradeBands('GAMMA_GTP', 'F'), [
      { grade: 'NOT_CLASSIFIED', from: null, fromInclusive: false, to: 8, toInclusive: false, note: '기준보다 낮음, 의사와 상의' },
      { grade: 'NORMAL_A', from: 8, fromInclusive: true, to: 35, toInclusive: true },
      { grade: 'NORMAL_B', from: 35, fromInclusive: false, to: 45, toInclusive: true },
      { grade: 'SUSPECTED_DISEASE', from: 45, fromInclusive: false, to: null, toInclusive: false },
    ]);
  });

  test('when BMI bands are requested, then both 정상B bands appear, the low one noted 저체중', () => {
    assert.deepEqual(gradeBands('BMI', 'M'), [
      { grade: 'NORMAL_B', from: null, fromInclusive: false, to: 18.5, toInclusive: false, note: '저체중' },
      { grade: 'NORMAL_A', from: 18.5, fromInclusive: true, to: 25, toInclusive: false },
      { grade: 'NORMAL_B', from: 25, fromInclusive: true, to: 30, toInclusive: false },
      { grade: 'SUSPECTED_DISEASE', from: 30, fromInclusive: true, to: null, toInclusive: false },
    ]);
  });

  test('when a man’s waist bands are requested, then there are only 정상A and 질환의심 split at 90', () => {
    assert.deepEqual(gradeBands('WAIST', 'M'), [
      { grade: 'NORMAL_A', from: null, fromInclusive: false, to: 90, toInclusive: false },
      { grade: 'SUSPECTED_DISEASE', from: 90, fromInclusive: true, to: null, toInclusive: false },
    ]);
  });

  test('when SBP and DBP bands are requested, then each has its own 120/140 and 80/90 edges', () => {
    assert.deepEqual(
      gradeBands('SBP', 'F').map((b) => [b.from, b.to]),
      [
        [null, 120],
        [120, 140],
        [140, null],
      ],
    );
    assert.deepEqual(
      gradeBands('DBP', 'F').map((b) => [b.from, b.to]),
      [
        [null, 80],
        [80, 90],
        [90, null],
      ],
    );
  });

  test('when every band edge of every item is graded, then gradeFor agrees with the band that owns the edge', () => {
    for (const id of IDS) {
      for (const sex of SEXES) {
        for (const band of gradeBands(id, sex)) {
          if (band.from !== null && band.fromInclusive) assert.equal(gradeFor(id, sex, band.from), band.grade);
          if (band.to !== null && band.toInclusive) assert.equal(gradeFor(id, sex, band.to), band.grade);
        }
      }
    }
  });
});

describe('gradeFor', () => {
  test('when the value is undefined, then the grade is NOT_TESTED', () => {
    assert.equal(gradeFor('FASTING_GLUCOSE', 'M', undefined), 'NOT_TESTED');
  });

  test('when the value is infinite, then the grade is NOT_TESTED', () => {
    assert.equal(gradeFor('FASTING_GLUCOSE', 'M', Number.POSITIVE_INFINITY), 'NOT_TESTED');
  });
});

describe('applied range text', () => {
  test('when an item has no 정상B band, then normalB is null', () => {
    for (const id of ['WAIST', 'SERUM_CREATININE', 'EGFR', 'HEARING_EAR'] as const) {
      assert.equal(appliedRangeFor(id, 'F').normalB, null, id);
    }
  });

  test('when creatinine is described, then the A edge is inclusive (이하) and the D edge exclusive (초과), one decimal', () => {
    assert.deepEqual(appliedRangeFor('SERUM_CREATININE', 'M'), { normalA: '1.5 이하', normalB: null, suspected: '1.5 초과' });
  });

  test('when the T-score is described, then −2.5 belongs to 질환의심 and −1.0 to 정상A', () => {
    assert.deepEqual(appliedRangeFor('BONE_DENSITY_T_SCORE', 'F'), {
      normalA: '-1.0 이상',
      normalB: '-2.4~-1.1',
      suspected: '-2.5 이하',
    });
  });

  test('when the chest X-ray is described, then each band is the finding the notice names', () => {
    assert.deepEqual(appliedRangeFor('CHEST_XRAY', 'M'), {
      normalA: '정상',
      normalB: '비활동성 폐결핵',
      suspected: '기타 이상 소견',
    });
  });
});
