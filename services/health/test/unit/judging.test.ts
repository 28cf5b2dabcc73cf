import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  judgeCheckup,
  type BoneDensityFinding,
  type Checkup,
  type ChestXrayFinding,
  type Grade,
  type ItemId,
  type JudgedCheckup,
  type JudgedItem,
  type Sex,
} from '../../src/domain/index.js';
import { buildCheckup, buildPerson, SEX_NAMES } from './builders.js';

const A: Grade = 'NORMAL_A';
const B: Grade = 'NORMAL_B';
const D: Grade = 'SUSPECTED_DISEASE';
const NC: Grade = 'NOT_CLASSIFIED';
const NT: Grade = 'NOT_TESTED';

function itemOf(judged: JudgedCheckup, item: ItemId): JudgedItem {
  const found = judged.items.find((i) => i.item === item);
  assert.ok(found, `item ${item} is missing from the judged checkup`);
  return found;
}

function judgeOne(item: ItemId, sex: Sex, checkup: Partial<Checkup>): JudgedItem {
  return itemOf(judgeCheckup(buildCheckup(checkup), buildPerson({ sex })), item);
}

type NumericField = {
  [K in keyof Checkup]-?: Checkup[K] extends number | undefined ? K : never;
}[keyof Checkup];

interface Edge {
  /** The values just below, at and just above the edge, in the precision the sheet prints. */
  readonly values: readonly [number, number, number];
  readonly grades: readonly [Grade, Grade, Grade];
}

interface BoundaryRow {
  readonly item: ItemId;
  readonly field: NumericField;
  readonly unit: string;
  readonly sexes: readonly Sex[];
  readonly edges: readonly Edge[];
}

const BOTH: readonly Sex[] = ['M', 'F'];

/**
 * docs/reference/nhis-checkup.md §1, written out by hand from the reference (not from the CRITERIA table) so that a wrong
 * boundary in the table fails here.
 */
