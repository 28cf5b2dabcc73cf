import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { drinksFromAnswer, providerRanges, readNhisResult, smokingFromAnswer, unitsFromReference } from '../../src/domain/index.js';

/** One preview row as CODEF prints it: every value a string, "" for not measured, MMDD date. */
function preview(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    resCheckupYear: '2024',
    resCheckupDate: '0412',
    resCheckupPlace: '새봄내과의원',
    resHeight: '170.2',
    resWeight: '68.4',
    resWaist: '81.3',
    resBMI: '23.6',
    resSight: '1.0/1.2',
    resHearing: '정상/비정상',
    resBloodPressure: '128/79',
    resUrinaryProtein: '약양성',
    resHemoglobin: '13.8',
    resFastingBloodSuger: '104',
    resTotalCholesterol: '',
    resHDLCholesterol: '',
    resTriglyceride: '',
    resLDLCholesterol: '',
    resSerumCreatinine: '0.9',
    resGFR: '95',
    resAST: '24',
    resALT: '31',
    resyGPT: '40',
    resTBChestDisease: '정상',
    resOsteoporosis: '',
    resJudgement: '정B',
    ...overrides,
  };
}

function result(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    resType: '1',
    resCheckupType: '일반검진',
    resCheckupYear: '2024',
    resCheckupDate: '20240412',
    resOrganizationName: '새봄내과의원',
    resOpinion: '정상B(경계): 공복혈당',
    resOriGinalData: 'JVBERi0xLjQK',
    resQuestionInfoList: [
      { resQuestion: '흡연상태', resAnswer: '이전에 피웠으나 끊었다' },
      { resQuestion: '음주여부', resAnswer: '마시지 않는다' },
    ],
    ...overrides,
  };
}

const UNIT_ROW = {
  resType: '단위',
  resHeight: 'Cm',
  resWeight: 'Kg',
  resWaist: 'Cm',
  resBMI: 'kg/m2',
  resBloodPressure: 'mmHg',
  resHemoglobin: 'g/dL',
  resFastingBloodSuger: 'mg/dL',
  resSerumCreatinine: 'mg/dL',
  resGFR: 'mL/min/1.73m2',
  resAST: 'U/L',
  resALT: 'U/L',
  resyGPT: 'U/L',
};

describe('reading an aggregator result', () => {
  test('when a checkup arrives as strings, then every value is parsed into the canonical record with the full exam date', () => {
    const imported = readNhisResult({ resPreviewList: [preview()], resResultList: [result()], resReferenceList: [UNIT_ROW] });
    assert.equal(imported.checkups.length, 1);
    const [first] = imported.checkups;
    assert.deepEqual(first!.checkup, {
      examYear: 2024,
      examDate: '2024-04-12',
      heightCm: 170.2,
      weightKg: 68.4,
      bmi: 23.6,
      waistCm: 81.3,
      fastingGlucose: 104,
      hemoglobin: 13.8,
      serumCreatinine: 0.9,
      egfr: 95,
      egfrMethod: 'REPORTED',
      ast: 24,
      alt: 31,
      gammaGtp: 40,
      sbp: 128,
      dbp: 79,
      visionLeft: 1.0,
      visionRight: 1.2,
      hearingLeft: 'NORMAL',
      hearingRight: 'ABNORMAL',
      urineProtein: 2,
      chestXray: 'NORMAL',
      reportedJudgement: '정B',
      smoking: 'FORMER',
      drinks: false,
    });
    assert.equal(first!.sourceKey, '2024-04-12|일반검진');
    assert.equal(first!.organizationName, '새봄내과의원');
    assert.equal(first!.opinion, '정상B(경계): 공복혈당');
    assert.equal(first!.pdfBase64, 'JVBERi0xLjQK');
    assert.deepEqual(first!.rejected, []);
  });

  test('when the provider prints units, then they are kept in canonical spelling for the measured fields only', () => {
    const [first] = readNhisResult({ resPreviewList: [preview()], resResultList: [result()], resReferenceList: [UNIT_ROW] }).checkups;
    assert.equal(first!.units.heightCm, 'cm');
    assert.equal(first!.units.bmi, 'kg/m²');
    assert.equal(first!.units.egfr, 'mL/min/1.73m²');
    assert.equal(first!.units.sbp, 'mmHg');
    assert.equal(first!.units.totalCholesterol, undefined, 'not measured, so no unit');
  });

  test('when a value is printed in a unit the criteria do not use, then it is rejected rather than judged', () => {
    const [first] = readNhisResult({
      resPreviewList: [preview({ resFastingBloodSuger: '5.8' })],
      resResultList: [result()],
      resReferenceList: [{ ...UNIT_ROW, resFastingBloodSuger: 'mmol/L' }],
    }).checkups;
    assert.equal(first!.checkup.fastingGlucose, undefined);
    assert.deepEqual(first!.rejected, [{ field: 'fastingGlucose', raw: '5.8 mmol/L', reason: 'UNEXPECTED_UNIT' }]);
  });

  test('when a cell cannot be read, then it becomes "not tested" and is reported, and the rest is imported', () => {
    const [first] = readNhisResult({ resPreviewList: [preview({ resBloodPressure: '12O/80' })], resResultList: [result()] }).checkups;
    assert.equal(first!.checkup.sbp, undefined);
    assert.equal(first!.checkup.fastingGlucose, 104);
    assert.deepEqual(first!.rejected, [{ field: 'bloodPressure', raw: '12O/80', reason: 'UNPARSEABLE' }]);
  });

  test('when no PDF and no questionnaire were sent, then the checkup has neither', () => {
    const [first] = readNhisResult({ resPreviewList: [preview()], resResultList: [result({ resOriGinalData: '', resQuestionInfoList: [] })] }).checkups;
    assert.equal(first!.pdfBase64, null);
    assert.equal(first!.checkup.smoking, undefined);
    assert.equal(first!.checkup.drinks, undefined);
  });

  test('when several checkups are listed, then each preview row is matched to the result row of the same date', () => {
    const imported = readNhisResult({
      resPreviewList: [preview(), preview({ resCheckupYear: '2022', resCheckupDate: '1103', resBMI: '22.1' })],
      // Deliberately in the other order: matching is by date, not position.
      resResultList: [result({ resCheckupYear: '2022', resCheckupDate: '20221103', resOrganizationName: '가을의원' }), result()],
    });
    assert.deepEqual(
      imported.checkups.map((c) => [c.checkup.examDate, c.organizationName, c.checkup.bmi]),
      [
        ['2024-04-12', '새봄내과의원', 23.6],
        ['2022-11-03', '가을의원', 22.1],
      ],
    );
  });

  test('when the same checkup is listed twice, then it is imported once', () => {
    const imported = readNhisResult({ resPreviewList: [preview(), preview()], resResultList: [result(), result()] });
    assert.equal(imported.checkups.length, 1);
  });

  test('when a row has no readable year, then it is counted as unreadable and the others are imported', () => {
    const imported = readNhisResult({
      resPreviewList: [preview({ resCheckupYear: '', resCheckupDate: '' }), preview()],
      resResultList: [result()],
    });
    assert.equal(imported.unreadable, 1);
    assert.equal(imported.checkups.length, 1);
  });

  test('when the answer has an unexpected shape, then nothing is imported and nothing throws', () => {
    for (const data of [undefined, null, 'text', [], { resPreviewList: 'x' }, { resPreviewList: [null, 3, 'row'] }]) {
      assert.deepEqual(readNhisResult(data), { checkups: [], referenceRows: [], unreadable: 0 });
    }
  });

  test('when a checkup has no result row, then it is still imported from the preview, with the MMDD date', () => {
    const [first] = readNhisResult({ resPreviewList: [preview()] }).checkups;
    assert.equal(first!.checkup.examDate, '2024-04-12');
    assert.equal(first!.raw.result, null);
    assert.equal(first!.sourceKey, '2024-04-12|');
  });

  test('when the raw rows are kept, then the PDF is left out of them (it is stored on its own)', () => {
    const [first] = readNhisResult({ resPreviewList: [preview()], resResultList: [result()] }).checkups;
    assert.equal('resOriGinalData' in (first!.raw.result ?? {}), false);
    assert.equal(first!.raw.preview.resBMI, '23.6');
  });
});

