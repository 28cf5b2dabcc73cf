import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fallbackReading, parseReading, ruleHealthScore, ruleRiskLevel } from '../../src/domain/diagnosis.js';
import { buildTestRecord, item } from './builders.js';

const validLines = {
  overallLine: '검진 결과 혈압(142/91mmHg)과 공복혈당(104mg/dL)은 관리가 필요합니다.',
  overallItemCodes: ['BLOOD_PRESSURE', 'FASTING_GLUCOSE'],
  riskLine: '혈압이 질환의심이므로 병원 진료를 받아 보세요.',
  riskItemCodes: ['BLOOD_PRESSURE'],
  occupationLine: '사무직이라면 한 시간마다 일어나 스트레칭해 보세요.',
  occupationItemCodes: ['BLOOD_PRESSURE'],
};
const validInput = { lines: validLines, healthScore: 63, riskLevel: 'HIGH' };
const withLines = (lines: Partial<typeof validLines>) => ({ ...validInput, lines: { ...validLines, ...lines } });

describe('reading the model’s diagnosis', () => {
  test('when the tool input is complete and grounded, then three lines come back in order with their item codes', () => {
    const parsed = parseReading(validInput, buildTestRecord());
    assert.ok(parsed.ok);
    assert.deepEqual(
      parsed.value.lines.map((l) => l.kind),
      ['OVERALL', 'MAIN_RISK', 'OCCUPATION'],
    );
    assert.deepEqual(parsed.value.lines[0].itemCodes, ['BLOOD_PRESSURE', 'FASTING_GLUCOSE']);
    assert.equal(parsed.value.healthScore, 63);
  });

  test('when a required field is missing, then the answer is rejected as INVALID_OUTPUT', () => {
    const { overallLine: _dropped, ...rest } = validLines;
    const parsed = parseReading({ ...validInput, lines: rest }, buildTestRecord());
    assert.equal(parsed.ok, false);
    assert.equal(!parsed.ok && parsed.reason, 'INVALID_OUTPUT');
  });

  test('when the score is out of range or a field has the wrong type, then the answer is rejected', () => {
    assert.equal(parseReading({ ...validInput, healthScore: 140 }, buildTestRecord()).ok, false);
    assert.equal(parseReading(withLines({ riskLine: 42 as unknown as string }), buildTestRecord()).ok, false);
    assert.equal(parseReading(withLines({ riskLine: '가'.repeat(161) }), buildTestRecord()).ok, false);
    assert.equal(parseReading(undefined, buildTestRecord()).ok, false);
  });

  test('when a line names an item that is not in the record, then the answer is rejected', () => {
    const parsed = parseReading(withLines({ riskItemCodes: ['LDL_CHOLESTEROL'] }), buildTestRecord());
    assert.equal(!parsed.ok && parsed.reason, 'INVALID_OUTPUT');
  });

  test('when a line mentions a number that is not in the record, then the answer is rejected as UNGROUNDED_NUMBER', () => {
    const parsed = parseReading(withLines({ overallLine: `최근 수치가 37% 좋아졌어요. ${validLines.overallLine}` }), buildTestRecord());
    assert.equal(!parsed.ok && parsed.reason, 'UNGROUNDED_NUMBER');
    assert.match(!parsed.ok ? parsed.detail : '', /37/);
  });

  test('when a line quotes the normal range of a flagged item, then that number is allowed', () => {
    const parsed = parseReading(withLines({ riskLine: '공복혈당이 기준(100 미만)보다 조금 높아요.' }), buildTestRecord());
    assert.ok(parsed.ok);
  });
});

describe('the rule-based reading', () => {
  test('when items are flagged, then the lines name the most serious first and point to their codes', () => {
    const reading = fallbackReading(buildTestRecord());
    assert.equal(reading.lines.length, 3);
    assert.match(reading.lines[0].text, /혈압·공복혈당/);
    assert.deepEqual(reading.lines[1].itemCodes, ['BLOOD_PRESSURE']);
    assert.match(reading.lines[1].text, /^혈압\(142\/91 mmHg\)이 질환의심/);
    assert.match(reading.lines[2].text, /^사무직으로 일하시는 만큼/);
    assert.equal(reading.riskLevel, 'HIGH');
  });

  test('when every item is 정상A, then the reading says so and the risk is LOW with a full score', () => {
    const record = buildTestRecord({ items: [item('BMI', '체질량지수', 22, 'kg/m²', 'NORMAL_A'), item('HEMOGLOBIN', '혈색소', 13.2, 'g/dL', 'NORMAL_A')] });
    const reading = fallbackReading(record);
    assert.match(reading.lines[0].text, /모든 항목이 정상A/);
    assert.equal(reading.healthScore, 100);
    assert.equal(reading.riskLevel, 'LOW');
    assert.deepEqual(reading.lines[0].itemCodes, ['BMI', 'HEMOGLOBIN']);
  });

  test('when the score is computed, then 정상A counts fully, 정상B half and 질환의심 nothing', () => {
    assert.equal(ruleHealthScore(buildTestRecord()), Math.round((100 * 2.5) / 4));
    assert.equal(ruleRiskLevel(buildTestRecord({ items: [item('BMI', '체질량지수', 26, 'kg/m²', 'NORMAL_B')] })), 'MEDIUM');
  });

  test('when the fallback quotes numbers, then they are all in the record', async () => {
    const { allowedNumbers, ungroundedNumbers } = await import('../../src/domain/grounding.js');
    const { recordForModel } = await import('../../src/domain/health-record.js');
    const record = buildTestRecord();
    const reading = fallbackReading(record);
    assert.deepEqual(
      ungroundedNumbers(
        reading.lines.map((l) => l.text),
        allowedNumbers(recordForModel(record)),
      ),
      [],
    );
  });
});