const BOUNDARIES: readonly BoundaryRow[] = [
  {
    item: 'BMI',
    field: 'bmi',
    unit: 'kg/m²',
    sexes: BOTH,
    edges: [
      { values: [18.4, 18.5, 18.6], grades: [B, A, A] },
      { values: [24.9, 25.0, 25.1], grades: [A, B, B] },
      { values: [29.9, 30.0, 30.1], grades: [B, D, D] },
    ],
  },
  {
    item: 'WAIST',
    field: 'waistCm',
    unit: 'cm',
    sexes: ['M'],
    edges: [{ values: [89.9, 90, 90.1], grades: [A, D, D] }],
  },
  {
    item: 'WAIST',
    field: 'waistCm',
    unit: 'cm',
    sexes: ['F'],
    edges: [{ values: [84.9, 85, 85.1], grades: [A, D, D] }],
  },
  {
    item: 'FASTING_GLUCOSE',
    field: 'fastingGlucose',
    unit: 'mg/dL',
    sexes: BOTH,
    edges: [
      { values: [99, 100, 101], grades: [A, B, B] },
      { values: [125, 126, 127], grades: [B, D, D] },
    ],
  },
  {
    item: 'TOTAL_CHOLESTEROL',
    field: 'totalCholesterol',
    unit: 'mg/dL',
    sexes: BOTH,
    edges: [
      { values: [199, 200, 201], grades: [A, B, B] },
      { values: [239, 240, 241], grades: [B, D, D] },
    ],
  },
  {
    item: 'HDL_CHOLESTEROL',
    field: 'hdlCholesterol',
    unit: 'mg/dL',
    sexes: BOTH,
    edges: [
      { values: [39, 40, 41], grades: [D, B, B] },
      { values: [59, 60, 61], grades: [B, A, A] },
    ],
  },
  {
    item: 'TRIGLYCERIDES',
    field: 'triglycerides',
    unit: 'mg/dL',
    sexes: BOTH,
    edges: [
      { values: [149, 150, 151], grades: [A, B, B] },
      { values: [199, 200, 201], grades: [B, D, D] },
    ],
  },
  {
    item: 'LDL_CHOLESTEROL',
    field: 'ldlCholesterol',
    unit: 'mg/dL',
    sexes: BOTH,
    edges: [
      { values: [129, 130, 131], grades: [A, B, B] },
      { values: [159, 160, 161], grades: [B, D, D] },
    ],
  },
  {
    item: 'HEMOGLOBIN',
    field: 'hemoglobin',
    unit: 'g/dL',
    sexes: ['M'],
    edges: [
      { values: [11.9, 12.0, 12.1], grades: [D, B, B] },
      { values: [12.9, 13.0, 13.1], grades: [B, A, A] },
      { values: [16.4, 16.5, 16.6], grades: [A, A, NC] },
    ],
  },
  {
    item: 'HEMOGLOBIN',
    field: 'hemoglobin',
    unit: 'g/dL',
    sexes: ['F'],
    edges: [
      { values: [9.9, 10.0, 10.1], grades: [D, B, B] },
      { values: [11.9, 12.0, 12.1], grades: [B, A, A] },
      { values: [15.4, 15.5, 15.6], grades: [A, A, NC] },
    ],
  },
  {
    item: 'AST',
    field: 'ast',
    unit: 'U/L',
    sexes: BOTH,
    edges: [
      { values: [39, 40, 41], grades: [A, A, B] },
      { values: [49, 50, 51], grades: [B, B, D] },
    ],
  },
  {
    item: 'ALT',
    field: 'alt',
    unit: 'U/L',
    sexes: BOTH,
    edges: [
      { values: [34, 35, 36], grades: [A, A, B] },
      { values: [44, 45, 46], grades: [B, B, D] },
    ],
  },
  {
    item: 'GAMMA_GTP',
    field: 'gammaGtp',
    unit: 'U/L',
    sexes: ['M'],
    edges: [
      { values: [10, 11, 12], grades: [NC, A, A] },
      { values: [62, 63, 64], grades: [A, A, B] },
      { values: [76, 77, 78], grades: [B, B, D] },
    ],
  },
  {
    item: 'GAMMA_GTP',
    field: 'gammaGtp',
    unit: 'U/L',
    sexes: ['F'],
    edges: [
      { values: [7, 8, 9], grades: [NC, A, A] },
      { values: [34, 35, 36], grades: [A, A, B] },
      { values: [44, 45, 46], grades: [B, B, D] },
    ],
  },
  {
    item: 'SERUM_CREATININE',
    field: 'serumCreatinine',
    unit: 'mg/dL',
    sexes: BOTH,
    edges: [{ values: [1.4, 1.5, 1.6], grades: [A, A, D] }],
  },
  {
    item: 'EGFR',
    field: 'egfr',
    unit: 'mL/min/1.73m²',
    sexes: BOTH,
    edges: [{ values: [59, 60, 61], grades: [D, A, A] }],
  },
  {
    item: 'BONE_DENSITY',
    field: 'boneDensityTScore',
    unit: 'T-score',
    sexes: BOTH,
    edges: [
      { values: [-2.6, -2.5, -2.4], grades: [D, D, B] },
      { values: [-1.1, -1.0, -0.9], grades: [B, A, A] },
    ],
  },
];

describe('every boundary of the 2026 criteria, for each sex it applies to', () => {
  for (const row of BOUNDARIES) {
    for (const sex of row.sexes) {
      for (const edge of row.edges) {
        edge.values.forEach((value, index) => {
          const expected = edge.grades[index];
          test(`when a ${SEX_NAMES[sex]}'s ${row.field} is ${value} ${row.unit}, then ${row.item} is ${expected}`, () => {
            const judged = judgeOne(row.item, sex, { [row.field]: value });
            assert.equal(judged.grade, expected);
            assert.equal(judged.value, value);
          });
        });
      }
    }
  }
});

