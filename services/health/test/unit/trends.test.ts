import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTrends, parseTrendItems, type StoredCheckup, type PersonFacts } from '../../src/domain/index.js';

const history: StoredCheckup[] = [
  { id: 'c-2024', checkup: { examYear: 2024, examDate: '2024-04-12', heightCm: 170, weightKg: 75.1, bmi: 26.0, sbp: 141, dbp: 79, hemoglobin: 12.5 } },
  { id: 'c-2020', checkup: { examYear: 2020, examDate: '2020-05-02', heightCm: 170, weightKg: 70, sbp: 118, dbp: 76 } },
  { id: 'c-2022', checkup: { examYear: 2022, examDate: '2022-06-30', bmi: 24.9, hemoglobin: 13.1 } },
];

const facts = (f: PersonFacts) => () => f;

describe('choosing trend items', () => {
  test('when items are listed, then they come back in order without repeats', () => {
    assert.deepEqual(parseTrendItems('bmi, SBP,bmi,hemoglobin'), { items: ['bmi', 'sbp', 'hemoglobin'], unknown: [] });
  });
  test('when no item is listed, then the default set is used', () => {
    assert.deepEqual(parseTrendItems(undefined).items, ['bmi', 'sbp', 'dbp', 'fasting_glucose']);
    assert.deepEqual(parseTrendItems(' ').items, ['bmi', 'sbp', 'dbp', 'fasting_glucose']);
  });
  test('when an item is unknown, then it is reported', () => {
    assert.deepEqual(parseTrendItems('bmi,cholesterol,__proto__').unknown, ['cholesterol', '__proto__']);
  });
});

describe('building the series', () => {
  test('when BMI is asked for, then points are oldest first with grades, computed BMI included, and the bands follow', () => {
    const [bmi] = buildTrends(history, ['bmi'], facts({ sex: 'M', birthDate: '1980-01-01' }), 'M');
    assert.deepEqual(bmi!.points, [
      // 70 / 1.70² = 24.2, computed from height and weight because the sheet printed none.
      { checkupId: 'c-2020', examYear: 2020, examDate: '2020-05-02', value: 24.2, grade: 'NORMAL_A', computed: true },
      { checkupId: 'c-2022', examYear: 2022, examDate: '2022-06-30', value: 24.9, grade: 'NORMAL_A', computed: false },
      { checkupId: 'c-2024', examYear: 2024, examDate: '2024-04-12', value: 26.0, grade: 'NORMAL_B', computed: false },
    ]);
    assert.deepEqual(
      bmi!.bands!.map((b) => [b.grade, b.from, b.to]),
      [
        ['NORMAL_B', null, 18.5],
        ['NORMAL_A', 18.5, 25],
        ['NORMAL_B', 25, 30],
        ['SUSPECTED_DISEASE', 30, null],
      ],
    );
  });

  test('when blood pressure parts are asked for, then each part is its own series graded by its own row', () => {
    const [sbp, dbp] = buildTrends(history, ['sbp', 'dbp'], facts({ sex: 'F' }), 'F');
    assert.deepEqual(
      sbp!.points.map((p) => [p.value, p.grade]),
      [
        [118, 'NORMAL_A'],
        [141, 'SUSPECTED_DISEASE'],
      ],
    );
    assert.deepEqual(
      dbp!.points.map((p) => [p.value, p.grade]),
      [
        [76, 'NORMAL_A'],
        [79, 'NORMAL_A'],
      ],
    );
  });

  test('when an item was not measured in a year, then that year has no point', () => {
    const [glucose] = buildTrends(history, ['fasting_glucose'], facts({ sex: 'M' }), 'M');
    assert.deepEqual(glucose!.points, []);
  });

  test('when weight is asked for, then it has points without grades and no bands', () => {
    const [weight] = buildTrends(history, ['weight'], facts({}), undefined);
    assert.deepEqual(
      weight!.points.map((p) => [p.value, p.grade]),
      [
        [70, null],
        [75.1, null],
      ],
    );
    assert.deepEqual(weight!.bands, []);
  });

  test('when the sex is known, then haemoglobin uses that sex’s bands and grades', () => {
    const [hb] = buildTrends(history, ['hemoglobin'], facts({ sex: 'F' }), 'F');
    assert.deepEqual(
      hb!.points.map((p) => p.grade),
      ['NORMAL_A', 'NORMAL_A'],
    );
    assert.equal(hb!.bands!.find((b) => b.grade === 'NORMAL_A')!.from, 12);
  });

  test('when the sex is unknown, then a sex-specific series has no bands and NOT_CLASSIFIED points', () => {
    const [hb, bmi] = buildTrends(history, ['hemoglobin', 'bmi'], facts({}), undefined);
    assert.equal(hb!.bands, null);
    assert.deepEqual(hb!.missingFacts, ['SEX']);
    assert.deepEqual(
      hb!.points.map((p) => p.grade),
      ['NOT_CLASSIFIED', 'NOT_CLASSIFIED'],
    );
    assert.equal(bmi!.bands!.length, 4, 'BMI does not depend on sex');
  });
});
