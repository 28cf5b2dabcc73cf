import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkupFromSheet,
  drinksFromCode,
  hearingFromCode,
  parseBloodPressure,
  parseBoneDensity,
  parseChestXray,
  parseDate,
  parseExamDate,
  parseHearing,
  parseNumber,
  parsePair,
  parseUrineProtein,
  parseVision,
  smokingFromCode,
  urineProteinFromCode,
  type RawValue,
  type UrineProtein,
} from '../../src/domain/index.js';

describe('numbers as printed', () => {
  const cases: ReadonlyArray<readonly [RawValue, number | undefined]> = [
    ['81.3', 81.3],
    [' 120 ', 120],
    ['0.9', 0.9],
    ['1,234', 1234],
    ['13.5 g/dL', 13.5],
    ['81.3cm', 81.3],
    ['95 mL/min/1.73m²', 95],
    [104, 104],
    ['', undefined],
    ['  ', undefined],
    ['-', undefined],
    ['<5', undefined],
    ['>1000', undefined],
    ['120/80', undefined],
    ['1.0/1.2', undefined],
    ['12,34', undefined],
    ['abc', undefined],
    [null, undefined],
    [undefined, undefined],
    [Number.NaN, undefined],
    [Number.POSITIVE_INFINITY, undefined],
  ];
  for (const [raw, expected] of cases) {
    test(`when the cell is ${JSON.stringify(raw) ?? 'undefined'}, then the number is ${String(expected)}`, () => {
      assert.equal(parseNumber(raw), expected);
    });
  }
});

describe('blood pressure "sbp/dbp"', () => {
  test('when the sheet prints "120/80", then SBP is 120 and DBP 80', () => {
    assert.deepEqual(parseBloodPressure('120/80'), { sbp: 120, dbp: 80 });
  });

  test('when the sheet prints "135 / 92 mmHg", then the spaces and unit are ignored', () => {
    assert.deepEqual(parseBloodPressure('135 / 92 mmHg'), { sbp: 135, dbp: 92 });
  });

  for (const raw of ['120-80', '120', '/80', '120/', 'abc', '', '1200/80']) {
    test(`when the sheet prints "${raw}", then there is no blood pressure`, () => {
      assert.equal(parseBloodPressure(raw), undefined);
    });
  }

  test('when the value is a number, then there is no blood pressure', () => {
    assert.equal(parseBloodPressure(120), undefined);
  });
});

describe('urine protein text to ordinal', () => {
  const cases: ReadonlyArray<readonly [string, UrineProtein | undefined]> = [
    ['음성', 1],
    ['음성(-)', 1],
    ['음성(−)', 1],
    ['음성 (－)', 1],
    ['-', 1],
    ['−', 1],
    ['Negative', 1],
    ['약양성', 2],
    ['약양성(±)', 2],
    ['±', 2],
    ['+-', 2],
    ['+/-', 2],
    ['trace', 2],
    ['양성', 3],
    ['양성(+1)', 3],
    ['양성(1+)', 3],
    ['양성 (+1)', 3],
    ['+1', 3],
    ['1+', 3],
    ['+', 3],
    ['양성(+2)', 4],
    ['++', 4],
    ['2+', 4],
    ['양성(+3)', 5],
    ['+++', 5],
    ['양성(+4)', 6],
    ['++++', 6],
    ['4+', 6],
    ['양성(+5)', undefined],
    ['+++++', undefined],
    ['1', undefined],
    ['', undefined],
    ['모름', undefined],
  ];
  for (const [text, expected] of cases) {
    test(`when the sheet prints "${text}", then urine protein is ${String(expected)}`, () => {
      assert.equal(parseUrineProtein(text), expected);
    });
  }

  test('when the value is a number, then the text parser refuses it (use the dataset code parser)', () => {
    assert.equal(parseUrineProtein(3), undefined);
  });

  const codes: ReadonlyArray<readonly [RawValue, UrineProtein | undefined]> = [
    ['1', 1],
    ['2', 2],
    [3, 3],
    ['6', 6],
    ['0', undefined],
    ['7', undefined],
    ['2.5', undefined],
    ['', undefined],
  ];
  for (const [code, expected] of codes) {
    test(`when the dataset code is ${JSON.stringify(code)}, then urine protein is ${String(expected)}`, () => {
      assert.equal(urineProteinFromCode(code), expected);
    });
  }
});