describe('the intervals hold for values between the printed integers', () => {
  const cases: ReadonlyArray<readonly [ItemId, NumericField, Sex, number, Grade]> = [
    ['FASTING_GLUCOSE', 'fastingGlucose', 'F', 125.9, B],
    ['FASTING_GLUCOSE', 'fastingGlucose', 'M', 99.9, A],
    ['AST', 'ast', 'M', 40.5, B],
    ['AST', 'ast', 'F', 50.5, D],
    ['ALT', 'alt', 'F', 35.1, B],
    ['GAMMA_GTP', 'gammaGtp', 'M', 63.5, B],
    ['GAMMA_GTP', 'gammaGtp', 'F', 7.9, NC],
    ['HDL_CHOLESTEROL', 'hdlCholesterol', 'M', 59.9, B],
    ['BMI', 'bmi', 'F', 24.99, A],
    ['HEMOGLOBIN', 'hemoglobin', 'M', 16.55, NC],
    ['HEMOGLOBIN', 'hemoglobin', 'F', 11.95, B],
    ['SERUM_CREATININE', 'serumCreatinine', 'M', 1.55, D],
    ['EGFR', 'egfr', 'F', 59.9, D],
  ];
  for (const [item, field, sex, value, expected] of cases) {
    test(`when a ${SEX_NAMES[sex]}'s ${field} is ${value}, then ${item} is ${expected}`, () => {
      assert.equal(judgeOne(item, sex, { [field]: value }).grade, expected);
    });
  }
});

describe('sex-specific rows use the person’s sex', () => {
  test('when a man and a woman both have a 87 cm waist, then only the woman is 질환의심', () => {
    assert.equal(judgeOne('WAIST', 'M', { waistCm: 87 }).grade, A);
    assert.equal(judgeOne('WAIST', 'F', { waistCm: 87 }).grade, D);
  });

  test('when a man and a woman both have haemoglobin 12.5, then the man is 정상B and the woman 정상A', () => {
    assert.equal(judgeOne('HEMOGLOBIN', 'M', { hemoglobin: 12.5 }).grade, B);
    assert.equal(judgeOne('HEMOGLOBIN', 'F', { hemoglobin: 12.5 }).grade, A);
  });

  test('when a man and a woman both have γ-GTP 40, then the man is 정상A and the woman 정상B', () => {
    assert.equal(judgeOne('GAMMA_GTP', 'M', { gammaGtp: 40 }).grade, A);
    assert.equal(judgeOne('GAMMA_GTP', 'F', { gammaGtp: 40 }).grade, B);
  });

  test('when a woman is judged, then the applied ranges are the women’s rows', () => {
    const judged = judgeCheckup(buildCheckup({ hemoglobin: 13 }), buildPerson({ sex: 'F' }));
    assert.deepEqual(itemOf(judged, 'HEMOGLOBIN').appliedRange, {
      normalA: '12.0~15.5',
      normalB: '10.0~11.9',
      suspected: '10.0 미만',
      notClassified: '15.5 초과',
    });
    assert.deepEqual(itemOf(judged, 'WAIST').appliedRange, { normalA: '85 미만', normalB: null, suspected: '85 이상' });
    assert.deepEqual(itemOf(judged, 'GAMMA_GTP').appliedRange, {
      normalA: '8~35',
      normalB: '36~45',
      suspected: '46 이상',
      notClassified: '8 미만',
    });
  });

  test('when a man is judged, then the applied ranges are the men’s rows', () => {
    const judged = judgeCheckup(buildCheckup(), buildPerson({ sex: 'M' }));
    assert.deepEqual(itemOf(judged, 'HEMOGLOBIN').appliedRange, {
      normalA: '13.0~16.5',
      normalB: '12.0~12.9',
      suspected: '12.0 미만',
      notClassified: '16.5 초과',
    });
    assert.deepEqual(itemOf(judged, 'WAIST').appliedRange, { normalA: '90 미만', normalB: null, suspected: '90 이상' });
    assert.deepEqual(itemOf(judged, 'GAMMA_GTP').appliedRange, {
      normalA: '11~63',
      normalB: '64~77',
      suspected: '78 이상',
      notClassified: '11 미만',
    });
  });
});

describe('grade notes', () => {
  test('when BMI is 18.4, then it is 정상B with the 저체중 note', () => {
    const bmi = judgeOne('BMI', 'F', { bmi: 18.4 });
    assert.equal(bmi.grade, B);
    assert.equal(bmi.note, '저체중');
  });

  test('when a man’s haemoglobin is 17.2, then it is not classified and noted 기준보다 높음, 의사와 상의', () => {
    const hb = judgeOne('HEMOGLOBIN', 'M', { hemoglobin: 17.2 });
    assert.equal(hb.grade, NC);
    assert.equal(hb.note, '기준보다 높음, 의사와 상의');
  });

  test('when a woman’s γ-GTP is 6, then it is not classified and noted 기준보다 낮음, 의사와 상의', () => {
    const ggt = judgeOne('GAMMA_GTP', 'F', { gammaGtp: 6 });
    assert.equal(ggt.grade, NC);
    assert.equal(ggt.note, '기준보다 낮음, 의사와 상의');
  });

  test('when a value is plainly in the A band, then it carries no note', () => {
    assert.equal(judgeOne('BMI', 'M', { bmi: 22 }).note, undefined);
  });
});

