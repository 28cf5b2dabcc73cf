import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readLimits } from '../src/domain/compose.js';
import { checkConversation } from '../src/domain/conversation-rules.js';
import { extractFacts, healthScore, scanJson } from '../src/domain/facts.js';
import { josa, normalizeGrade } from '../src/domain/korean.js';
import { foreignNumbers, numberSet, withoutForeignNumbers } from '../src/domain/numbers.js';
import { fillSchema } from '../src/domain/schema-fill.js';
import { breakValue } from '../src/domain/schema-break.js';
import { chunkText, streamEvents } from '../src/domain/sse.js';
import { composeStory } from '../src/domain/story.js';
import type { Message } from '../src/domain/types.js';

const facts = (text: string) => extractFacts(text, text);

describe('reading facts from a prompt', () => {
  test('when items use Korean keys and grades, then each is read with its value, unit and grade', () => {
    const f = facts('[{"항목":"수축기 혈압","수치":"151","단위":"mmHg","판정":"질환의심"},{"항목":"공복혈당","수치":"97","판정":"정상A"}]');
    assert.deepEqual(
      f.items.map((i) => [i.name, i.value, i.unit, i.grade, i.category]),
      [
        ['수축기 혈압', '151', 'mmHg', 'D', 'bloodPressure'],
        ['공복혈당', '97', undefined, 'A', 'glucose'],
      ],
    );
  });

  test('when an item is keyed by its code with a nested reading, then the code names it', () => {
    const f = facts('{"bloodPressure":{"systolic":148,"diastolic":93,"grade":"SUSPECTED_DISEASE"},"occupation":"택시 기사"}');
    assert.equal(f.items[0]?.name, '혈압');
    assert.equal(f.items[0]?.value, '148/93');
    assert.equal(f.items[0]?.ref, 'bloodPressure');
    assert.equal(f.occupation, '택시 기사');
  });

  test('when items are written as prose lines, then they are read too', () => {
    const f = facts('- 총콜레스테롤: 245 mg/dL (질환의심)\n- HDL 58 mg/dL 정상B\n직업: 간호사');
    assert.deepEqual(
      f.items.map((i) => [i.name, i.value, i.unit, i.grade]),
      [
        ['총콜레스테롤', '245', 'mg/dL', 'D'],
        ['HDL 콜레스테롤', '58', 'mg/dL', 'B'],
      ],
    );
    assert.equal(f.occupation, '간호사');
  });

  test('when progress is given, then rate, streak, counts and pending missions are read', () => {
    const f = facts(
      '{"completionRate":0.4,"streakDays":3,"missionsStatus":[{"missionId":"m1","completed":true},{"missionId":"m2","title":"계단 오르기","completed":false}]}',
    );
    assert.equal(f.progress.rateFraction, 0.4);
    assert.equal(f.progress.ratePercent, undefined, '0.4 is not written as a percentage');
    assert.equal(f.progress.streakDays, '3');
    assert.deepEqual(f.progress.pending, ['계단 오르기']);
  });

  test('when grades are mixed, then the health score counts 정상A fully and 정상B half', () => {
    const f = facts('[{"code":"A1","grade":"NORMAL_A"},{"code":"B1","grade":"NORMAL_B"},{"code":"D1","grade":"SUSPECTED_DISEASE"}]');
    assert.equal(healthScore(f), 50);
  });

  test('when text mixes prose and JSON, then the prose is kept apart', () => {
    const scan = scanJson('혈압이 걱정돼요 {"a":1} [참고] 어떻게 하죠?');
    assert.deepEqual(scan.values, [{ a: 1 }]);
    assert.equal(scan.prose, '혈압이 걱정돼요 [참고] 어떻게 하죠?');
  });
});

describe('Korean wording', () => {
  test('when a particle follows a word, then it agrees with the final sound', () => {
    assert.equal(josa('혈압', '은/는'), '혈압은');
    assert.equal(josa('공복혈당', '이/가'), '공복혈당이');
    assert.equal(josa('체중', '과/와'), '체중과');
    assert.equal(josa('허리둘레', '과/와'), '허리둘레와');
    assert.equal(josa('IT 개발자', '으로/로'), 'IT 개발자로');
    assert.equal(josa('택시 기사', '으로/로'), '택시 기사로');
    assert.equal(josa('간호사', '을/를'), '간호사를');
    assert.equal(josa('HDL', '이/가'), 'HDL이');
  });

  test('when the prompt states limits, then they are read', () => {
    assert.deepEqual(readLimits('200자 이내로 세 줄로 5개의 미션을 추천'), { maxChars: 200, lines: 3, count: 5 });
    assert.deepEqual(readLimits('Answer in at most 80 characters.'), { maxChars: 80 });
  });
});

describe('numbers the answer may mention', () => {
  test('when a sentence carries a number absent from the request, then the guard drops that sentence only', () => {
    const allowed = numberSet('혈압 142/91, 7.50');
    assert.deepEqual(foreignNumbers('142와 7.5, 그리고 30', allowed), ['30']);
    assert.equal(withoutForeignNumbers('혈압 142입니다. 하루 30분 걸으세요. 싱겁게 드세요.', allowed), '혈압 142입니다. 싱겁게 드세요.');
  });
});

