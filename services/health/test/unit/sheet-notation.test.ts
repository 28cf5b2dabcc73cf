/**
 * Reading a checkup the way a Korean user reads the paper sheet: CJK compatibility units, censored results
 * (">90", "<5"), the abbreviated overall judgement, ranges in the sheet's notation, items a person was not
 * offered, and values outside the graded range. Values below are written as sheets and the aggregator print
 * them (docs/reference/nhis-checkup.md).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  appliedRangeFor,
  buildTrends,
  cellForSex,
  checkupFromSheet,
  explainOverallJudgement,
  judgeCensored,
  judgeCheckup,
  normaliseUnit,
  offerOf,
  parseCensored,
  parseNumber,
  readNhisResult,
  sheetBandText,
  unitsFromReference,
  type Checkup,
  type ItemId,
  type JudgedCheckup,
  type JudgedItem,
  type PersonFacts,
} from '../../src/domain/index.js';
import { buildCheckup } from './builders.js';

function itemOf(judged: JudgedCheckup, item: ItemId): JudgedItem {
  const found = judged.items.find((i) => i.item === item);
  assert.ok(found, `no ${item} in the judged checkup`);
  return found;
}

const man: PersonFacts = { sex: 'M', birthDate: '1979-08-23' }; // 47 in the 2026 checkup year
const woman: PersonFacts = { sex: 'F', birthDate: '1972-03-02' }; // 54 in the 2026 checkup year

describe('CJK compatibility units', () => {
  const spellings: ReadonlyArray<readonly [printed: string, canonical: string]> = [
    ['㎎/㎗', 'mg/dL'],
    ['mg/㎗', 'mg/dL'],
    ['g/㎗', 'g/dL'],
    ['㎝', 'cm'],
    ['㎏', 'kg'],
    ['kg/㎡', 'kg/m²'],
    ['㎏/㎡', 'kg/m²'],
    ['㎜Hg', 'mmHg'],
    ['U/ℓ', 'U/L'],
    ['IU/ℓ', 'U/L'],
    ['㎖/min/1.73㎡', 'mL/min/1.73m²'],
    ['mL/min/1.73 ㎡', 'mL/min/1.73m²'],
    ['Cm', 'cm'],
    ['Kg', 'kg'],
    ['kg/m2', 'kg/m²'],
  ];

  for (const [printed, canonical] of spellings) {
    test(`when a unit row prints "${printed}", then it is ${canonical}, and a value printed with it reads as the number`, () => {
      assert.equal(normaliseUnit(printed), canonical);
      // parseNumber and normaliseUnit must agree: a value followed by the same unit is the same number.
      assert.equal(parseNumber(`104 ${printed}`), 104);
      assert.equal(parseNumber(`13.8${printed}`), 13.8);
    });
  }

  test('when a unit is one the criteria are not written in, then it is kept as printed', () => {
    assert.equal(normaliseUnit('mmol/L'), 'mmol/L');
    assert.equal(normaliseUnit('㎜ol/ℓ'), '㎜ol/ℓ');
  });

  test('when the reference unit row uses ㎎/㎗, g/㎗, ㎝, ㎏ and kg/㎡, then glucose, haemoglobin and the body measures are kept and judged', () => {
    const imported = readNhisResult({
      resPreviewList: [
        {
          resCheckupYear: '2025',
          resCheckupDate: '0611',
          resHeight: '171.0',
          resWeight: '70.2',
          resBMI: '24.0',
          resWaist: '84.0',
          resHemoglobin: '14.1',
          resFastingBloodSuger: '131',
          resGFR: '88',
        },
      ],
      resReferenceList: [
        {
          resType: '단위',
          resHeight: '㎝',
          resWeight: '㎏',
          resWaist: '㎝',
          resBMI: 'kg/㎡',
          resHemoglobin: 'g/㎗',
          resFastingBloodSuger: '㎎/㎗',
          resGFR: '㎖/min/1.73㎡',
        },
      ],
    });
    const [only] = imported.checkups;
    assert.ok(only);
    assert.deepEqual(only.rejected, []);
    assert.equal(only.checkup.fastingGlucose, 131);
    assert.equal(only.checkup.hemoglobin, 14.1);
    assert.equal(only.checkup.heightCm, 171);
    assert.equal(only.units.fastingGlucose, 'mg/dL');
    assert.equal(only.units.hemoglobin, 'g/dL');
    assert.equal(only.units.bmi, 'kg/m²');
    assert.equal(only.units.egfr, 'mL/min/1.73m²');
    const judged = judgeCheckup(only.checkup, man);
    assert.equal(itemOf(judged, 'FASTING_GLUCOSE').grade, 'SUSPECTED_DISEASE');
    assert.equal(itemOf(judged, 'HEMOGLOBIN').grade, 'NORMAL_A');
  });

  test('when the unit row prints mmol/L for glucose, then glucose is still rejected as an unexpected unit', () => {
    const units = unitsFromReference([{ resType: '단위', resFastingBloodSuger: 'mmol/L', resHemoglobin: 'g/㎗' }]);
    assert.deepEqual(units, { fastingGlucose: 'mmol/L', hemoglobin: 'g/dL' });
    const imported = readNhisResult({
      resPreviewList: [{ resCheckupYear: '2025', resFastingBloodSuger: '7.3', resHemoglobin: '14.1' }],
      resReferenceList: [{ resType: '단위', resFastingBloodSuger: 'mmol/L', resHemoglobin: 'g/㎗' }],
    });
    assert.deepEqual(imported.checkups[0]?.rejected, [{ field: 'fastingGlucose', raw: '7.3 mmol/L', reason: 'UNEXPECTED_UNIT' }]);
    assert.equal(imported.checkups[0]?.checkup.hemoglobin, 14.1);
  });
});

describe('censored results', () => {
  const forms: ReadonlyArray<readonly [printed: string, comparator: string, bound: number]> = [
    ['>90', '>', 90],
    ['> 90', '>', 90],
    ['≥60', '≥', 60],
    ['>=60', '≥', 60],
    ['＞90', '>', 90],
    ['<5', '<', 5],
    ['≤ 0.5', '≤', 0.5],
    ['>90 mL/min/1.73㎡', '>', 90],
    ['90 이상', '≥', 90],
    ['5 미만', '<', 5],
    ['1.5 초과', '>', 1.5],
    ['60 이하', '≤', 60],
  ];
  for (const [printed, comparator, bound] of forms) {
    test(`when a result is printed "${printed}", then it is a bound ${comparator} ${bound} kept as printed`, () => {
      assert.deepEqual(parseCensored(printed), { comparator, bound, printed: printed.trim() });
      assert.equal(parseNumber(printed), undefined);
    });
  }

  test('when a result is a plain number or unreadable, then it is not a censored value', () => {
    for (const raw of ['90', '<<5', '>', '약 90', '90~100', '']) assert.equal(parseCensored(raw), undefined, raw);
  });

  test('when the sheet prints eGFR ">90" and γ-GTP "<5", then both are kept as printed and nothing is rejected', () => {
    const parsed = checkupFromSheet({ checkupYear: '2025', egfr: '>90', gammaGtp: '<5', serumCreatinine: '0.8' });
    assert.deepEqual(parsed.rejected, []);
    assert.equal(parsed.checkup.egfr, undefined);
    assert.deepEqual(parsed.checkup.censored, {
      egfr: { comparator: '>', bound: 90, printed: '>90' },
      gammaGtp: { comparator: '<', bound: 5, printed: '<5' },
    });
    assert.equal(parsed.checkup.egfrMethod, 'REPORTED');
  });

  test('when a censored bound is implausible (eGFR ">900"), then it is rejected like a number would be', () => {
    const parsed = checkupFromSheet({ checkupYear: '2025', egfr: '>900' });
    assert.deepEqual(parsed.rejected, [{ field: 'egfr', raw: '>900', reason: 'IMPLAUSIBLE' }]);
  });

  test('when eGFR is printed ">90" beside a creatinine, then it is 정상A as printed and never replaced by a computed value', () => {
    const checkup: Checkup = buildCheckup({ serumCreatinine: 1.1, censored: { egfr: { comparator: '>', bound: 90, printed: '>90' } } });
    const egfr = itemOf(judgeCheckup(checkup, man), 'EGFR');
    assert.equal(egfr.value, '>90');
    assert.equal(egfr.grade, 'NORMAL_A');
    assert.deepEqual(egfr.censored, { comparator: '>', bound: 90 });
    assert.equal(egfr.computed, false);
    assert.equal(egfr.method, undefined);
  });

  test('when eGFR is printed ">90", then the trend has no point for it rather than a computed one', () => {
    const checkup = buildCheckup({ serumCreatinine: 1.1, censored: { egfr: { comparator: '>', bound: 90, printed: '>90' } } });
    const [egfr, creatinine] = buildTrends([{ id: 'c1', checkup }], ['egfr', 'creatinine'], () => man, 'M');
    assert.deepEqual(egfr?.points, []);
    assert.equal(creatinine?.points.length, 1);
  });

  test('when eGFR is printed "≥60", then the bound itself is 정상A (60 belongs to 정상A)', () => {
    assert.deepEqual(judgeCensored('EGFR', 'F', { comparator: '≥', bound: 60, printed: '≥60' }), { grade: 'NORMAL_A' });
  });

  test('when eGFR is printed "<60" or "<45", then it is 질환의심; "<90" spans the boundary and is not graded', () => {
    assert.equal(judgeCensored('EGFR', 'M', { comparator: '<', bound: 60, printed: '<60' }).grade, 'SUSPECTED_DISEASE');
    assert.equal(judgeCensored('EGFR', 'M', { comparator: '<', bound: 45, printed: '<45' }).grade, 'SUSPECTED_DISEASE');
    assert.deepEqual(judgeCensored('EGFR', 'M', { comparator: '<', bound: 90, printed: '<90' }), {
      grade: 'NOT_CLASSIFIED',
      note: '인쇄된 값이 판정 경계에 걸쳐 있어 등급을 정할 수 없음',
    });
  });

  test('when eGFR is printed "≤60", then it spans 60 (정상A) and below (질환의심) and is not graded', () => {
    assert.equal(judgeCensored('EGFR', 'M', { comparator: '≤', bound: 60, printed: '≤60' }).grade, 'NOT_CLASSIFIED');
  });

  test('when γ-GTP is printed "<5", then it is below every graded band for both sexes: 판정 기준 외, 기준보다 낮음', () => {
    for (const person of [man, woman]) {
      const checkup = buildCheckup({ censored: { gammaGtp: { comparator: '<', bound: 5, printed: '<5' } } });
      const judged = judgeCheckup(checkup, person);
      const ggt = itemOf(judged, 'GAMMA_GTP');
      assert.equal(ggt.value, '<5');
      assert.equal(ggt.grade, 'NOT_CLASSIFIED');
      assert.equal(ggt.note, '기준보다 낮음, 의사와 상의');
      assert.deepEqual(judged.summary.outsideCriteria, [
        { item: 'GAMMA_GTP', name: '감마지티피(γ-GTP)', value: '<5', unit: 'U/L', note: '기준보다 낮음, 의사와 상의' },
      ]);
    }
  });

  test('when AST is printed "<10", then it lies inside 정상A (≤ 40) and is 정상A', () => {
    assert.deepEqual(judgeCensored('AST', 'M', { comparator: '<', bound: 10, printed: '<10' }), { grade: 'NORMAL_A' });
  });

  test('when a man’s γ-GTP is printed ">63", then it spans 정상B and 질환의심 and is not graded', () => {
    assert.equal(judgeCensored('GAMMA_GTP', 'M', { comparator: '>', bound: 63, printed: '>63' }).grade, 'NOT_CLASSIFIED');
    assert.equal(judgeCensored('GAMMA_GTP', 'M', { comparator: '>', bound: 77, printed: '>77' }).grade, 'SUSPECTED_DISEASE');
  });

  test('when the sex is unknown and γ-GTP is printed "<5", then it is not graded for want of the sex and not listed as outside the criteria', () => {
    const judged = judgeCheckup(buildCheckup({ censored: { gammaGtp: { comparator: '<', bound: 5, printed: '<5' } } }), {});
    const ggt = itemOf(judged, 'GAMMA_GTP');
    assert.equal(ggt.value, '<5');
    assert.deepEqual(ggt.missingFacts, ['SEX']);
    assert.deepEqual(judged.summary.outsideCriteria, []);
  });
});

describe('the printed overall judgement in words', () => {
  const cases: ReadonlyArray<readonly [printed: string, category: string | null, label: string]> = [
    ['정A', 'NORMAL_A', '정상A'],
    ['정B', 'NORMAL_B', '정상B(경계)'],
    ['정상B(경계)', 'NORMAL_B', '정상B(경계)'],
    ['주의', 'NORMAL_B', '정상B(경계)'],
    ['의심', 'GENERAL_DISEASE_SUSPECTED', '일반 질환의심'],
    ['일반', 'GENERAL_DISEASE_SUSPECTED', '일반 질환의심'],
    ['고∙당', 'HYPERTENSION_DIABETES_SUSPECTED', '고혈압·당뇨병 질환의심'],
    ['고·당', 'HYPERTENSION_DIABETES_SUSPECTED', '고혈압·당뇨병 질환의심'],
    ['고ㆍ당', 'HYPERTENSION_DIABETES_SUSPECTED', '고혈압·당뇨병 질환의심'],
    ['유질', 'UNDER_TREATMENT', '유질환자'],
    [' 유질환자 ', 'UNDER_TREATMENT', '유질환자'],
  ];
  for (const [printed, category, label] of cases) {
    test(`when NHIS prints "${printed}", then it reads ${label} beside the printed form`, () => {
      const explained = explainOverallJudgement(printed);
      assert.ok(explained);
      assert.equal(explained.printed, printed.trim());
      assert.equal(explained.category, category);
      assert.equal(explained.label, label);
      assert.ok(explained.description.length > 5);
    });
  }

  test('when 고∙당 is explained, then the user learns about the free confirmatory visit', () => {
    assert.match(explainOverallJudgement('고∙당')?.description ?? '', /1월 31일까지.*본인부담이 없습니다/);
  });

  test('when an abbreviation has no sourced meaning (직업), then it is shown as printed and says so, not guessed', () => {
    assert.deepEqual(explainOverallJudgement('직업'), {
      printed: '직업',
      category: null,
      label: '직업',
      description: '공단 결과에 인쇄된 약어로, 뜻이 확인되지 않았습니다. 원본 결과지를 확인하세요.',
    });
  });

  test('when nothing was printed, then there is nothing to explain', () => {
    assert.equal(explainOverallJudgement(null), null);
    assert.equal(explainOverallJudgement('  '), null);
  });
});

describe('ranges in the sheet’s notation', () => {
  const rows: ReadonlyArray<readonly [id: Parameters<typeof appliedRangeFor>[0], sex: 'M' | 'F', expected: ReturnType<typeof appliedRangeFor>]> = [
    ['BMI', 'M', { normalA: '18.5~24.9', normalB: '18.5 미만 또는 25.0~29.9', suspected: '30.0 이상' }],
    ['WAIST', 'M', { normalA: '90 미만', normalB: null, suspected: '90 이상' }],
    ['WAIST', 'F', { normalA: '85 미만', normalB: null, suspected: '85 이상' }],
    ['FASTING_GLUCOSE', 'F', { normalA: '100 미만', normalB: '100~125', suspected: '126 이상' }],
    ['TOTAL_CHOLESTEROL', 'M', { normalA: '200 미만', normalB: '200~239', suspected: '240 이상' }],
    ['HDL_CHOLESTEROL', 'M', { normalA: '60 이상', normalB: '40~59', suspected: '40 미만' }],
    ['TRIGLYCERIDES', 'F', { normalA: '150 미만', normalB: '150~199', suspected: '200 이상' }],
    ['LDL_CHOLESTEROL', 'F', { normalA: '130 미만', normalB: '130~159', suspected: '160 이상' }],
    ['HEMOGLOBIN', 'M', { normalA: '13.0~16.5', normalB: '12.0~12.9', suspected: '12.0 미만', notClassified: '16.5 초과' }],
    ['AST', 'M', { normalA: '40 이하', normalB: '41~50', suspected: '51 이상' }],
    ['ALT', 'F', { normalA: '35 이하', normalB: '36~45', suspected: '46 이상' }],
    ['GAMMA_GTP', 'M', { normalA: '11~63', normalB: '64~77', suspected: '78 이상', notClassified: '11 미만' }],
    ['SERUM_CREATININE', 'F', { normalA: '1.5 이하', normalB: null, suspected: '1.5 초과' }],
    ['EGFR', 'M', { normalA: '60 이상', normalB: null, suspected: '60 미만' }],
    ['URINE_PROTEIN', 'M', { normalA: '음성(−)', normalB: '약양성(±)', suspected: '양성(+1) 이상' }],
  ];
  for (const [id, sex, expected] of rows) {
    test(`when ${id} is shown to a ${sex === 'M' ? 'man' : 'woman'}, then it reads ${expected.normalA} / ${expected.normalB} / ${expected.suspected}`, () => {
      assert.deepEqual(appliedRangeFor(id, sex), expected);
    });
  }

  test('when a closed band has an exclusive end, then the end prints as the nearest printed value', () => {
    const inc = (value: number) => ({ value, inclusive: true });
    const exc = (value: number) => ({ value, inclusive: false });
    assert.equal(sheetBandText({ lower: inc(18.5), upper: exc(25) }, 1), '18.5~24.9');
    assert.equal(sheetBandText({ lower: exc(40), upper: inc(50) }, 0), '41~50');
    assert.equal(sheetBandText({ lower: exc(-2.5), upper: exc(-1) }, 1), '-2.4~-1.1');
    assert.equal(sheetBandText({ lower: exc(50), upper: null }, 0), '51 이상');
    assert.equal(sheetBandText({ lower: exc(1.5), upper: null }, 1), '1.5 초과');
  });

  test('when a woman’s checkup is judged, then every range shown is hers only, never the men’s', () => {
    const judged = judgeCheckup(buildCheckup({ waistCm: 80.1, hemoglobin: 13.1, gammaGtp: 20 }), woman);
    assert.deepEqual(itemOf(judged, 'WAIST').appliedRange, { normalA: '85 미만', normalB: null, suspected: '85 이상' });
    for (const item of judged.items) assert.doesNotMatch(JSON.stringify(item.appliedRange), /남|여/, item.item);
  });

  test('when NHIS prints a sex-specific cell, then a man sees the 남 part and a woman the 여 part', () => {
    assert.equal(cellForSex('남 90 미만 / 여 85 미만', 'M'), '90 미만');
    assert.equal(cellForSex('남 90 미만 / 여 85 미만', 'F'), '85 미만');
    assert.equal(cellForSex('남 13.0~16.5 / 여 12.0~15.5', 'F'), '12.0~15.5');
    assert.equal(cellForSex('남자: 64~77 / 여자: 36~45', 'M'), '64~77');
  });

  test('when a cell is not split by sex, then it is shown as printed', () => {
    assert.equal(cellForSex('18.5~24.9', 'M'), '18.5~24.9');
    assert.equal(cellForSex('120 미만/80 미만', 'F'), '120 미만/80 미만');
    assert.equal(cellForSex('18.5 미만 / 25~29.9', 'F'), '18.5 미만 / 25~29.9');
  });
});

describe('items a person was not offered', () => {
  test('when a man’s sheet has no bone density, then it is 해당 없음 with the reason, not 미검사, and not counted', () => {
    const judged = judgeCheckup(buildCheckup({ fastingGlucose: 92 }), man);
    const bone = itemOf(judged, 'BONE_DENSITY');
    assert.equal(bone.grade, 'NOT_APPLICABLE');
    assert.equal(bone.value, null);
    assert.equal(bone.note, '검진 대상 아님 (여성 54·60·66세에 검사)');
    const counted = Object.values(judged.summary.counts).reduce((a, b) => a + b, 0);
    const applicable = judged.items.filter((i) => i.grade !== 'NOT_APPLICABLE').length;
    assert.equal(counted, applicable);
    assert.ok(!('NOT_APPLICABLE' in judged.summary.counts));
  });

  test('when a woman is 54, 60 or 66 in the checkup year, then bone density is offered; at 55 it is not', () => {
    for (const age of [54, 60, 66])
      assert.deepEqual(offerOf('BONE_DENSITY', { sex: 'F', birthDate: `${2025 - age}-12-31` }, 2025), { offered: true }, String(age));
    assert.equal(offerOf('BONE_DENSITY', { sex: 'F', birthDate: '1970-01-01' }, 2025).offered, false);
  });

  test('when a woman of 54 has no bone density result, then it is 미검사: she was offered it', () => {
    assert.equal(itemOf(judgeCheckup(buildCheckup(), woman), 'BONE_DENSITY').grade, 'NOT_TESTED');
  });

  test('when a man has a bone density result anyway, then it is judged, not hidden', () => {
    assert.equal(itemOf(judgeCheckup(buildCheckup({ boneDensityTScore: -1.8 }), man), 'BONE_DENSITY').grade, 'NORMAL_B');
  });

  test('when a man is 23, then the lipid panel is not offered; at 24 and 28 it is, at 25 (2026) it is not', () => {
    const lipid = (age: number, year = 2026) => offerOf('LDL_CHOLESTEROL', { sex: 'M', birthDate: `${year - age}-06-01` }, year).offered;
    assert.equal(lipid(23), false);
    assert.equal(lipid(24), true);
    assert.equal(lipid(28), true);
    assert.equal(lipid(25), false);
  });

  test('when a woman is 39, then the lipid panel is not offered; at 40 and 44 it is', () => {
    const lipid = (age: number) => offerOf('TOTAL_CHOLESTEROL', { sex: 'F', birthDate: `${2026 - age}-06-01` }, 2026).offered;
    assert.equal(lipid(39), false);
    assert.equal(lipid(40), true);
    assert.equal(lipid(44), true);
  });

  test('when the checkup is before 2018, then an off-cycle year is not claimed: missing lipids stay 미검사', () => {
    assert.equal(offerOf('HDL_CHOLESTEROL', { sex: 'M', birthDate: '1980-01-01' }, 2015).offered, 'UNKNOWN');
    const judged = judgeCheckup({ examYear: 2015 }, { sex: 'M', birthDate: '1980-01-01' });
    assert.equal(itemOf(judged, 'HDL_CHOLESTEROL').grade, 'NOT_TESTED');
  });

  test('when the sex or birth date is unknown, then eligibility cannot be told and missing items stay 미검사', () => {
    const judged = judgeCheckup(buildCheckup(), {});
    assert.equal(itemOf(judged, 'BONE_DENSITY').grade, 'NOT_TESTED');
    assert.equal(itemOf(judged, 'TRIGLYCERIDES').grade, 'NOT_TESTED');
    assert.equal(offerOf('BONE_DENSITY', { sex: 'M' }, 2026).offered, false);
  });

  test('when core items are missing, then they are always 미검사: everyone is offered them', () => {
    const judged = judgeCheckup(buildCheckup(), man);
    for (const item of ['BMI', 'BLOOD_PRESSURE', 'FASTING_GLUCOSE', 'HEMOGLOBIN', 'EGFR', 'HEARING'] as const) {
      assert.equal(itemOf(judged, item).grade, 'NOT_TESTED', item);
    }
  });
});

describe('values outside the graded range', () => {
  test('when a man’s haemoglobin is 18.5, then it is 판정 기준 외 with a plain note and listed for attention', () => {
    const judged = judgeCheckup(buildCheckup({ hemoglobin: 18.5, fastingGlucose: 90 }), man);
    const hb = itemOf(judged, 'HEMOGLOBIN');
    assert.equal(hb.grade, 'NOT_CLASSIFIED');
    assert.equal(hb.note, '기준보다 높음, 의사와 상의');
    assert.deepEqual(judged.summary.outsideCriteria, [{ item: 'HEMOGLOBIN', name: '혈색소', value: 18.5, unit: 'g/dL', note: '기준보다 높음, 의사와 상의' }]);
    assert.deepEqual(judged.summary.flagged, []);
  });

  test('when a woman’s haemoglobin is 15.5, then it is still 정상A (the edge is inclusive) and nothing is outside', () => {
    const judged = judgeCheckup(buildCheckup({ hemoglobin: 15.5 }), woman);
    assert.equal(itemOf(judged, 'HEMOGLOBIN').grade, 'NORMAL_A');
    assert.deepEqual(judged.summary.outsideCriteria, []);
  });

  test('when the sex is unknown, then a haemoglobin is not graded for want of the sex and is not called outside the criteria', () => {
    const judged = judgeCheckup(buildCheckup({ hemoglobin: 18.5 }), {});
    assert.deepEqual(judged.summary.outsideCriteria, []);
  });
});