describe('hearing, vision, chest X-ray, bone density', () => {
  test('when the dataset hearing code is 1 or 2, then it is NORMAL or ABNORMAL; anything else is unknown', () => {
    assert.equal(hearingFromCode('1'), 'NORMAL');
    assert.equal(hearingFromCode(2), 'ABNORMAL');
    assert.equal(hearingFromCode('3'), undefined);
  });

  test('when a sheet prints one ear as 정상, 비정상, 질환의심 or 의뢰, then it maps to NORMAL or ABNORMAL', () => {
    assert.equal(parseHearing('정상'), 'NORMAL');
    assert.equal(parseHearing('비정상'), 'ABNORMAL');
    assert.equal(parseHearing('질환의심'), 'ABNORMAL');
    assert.equal(parseHearing('의뢰'), 'ABNORMAL');
    assert.equal(parseHearing('잘 모름'), undefined);
  });

  test('when hearing is printed "정상/비정상", then left is NORMAL and right ABNORMAL', () => {
    assert.deepEqual(parsePair('정상/비정상', parseHearing), { left: 'NORMAL', right: 'ABNORMAL' });
  });

  test('when hearing is printed once, then it applies to both ears', () => {
    assert.deepEqual(parsePair('정상', parseHearing), { left: 'NORMAL', right: 'NORMAL' });
  });

  test('when a pair has three parts or is empty, then nothing is read', () => {
    assert.deepEqual(parsePair('정상/정상/정상', parseHearing), {});
    assert.deepEqual(parsePair('', parseHearing), {});
  });

  test('when vision is "1.0/0.8", then left is 1.0 and right 0.8', () => {
    assert.deepEqual(parsePair('1.0/0.8', parseVision), { left: 1, right: 0.8 });
  });

  test('when vision is 9.9 or 실명, then the eye is BLIND; 3.0 is out of the acuity scale', () => {
    assert.equal(parseVision('9.9'), 'BLIND');
    assert.equal(parseVision('실명'), 'BLIND');
    assert.equal(parseVision('3.0'), undefined);
  });

  const chest: ReadonlyArray<readonly [string, string | undefined]> = [
    ['정상', 'NORMAL'],
    ['비활동성 폐결핵', 'INACTIVE_TB'],
    ['비활동성폐결핵', 'INACTIVE_TB'],
    ['활동성 폐결핵 의심', 'OTHER_FINDING'],
    ['폐렴 의심', 'OTHER_FINDING'],
    ['판독불가', undefined],
    ['촬영불가', undefined],
    ['미실시', undefined],
    ['', undefined],
  ];
  for (const [text, expected] of chest) {
    test(`when the chest X-ray is printed "${text}", then the finding is ${String(expected)}`, () => {
      assert.equal(parseChestXray(text), expected);
    });
  }

  test('when bone density is printed as a T-score or a finding word, then the right field is set', () => {
    assert.deepEqual(parseBoneDensity('-1.8'), { tScore: -1.8 });
    assert.deepEqual(parseBoneDensity('정상'), { finding: 'NORMAL' });
    assert.deepEqual(parseBoneDensity('골감소증'), { finding: 'OSTEOPENIA' });
    assert.deepEqual(parseBoneDensity('골다공증'), { finding: 'OSTEOPOROSIS' });
    assert.deepEqual(parseBoneDensity('?'), {});
  });

  test('when the dataset smoking and drinking codes are read, then they map to the documented meanings', () => {
    assert.deepEqual(['1', '2', '3', '4'].map(smokingFromCode), ['NEVER', 'FORMER', 'CURRENT', undefined]);
    assert.deepEqual(['0', '1', 'N', 'Y', '2'].map(drinksFromCode), [false, true, false, true, undefined]);
  });
});

describe('dates', () => {
  test('when a date is written YYYYMMDD, YYYY-MM-DD, YYYY.MM.DD or YYYY/MM/DD, then it becomes YYYY-MM-DD', () => {
    for (const raw of ['20240512', '2024-05-12', '2024.05.12', '2024.05.12.', '2024/05/12']) {
      assert.equal(parseDate(raw), '2024-05-12', raw);
    }
  });

  test('when a date does not exist, then it is rejected', () => {
    assert.equal(parseDate('2023-02-29'), undefined);
    assert.equal(parseDate('2024-13-01'), undefined);
    assert.equal(parseDate('2024-04-31'), undefined);
    assert.equal(parseDate('2024-02-29'), '2024-02-29');
  });

  test('when the CODEF preview gives the year and MMDD, then the exam date is complete', () => {
    assert.deepEqual(parseExamDate('2024', '0512'), { examYear: 2024, examDate: '2024-05-12' });
  });

  test('when only the year is given, then the exam date is left out', () => {
    assert.deepEqual(parseExamDate('2024', undefined), { examYear: 2024 });
    assert.deepEqual(parseExamDate(2024, ''), { examYear: 2024 });
  });

  test('when MMDD is not a real day of that year, then only the year is kept', () => {
    assert.deepEqual(parseExamDate('2023', '0229'), { examYear: 2023 });
  });

  test('when a full date and a different year are given, then the full date wins', () => {
    assert.deepEqual(parseExamDate('2023', '20240105'), { examYear: 2024, examDate: '2024-01-05' });
  });

  test('when there is neither a year nor a full date, then there is no exam date', () => {
    assert.equal(parseExamDate(undefined, '0512'), undefined);
    assert.equal(parseExamDate('24', undefined), undefined);
  });
});

