/**
 * A checkup read the way a Korean user reads the paper sheet, end to end: the NHIS stand-in prints units
 * with CJK compatibility characters (㎎/㎗, g/㎗, ㎝, ㎏, kg/㎡), censored results (">90", "≥60", "<5") and
 * the abbreviated overall judgement (정A, 고∙당, 의심 …); the health service keeps and explains them; the
 * intelligence service's reading mentions values outside the graded range, and its chat never states a
 * number about the user that is not in their record (the Claude stand-in's invent-number mode).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { linkAndImport, registerNhisPerson, uniquePhone, type NhisCheckup, type NhisIdentity } from '../support/health.js';
import { claudeRequests, readSse, requestText, resetClaude, setClaudeBehaviour, waitForJudgedProfile } from '../support/intelligence.js';
import { activeUser, api, people, type SignedIn } from '../support/users.js';

interface Item {
  item: string;
  value: number | string | null;
  unit: string;
  grade: string;
  gradeLabel: string;
  appliedRange: { normalA: string; normalB: string | null; suspected: string; notClassified?: string };
  providerRange?: { unit: string | null; normalA: string | null; normalB: string | null; suspected: string | null };
  computed?: boolean;
  method?: string;
  note?: string;
  censored?: { comparator: string; bound: number };
}
interface OverallJudgement {
  printed: string;
  category: string | null;
  label: string;
  description: string;
}
interface Latest {
  checkupId: string;
  examYear: number;
  reportedJudgement: string | null;
  overallJudgement: OverallJudgement | null;
  items: Item[];
  summary: {
    counts: Record<string, number>;
    outsideCriteria: { item: string; value: number | string; note: string }[];
    flagged: { item: string }[];
  };
}
interface Detail {
  units: Record<string, string>;
  rejectedValues: unknown[];
  values: Record<string, unknown>;
  overallJudgement: OverallJudgement | null;
}
interface Reply {
  reply: { content: string };
  source: string;
  fallbackReason: string | null;
  numbersRemoved: string[];
}

const NOTE = '(기록에 없는 수치가 들어간 문장은 빼고 답했어요. 정확한 수치는 검진 결과에서 확인해 주세요.)';

async function json<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, text.slice(0, 500));
  return JSON.parse(text) as T;
}

const latest = (session: SignedIn) => api('/api/health/checkups/latest', { token: session.accessToken }).then((r) => json<Latest>(r));
const detail = (session: SignedIn, id: string) => api(`/api/health/checkups/${id}`, { token: session.accessToken }).then((r) => json<Detail>(r));

function itemOf(judged: { items: Item[] }, code: string): Item {
  const found = judged.items.find((i) => i.item === code);
  assert.ok(found, `no ${code}`);
  return found;
}

const numbers = (text: string) => (text.normalize('NFKC').match(/\d+(?:\.\d+)?/g) ?? []).map((n) => String(Number(n)));

/** Every number of an answer appears in what the model was given (the record, the question, the rules). */
async function assertGrounded(content: string): Promise<void> {
  const given = numbers((await claudeRequests()).map(requestText).join('\n'));
  for (const n of numbers(content)) assert.ok(given.includes(n), `${n} in “${content}” is not in anything the model was given`);
}