describe('filling a JSON schema', () => {
  const story = (text: string) => {
    const f = facts(text);
    return { f, s: composeStory({ facts: f, focusText: text, question: text }) };
  };

  test('when the schema has bounds, enums, formats and refs, then the value honours all of them', () => {
    const text =
      '{"occupation":"교사","items":[{"code":"LDL","value":168,"unit":"mg/dL","grade":"SUSPECTED_DISEASE"},{"code":"HBA","name":"혈색소","value":14,"grade":"NORMAL_A"}]}';
    const { f, s } = story(text);
    const schema = {
      type: 'object',
      properties: {
        summary: { type: 'string', minLength: 20, maxLength: 60 },
        lines: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2, uniqueItems: true },
        score: { type: 'integer', minimum: 0, maximum: 100 },
        ratio: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
        level: { type: 'string', enum: ['LOW', 'MODERATE', 'HIGH'] },
        targetItems: { type: 'array', items: { type: 'string' } },
        when: { type: 'string', format: 'date' },
        note: { anyOf: [{ type: 'null' }, { $ref: '#/$defs/Note' }] },
        needsDoctorVisit: { type: 'boolean' },
        completed: { type: 'boolean' },
      },
      required: ['summary', 'score', 'level', 'extra'],
      $defs: { Note: { type: 'object', properties: { tip: { type: 'string', maxLength: 40 } }, required: ['tip'] } },
    };
    const value = fillSchema(schema, { story: s, facts: f, limits: {}, now: new Date('2026-03-01T00:00:00Z'), requestText: text }) as {
      summary: string;
      lines: string[];
      score: number;
      ratio: number;
      level: string;
      targetItems: string[];
      when: string;
      note: { tip: unknown };
      needsDoctorVisit: boolean;
      completed: boolean;
      extra: unknown;
    };
    assert.ok(value.summary.length >= 20 && value.summary.length <= 60, value.summary);
    assert.equal(value.lines.length, 2);
    assert.notEqual(value.lines[0], value.lines[1]);
    assert.equal(value.score, 50);
    assert.ok(value.ratio > 0 && value.ratio <= 1);
    assert.equal(value.level, 'HIGH');
    assert.deepEqual(value.targetItems, ['LDL']);
    assert.equal(value.when, '2026-03-01');
    assert.ok(typeof value.note.tip === 'string' && value.note.tip.length <= 40);
    assert.equal(value.needsDoctorVisit, true, '질환의심 present');
    assert.equal(value.completed, false);
    assert.equal(typeof value.extra, 'string', 'required without a definition still present');
  });

  test('when broken on purpose, then a required field goes missing', () => {
    assert.deepEqual(breakValue({ a: 'x', b: 1 }, { required: ['a'] }), { b: 1 });
    assert.deepEqual(breakValue({ a: 'x' }, {}), { a: 12345 });
  });
});

describe('conversation rules', () => {
  const base = { model: 'claude-haiku-4-5', max_tokens: 10 };
  test('when a tool_result answers no tool_use, then the request is refused', () => {
    const violation = checkConversation({
      ...base,
      messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_x', content: 'hi' }] }],
    });
    assert.match(violation?.message ?? '', /unexpected `tool_use_id` found in `tool_result` blocks: toolu_x/);
  });

  test('when the final assistant prefill ends with a space, then the request is refused', () => {
    const violation = checkConversation({
      ...base,
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: '네, ' },
      ],
    });
    assert.equal(violation?.message, 'final assistant content cannot end with trailing whitespace');
  });
});

describe('stream events', () => {
  test('when a message is streamed, then its events rebuild the same text and usage', () => {
    const message: Message = {
      id: 'msg_01x',
      type: 'message',
      role: 'assistant',
      model: 'claude-haiku-4-5',
      content: [{ type: 'text', text: '가나다 라마바 사아자 차카타 파하' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      stop_details: null,
      container: null,
      usage: { input_tokens: 3, output_tokens: 6, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, service_tier: 'standard' },
    };
    const events = streamEvents(message);
    assert.deepEqual(
      events.map((e) => e.event).filter((e) => e !== 'content_block_delta'),
      ['message_start', 'content_block_start', 'ping', 'content_block_stop', 'message_delta', 'message_stop'],
    );
    const text = events.flatMap((e) => (e.event === 'content_block_delta' ? [(e.data.delta as { text: string }).text] : [])).join('');
    assert.equal(text, '가나다 라마바 사아자 차카타 파하');
    assert.deepEqual(chunkText('😀😀😀', 2), ['😀😀', '😀'], 'never splits a character');
  });
});

describe('grades the app sends', () => {
  test('when an item is outside the graded range (OUTSIDE_CRITERIA, 판정 기준 외), then it needs attention like a borderline one', () => {
    assert.equal(normalizeGrade('OUTSIDE_CRITERIA'), 'B');
    assert.equal(normalizeGrade('판정 기준 외'), 'B');
    const facts = extractFacts('{"items":[{"code":"HEMOGLOBIN","name":"혈색소","value":18.5,"unit":"g/dL","grade":"OUTSIDE_CRITERIA"}]}', '');
    assert.deepEqual(
      facts.items.map((i) => [i.ref, i.grade, i.outside]),
      [['HEMOGLOBIN', 'B', true]],
    );
  });
});
