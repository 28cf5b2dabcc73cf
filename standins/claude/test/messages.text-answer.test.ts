import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RunningStandin } from '../src/server.js';
import { MODEL, buildCheckupFacts, control, numbersIn, sdk, startStandin, textOf, userTurn } from './helpers.js';

describe('text answers composed from the request', () => {
  let standin: RunningStandin;
  before(async () => {
    standin = await startStandin();
  });
  after(() => standin.stop());

  test('when judged checkup items are sent, then the answer names the flagged items with their values and advice for them', async () => {
    const facts = buildCheckupFacts();
    const [bp, glucose] = facts.items;
    const system = '당신은 전문 의료 AI 어시스턴트입니다. 검진 결과를 세 줄로 요약하세요.';
    const prompt = userTurn(facts, '다음 건강검진 판정 결과를 해석해 주세요.');
    const { data: message, response } = await sdk(standin.url)
      .messages.create({ model: MODEL, max_tokens: 1024, system, messages: [{ role: 'user', content: prompt }] })
      .withResponse();

    assert.equal(response.status, 200);
    assert.match(response.headers.get('request-id') ?? '', /^req_01/);
    assert.match(message.id, /^msg_01/);
    assert.equal(message.type, 'message');
    assert.equal(message.role, 'assistant');
    assert.equal(message.model, MODEL);
    assert.equal(message.stop_reason, 'end_turn');
    assert.equal(message.stop_sequence, null);
    const text = textOf(message);
    assert.equal(text.split('\n').length, 3, 'three lines, as the system prompt asked');
    assert.ok(text.includes(`수축기 혈압(${bp?.value}mmHg, 질환의심)`), text);
    assert.ok(text.includes(`공복혈당(${glucose?.value}mg/dL, 정상B)`), text);
    assert.ok(text.includes('싱겁게'), 'blood-pressure advice');
    assert.ok(text.includes('IT 개발자'), 'occupation advice');
    const allowed = new Set(numbersIn(system + prompt));
    assert.deepEqual(
      numbersIn(text).filter((n) => !allowed.has(n)),
      [],
      'no number absent from the request',
    );
    assert.ok(message.usage.input_tokens > 0);
    assert.equal(message.usage.output_tokens, Math.ceil(Array.from(text).length / 3));
  });

  test('when the user asks a chat question, then the answer echoes the topic and refers to the record', async () => {
    const facts = buildCheckupFacts();
    const message = await sdk(standin.url).messages.create({
      model: MODEL,
      max_tokens: 1024,
      system: '친절한 건강 상담 어시스턴트입니다. 200자 이내로 답하세요.',
      messages: [{ role: 'user', content: `내 검진 정보: ${JSON.stringify(facts)}\n\n혈압을 낮추려면 운동을 어떻게 해야 하나요?` }],
    });
    const text = textOf(message);
    assert.ok(text.startsWith('질문하신 혈압·운동에 대해'), text);
    assert.ok(text.includes(String(facts.items[0]?.value)), 'mentions the systolic reading');
    assert.ok(Array.from(text).length <= 200, 'keeps the 200-character limit');
  });

  test('when mission progress is sent for an encouragement, then the message uses the streak and counts from the request', async () => {
    const progress = {
      streakDays: 4,
      totalMissions: 6,
      completedCount: 2,
      motivationType: 'HEALTH_BENEFIT',
      missionsStatus: [
        { missionId: 'mission-low-salt', title: '국물 싱겁게 먹기', completed: true },
        { missionId: 'mission-stairs', title: '계단 오르기', completed: false },
      ],
    };
    const message = await sdk(standin.url).messages.create({
      model: MODEL,
      max_tokens: 512,
      system: '당신은 따뜻한 건강 코치입니다. 100자 이내로, 이모지를 넣어 미션 독려 메시지를 쓰세요.',
      messages: [{ role: 'user', content: JSON.stringify(progress) }],
    });
    const text = textOf(message);
    assert.ok(text.includes('4일 연속'), text);
    assert.ok(text.includes('6개 미션 중 2개'), text);
    assert.ok(Array.from(text).length <= 100, text);
  });

  test('when stop_sequences and a small max_tokens are given, then the answer stops the way the API does', async () => {
    const client = sdk(standin.url);
    const content = '혈압이 높은데 어떻게 하죠?';
    const stopped = await client.messages.create({ model: MODEL, max_tokens: 500, stop_sequences: ['말씀'], messages: [{ role: 'user', content }] });
    assert.equal(stopped.stop_reason, 'stop_sequence');
    assert.equal(stopped.stop_sequence, '말씀');
    assert.ok(!textOf(stopped).includes('말씀'));

    const cut = await client.messages.create({ model: MODEL, max_tokens: 4, messages: [{ role: 'user', content }] });
    assert.equal(cut.stop_reason, 'max_tokens');
    assert.equal(cut.usage.output_tokens, 4);
    assert.equal(Array.from(textOf(cut)).length, 12);
  });

  test('when a request arrives, then the request log shows what the model saw', async () => {
    await control(standin.url, '/_control/reset');
    const facts = buildCheckupFacts();
    await sdk(standin.url).messages.create({
      model: MODEL,
      max_tokens: 300,
      system: [{ type: 'text', text: '검진 해석 시스템 프롬프트' }],
      messages: [{ role: 'user', content: userTurn(facts, '해석해 주세요.') }],
    });
    const { body } = await control(standin.url, '/_control/requests?limit=1');
    const [logged] = body.requests;
    assert.ok(logged, 'the request is logged');
    assert.equal(logged.model, MODEL);
    assert.equal(logged.system, '검진 해석 시스템 프롬프트');
    assert.equal(logged.messages[0]?.role, 'user');
    assert.ok(logged.messages[0]?.text.includes(String(facts.items[0]?.value)));
    assert.equal(logged.status, 200);
    assert.equal(logged.stopReason, 'end_turn');
    assert.ok(logged.usage && logged.usage.input_tokens > 0 && logged.usage.output_tokens > 0);
  });
});