describe('a whole aggregator result sheet', () => {
  test('when every value is a string as CODEF sends it, then the canonical record holds each parsed value', () => {
    const parsed = checkupFromSheet({
      checkupYear: '2024',
      checkupDate: '1107',
      height: '172.4',
      weight: '70.2',
      bmi: '23.6',
      waist: '84.5',
      bloodPressure: '128/82',
      vision: '1.0/0.9',
      hearing: '정상/정상',
      urineProtein: '약양성(±)',
      hemoglobin: '14.8',
      fastingGlucose: '103',
      totalCholesterol: '214',
      hdlCholesterol: '52',
      triglycerides: '163',
      ldlCholesterol: '129',
      serumCreatinine: '0.9',
      egfr: '97',
      ast: '27',
      alt: '31',
      gammaGtp: '45',
      chestXray: '정상',
      osteoporosis: '',
      judgement: '정B',
    });
    assert.deepEqual(parsed, {
      checkup: {
        examYear: 2024,
        examDate: '2024-11-07',
        heightCm: 172.4,
        weightKg: 70.2,
        bmi: 23.6,
        waistCm: 84.5,
        fastingGlucose: 103,
        totalCholesterol: 214,
        hdlCholesterol: 52,
        ldlCholesterol: 129,
        triglycerides: 163,
        hemoglobin: 14.8,
        serumCreatinine: 0.9,
        egfr: 97,
        egfrMethod: 'REPORTED',
        ast: 27,
        alt: 31,
        gammaGtp: 45,
        sbp: 128,
        dbp: 82,
        visionLeft: 1,
        visionRight: 0.9,
        hearingLeft: 'NORMAL',
        hearingRight: 'NORMAL',
        urineProtein: 2,
        chestXray: 'NORMAL',
        reportedJudgement: '정B',
      },
      rejected: [],
    });
  });

  test('when the sheet carries sentinel codes (waist 999, γ-GTP 9999, creatinine 98), then they are rejected as implausible and left untested', () => {
    const parsed = checkupFromSheet({ checkupYear: '2014', waist: '999', gammaGtp: '9999', serumCreatinine: '98' });
    assert.deepEqual(parsed.checkup, { examYear: 2014 });
    assert.deepEqual(parsed.rejected, [
      { field: 'waist', raw: 999, reason: 'IMPLAUSIBLE' },
      { field: 'serumCreatinine', raw: 98, reason: 'IMPLAUSIBLE' },
      { field: 'gammaGtp', raw: 9999, reason: 'IMPLAUSIBLE' },
    ]);
  });

  test('when values cannot be read, then they are reported as unparseable and left out', () => {
    const parsed = checkupFromSheet({
      checkupYear: '2024',
      bloodPressure: '128',
      urineProtein: '모름',
      gammaGtp: '<<5',
      hearing: '??',
    });
    assert.deepEqual(parsed.checkup, { examYear: 2024 });
    assert.deepEqual(parsed.rejected, [
      { field: 'gammaGtp', raw: '<<5', reason: 'UNPARSEABLE' },
      { field: 'bloodPressure', raw: '128', reason: 'UNPARSEABLE' },
      { field: 'hearing', raw: '??', reason: 'UNPARSEABLE' },
      { field: 'urineProtein', raw: '모름', reason: 'UNPARSEABLE' },
    ]);
  });

  test('when the chest X-ray could not be read (판독불가), then it is silently absent, not rejected', () => {
    const parsed = checkupFromSheet({ checkupYear: '2024', chestXray: '판독불가' });
    assert.deepEqual(parsed, { checkup: { examYear: 2024 }, rejected: [] });
  });

  test('when bone density is a T-score, then it is stored as the T-score', () => {
    const parsed = checkupFromSheet({ checkupYear: '2024', osteoporosis: '-2.6' });
    assert.deepEqual(parsed.checkup, { examYear: 2024, boneDensityTScore: -2.6 });
  });

  test('when the sheet has no readable year, then it throws a RangeError', () => {
    assert.throws(() => checkupFromSheet({ checkupDate: '0512' }), RangeError);
  });
});