describe('a checkup read like the paper sheet', () => {
  after(async () => {
    await resetClaude();
  });

  describe('a synthetic person whose clinic prints CJK units and censored results', () => {
    // The stand-in's synthetic data is deterministic: this identity is a man, 44 in 2025, whose latest sheet
    // (2025) prints eGFR ">90", γ-GTP "<5", haemoglobin 16.6 and 의심, with a ㎎/㎗ … unit row
    // (standins/nhis/test/sheet-notation.test.ts pins it).
    const who: NhisIdentity = { name: '정시트', birthDate: '1981-04-15', phone: '010-7700-0021' };
    let session: SignedIn;
    let judged: Latest;

    before(async () => {
      session = await activeUser(people.junho, { name: '정시트', birthDate: '1981-04-15', sex: 'M', occupation: 'OFFICE_WORKER' });
      const link = await linkAndImport(session.accessToken, who);
      assert.equal(link.state, 'IMPORTED');
      await waitForJudgedProfile(session);
      judged = await latest(session);
    });

    test('when the unit row prints ㎎/㎗, g/㎗, ㎝ and ㎏, then nothing is discarded and glucose and haemoglobin are judged', async () => {
      assert.equal(judged.examYear, 2025);
      const record = await detail(session, judged.checkupId);
      assert.deepEqual(record.rejectedValues, []);
      assert.deepEqual(
        [record.units.fastingGlucose, record.units.hemoglobin, record.units.heightCm, record.units.weightKg, record.units.bmi],
        ['mg/dL', 'g/dL', 'cm', 'kg', 'kg/m²'],
      );
      assert.notEqual(itemOf(judged, 'FASTING_GLUCOSE').grade, 'NOT_TESTED');
      assert.equal(itemOf(judged, 'FASTING_GLUCOSE').unit, 'mg/dL');
    });

    test('when eGFR is printed ">90", then it is shown as printed, 정상A, and never replaced by a computed value', () => {
      const egfr = itemOf(judged, 'EGFR');
      assert.deepEqual(
        [egfr.value, egfr.grade, egfr.censored, egfr.computed, egfr.method],
        ['>90', 'NORMAL_A', { comparator: '>', bound: 90 }, false, undefined],
      );
      assert.equal(typeof itemOf(judged, 'SERUM_CREATININE').value, 'number', 'creatinine was there to compute from');
    });

    test('when γ-GTP is printed "<5" and haemoglobin is 16.6, then both are outside the graded range with plain notes', () => {
      const ggt = itemOf(judged, 'GAMMA_GTP');
      assert.deepEqual([ggt.value, ggt.grade, ggt.note], ['<5', 'NOT_CLASSIFIED', '기준보다 낮음, 의사와 상의']);
      const hb = itemOf(judged, 'HEMOGLOBIN');
      assert.deepEqual([hb.value, hb.grade, hb.gradeLabel, hb.note], [16.6, 'NOT_CLASSIFIED', '판정 기준 외', '기준보다 높음, 의사와 상의']);
      assert.deepEqual(judged.summary.outsideCriteria.map((o) => o.item).sort(), ['GAMMA_GTP', 'HEMOGLOBIN']);
    });

    test('when the man’s sheet has no bone density, then it is 해당 없음 and not counted', () => {
      const bone = itemOf(judged, 'BONE_DENSITY');
      assert.deepEqual([bone.grade, bone.gradeLabel], ['NOT_APPLICABLE', '해당 없음']);
      const counted = Object.values(judged.summary.counts).reduce((a, b) => a + b, 0);
      assert.equal(counted, judged.items.filter((i) => i.grade !== 'NOT_APPLICABLE').length);
      assert.equal(judged.summary.counts.NOT_APPLICABLE, undefined);
    });

    test('when the overall judgement is printed 의심, then it is explained beside the printed form', () => {
      assert.equal(judged.reportedJudgement, '의심');
      assert.deepEqual([judged.overallJudgement?.printed, judged.overallJudgement?.label], ['의심', '일반 질환의심']);
    });

    test('when ranges are shown to him, then they are in the sheet’s notation and for men only', () => {
      assert.deepEqual(itemOf(judged, 'WAIST').appliedRange, { normalA: '90 미만', normalB: null, suspected: '90 이상' });
      assert.equal(itemOf(judged, 'WAIST').providerRange?.normalA, '90 미만', 'NHIS’s “남 90 미만 / 여 85 미만”, his part only');
      assert.equal(itemOf(judged, 'BMI').appliedRange.normalA, '18.5~24.9');
      assert.equal(itemOf(judged, 'HEMOGLOBIN').providerRange?.normalA, '13.0~16.5');
      assert.deepEqual(itemOf(judged, 'BLOOD_PRESSURE').appliedRange, { normalA: '120 미만/80 미만', normalB: '120~139/80~89', suspected: '140 이상/90 이상' });
    });
  });

  describe('a registered person: ≥60, <5, a haemoglobin above range, 고∙당, and the AI answers', () => {
    const who: NhisIdentity = { name: '김민지', birthDate: '1988-04-12', phone: uniquePhone() };
    const sheet: NhisCheckup = {
      year: '2025',
      examDate: '20250520',
      height_cm: '162.0',
      weight_kg: '65.3',
      bmi: '24.9',
      waist_cm: '84.9',
      sbp: '118',
      dbp: '76',
      fasting_glucose: '131',
      hemoglobin: '15.9',
      urine_protein: '음성',
      creatinine: '0.7',
      egfr: '≥60',
      ast: '22',
      alt: '18',
      ggt: '<5',
      chest_xray: '정상',
      hearing_l: '정상',
      hearing_r: '정상',
      overall_grade: '고∙당',
    };
    let session: SignedIn;
    let judged: Latest;

    before(async () => {
      session = await activeUser(people.minji); // 김민지, F, 1988-04-12: 37 in 2025
      await registerNhisPerson(who, [sheet], { sex: 'F', unitStyle: 'cjk' });
      await linkAndImport(session.accessToken, who);
      await waitForJudgedProfile(session);
      judged = await latest(session);
      await resetClaude();
    });

    afterEach(async () => {
      await resetClaude();
    });

    test('when the sheet prints eGFR "≥60" beside a creatinine, then it is 정상A as printed and not computed', () => {
      const egfr = itemOf(judged, 'EGFR');
      assert.deepEqual([egfr.value, egfr.grade, egfr.censored, egfr.computed], ['≥60', 'NORMAL_A', { comparator: '≥', bound: 60 }, false]);
    });

    test('when the overall judgement is printed 고∙당, then the user reads 고혈압·당뇨병 질환의심 and what it means', async () => {
      assert.equal(judged.reportedJudgement, '고∙당');
      assert.equal(judged.overallJudgement?.label, '고혈압·당뇨병 질환의심');
      assert.match(judged.overallJudgement?.description ?? '', /본인부담이 없습니다/);
      const history = await json<{ items: { overallJudgement: OverallJudgement | null }[] }>(await api('/api/health/checkups', { token: session.accessToken }));
      assert.equal(history.items[0]?.overallJudgement?.label, '고혈압·당뇨병 질환의심');
    });

    test('when she is 37, then the lipid panel and bone density are 해당 없음, and her ranges are the women’s', () => {
      for (const code of ['TOTAL_CHOLESTEROL', 'HDL_CHOLESTEROL', 'TRIGLYCERIDES', 'LDL_CHOLESTEROL', 'BONE_DENSITY']) {
        assert.equal(itemOf(judged, code).grade, 'NOT_APPLICABLE', code);
      }
      assert.equal(itemOf(judged, 'WAIST').appliedRange.normalA, '85 미만');
      assert.equal(itemOf(judged, 'WAIST').providerRange?.normalA, '85 미만');
      assert.equal(itemOf(judged, 'HEMOGLOBIN').appliedRange.normalA, '12.0~15.5');
      assert.deepEqual(
        judged.summary.outsideCriteria.map((o) => [o.item, o.value, o.note]),
        [
          ['HEMOGLOBIN', 15.9, '기준보다 높음, 의사와 상의'],
          ['GAMMA_GTP', '<5', '기준보다 낮음, 의사와 상의'],
        ],
      );
    });

    test('when the AI reading is written, by the model or by the rules, then it names the values outside the graded range', async () => {
      type Reading = { lines: { text: string; itemCodes: string[] }[]; source: string; fallbackReason: string | null };
      const read = async () => json<Reading>(await api('/api/intelligence/diagnosis', { token: session.accessToken }));
      const codesOf = (reading: Reading) => reading.lines.flatMap((l) => l.itemCodes);

      // The rules first (fallbacks are not cached): the model's answers are malformed twice.
      await setClaudeBehaviour({ mode: 'malformed', count: 2 });
      const byRules = await read();
      assert.deepEqual([byRules.source, byRules.fallbackReason], ['FALLBACK', 'INVALID_OUTPUT']);
      assert.ok(codesOf(byRules).includes('HEMOGLOBIN') && codesOf(byRules).includes('GAMMA_GTP'), JSON.stringify(byRules.lines));
      assert.match(byRules.lines[0]!.text, /혈색소\(15\.9 g\/dL\).*판정 기준 밖이라 등급을 매기지 않았으니 의사와 상의하세요/);
      await resetClaude();

      const byModel = await read();
      assert.equal(byModel.source, 'AI');
      assert.ok(codesOf(byModel).includes('HEMOGLOBIN') && codesOf(byModel).includes('GAMMA_GTP'), JSON.stringify(byModel.lines));
      assert.match(byModel.lines.map((l) => l.text).join(' '), /혈색소\(15\.9 ?g\/dL, 판정 기준 외\)/);
      const system = (await claudeRequests())[0]?.system ?? '';
      assert.match(system, /판정 기준 외/, 'the model is told such values are not normal');
      for (const reading of [byRules, byModel]) {
        assert.doesNotMatch(reading.lines.map((l) => l.text).join(' '), /모든 항목이 정상/);
        await assertGrounded(reading.lines.map((l) => l.text).join(' '));
      }
    });

    test('when chat answers invent a number about her twice, then it is asked once more and answered without the number, saying so', async () => {
      const chat = await json<{ id: string }>(await api('/api/intelligence/chats', { method: 'POST', token: session.accessToken }), 201);
      await setClaudeBehaviour({ mode: 'invent-number', count: 2 });
      const reply = await json<Reply>(
        await api(`/api/intelligence/chats/${chat.id}/messages`, {
          method: 'POST',
          token: session.accessToken,
          json: { message: '공복혈당을 낮추려면 어떻게 해야 하나요?' },
        }),
        201,
      );
      const modes = (await claudeRequests()).map((r) => r.mode);
      assert.deepEqual(modes, ['invent-number', 'invent-number'], 'the first answer is asked for once more');
      assert.equal(reply.source, 'AI');
      assert.ok(reply.numbersRemoved.length > 0, 'the invented number is reported');
      assert.ok(reply.reply.content.endsWith(NOTE), reply.reply.content);
      for (const n of reply.numbersRemoved) assert.ok(!numbers(reply.reply.content).includes(n), `${n} is gone`);
      await assertGrounded(reply.reply.content);
    });

    test('when only the first chat answer invents a number, then the second answer is given as it is', async () => {
      const chat = await json<{ id: string }>(await api('/api/intelligence/chats', { method: 'POST', token: session.accessToken }), 201);
      await setClaudeBehaviour({ mode: 'invent-number', count: 1 });
      const reply = await json<Reply>(
        await api(`/api/intelligence/chats/${chat.id}/messages`, {
          method: 'POST',
          token: session.accessToken,
          json: { message: '혈색소가 높으면 어떻게 하나요?' },
        }),
        201,
      );
      assert.deepEqual(
        (await claudeRequests()).map((r) => r.mode),
        ['invent-number', 'normal'],
      );
      assert.deepEqual([reply.source, reply.fallbackReason, reply.numbersRemoved], ['AI', null, []]);
      assert.ok(!reply.reply.content.includes(NOTE));
      await assertGrounded(reply.reply.content);
    });

    test('when a streamed answer invents a number, then that sentence is never sent, the answer is streamed again and is grounded', async () => {
      const chat = await json<{ id: string }>(await api('/api/intelligence/chats', { method: 'POST', token: session.accessToken }), 201);
      await setClaudeBehaviour({ mode: 'invent-number', count: 1 });
      const response = await api(`/api/intelligence/chats/${chat.id}/messages`, {
        method: 'POST',
        token: session.accessToken,
        headers: { accept: 'text/event-stream' },
        json: { message: '식단은 어떻게 바꾸면 좋을까요?' },
      });
      assert.equal(response.status, 200);
      const events = await readSse(response);
      const requests = await claudeRequests();
      assert.deepEqual(
        requests.map((r) => [r.mode, r.stream]),
        [
          ['invent-number', true],
          ['normal', true],
        ],
      );
      const error = events.find((e) => e.event === 'error')?.data as { code: string } | undefined;
      assert.equal(error?.code, 'UNGROUNDED_NUMBER');
      const sent = events
        .filter((e) => e.event === 'token')
        .map((e) => (e.data as { text: string }).text)
        .join('');
      await assertGrounded(sent);
      const done = events[events.length - 1]!;
      assert.equal(done.event, 'done');
      const final = done.data as Reply;
      assert.deepEqual([final.source, final.numbersRemoved], ['AI', []]);
      await assertGrounded(final.reply.content);
      const history = await json<{ messages: { content: string }[] }>(await api(`/api/intelligence/chats/${chat.id}`, { token: session.accessToken }));
      assert.equal(history.messages[1]?.content, final.reply.content, 'what is stored is the grounded answer');
    });

    test('when a streamed answer invents a number twice, then the number never reaches the client and the answer says it was left out', async () => {
      const chat = await json<{ id: string }>(await api('/api/intelligence/chats', { method: 'POST', token: session.accessToken }), 201);
      await setClaudeBehaviour({ mode: 'invent-number', count: 2 });
      const events = await readSse(
        await api(`/api/intelligence/chats/${chat.id}/messages`, {
          method: 'POST',
          token: session.accessToken,
          headers: { accept: 'text/event-stream' },
          json: { message: '운동은 얼마나 하면 좋을까요?' },
        }),
      );
      const sent = events
        .filter((e) => e.event === 'token')
        .map((e) => (e.data as { text: string }).text)
        .join('');
      await assertGrounded(sent);
      const final = events[events.length - 1]!.data as Reply;
      assert.ok(final.numbersRemoved.length > 0);
      assert.ok(final.reply.content.endsWith(NOTE), final.reply.content);
      await assertGrounded(final.reply.content);
    });
  });
});