describe('blood pressure is judged on both SBP and DBP, worst wins', () => {
  const cases: ReadonlyArray<readonly [number, number, Grade]> = [
    // the reference's own edge pairs
    [119, 79, A],
    [119, 80, B],
    [120, 79, B],
    [139, 89, B],
    [140, 79, D],
    [119, 90, D],
    // SBP edges with DBP held in A, DBP edges with SBP held in A
    [121, 70, B],
    [139, 70, B],
    [141, 70, D],
    [110, 81, B],
    [110, 89, B],
    [110, 91, D],
    // each part in a different band
    [125, 95, D],
    [150, 85, D],
    [130, 70, B],
    [100, 60, A],
  ];
  for (const sex of BOTH) {
    for (const [sbp, dbp, expected] of cases) {
      test(`when a ${SEX_NAMES[sex]}'s blood pressure is ${sbp}/${dbp}, then it is ${expected}`, () => {
        const bp = judgeOne('BLOOD_PRESSURE', sex, { sbp, dbp });
        assert.equal(bp.grade, expected);
        assert.equal(bp.value, `${sbp}/${dbp}`);
      });
    }
  }

  test('when blood pressure is 125/95, then the components show which part drove the grade', () => {
    const bp = judgeOne('BLOOD_PRESSURE', 'M', { sbp: 125, dbp: 95 });
    assert.deepEqual(bp.components, [
      { part: 'SBP', value: 125, grade: B },
      { part: 'DBP', value: 95, grade: D },
    ]);
    assert.equal(bp.unit, 'mmHg');
  });

  test('when only SBP 110 is known, then blood pressure is not tested rather than normal', () => {
    const bp = judgeOne('BLOOD_PRESSURE', 'F', { sbp: 110 });
    assert.equal(bp.grade, NT);
    assert.equal(bp.value, '110/-');
  });

  test('when only SBP 130 is known, then blood pressure is not tested, since DBP could still make it 질환의심', () => {
    assert.equal(judgeOne('BLOOD_PRESSURE', 'M', { sbp: 130 }).grade, NT);
  });

  test('when only DBP 95 is known, then blood pressure is 질환의심, since either part is enough', () => {
    assert.equal(judgeOne('BLOOD_PRESSURE', 'M', { dbp: 95 }).grade, D);
  });

  test('when blood pressure is judged, then the applied range combines the SBP and DBP rows', () => {
    assert.deepEqual(judgeOne('BLOOD_PRESSURE', 'F', { sbp: 118, dbp: 76 }).appliedRange, {
      normalA: '120 미만/80 미만',
      normalB: '120~139/80~89',
      suspected: '140 이상/90 이상',
    });
  });
});

describe('urine protein', () => {
  const cases: ReadonlyArray<readonly [1 | 2 | 3 | 4 | 5 | 6, string, Grade]> = [
    [1, '음성(−)', A],
    [2, '약양성(±)', B],
    [3, '양성(+1)', D],
    [4, '양성(+2)', D],
    [5, '양성(+3)', D],
    [6, '양성(+4)', D],
  ];
  for (const sex of BOTH) {
    for (const [code, label, expected] of cases) {
      test(`when a ${SEX_NAMES[sex]}'s urine protein is ${label}, then it is ${expected}`, () => {
        const judged = judgeOne('URINE_PROTEIN', sex, { urineProtein: code });
        assert.equal(judged.grade, expected);
        assert.equal(judged.value, label);
      });
    }
  }

  test('when urine protein is judged, then the applied range reads as the notice prints it', () => {
    assert.deepEqual(judgeOne('URINE_PROTEIN', 'M', { urineProtein: 1 }).appliedRange, {
      normalA: '음성(−)',
      normalB: '약양성(±)',
      suspected: '양성(+1) 이상',
    });
  });
});

