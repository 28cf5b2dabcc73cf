import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';
import type { CheckupRecord } from '../src/domain/checkup-record.js';
import { decodeAggregatorText, decodeRequestBody, encodeAggregatorBody } from '../src/domain/encoding.js';
import { gradeItems, overallGrade } from '../src/domain/judging.js';
import { maskBirthDate, maskName, maskPhone } from '../src/domain/masking.js';
import { buildPdf } from '../src/domain/pdf.js';
import { ckdEpi2021 } from '../src/domain/synthetic.js';

describe('wire encoding', () => {
  test('when a body is encoded, then it round-trips and looks like Java URLEncoder output', () => {
    const value = { msg: 'API 요청 처리 (정상) + 100% ok!', n: 1 };
    const encoded = encodeAggregatorBody(value);
    assert.match(encoded, /^[A-Za-z0-9.*_+%-]+$/);
    assert.ok(encoded.includes('API+%EC%9A%94'), 'spaces become +');
    assert.ok(encoded.includes('%2B') && encoded.includes('%28') && encoded.includes('%21'));
    assert.deepEqual(JSON.parse(decodeAggregatorText(encoded)), value);
  });

  test('when a request body is URL-encoded or raw JSON, then both decode; garbage is reported', () => {
    assert.deepEqual(decodeRequestBody(encodeURIComponent('{"a":"b c"}')), { ok: true, value: { a: 'b c' } });
    assert.deepEqual(decodeRequestBody('{"a":1}'), { ok: true, value: { a: 1 } });
    assert.deepEqual(decodeRequestBody('%E0%A4%A'), { ok: false, problem: 'encoding' });
    assert.deepEqual(decodeRequestBody('%7Bnope'), { ok: false, problem: 'json' });
  });
});

describe('PDF', () => {
  test('when a PDF is built twice, then it is identical and its xref points at each object', () => {
    const a = buildPdf(['Hello (world) \\ test', '한글은 ?로']);
    assert.deepEqual(a, buildPdf(['Hello (world) \\ test', '한글은 ?로']));
    const text = a.toString('latin1');
    assert.ok(text.startsWith('%PDF-1.4\n') && text.endsWith('%%EOF\n'));
    const startxref = Number(/startxref\n(\d+)\n/.exec(text)?.[1]);
    assert.ok(text.slice(startxref).startsWith('xref\n0 6\n'));
    const entries = text.slice(startxref).split('\n').slice(3, 8);
    entries.forEach((entry, i) => {
      assert.equal(entry.length, 19, 'each entry is 20 bytes with its LF');
      assert.ok(text.slice(Number(entry.slice(0, 10))).startsWith(`${i + 1} 0 obj`));
    });
    const length = Number(/\/Length (\d+)/.exec(text)?.[1]);
    const streamStart = text.indexOf('stream\n') + 'stream\n'.length;
    assert.equal(text.slice(streamStart + length, streamStart + length + 'endstream'.length), 'endstream');
  });
});

describe('masking', () => {
  test('when personal data is masked, then only edges stay visible', () => {
    assert.equal(maskName('홍길동'), '홍*동');
    assert.equal(maskName('남궁민수'), '남**수');
    assert.equal(maskName('이준'), '이*');
    assert.equal(maskPhone('01012345678'), '010****5678');
    assert.equal(maskPhone('0101234567'), '010***4567');
    assert.equal(maskBirthDate('19900101'), '1990****');
  });
});

describe('grading used for the printed overall grade', () => {
  const base: CheckupRecord = {
    year: '2024',
    examDate: '20240101',
    organizationName: '',
    checkupType: '',
    opinion: '',
    height_cm: '170.0',
    weight_kg: '60.0',
    bmi: '20.8',
    waist_cm: '80.0',
    sbp: '119',
    dbp: '79',
    vision_l: '1.0',
    vision_r: '1.0',
    hearing_l: '정상',
    hearing_r: '정상',
    fasting_glucose: '99',
    total_chol: '199',
    hdl: '60',
    ldl: '129',
    tg: '149',
    hemoglobin: '14.0',
    urine_protein: '음성',
    creatinine: '1.0',
    egfr: '90',
    ast: '40',
    alt: '35',
    ggt: '63',
    chest_xray: '정상',
    osteoporosis: '',
    smoking: '',
    drinking: '',
    overall_grade: '',
  };
  const grade = (o: Partial<CheckupRecord>) => overallGrade(gradeItems({ ...base, ...o }, 'M'));

  test('when every item is on the A side of its boundary, then the grade is 정A', () => {
    assert.equal(grade({}), '정A');
  });
  test('when an item sits on a B boundary, then the grade is 정B', () => {
    assert.equal(grade({ sbp: '120' }), '정B');
    assert.equal(grade({ fasting_glucose: '100' }), '정B');
    assert.equal(grade({ bmi: '18.4' }), '정B');
    assert.equal(grade({ hemoglobin: '16.6' }), '정A', 'Hb above the A range is not classified');
  });
  test('when BP or glucose is disease-suspected, then 고∙당; other D items give 의심', () => {
    assert.equal(grade({ sbp: '140' }), '고∙당');
    assert.equal(grade({ fasting_glucose: '126' }), '고∙당');
    assert.equal(grade({ egfr: '59' }), '의심');
    assert.equal(grade({ waist_cm: '90.0' }), '의심');
    assert.equal(grade({ urine_protein: '양성(+1)' }), '의심');
  });
  test('when eGFR is computed, then CKD-EPI 2021 gives the textbook value', () => {
    // 50-year-old man, creatinine 1.0 mg/dL: 142 × (1.0/0.9)^-1.2 × 0.9938^50 = 91.7.
    assert.equal(Math.round(ckdEpi2021(1.0, 50, 'M')), 92);
    // 50-year-old woman, creatinine 0.7 (= kappa): 142 × 0.9938^50 × 1.012 = 105.3.
    assert.equal(Math.round(ckdEpi2021(0.7, 50, 'F')), 105);
  });
});

describe('configuration', () => {
  test('when required keys are missing, then the error names them', () => {
    assert.throws(
      () => loadConfig({}),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.problems.includes('NHIS_STANDIN_CLIENT_ID is missing') &&
        err.problems.includes('NHIS_STANDIN_CLIENT_SECRET is missing'),
    );
  });
  test('when optional keys are omitted, then defaults apply', () => {
    assert.deepEqual(loadConfig({ NHIS_STANDIN_CLIENT_ID: 'a', NHIS_STANDIN_CLIENT_SECRET: 'b' }), {
      port: 54100,
      clientId: 'a',
      clientSecret: 'b',
      controlEnabled: false,
      approvalTtlMs: 180_000,
      tokenTtlSeconds: 604_800,
      unapprovedRetries: 2,
    });
  });
  test('when a value is malformed, then the error names the key', () => {
    assert.throws(
      () => loadConfig({ NHIS_STANDIN_CLIENT_ID: 'a', NHIS_STANDIN_CLIENT_SECRET: 'b', NHIS_STANDIN_CONTROL: 'yes' }),
      (err: unknown) => err instanceof ConfigError && err.problems[0]!.startsWith('NHIS_STANDIN_CONTROL:'),
    );
  });
});
