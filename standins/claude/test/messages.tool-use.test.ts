import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import { z } from 'zod';
import type { RunningStandin } from '../src/server.js';
import { MODEL, buildCheckupFacts, numbersIn, sdk, startStandin, userTurn } from './helpers.js';

/** The structured diagnosis the intelligence service asks for (its zod schema, as a tool). */
const Diagnosis = z.object({
  threeSentenceSummary: z.array(z.string().min(10).max(160)).length(3),
  healthScore: z.number().int().min(0).max(100),
  riskLevel: z.enum(['낮음', '보통', '높음']),
  itemRefs: z.array(z.string()).min(1),
  occupationConsiderations: z.string().max(150),
  missions: z
    .array(
      z.object({
        missionId: z.string(),
        title: z.string().max(30),
        category: z.enum(['exercise', 'diet', 'lifestyle']),
        difficulty: z.enum(['EASY', 'MEDIUM', 'HARD']),
        estimatedTimeMinutes: z.number().int().min(15).max(30),
      }),
    )
    .min(3)
    .max(5),
  confidenceScore: z.number().min(0).max(1),
});

const diagnosisTool = { name: 'submit_diagnosis', description: '검진 해석 결과를 제출합니다.', input_schema: z.toJSONSchema(Diagnosis) as never };

describe('tool use for structured output', () => {
  let standin: RunningStandin;
  before(async () => {
    standin = await startStandin();
  });
  after(() => standin.stop());

  test('when tool_choice names a tool, then the answer is a tool_use whose input satisfies the schema and reflects the facts', async () => {
    const facts = buildCheckupFacts();
    const prompt = userTurn(facts, '검진 결과를 해석해 submit_diagnosis 로 제출하세요.');
    const message = await sdk(standin.url).messages.create({
      model: MODEL,
      max_tokens: 4096,
      tools: [diagnosisTool],
      tool_choice: { type: 'tool', name: 'submit_diagnosis' },
      messages: [{ role: 'user', content: prompt }],
    });

    assert.equal(message.stop_reason, 'tool_use');
    assert.equal(message.content.length, 1);
    const block = message.content[0];
    assert.ok(block?.type === 'tool_use');
    assert.match(block.id, /^toolu_01/);
    assert.equal(block.name, 'submit_diagnosis');
    const input = Diagnosis.parse(block.input);

    // Two normal items, one borderline (half), one flagged: (1 + 1 + 0.5) / 4.
    assert.equal(input.healthScore, 63);
    assert.equal(input.riskLevel, '높음');
    assert.deepEqual(input.itemRefs, ['BP_SYSTOLIC', 'FASTING_GLUCOSE']);
    assert.ok(input.threeSentenceSummary[0]?.includes(String(facts.items[0]?.value)));
    assert.ok(input.occupationConsiderations.includes('IT 개발자'));
    assert.equal(input.missions[0]?.title, '국물 싱겁게 먹기', 'the first mission answers the flagged blood pressure');
    const allowed = new Set(numbersIn(prompt));
    const prose = [...input.threeSentenceSummary, input.occupationConsiderations].join(' ');
    assert.deepEqual(
      numbersIn(prose).filter((n) => !allowed.has(n)),
      [],
    );
  });

  test('when tool_choice is any, then a tool is called even though the prompt does not name it', async () => {
    const message = await sdk(standin.url).messages.create({
      model: MODEL,
      max_tokens: 1024,
      tools: [
        {
          name: 'record_nudge',
          description: 'encouragement message for the user',
          input_schema: {
            type: 'object',
            properties: { message: { type: 'string', maxLength: 80 }, priority: { type: 'string', enum: ['LOW', 'MEDIUM', 'HIGH'] } },
            required: ['message', 'priority'],
          },
        },
      ],
      tool_choice: { type: 'any' },
      messages: [{ role: 'user', content: '오늘 미션 달성률 20%, 연속 1일째입니다. 독려 메시지를 써 주세요.' }],
    });
    const block = message.content[0];
    assert.ok(block?.type === 'tool_use');
    const input = block.input as { message: string; priority: string };
    assert.equal(input.priority, 'HIGH', 'a low completion rate is urgent');
    assert.ok(input.message.includes('20%'), input.message);
    assert.ok(Array.from(input.message).length <= 80);
  });

  test('when the tool result comes back, then the next answer is text about it', async () => {
    const message = await sdk(standin.url).messages.create({
      model: MODEL,
      max_tokens: 1024,
      tools: [{ name: 'lookup_checkup', input_schema: { type: 'object', properties: { year: { type: 'integer' } } } }],
      messages: [
        { role: 'user', content: '제 검진 결과를 알려 주세요.' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01lookup', name: 'lookup_checkup', input: { year: 2025 } }] },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'toolu_01lookup', content: '{"name":"LDL 콜레스테롤","value":171,"unit":"mg/dL","grade":"질환의심"}' }],
        },
      ],
    });
    assert.equal(message.stop_reason, 'end_turn');
    const block = message.content[0];
    assert.ok(block?.type === 'text');
    assert.ok(block.text.includes('LDL 콜레스테롤(171mg/dL, 질환의심)'), block.text);
    assert.ok(block.text.includes('포화지방'), 'lipid advice');
  });

  test('when output_config.format is a JSON schema, then messages.parse returns a parsed object of that shape', async () => {
    const Reading = z.object({ summary: z.array(z.string().max(160)).length(3), healthScore: z.number().int().min(0).max(100) });
    const facts = buildCheckupFacts();
    const message = await sdk(standin.url).messages.parse({
      model: MODEL,
      max_tokens: 2048,
      output_config: { format: zodOutputFormat(Reading) },
      messages: [{ role: 'user', content: userTurn(facts, '검진 결과를 해석하세요.') }],
    });
    assert.equal(message.stop_reason, 'end_turn');
    assert.equal(message.parsed_output?.healthScore, 63);
    assert.ok(message.parsed_output?.summary[0]?.includes(String(facts.items[0]?.value)));
  });
});