describe('hearing, chest X-ray and bone density', () => {
  test('when both ears are normal, then hearing is 정상A', () => {
    const hearing = judgeOne('HEARING', 'M', { hearingLeft: 'NORMAL', hearingRight: 'NORMAL' });
    assert.equal(hearing.grade, A);
    assert.equal(hearing.value, '정상/정상');
  });

  test('when one ear is abnormal, then hearing is 질환의심', () => {
    const hearing = judgeOne('HEARING', 'F', { hearingLeft: 'NORMAL', hearingRight: 'ABNORMAL' });
    assert.equal(hearing.grade, D);
    assert.equal(hearing.value, '정상/비정상');
    assert.deepEqual(hearing.appliedRange, { normalA: '양쪽 정상', normalB: null, suspected: '한쪽 이상 비정상' });
  });

  test('when only one ear was tested and it is normal, then hearing is not tested', () => {
    assert.equal(judgeOne('HEARING', 'M', { hearingLeft: 'NORMAL' }).grade, NT);
  });

  test('when only one ear was tested and it is abnormal, then hearing is 질환의심', () => {
    assert.equal(judgeOne('HEARING', 'M', { hearingRight: 'ABNORMAL' }).grade, D);
  });

  const chest: ReadonlyArray<readonly [ChestXrayFinding, string, Grade]> = [
    ['NORMAL', '정상', A],
    ['INACTIVE_TB', '비활동성 폐결핵', B],
    ['OTHER_FINDING', '기타 이상 소견', D],
  ];
  for (const [finding, label, expected] of chest) {
    test(`when the chest X-ray shows ${label}, then it is ${expected}`, () => {
      const judged = judgeOne('CHEST_XRAY', 'M', { chestXray: finding });
      assert.equal(judged.grade, expected);
      assert.equal(judged.value, label);
    });
  }

  const bone: ReadonlyArray<readonly [BoneDensityFinding, Grade]> = [
    ['NORMAL', A],
    ['OSTEOPENIA', B],
    ['OSTEOPOROSIS', D],
  ];
  for (const [finding, expected] of bone) {
    test(`when bone density is reported only as ${finding}, then it is ${expected}`, () => {
      const judged = judgeOne('BONE_DENSITY', 'F', { boneDensityFinding: finding });
      assert.equal(judged.grade, expected);
      assert.equal(judged.unit, '');
    });
  }

  test('when both a T-score and a finding are present, then the T-score decides', () => {
    const judged = judgeOne('BONE_DENSITY', 'F', { boneDensityTScore: -2.7, boneDensityFinding: 'OSTEOPENIA' });
    assert.equal(judged.grade, D);
    assert.equal(judged.value, -2.7);
    assert.equal(judged.unit, 'T-score');
  });
});

