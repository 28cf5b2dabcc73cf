import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { factsForCheckup, isSexSpecific, judgeCheckup, type ItemId, type JudgedCheckup, type JudgedItem } from '../../src/domain/index.js';
import { buildCheckup } from './builders.js';

function itemOf(judged: JudgedCheckup, item: ItemId): JudgedItem {
  const found = judged.items.find((i) => i.item === item);
  assert.ok(found, `item ${item} is missing`);
  return found;
}

const fullCheckup = buildCheckup({
  bmi: 26.1,
  waistCm: 88,
  sbp: 138,
  dbp: 82,
  fastingGlucose: 101,
  hemoglobin: 12.5,
  gammaGtp: 40,
  serumCreatinine: 1.0,
  urineProtein: 1,
});

describe('judging before the user’s profile facts are known', () => {
  const judged = judgeCheckup(fullCheckup, {});

  test('when sex and birth date are unknown, then the checkup says so and has no sex or age', () => {
    assert.equal(judged.sex, null);
    assert.equal(judged.ageAtExam, null);
    assert.equal(judged.ageBasis, null);
    assert.deepEqual(judged.missingFacts, ['SEX', 'BIRTH_DATE']);
  });

  test('when sex is unknown, then items that do not depend on it are judged as usual', () => {
    assert.equal(itemOf(judged, 'BMI').grade, 'NORMAL_B');
    assert.equal(itemOf(judged, 'BLOOD_PRESSURE').grade, 'NORMAL_B');
    assert.equal(itemOf(judged, 'FASTING_GLUCOSE').grade, 'NORMAL_B');
    assert.equal(itemOf(judged, 'URINE_PROTEIN').grade, 'NORMAL_A');
    assert.equal(itemOf(judged, 'FASTING_GLUCOSE').missingFacts, undefined);
  });

  test('when sex is unknown, then waist, haemoglobin and γ-GTP are NOT_CLASSIFIED with both sexes’ ranges', () => {
    for (const id of ['WAIST', 'HEMOGLOBIN', 'GAMMA_GTP'] as const) {
      const item = itemOf(judged, id);
      assert.equal(item.grade, 'NOT_CLASSIFIED', id);
      assert.deepEqual(item.missingFacts, ['SEX'], id);
      assert.equal(item.note, '성별 정보가 없어 판정하지 않음');
    }
    assert.deepEqual(itemOf(judged, 'WAIST').appliedRange, {
      normalA: '남 90 미만 / 여 85 미만',
      normalB: null,
      suspected: '남 90 이상 / 여 85 이상',
    });
    assert.equal(itemOf(judged, 'HEMOGLOBIN').appliedRange.normalA, '남 13.0~16.5 / 여 12.0~15.5');
  });

  test('when a sex-specific item was not measured, then it is simply NOT_TESTED', () => {
    const item = itemOf(judgeCheckup(buildCheckup({}), {}), 'WAIST');
    assert.equal(item.grade, 'NOT_TESTED');
    assert.equal(item.missingFacts, undefined);
  });

  test('when eGFR is not reported and sex or birth date is unknown, then it is not computed and says why', () => {
    const egfr = itemOf(judged, 'EGFR');
    assert.equal(egfr.grade, 'NOT_TESTED');
    assert.equal(egfr.value, null);
    assert.deepEqual(egfr.missingFacts, ['SEX', 'BIRTH_DATE']);
    const onlyBirthMissing = itemOf(judgeCheckup(fullCheckup, { sex: 'F' }), 'EGFR');
    assert.deepEqual(onlyBirthMissing.missingFacts, ['BIRTH_DATE']);
  });

  test('when eGFR is reported, then it is judged without any profile fact', () => {
    const egfr = itemOf(judgeCheckup(buildCheckup({ egfr: 59 }), {}), 'EGFR');
    assert.equal(egfr.grade, 'SUSPECTED_DISEASE');
    assert.equal(egfr.missingFacts, undefined);
  });

  test('when only the birth date is unknown, then sex-specific items are judged and only eGFR waits', () => {
    const withSex = judgeCheckup(fullCheckup, { sex: 'F' });
    assert.deepEqual(withSex.missingFacts, ['BIRTH_DATE']);
    assert.equal(itemOf(withSex, 'WAIST').grade, 'SUSPECTED_DISEASE');
    assert.equal(itemOf(withSex, 'HEMOGLOBIN').grade, 'NORMAL_A');
  });

  test('when the facts are complete, then nothing is missing', () => {
    assert.deepEqual(judgeCheckup(fullCheckup, { sex: 'M', birthDate: '1979-08-23' }).missingFacts, []);
  });

  test('when rows are compared, then exactly waist, haemoglobin and γ-GTP depend on sex', () => {
    const specific = (['BMI', 'WAIST', 'SBP', 'DBP', 'FASTING_GLUCOSE', 'HEMOGLOBIN', 'GAMMA_GTP', 'EGFR', 'HEARING_EAR'] as const).filter(isSexSpecific);
    assert.deepEqual(specific, ['WAIST', 'HEMOGLOBIN', 'GAMMA_GTP']);
  });
});

describe('the profile facts usable for one checkup', () => {
  test('when the profile is complete and consistent, then both facts are used', () => {
    assert.deepEqual(factsForCheckup({ sex: 'M', birthDate: '1980-01-01', occupation: null }, buildCheckup()), { sex: 'M', birthDate: '1980-01-01' });
  });
  test('when the birth date lies after the examination, then it is left out instead of failing', () => {
    assert.deepEqual(factsForCheckup({ sex: 'F', birthDate: '2026-05-01', occupation: null }, buildCheckup({ examDate: '2026-03-17' })), {
      sex: 'F',
      birthDate: undefined,
    });
  });
  test('when there is no profile, then neither fact is known', () => {
    assert.deepEqual(factsForCheckup(null, buildCheckup()), { sex: undefined, birthDate: undefined });
  });
});
