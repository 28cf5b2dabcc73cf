import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ckdEpi2021 } from '../../src/domain/index.js';

/**
 * Expected values are worked by hand from the published CKD-EPI 2021 equation (Inker et al., NEJM 2021):
 * 142 × min(Scr/κ,1)^α × max(Scr/κ,1)^−1.200 × 0.9938^age × 1.012 [female]; κ 0.7 F / 0.9 M; α −0.241 F / −0.302 M.
 * ln 0.9938 = −0.0062193, so 0.9938^40 = e^−0.248772 = 0.779758, 0.9938^50 = e^−0.310965 = 0.732740,
 * 0.9938^70 = e^−0.435351 = 0.647040.
 */
function assertClose(actual: number, expected: number, tolerance = 0.01): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `expected ${expected} ± ${tolerance}, got ${actual}`);
}

describe('CKD-EPI 2021', () => {
  test('when a 40-year-old woman has creatinine exactly κ (0.7), then both ratio terms are 1 and eGFR is 142 × 0.779758 × 1.012 = 112.05', () => {
    assertClose(ckdEpi2021({ creatinineMgDl: 0.7, ageYears: 40, sex: 'F' }), 112.054);
  });

  test('when a 50-year-old man has creatinine 1.0, then eGFR is 142 × (1/0.9)^−1.2 × 0.9938^50 = 142 × 0.881237 × 0.732740 = 91.69', () => {
    assertClose(ckdEpi2021({ creatinineMgDl: 1.0, ageYears: 50, sex: 'M' }), 91.691);
  });

  test('when a 30-year-old woman has creatinine 0.5 (below κ), then the α term applies: 142 × (0.5/0.7)^−0.241 × 0.9938^30 × 1.012 = 129.32', () => {
    // (0.714286)^−0.241 = e^(0.241 × 0.336472) = 1.084468; 0.9938^30 = e^−0.186579 = 0.829791
    assertClose(ckdEpi2021({ creatinineMgDl: 0.5, ageYears: 30, sex: 'F' }), 129.317);
  });

  test('when a 70-year-old man has creatinine 2.0, then eGFR is 142 × (2/0.9)^−1.2 × 0.9938^70 = 142 × 0.383582 × 0.647040 = 35.24', () => {
    assertClose(ckdEpi2021({ creatinineMgDl: 2.0, ageYears: 70, sex: 'M' }), 35.243);
  });

  test('when a man and a woman have the same creatinine and age, then the woman’s eGFR differs by the sex-specific κ, α and 1.012', () => {
    const man = ckdEpi2021({ creatinineMgDl: 0.9, ageYears: 45, sex: 'M' });
    const woman = ckdEpi2021({ creatinineMgDl: 0.7, ageYears: 45, sex: 'F' });
    // At Scr = κ both ratio terms are 1, so only the 1.012 factor separates them.
    assertClose(woman / man, 1.012, 1e-9);
  });

  test('when creatinine is zero or negative, then it throws a RangeError', () => {
    assert.throws(() => ckdEpi2021({ creatinineMgDl: 0, ageYears: 40, sex: 'M' }), RangeError);
    assert.throws(() => ckdEpi2021({ creatinineMgDl: -1, ageYears: 40, sex: 'M' }), RangeError);
  });

  test('when the person is under 18, then it throws a RangeError', () => {
    assert.throws(() => ckdEpi2021({ creatinineMgDl: 0.8, ageYears: 17, sex: 'F' }), RangeError);
  });
});