describe('the provider’s reference rows', () => {
  const rows = [
    UNIT_ROW,
    { resType: '정상(A)', resBMI: '18.5~24.9', resBloodPressure: '120 미만/80 미만', resGFR: '60 이상' },
    { resType: '정상(B)', resBMI: '18.5 미만 / 25~29.9', resBloodPressure: '120~139/80~89', resGFR: '' },
    { resType: '질환의심', resBMI: '30 이상', resBloodPressure: '140 이상/90 이상', resGFR: '60 미만' },
    { resType: '참고', resBMI: 'ignored' },
  ];

  test('when reference rows are regrouped per item, then each item has its unit and printed ranges', () => {
    const ranges = providerRanges(rows);
    assert.deepEqual(ranges.BMI, { unit: 'kg/m²', normalA: '18.5~24.9', normalB: '18.5 미만 / 25~29.9', suspected: '30 이상' });
    assert.deepEqual(ranges.BLOOD_PRESSURE, { unit: 'mmHg', normalA: '120 미만/80 미만', normalB: '120~139/80~89', suspected: '140 이상/90 이상' });
    assert.deepEqual(ranges.EGFR, { unit: 'mL/min/1.73m²', normalA: '60 이상', normalB: null, suspected: '60 미만' });
  });

  test('when there is no 단위 row, then no units are known', () => {
    assert.deepEqual(unitsFromReference(rows.slice(1)), {});
  });
});

describe('questionnaire answers', () => {
  const smoking: ReadonlyArray<readonly [string, string | undefined]> = [
    ['피우지 않는다', 'NEVER'],
    ['이전에 피웠으나 끊었다', 'FORMER'],
    ['현재도 피우고 있다', 'CURRENT'],
    ['모름', undefined],
  ];
  for (const [answer, expected] of smoking) {
    test(`when the smoking answer is "${answer}", then it reads ${expected ?? 'as unknown'}`, () => {
      assert.equal(smokingFromAnswer(answer), expected);
    });
  }
  test('when the drinking answer is 마신다 or 마시지 않는다, then it reads true or false', () => {
    assert.equal(drinksFromAnswer('마신다'), true);
    assert.equal(drinksFromAnswer('마시지 않는다'), false);
    assert.equal(drinksFromAnswer(''), undefined);
  });
});
