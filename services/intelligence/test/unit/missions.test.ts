import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fallbackRecommendation, parseRecommendation } from '../../src/domain/missions.js';
import { buildTestRecord, item } from './builders.js';

function mission(title: string, overrides: Record<string, unknown> = {}) {
  return {
    title,
    description: '저녁 식사 뒤 빠르게 걸어요.',
    category: 'exercise',
    difficulty: 'medium',
    minutes: 25,
    benefit: '혈압 관리에 도움이 됩니다.',
    occupationFit: '퇴근 뒤에 하기 좋아요.',
    targetItemCodes: ['BLOOD_PRESSURE', 'BMI'],
    ...overrides,
  };
}
const five = ['걷기', '국물 남기기', '잡곡밥', '스트레칭', '명상'].map((t) => mission(t));

describe('reading the model’s missions', () => {
  test('when five valid missions come back, then targets keep only the flagged items', () => {
    const parsed = parseRecommendation({ reason: '혈압 관리를 위한 미션입니다.', missions: five }, buildTestRecord());
    assert.ok(parsed.ok);
    assert.equal(parsed.value.missions.length, 5);
    assert.deepEqual(parsed.value.missions[0]!.targetItems, ['BLOOD_PRESSURE']);
  });

  test('when a mission takes less than 15 or more than 30 minutes, then the answer is rejected', () => {
    const parsed = parseRecommendation({ reason: '이유입니다.', missions: [...five.slice(0, 4), mission('긴 운동', { minutes: 45 })] }, buildTestRecord());
    assert.equal(!parsed.ok && parsed.reason, 'INVALID_OUTPUT');
  });

  test('when there are four missions, an unknown category or two missions with one title, then the answer is rejected', () => {
    const record = buildTestRecord();
    assert.equal(parseRecommendation({ reason: '이유입니다.', missions: five.slice(0, 4) }, record).ok, false);
    assert.equal(parseRecommendation({ reason: '이유입니다.', missions: [...five.slice(0, 4), mission('요가', { category: 'yoga' })] }, record).ok, false);
    assert.equal(parseRecommendation({ reason: '이유입니다.', missions: [...five.slice(0, 4), mission('걷기')] }, record).ok, false);
  });

  test('when a mission names an item the record does not have, then that target is dropped', () => {
    const parsed = parseRecommendation(
      { reason: '이유입니다.', missions: [...five.slice(0, 4), mission('요가', { targetItemCodes: ['ALT', 'morning-stretch', 'FASTING_GLUCOSE'] })] },
      buildTestRecord(),
    );
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value.missions[4]!.targetItems, ['FASTING_GLUCOSE']);
  });
});

describe('the rule-based missions', () => {
  const check = (record: ReturnType<typeof buildTestRecord>) => {
    const draft = fallbackRecommendation(record);
    assert.equal(draft.missions.length, 5);
    assert.equal(new Set(draft.missions.map((m) => m.title)).size, 5);
    for (const m of draft.missions) {
      assert.ok(m.minutes >= 15 && m.minutes <= 30, `${m.title}: ${m.minutes}`);
      assert.ok(['exercise', 'diet', 'sleep', 'stress', 'lifestyle'].includes(m.category));
      assert.ok(m.occupationFit.length > 0 && m.benefit.length > 0);
    }
    return draft;
  };

  test('when items are flagged, then the first missions target them and fit the occupation', () => {
    const draft = check(buildTestRecord());
    assert.deepEqual(draft.missions[0]!.targetItems, ['BLOOD_PRESSURE']);
    assert.deepEqual(draft.missions[1]!.targetItems, ['FASTING_GLUCOSE']);
    assert.ok(
      draft.missions.some((m) => m.title.includes('스트레칭')),
      'a desk job gets a stretching mission',
    );
    assert.match(draft.missions[0]!.occupationFit, /사무직/);
  });

  test('when nothing is flagged and there is no checkup, then five general missions still come back', () => {
    const draft = check(buildTestRecord({ checkup: null, occupation: 'RETIRED' }));
    assert.ok(draft.missions.every((m) => m.targetItems.length === 0));
    const kinds = new Set(draft.missions.map((m) => m.category));
    assert.ok(kinds.size >= 4, 'a mix of categories');
  });

  test('when many kinds of items are flagged, then there are still exactly five missions', () => {
    check(
      buildTestRecord({
        items: [
          item('BLOOD_PRESSURE', '혈압', '150/95', 'mmHg', 'SUSPECTED_DISEASE'),
          item('LDL_CHOLESTEROL', 'LDL 콜레스테롤', 170, 'mg/dL', 'SUSPECTED_DISEASE'),
          item('ALT', 'ALT(SGPT)', 50, 'U/L', 'SUSPECTED_DISEASE'),
          item('WAIST', '허리둘레', 92, 'cm', 'SUSPECTED_DISEASE'),
          item('EGFR', '신사구체여과율(e-GFR)', 55, 'mL/min/1.73m²', 'SUSPECTED_DISEASE'),
          item('HEMOGLOBIN', '혈색소', 11, 'g/dL', 'NORMAL_B'),
        ],
      }),
    );
  });
});