describe('missing values are not tested, never normal', () => {
  const ALL_ITEMS: readonly ItemId[] = [
    'BMI',
    'WAIST',
    'BLOOD_PRESSURE',
    'FASTING_GLUCOSE',
    'TOTAL_CHOLESTEROL',
    'HDL_CHOLESTEROL',
    'TRIGLYCERIDES',
    'LDL_CHOLESTEROL',
    'HEMOGLOBIN',
    'AST',
    'ALT',
    'GAMMA_GTP',
    'URINE_PROTEIN',
    'SERUM_CREATININE',
    'EGFR',
    'HEARING',
    'CHEST_XRAY',
    'BONE_DENSITY',
  ];

  test('when a woman offered every item (60 in 2026: lipids and bone density due) has no values, then every item is NOT_TESTED', () => {
    const judged = judgeCheckup(buildCheckup(), buildPerson({ sex: 'F', birthDate: '1966-05-01' }));
    assert.deepEqual(
      judged.items.map((i) => i.item),
      ALL_ITEMS,
    );
    for (const item of judged.items) {
      assert.equal(item.grade, NT, `${item.item} should be NOT_TESTED`);
      assert.equal(item.value, null, `${item.item} should have no value`);
    }
    assert.deepEqual(judged.summary.counts, {
      NORMAL_A: 0,
      NORMAL_B: 0,
      SUSPECTED_DISEASE: 0,
      NOT_CLASSIFIED: 0,
      NOT_TESTED: ALL_ITEMS.length,
    });
    assert.deepEqual(judged.summary.flagged, []);
  });

  test('when a man of 48 in 2026 (lipids due) has no values, then bone density is NOT_APPLICABLE and every other item NOT_TESTED', () => {
    const judged = judgeCheckup(buildCheckup(), buildPerson({ sex: 'M', birthDate: '1978-02-01' }));
    for (const item of judged.items) {
      assert.equal(item.grade, item.item === 'BONE_DENSITY' ? 'NOT_APPLICABLE' : NT, item.item);
      assert.equal(item.value, null, `${item.item} should have no value`);
    }
    assert.equal(judged.summary.counts.NOT_TESTED, ALL_ITEMS.length - 1);
  });

  test('when lipids were due but not tested while glucose was, then only the lipids are NOT_TESTED', () => {
    const judged = judgeCheckup(buildCheckup({ fastingGlucose: 92 }), buildPerson({ birthDate: '1978-02-01' }));
    assert.equal(itemOf(judged, 'FASTING_GLUCOSE').grade, A);
    for (const lipid of ['TOTAL_CHOLESTEROL', 'HDL_CHOLESTEROL', 'TRIGLYCERIDES', 'LDL_CHOLESTEROL'] as const) {
      assert.equal(itemOf(judged, lipid).grade, NT);
    }
  });

  test('when a value is NaN, then the item is NOT_TESTED rather than judged', () => {
    assert.equal(judgeOne('FASTING_GLUCOSE', 'M', { fastingGlucose: Number.NaN }).grade, NT);
    assert.equal(judgeOne('FASTING_GLUCOSE', 'M', { fastingGlucose: Number.NaN }).value, null);
  });

  test('when height is present without weight, then BMI is NOT_TESTED and not computed', () => {
    const bmi = judgeOne('BMI', 'M', { heightCm: 172 });
    assert.equal(bmi.grade, NT);
    assert.equal(bmi.computed, false);
  });
});

describe('BMI computed from height and weight', () => {
  test('when BMI is printed, then it is judged as printed and not marked computed', () => {
    const bmi = judgeOne('BMI', 'M', { bmi: 26.1, heightCm: 180, weightKg: 60 });
    assert.equal(bmi.value, 26.1);
    assert.equal(bmi.grade, B);
    assert.equal(bmi.computed, false);
    assert.equal(bmi.method, undefined);
  });

  test('when BMI is missing, then 170 cm and 72 kg give 24.9 (72 / 1.7² = 24.913…), 정상A, computed', () => {
    const bmi = judgeOne('BMI', 'M', { heightCm: 170, weightKg: 72 });
    assert.equal(bmi.value, 24.9);
    assert.equal(bmi.grade, A);
    assert.equal(bmi.computed, true);
    assert.equal(bmi.method, 'BMI_FROM_HEIGHT_WEIGHT');
  });

  test('when the computed BMI is 24.96, then it is rounded to 25.0 as a sheet prints it and is 정상B', () => {
    // 160 cm, 63.9 kg: 63.9 / 2.56 = 24.9609…
    const bmi = judgeOne('BMI', 'F', { heightCm: 160, weightKg: 63.9 });
    assert.equal(bmi.value, 25);
    assert.equal(bmi.grade, B);
  });
});

