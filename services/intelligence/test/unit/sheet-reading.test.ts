/**
 * What the AI answers do with a checkup read like the paper sheet: values outside the graded range are
 * mentioned by every reading, and a chat answer never states a number about the user that is not in their
 * record (the stand-in's invented-number sentence is the model case).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  chatGrounding,
  groundingGate,
  NUMBERS_REMOVED_NOTE,
  sentencesOf,
  settleChatAnswer,
  streamGrounded,
  type StreamAnswer,
} from '../../src/domain/chat-grounding.js';
import { fallbackReading, parseReading, ruleRiskLevel } from '../../src/domain/diagnosis.js';
import { outsideCriteriaItems, recordForModel } from '../../src/domain/health-record.js';
import { chatPrompt, diagnosisPrompt } from '../../src/domain/prompts.js';
import { buildTestRecord, item } from './builders.js';

/** A man whose haemoglobin of 18.5 is above the 정상A range (13.0~16.5), which the notice does not grade. */
const HIGH_HB = {
  sex: 'M' as const,
  items: [
    item('BMI', '체질량지수', 22.1, 'kg/m²', 'NORMAL_A', '18.5~24.9'),
    item('FASTING_GLUCOSE', '공복혈당', 92, 'mg/dL', 'NORMAL_A', '100 미만'),
    { ...item('HEMOGLOBIN', '혈색소', 18.5, 'g/dL', 'NOT_CLASSIFIED', '13.0~16.5'), note: '기준보다 높음, 의사와 상의' },
    { ...item('WAIST', '허리둘레', 80.1, 'cm', 'NOT_CLASSIFIED'), note: '성별 정보가 없어 판정하지 않음' },
  ],
  outsideCriteria: [{ item: 'HEMOGLOBIN', note: '기준보다 높음, 의사와 상의' }],
};

describe('values outside the graded range in the reading', () => {
  test('when the record has a haemoglobin above the graded range, then the model sees it as 판정 기준 외 with its note', () => {
    const record = buildTestRecord(HIGH_HB);
    assert.deepEqual(outsideCriteriaItems(record), [
      {
        code: 'HEMOGLOBIN',
        name: '혈색소',
        value: 18.5,
        unit: 'g/dL',
        grade: 'OUTSIDE_CRITERIA',
        gradeLabel: '판정 기준 외',
        normalRange: '13.0~16.5',
        note: '기준보다 높음, 의사와 상의',
      },
    ]);
    assert.deepEqual(
      record.items.map((i) => i.code),
      ['BMI', 'FASTING_GLUCOSE', 'HEMOGLOBIN'],
      'an item not graded for want of a fact stays out',
    );
    const prompt = diagnosisPrompt(record);
    assert.match(prompt.system, /판정 기준 외/);
    assert.match(JSON.stringify(recordForModel(record)), /기준보다 높음, 의사와 상의/);
  });

  test('when the model’s reading leaves the outside value out, then it is rejected; naming its code passes', () => {
    const record = buildTestRecord(HIGH_HB);
    const lines = {
      overallLine: '검진한 모든 항목이 정상입니다.',
      overallItemCodes: ['BMI', 'FASTING_GLUCOSE'],
      riskLine: '뚜렷한 위험 요인은 없습니다.',
      riskItemCodes: ['BMI'],
      occupationLine: '사무직이라면 자주 일어나 걸어 보세요.',
      occupationItemCodes: ['BMI'],
    };
    const rejected = parseReading({ lines, healthScore: 90, riskLevel: 'LOW' }, record);
    assert.deepEqual(rejected, { ok: false, reason: 'INVALID_OUTPUT', detail: 'items outside the criteria not mentioned: HEMOGLOBIN' });
    const mentioned = parseReading(
      {
        lines: { ...lines, riskLine: '혈색소(18.5 g/dL)는 판정 기준보다 높으니 의사와 상의하세요.', riskItemCodes: ['HEMOGLOBIN'] },
        healthScore: 80,
        riskLevel: 'MEDIUM',
      },
      record,
    );
    assert.ok(mentioned.ok);
  });

  test('when the rules write the reading, then they never say every item is normal and they name the value with its note', () => {
    const reading = fallbackReading(buildTestRecord(HIGH_HB));
    assert.equal(reading.lines[0].text, '판정된 항목은 정상 범위지만 혈색소(18.5 g/dL)는 판정 기준보다 높아 등급을 매기지 않았으니 의사와 상의하세요.');
    assert.deepEqual(reading.lines[0].itemCodes, ['HEMOGLOBIN']);
    assert.deepEqual(reading.lines[1].itemCodes, ['HEMOGLOBIN']);
    assert.doesNotMatch(reading.lines.map((l) => l.text).join(' '), /모든 항목이 정상/);
    assert.equal(reading.riskLevel, 'MEDIUM');
    assert.equal(ruleRiskLevel(buildTestRecord(HIGH_HB)), 'MEDIUM');
  });

  test('when flagged items and an outside value are both present, then the first line names both', () => {
    const record = buildTestRecord({
      ...HIGH_HB,
      items: [...HIGH_HB.items, item('BLOOD_PRESSURE', '혈압', '142/91', 'mmHg', 'SUSPECTED_DISEASE', '120 미만/80 미만')],
    });
    const reading = fallbackReading(record);
    assert.match(reading.lines[0].text, /혈압.*관리가 필요합니다\. 혈색소\(18\.5 g\/dL\)는 판정 기준보다 높아/);
    assert.deepEqual(reading.lines[0].itemCodes, ['BLOOD_PRESSURE', 'HEMOGLOBIN']);
    assert.ok(
      parseReading(
        {
          lines: {
            overallLine: reading.lines[0].text,
            overallItemCodes: reading.lines[0].itemCodes,
            riskLine: reading.lines[1].text,
            riskItemCodes: reading.lines[1].itemCodes,
            occupationLine: reading.lines[2].text,
            occupationItemCodes: reading.lines[2].itemCodes,
          },
          healthScore: reading.healthScore,
          riskLevel: reading.riskLevel,
        },
        record,
      ).ok,
      'the rules’ reading passes the same checks',
    );
  });
});

describe('numbers about the user in chat answers', () => {
  const record = buildTestRecord();
  const prompt = chatPrompt({
    record,
    history: [
      { role: 'user', content: '제 몸무게는 68kg이에요.' },
      { role: 'assistant', content: '알려 주셔서 고마워요.' },
    ],
    message: '혈압을 낮추려면 어떻게 해야 하나요?',
  });
  const grounding = chatGrounding([prompt.system, ...prompt.messages.map((m) => m.content)].join('\n'), record);

  test('when an answer quotes the record’s values, then it is grounded', () => {
    assert.deepEqual(grounding.ungrounded('혈압이 142/91 mmHg로 질환의심이고, 공복혈당 104 mg/dL은 경계예요. 정상A 범위는 100 미만이에요.'), []);
  });

  test('when an answer repeats what the user said about themselves, then it is grounded', () => {
    assert.deepEqual(grounding.ungrounded('몸무게 68kg에서 조금씩 줄여 보세요.'), []);
  });

  test('when an answer states an invented change in the user’s values (the stand-in’s invented sentence), then that number is caught', () => {
    assert.deepEqual(grounding.ungrounded('짠 음식을 줄여 보세요. 최근 수치가 37% 좋아졌어요.'), ['37']);
  });

  test('when an answer states a value of the user’s item that the record does not have, then it is caught', () => {
    assert.deepEqual(grounding.ungrounded('공복혈당이 131이라 걱정돼요.'), ['131']);
    assert.deepEqual(grounding.ungrounded('회원님 나이가 52세라서 더 조심해야 해요.'), ['52']);
  });

  test('when an answer gives general guidance with its own numbers, then it is not about the user and passes', () => {
    assert.deepEqual(grounding.ungrounded('하루 30분 정도 빠르게 걷기를 해 보세요. 주 5일이면 좋아요.'), []);
  });

  test('when ungrounded sentences are removed, then the rest is kept in order and the numbers are reported', () => {
    assert.deepEqual(grounding.withoutUngrounded('짠 음식을 줄여 보세요. 최근 수치가 37% 좋아졌어요. 꾸준히 걸어 보세요.'), {
      text: '짠 음식을 줄여 보세요. 꾸준히 걸어 보세요.',
      removed: ['37'],
    });
  });

  test('when a sentence holds a decimal, then the point does not split it', () => {
    assert.deepEqual(sentencesOf('혈색소 16.6 g/dL예요. 좋아요!'), ['혈색소 16.6 g/dL예요. ', '좋아요!']);
  });

  test('when the model answered twice with an invented number, then the answer is given without it and says so', () => {
    const settled = settleChatAnswer(
      { source: 'FALLBACK', reason: 'UNGROUNDED_NUMBER' },
      '짠 음식을 줄여 보세요. 최근 수치가 37% 좋아졌어요.',
      grounding,
      '지금은 AI 상담이 잠시 어려워요.',
    );
    assert.deepEqual(settled, {
      text: `짠 음식을 줄여 보세요. ${NUMBERS_REMOVED_NOTE}`,
      source: 'AI',
      fallbackReason: null,
      numbersRemoved: ['37'],
    });
  });

  test('when nothing is left once the number is removed, then the rules answer, with the note and the reason', () => {
    const settled = settleChatAnswer({ source: 'FALLBACK', reason: 'UNGROUNDED_NUMBER' }, '최근 수치가 37% 좋아졌어요.', grounding, '기본 안내예요.');
    assert.deepEqual(settled, {
      text: `기본 안내예요. ${NUMBERS_REMOVED_NOTE}`,
      source: 'FALLBACK',
      fallbackReason: 'UNGROUNDED_NUMBER',
      numbersRemoved: ['37'],
    });
  });

  test('when the model answered well, or was unavailable, then the answer is the model’s or the rules’ as before', () => {
    assert.deepEqual(settleChatAnswer({ source: 'AI', value: '좋아요.' }, undefined, grounding, 'x'), {
      text: '좋아요.',
      source: 'AI',
      fallbackReason: null,
      numbersRemoved: [],
    });
    assert.deepEqual(settleChatAnswer({ source: 'FALLBACK', reason: 'AI_TIMEOUT' }, undefined, grounding, '규칙 답'), {
      text: '규칙 답',
      source: 'FALLBACK',
      fallbackReason: 'AI_TIMEOUT',
      numbersRemoved: [],
    });
  });

  test('when a streamed answer arrives in pieces, then only checked sentences pass the gate and it closes at the invented one', () => {
    const gate = groundingGate(grounding);
    const shown = ['짠 음식을 ', '줄여 보세요. 최근 수', '치가 3', '7% 좋아졌어요. ', '꾸준히 걸어 보세요.'].map((d) => gate.push(d));
    assert.deepEqual(shown, [[], ['짠 음식을 ', '줄여 보세요. '], [], [], []], 'released in the pieces it arrived in');
    assert.deepEqual(gate.end(), []);
    assert.equal(gate.closed, true);
  });

  test('when a streamed answer is grounded, then the gate lets all of it through, a decimal split across pieces included', () => {
    const gate = groundingGate(grounding);
    const pieces = [...['공복혈당은 104', '.', '0 mg/dL로 경계예요. 걷기', '를 해 보세요'].flatMap((d) => gate.push(d)), ...gate.end()];
    assert.deepEqual(pieces, ['공복혈당은 104', '.', '0 mg/dL로 경계예요. ', '걷기', '를 해 보세요']);
    assert.equal(pieces.join(''), '공복혈당은 104.0 mg/dL로 경계예요. 걷기를 해 보세요');
    assert.equal(gate.closed, false);
  });

  /** A fake model that streams each answer in the given pieces, one answer per call. */
  function fakeStream(...answers: string[][]): { stream: StreamAnswer; calls: () => number } {
    let call = 0;
    return {
      stream: async (onText) => {
        const pieces = answers[call++] ?? [];
        for (const piece of pieces) onText(piece);
        return { text: pieces.join('') };
      },
      calls: () => call,
    };
  }

  function collect() {
    const events: string[] = [];
    return { events, out: { token: (t: string) => events.push(`token:${t}`), restart: () => events.push('restart') } };
  }

  test('when the streamed answer is grounded, then it is shown as it came and asked once', async () => {
    const model = fakeStream(['짠 음식을 ', '줄여 보세요. ', '걷기도 좋아요.']);
    const { events, out } = collect();
    const result = await streamGrounded(model.stream, grounding, out);
    assert.deepEqual(result, { text: '짠 음식을 줄여 보세요. 걷기도 좋아요.', modelText: '짠 음식을 줄여 보세요. 걷기도 좋아요.', numbersRemoved: [] });
    assert.deepEqual(events, ['token:짠 음식을 ', 'token:줄여 보세요. ', 'token:걷기도 좋아요.']);
    assert.equal(model.calls(), 1);
  });

  test('when the first streamed answer invents a number, then the client is told, never sees it, and gets the second answer', async () => {
    const model = fakeStream(['짠 음식을 줄여 보세요. ', '최근 수치가 37% 좋아졌어요.'], ['걷기를 ', '해 보세요.']);
    const { events, out } = collect();
    const result = await streamGrounded(model.stream, grounding, out);
    assert.deepEqual(events, ['token:짠 음식을 줄여 보세요. ', 'restart', 'token:걷기를 ', 'token:해 보세요.']);
    assert.deepEqual(result, { text: '걷기를 해 보세요.', modelText: '걷기를 해 보세요.', numbersRemoved: [] });
    assert.ok(!events.join('').includes('37'));
    assert.equal(model.calls(), 2);
  });

  test('when both streamed answers invent a number, then the second is finished without it and with the note', async () => {
    const model = fakeStream(['최근 수치가 37% 좋아졌어요.'], ['싱겁게 드세요. ', '혈압이 47% 내려갔어요. ', '꾸준히 걸어 보세요.']);
    const { events, out } = collect();
    const result = await streamGrounded(model.stream, grounding, out);
    assert.deepEqual(events, ['restart', 'token:싱겁게 드세요. ', `token: 꾸준히 걸어 보세요. ${NUMBERS_REMOVED_NOTE}`]);
    assert.deepEqual(result.numbersRemoved, ['47']);
    assert.equal(result.text, `싱겁게 드세요. 꾸준히 걸어 보세요. ${NUMBERS_REMOVED_NOTE}`);
    assert.equal(model.calls(), 2, 'asked once more, not again');
  });

  test('when both streamed answers are nothing but invented numbers, then nothing usable is left for the rules to replace', async () => {
    const model = fakeStream(['최근 수치가 37% 좋아졌어요.'], ['최근 수치가 47% 좋아졌어요.']);
    const { events, out } = collect();
    const result = await streamGrounded(model.stream, grounding, out);
    assert.deepEqual(events, ['restart']);
    assert.deepEqual([result.text, result.numbersRemoved], [null, ['47']]);
  });
});