describe('eGFR: reported value first, CKD-EPI 2021 only when absent', () => {
  test('when the sheet reports eGFR 59 next to a normal creatinine, then the reported 59 is judged 질환의심', () => {
    const egfr = judgeOne('EGFR', 'F', { egfr: 59, serumCreatinine: 0.7 });
    assert.equal(egfr.value, 59);
    assert.equal(egfr.grade, D);
    assert.equal(egfr.computed, false);
    assert.equal(egfr.method, undefined);
  });

  test('when eGFR is absent, then a 50-year-old man with creatinine 1.0 gets CKD-EPI 2021 = 92, 정상A, computed', () => {
    // 142 × (1.0/0.9)^−1.200 × 0.9938^50 = 142 × 0.88124 × 0.73274 = 91.69 → printed as 92
    const judged = judgeCheckup(buildCheckup({ examDate: '2026-03-17', serumCreatinine: 1.0 }), buildPerson({ sex: 'M', birthDate: '1975-06-30' }));
    assert.equal(judged.ageAtExam, 50);
    const egfr = itemOf(judged, 'EGFR');
    assert.equal(egfr.value, 92);
    assert.equal(egfr.grade, A);
    assert.equal(egfr.computed, true);
    assert.equal(egfr.method, 'CKD_EPI_2021');
  });

  test('when eGFR is absent, then a 70-year-old man with creatinine 2.0 gets 35, 질환의심', () => {
    // 142 × (2.0/0.9)^−1.200 × 0.9938^70 = 142 × 0.38358 × 0.64705 = 35.24
    const judged = judgeCheckup(buildCheckup({ examDate: '2026-03-17', serumCreatinine: 2.0 }), buildPerson({ sex: 'M', birthDate: '1955-06-30' }));
    const egfr = itemOf(judged, 'EGFR');
    assert.equal(egfr.value, 35);
    assert.equal(egfr.grade, D);
  });

  test('when eGFR is absent, then the woman’s coefficients apply: creatinine 1.0 at 50 gives 69, not the man’s 92', () => {
    // 142 × (1.0/0.7)^−1.200 × 0.9938^50 × 1.012 = 142 × 0.65181 × 0.73274 × 1.012 = 68.63
    const judged = judgeCheckup(buildCheckup({ examDate: '2026-03-17', serumCreatinine: 1.0 }), buildPerson({ sex: 'F', birthDate: '1975-06-30' }));
    assert.equal(itemOf(judged, 'EGFR').value, 69);
  });

  test('when the exam is the day before a man’s 55th birthday, then age 54 is used and creatinine 1.4 gives 60, 정상A', () => {
    // 59.73 at age 54 is printed as 60; one year older it is 59.36, printed 59.
    const judged = judgeCheckup(buildCheckup({ examDate: '2026-03-16', serumCreatinine: 1.4 }), buildPerson({ sex: 'M', birthDate: '1971-03-17' }));
    assert.equal(judged.ageAtExam, 54);
    assert.equal(itemOf(judged, 'EGFR').value, 60);
    assert.equal(itemOf(judged, 'EGFR').grade, A);
  });

  test('when the exam is on a man’s 55th birthday, then age 55 is used and creatinine 1.4 gives 59, 질환의심', () => {
    const judged = judgeCheckup(buildCheckup({ examDate: '2026-03-17', serumCreatinine: 1.4 }), buildPerson({ sex: 'M', birthDate: '1971-03-17' }));
    assert.equal(judged.ageAtExam, 55);
    assert.equal(itemOf(judged, 'EGFR').value, 59);
    assert.equal(itemOf(judged, 'EGFR').grade, D);
  });

  test('when eGFR and creatinine are both absent, then eGFR is NOT_TESTED and not computed', () => {
    const egfr = judgeOne('EGFR', 'M', {});
    assert.equal(egfr.grade, NT);
    assert.equal(egfr.value, null);
    assert.equal(egfr.computed, false);
  });

  test('when the person is 17 at the exam, then eGFR is not computed because CKD-EPI is for adults', () => {
    const judged = judgeCheckup(buildCheckup({ examDate: '2026-03-17', serumCreatinine: 0.8 }), buildPerson({ birthDate: '2008-06-01' }));
    assert.equal(judged.ageAtExam, 17);
    assert.equal(itemOf(judged, 'EGFR').grade, NT);
  });

  test('when the stored eGFR was computed upstream with CKD-EPI 2021, then it is judged as stored and marked computed', () => {
    const egfr = judgeOne('EGFR', 'M', { egfr: 75, egfrMethod: 'CKD_EPI_2021', serumCreatinine: 3 });
    assert.equal(egfr.value, 75);
    assert.equal(egfr.grade, A);
    assert.equal(egfr.computed, true);
    assert.equal(egfr.method, 'CKD_EPI_2021');
  });

  test('when only the exam year is known, then age is exam year minus birth year and eGFR still computes', () => {
    const judged = judgeCheckup({ examYear: 2026, serumCreatinine: 1.0 }, buildPerson({ sex: 'M', birthDate: '1976-12-31' }));
    assert.equal(judged.ageAtExam, 50);
    assert.equal(judged.ageBasis, 'EXAM_YEAR');
    assert.equal(judged.examDate, undefined);
    assert.equal(itemOf(judged, 'EGFR').value, 92);
  });
});

describe('age at the examination date', () => {
  const cases: ReadonlyArray<readonly [string, string, number]> = [
    ['1980-05-10', '2026-05-09', 45],
    ['1980-05-10', '2026-05-10', 46],
    ['1980-05-10', '2026-05-11', 46],
    ['1980-12-31', '2026-01-01', 45],
  ];
  for (const [birthDate, examDate, expected] of cases) {
    test(`when born ${birthDate} and examined ${examDate}, then the age is ${expected}`, () => {
      const judged = judgeCheckup(buildCheckup({ examDate, examYear: 2026 }), buildPerson({ birthDate }));
      assert.equal(judged.ageAtExam, expected);
      assert.equal(judged.ageBasis, 'EXAM_DATE');
    });
  }

  test('when the birth date is malformed, then judging throws a RangeError', () => {
    assert.throws(() => judgeCheckup(buildCheckup(), buildPerson({ birthDate: '1980/05/10' })), RangeError);
    assert.throws(() => judgeCheckup(buildCheckup(), buildPerson({ birthDate: '1980-02-30' })), RangeError);
  });

  test('when the examination is before the birth date, then judging throws a RangeError', () => {
    assert.throws(() => judgeCheckup(buildCheckup({ examDate: '2026-03-17' }), buildPerson({ birthDate: '2026-03-18' })), RangeError);
  });
});

describe('summary', () => {
  test('when a checkup has a mix of grades, then the counts add up and 질환의심 items are flagged before 정상B', () => {
    const judged = judgeCheckup(
      buildCheckup({
        bmi: 23.1,
        waistCm: 92.4,
        sbp: 128,
        dbp: 78,
        fastingGlucose: 131,
        hemoglobin: 17.0,
        ast: 22,
        urineProtein: 2,
      }),
      buildPerson({ sex: 'M' }),
    );
    // A man of 47 in 2026: no lipid panel this cycle and no bone density, so those five are not counted.
    assert.deepEqual(judged.summary.counts, {
      NORMAL_A: 2,
      NORMAL_B: 2,
      SUSPECTED_DISEASE: 2,
      NOT_CLASSIFIED: 1,
      NOT_TESTED: 6,
    });
    assert.deepEqual(judged.summary.outsideCriteria, [{ item: 'HEMOGLOBIN', name: '혈색소', value: 17.0, unit: 'g/dL', note: '기준보다 높음, 의사와 상의' }]);
    assert.deepEqual(judged.summary.flagged, [
      { item: 'WAIST', name: '허리둘레', grade: D, value: 92.4, unit: 'cm' },
      { item: 'FASTING_GLUCOSE', name: '공복혈당', grade: D, value: 131, unit: 'mg/dL' },
      { item: 'BLOOD_PRESSURE', name: '혈압', grade: B, value: '128/78', unit: 'mmHg' },
      { item: 'URINE_PROTEIN', name: '요단백', grade: B, value: '약양성(±)', unit: '' },
    ]);
  });

  test('when a checkup is judged, then the result names the criteria version, exam date, sex and age', () => {
    const judged = judgeCheckup(buildCheckup({ examYear: 2025, examDate: '2025-11-02' }), buildPerson({ sex: 'F', birthDate: '1990-11-03' }));
    assert.equal(judged.criteria, '보건복지부고시 제2026-6호 건강검진 실시기준 [별표 4의 별첨] (시행 2026-01-07)');
    assert.equal(judged.examYear, 2025);
    assert.equal(judged.examDate, '2025-11-02');
    assert.equal(judged.sex, 'F');
    assert.equal(judged.ageAtExam, 34);
  });

  test('when a full item is judged, then it has exactly the documented shape', () => {
    assert.deepEqual(judgeOne('FASTING_GLUCOSE', 'M', { fastingGlucose: 104 }), {
      item: 'FASTING_GLUCOSE',
      name: '공복혈당',
      value: 104,
      unit: 'mg/dL',
      grade: B,
      appliedRange: { normalA: '100 미만', normalB: '100~125', suspected: '126 이상' },
    });
  });
});
