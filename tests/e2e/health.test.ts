/**
 * Health checkups end to end: the app links NHIS through the gateway, the user answers on "the phone"
 * (the NHIS stand-in's control API), the health service imports through the aggregator protocol, and
 * what the user then reads is judged against the 2026 criteria.
 *
 * In production the gateway's sidecar counts every 4xx/5xx answer of the health app toward its circuit
 * breaker; tests that expect errors therefore put a successful read between two failing calls.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BlobServiceClient } from '@azure/storage-blob';
import {
  answerOnPhone,
  closeHealthDb,
  completeLink,
  healthDb,
  identity,
  importedEvents,
  internalLatestJudged,
  linkAndImport,
  nhisClock,
  nhisOutage,
  pendingApprovalFor,
  registerNhisPerson,
  sleep,
  startLink,
  startLinkOnce,
  type LinkView,
  type NhisCheckup,
  type NhisIdentity,
} from '../support/health.js';
import { eventually, isProblem, secrets } from '../support/system.js';
import { activeUser, api, grantConsents, newIdentity, people, signInWithIdToken, type SignedIn } from '../support/users.js';

interface JudgedItem {
  item: string;
  name: string;
  value: number | string | null;
  unit: string;
  grade: string;
  gradeLabel: string;
  appliedRange: { normalA: string; normalB: string | null; suspected: string; notClassified?: string };
  providerRange?: { unit: string | null; normalA: string | null; normalB: string | null; suspected: string | null };
  computed?: boolean;
  method?: string;
  note?: string;
  missingFacts?: string[];
}
interface Judged {
  person: { sex: string | null; ageAtExam: number | null; missingFacts: string[] };
  items: JudgedItem[];
  summary: { counts: Record<string, number>; flagged: { item: string; grade: string }[]; worstGrade: string };
}
interface Latest extends Judged {
  checkupId: string;
  examYear: number;
  examDate: string | null;
  reportedJudgement: string | null;
  hasDocument: boolean;
}
interface HistoryPage {
  items: { id: string; examDate: string | null; examYear: number; hasDocument: boolean }[];
  total: number;
  nextCursor: string | null;
}
interface Detail {
  id: string;
  examDate: string;
  values: Record<string, unknown>;
  units: Record<string, string>;
  rejectedValues: { field: string; raw: string | number; reason: string }[];
  judged: Judged;
}

async function json<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

async function problemCode(response: Response): Promise<string> {
  assert.ok(isProblem(response), `expected problem+json, got ${response.headers.get('content-type')} (${response.status})`);
  return ((await response.json()) as { code: string }).code;
}

const history = (token: string, query = '') => api(`/api/health/checkups${query}`, { token });
const latest = (token: string) => api('/api/health/checkups/latest', { token });
const detail = (token: string, id: string) => api(`/api/health/checkups/${id}`, { token });
const linkState = (token: string, id: string) => api(`/api/health/nhis/links/${id}`, { token });

function grades(judged: Judged): Record<string, string> {
  return Object.fromEntries(judged.items.map((i) => [i.item, i.grade]));
}

function itemOf(judged: Judged, item: string): JudgedItem {
  const found = judged.items.find((i) => i.item === item);
  assert.ok(found, `no item ${item}`);
  return found;
}

/** A plausible, unremarkable checkup; each test overrides the values it is about. */
function checkup(year: string, monthDay: string, overrides: Record<string, unknown> = {}): NhisCheckup {
  return {
    year,
    examDate: `${year}${monthDay}`,
    organization_name: '새봄내과의원',
    height_cm: '165.0',
    weight_kg: '58.0',
    bmi: '21.3',
    waist_cm: '74.0',
    sbp: '112',
    dbp: '72',
    vision_l: '1.0',
    vision_r: '0.9',
    hearing_l: '정상',
    hearing_r: '정상',
    fasting_glucose: '92',
    hemoglobin: '13.2',
    urine_protein: '음성',
    creatinine: '0.7',
    egfr: '105',
    ast: '21',
    alt: '18',
    ggt: '20',
    chest_xray: '정상',
    smoking: '피우지 않는다',
    drinking: '마신다',
    ...overrides,
  };
}

const MINJI_BIRTH = '1988-04-12';
const JUNHO_PROFILE = { name: '이준호', birthDate: '1979-08-23', sex: 'M', occupation: 'IT_PROFESSIONAL' };

describe('health checkups from NHIS', () => {
  let minji: SignedIn;
  let junho: SignedIn;
  let minjiNhis: NhisIdentity;
  let junhoNhis: NhisIdentity;
  /** Started first, never approved: the last test moves the stand-in's clock past the approval window (180 s). */
  let unanswered: { link: LinkView; who: NhisIdentity; startedAt: number; jti: string };
  let minjiIds: string[] = [];

  before(async () => {
    minji = await activeUser(people.minji); // 김민지, F, 1988-04-12
    junho = await activeUser(people.junho, JUNHO_PROFILE);
    minjiNhis = identity('김민지', MINJI_BIRTH);
    junhoNhis = identity('이준호', JUNHO_PROFILE.birthDate);
    const who = identity('이준호', JUNHO_PROFILE.birthDate);
    const started = await startLink(junho.accessToken, who);
    const link = await json<LinkView>(started, 201);
    const approval = await pendingApprovalFor(who.phone);
    assert.ok(approval, 'the phone shows the approval request');
    unanswered = { link, who, startedAt: Date.now(), jti: approval.jti };
  });

  after(async () => {
    await nhisOutage(false).catch(() => undefined);
    await closeHealthDb();
  });

  describe('linking and importing', () => {
    test('when a user links, approves on the phone and completes, then every checkup is imported and announced', async () => {
      await registerNhisPerson(
        minjiNhis,
        [
          // Women's edges on the sex-specific rows, both sides.
          checkup('2024', '0412', { waist_cm: '85.0', hemoglobin: '11.9', ggt: '36', bmi: '23.0' }),
          checkup('2022', '0510', { waist_cm: '84.9', hemoglobin: '12.0', ggt: '35', bmi: '22.4' }),
        ],
        { sex: 'F', pdf: true },
      );
      const started = await startLink(minji.accessToken, minjiNhis);
      const link = await json<LinkView>(started, 201);
      assert.equal(link.state, 'PENDING_APPROVAL');
      assert.equal(started.headers.get('location'), `/api/health/nhis/links/${link.id}`);
      assert.ok(Date.parse(link.expiresAt) > Date.now() + 150_000, 'about three minutes to approve');
      assert.equal((await json<LinkView>(await linkState(minji.accessToken, link.id))).state, 'PENDING_APPROVAL');

      assert.equal(await answerOnPhone(minjiNhis.phone, 'approve'), 200);
      const completed = await json<LinkView>(await completeLink(minji.accessToken, link.id));
      assert.equal(completed.state, 'IMPORTED');
      assert.equal(completed.imported?.newCheckups, 2);
      assert.equal(completed.imported?.alreadyImported, 0);
      assert.equal((await json<LinkView>(await linkState(minji.accessToken, link.id))).state, 'IMPORTED');

      const page = await json<HistoryPage>(await history(minji.accessToken));
      assert.equal(page.total, 2);
      assert.deepEqual(
        page.items.map((i) => i.examDate),
        ['2024-04-12', '2022-05-10'],
      );
      assert.ok(page.items.every((i) => i.hasDocument));
      minjiIds = page.items.map((i) => i.id);
      assert.deepEqual([...completed.imported!.checkupIds].sort(), [...minjiIds].sort());

      const events = await eventually('the HealthCheckupImported event to be published', async () => {
        const found = await importedEvents(minji.user.id);
        return found.length === 1 && found[0]!.published ? found : undefined;
      });
      assert.deepEqual([...events[0]!.checkupIds].sort(), [...minjiIds].sort());
    });

    test('when the same checkups are imported again, then nothing changes; a newer checkup later is the only one added', async () => {
      const before = await json<Latest>(await latest(minji.accessToken)); // also fills the cache
      assert.equal(before.examDate, '2024-04-12');

      const again = await linkAndImport(minji.accessToken, minjiNhis);
      assert.equal(again.state, 'IMPORTED');
      assert.deepEqual(again.imported, { newCheckups: 0, alreadyImported: 2, checkupIds: [] });
      const unchanged = await json<HistoryPage>(await history(minji.accessToken));
      assert.deepEqual(
        unchanged.items.map((i) => i.id),
        minjiIds,
      );
      assert.equal((await importedEvents(minji.user.id)).length, 1, 'no event when nothing is new');

      await registerNhisPerson(
        minjiNhis,
        [
          checkup('2025', '0320', { hemoglobin: '15.6', ggt: '7', bmi: '22.8' }),
          checkup('2024', '0412', { waist_cm: '85.0', hemoglobin: '11.9', ggt: '36', bmi: '23.0' }),
          checkup('2022', '0510', { waist_cm: '84.9', hemoglobin: '12.0', ggt: '35', bmi: '22.4' }),
        ],
        { sex: 'F', pdf: true },
      );
      const relinked = await linkAndImport(minji.accessToken, minjiNhis);
      assert.equal(relinked.imported?.newCheckups, 1);
      assert.equal(relinked.imported?.alreadyImported, 2);
      const after = await json<HistoryPage>(await history(minji.accessToken));
      assert.equal(after.total, 3);
      assert.equal(after.items[0]!.id, relinked.imported!.checkupIds[0]);
      assert.deepEqual(
        after.items.slice(1).map((i) => i.id),
        minjiIds,
      );
      minjiIds = after.items.map((i) => i.id);

      const newest = await json<Latest>(await latest(minji.accessToken));
      assert.equal(newest.examDate, '2025-03-20', 'the cached latest was dropped on import');
      const events = await eventually('the second event', async () => {
        const found = await importedEvents(minji.user.id);
        return found.length === 2 ? found : undefined;
      });
      assert.deepEqual(events[1]!.checkupIds, relinked.imported!.checkupIds);
    });

    test('when the user completes before approving, then the link stays pending (202) until they approve', async () => {
      const link = await json<LinkView>(await startLink(minji.accessToken, minjiNhis), 201);
      const early = await completeLink(minji.accessToken, link.id);
      assert.equal(early.status, 202);
      assert.equal(((await early.json()) as LinkView).state, 'PENDING_APPROVAL');
      assert.equal(await answerOnPhone(minjiNhis.phone, 'approve'), 200);
      const done = await json<LinkView>(await completeLink(minji.accessToken, link.id));
      assert.equal(done.state, 'IMPORTED');
      assert.equal(done.imported?.newCheckups, 0);
      // Completing a closed link again is harmless: it just shows the link.
      assert.equal((await json<LinkView>(await completeLink(minji.accessToken, link.id))).state, 'IMPORTED');
    });

    test('when the user denies on the phone, then the link is DENIED and nothing is imported', async () => {
      const link = await json<LinkView>(await startLink(minji.accessToken, minjiNhis), 201);
      assert.equal(await answerOnPhone(minjiNhis.phone, 'deny'), 200);
      const denied = await json<LinkView>(await completeLink(minji.accessToken, link.id));
      assert.equal(denied.state, 'DENIED');
      assert.equal(denied.reason, 'USER_DENIED');
      assert.equal(denied.imported, null);
      assert.equal((await json<LinkView>(await linkState(minji.accessToken, link.id))).state, 'DENIED');
      assert.equal((await json<HistoryPage>(await history(minji.accessToken))).total, 3);
      const stored = await healthDb().query('select request, two_way from nhis_links where id = $1', [link.id]);
      assert.deepEqual(stored.rows[0], { request: null, two_way: null }, 'the identity is erased once the link closes');
    });

    test('when the user never approves but keeps completing, then the provider ends the session and the link EXPIRES', async () => {
      const link = await json<LinkView>(await startLink(minji.accessToken, minjiNhis), 201);
      assert.equal((await completeLink(minji.accessToken, link.id)).status, 202);
      assert.equal((await completeLink(minji.accessToken, link.id)).status, 202);
      const ended = await json<LinkView>(await completeLink(minji.accessToken, link.id));
      assert.equal(ended.state, 'EXPIRED');
      assert.equal(ended.reason, 'APPROVAL_NOT_COMPLETED');
    });

    test('when the link request is incomplete, then 400 names the field', async () => {
      const pass = await startLink(minji.accessToken, minjiNhis, { provider: 'PASS' });
      assert.equal(pass.status, 400);
      const body = (await pass.json()) as { code: string; errors: { field: string }[] };
      assert.equal(body.code, 'VALIDATION_FAILED');
      assert.deepEqual(
        body.errors.map((e) => e.field),
        ['body.carrier'],
      );
      await json(await history(minji.accessToken));
      const badPhone = await startLink(minji.accessToken, { ...minjiNhis, phone: '02-123-4567' });
      assert.equal(badPhone.status, 400);
    });

    test('when another user asks for someone’s link, then it does not exist for them', async () => {
      const response = await linkState(junho.accessToken, unanswered.link.id);
      assert.equal(response.status, 200, 'junho sees his own link');
      await response.body?.cancel();
      const foreign = await api(`/api/health/nhis/links/${unanswered.link.id}`, { token: minji.accessToken });
      assert.equal(foreign.status, 404);
      assert.equal(await problemCode(foreign), 'LINK_NOT_FOUND');
      await json(await history(minji.accessToken));
      assert.equal((await completeLink(minji.accessToken, unanswered.link.id)).status, 404);
    });
  });

  describe('judging against the 2026 criteria, end to end', () => {
    let junhoIds: Record<string, string> = {};

    before(async () => {
      await registerNhisPerson(junhoNhis, [
        // The upper side of each boundary for a man.
        checkup('2024', '0601', {
          bmi: '25.0',
          waist_cm: '90.0',
          sbp: '139',
          dbp: '89',
          fasting_glucose: '126',
          total_chol: '239',
          hdl: '40',
          ldl: '160',
          tg: '150',
          hemoglobin: '12.9',
          ast: '41',
          alt: '45',
          ggt: '78',
          urine_protein: '약양성',
          creatinine: '1.5',
          egfr: '60',
          chest_xray: '비활동성 폐결핵',
          hearing_r: '비정상',
        }),
        // The lower side.
        checkup('2023', '0602', {
          bmi: '24.9',
          waist_cm: '89.9',
          sbp: '119',
          dbp: '80',
          fasting_glucose: '125',
          total_chol: '240',
          hdl: '39',
          ldl: '159',
          tg: '149',
          hemoglobin: '13.0',
          ast: '40',
          alt: '46',
          ggt: '77',
          urine_protein: '양성(+1)',
          creatinine: '1.6',
          egfr: '59',
        }),
        // Further edges, and an eGFR the sheet did not print.
        checkup('2022', '0615', {
          bmi: '18.4',
          sbp: '140',
          dbp: '79',
          fasting_glucose: '99',
          total_chol: '199',
          hdl: '60',
          ldl: '129',
          tg: '200',
          hemoglobin: '16.6',
          ast: '51',
          alt: '35',
          ggt: '10',
          creatinine: '0.9',
          egfr: '',
        }),
        // A cell the aggregator printed badly; lipids not tested that year.
        checkup('2021', '0620', { fasting_glucose: '100', raw: { resBloodPressure: '12O/80' } }),
      ]);
      const link = await linkAndImport(junho.accessToken, junhoNhis);
      assert.equal(link.imported?.newCheckups, 4);
      const page = await json<HistoryPage>(await history(junho.accessToken));
      junhoIds = Object.fromEntries(page.items.map((i) => [String(i.examYear), i.id]));
      // The profile facts come by event; judging waits for them.
      await eventually('junho’s profile facts', async () => {
        const judged = await json<Latest>(await latest(junho.accessToken));
        return judged.person.sex === 'M' ? judged : undefined;
      });
    });

    test('when values sit exactly on the upper side of each boundary, then each gets the grade the notice gives', async () => {
      const judged = (await json<Detail>(await detail(junho.accessToken, junhoIds['2024']!))).judged;
      assert.deepEqual(grades(judged), {
        BMI: 'NORMAL_B',
        WAIST: 'SUSPECTED_DISEASE',
        BLOOD_PRESSURE: 'NORMAL_B',
        FASTING_GLUCOSE: 'SUSPECTED_DISEASE',
        TOTAL_CHOLESTEROL: 'NORMAL_B',
        HDL_CHOLESTEROL: 'NORMAL_B',
        TRIGLYCERIDES: 'NORMAL_B',
        LDL_CHOLESTEROL: 'SUSPECTED_DISEASE',
        HEMOGLOBIN: 'NORMAL_B',
        AST: 'NORMAL_B',
        ALT: 'NORMAL_B',
        GAMMA_GTP: 'SUSPECTED_DISEASE',
        URINE_PROTEIN: 'NORMAL_B',
        SERUM_CREATININE: 'NORMAL_A',
        EGFR: 'NORMAL_A',
        HEARING: 'SUSPECTED_DISEASE',
        CHEST_XRAY: 'NORMAL_B',
        BONE_DENSITY: 'NOT_APPLICABLE',
      });
    });

    test('when values sit just on the lower side, then each gets the other grade', async () => {
      const judged = (await json<Detail>(await detail(junho.accessToken, junhoIds['2023']!))).judged;
      assert.deepEqual(grades(judged), {
        BMI: 'NORMAL_A',
        WAIST: 'NORMAL_A',
        BLOOD_PRESSURE: 'NORMAL_B',
        FASTING_GLUCOSE: 'NORMAL_B',
        TOTAL_CHOLESTEROL: 'SUSPECTED_DISEASE',
        HDL_CHOLESTEROL: 'SUSPECTED_DISEASE',
        TRIGLYCERIDES: 'NORMAL_A',
        LDL_CHOLESTEROL: 'NORMAL_B',
        HEMOGLOBIN: 'NORMAL_A',
        AST: 'NORMAL_A',
        ALT: 'SUSPECTED_DISEASE',
        GAMMA_GTP: 'NORMAL_B',
        URINE_PROTEIN: 'SUSPECTED_DISEASE',
        SERUM_CREATININE: 'SUSPECTED_DISEASE',
        EGFR: 'SUSPECTED_DISEASE',
        HEARING: 'NORMAL_A',
        CHEST_XRAY: 'NORMAL_A',
        BONE_DENSITY: 'NOT_APPLICABLE',
      });
    });

    test('when values fall outside what the notice grades, then they are NOT_CLASSIFIED; an absent eGFR is computed and marked', async () => {
      const judged = (await json<Detail>(await detail(junho.accessToken, junhoIds['2022']!))).judged;
      const g = grades(judged);
      assert.deepEqual(
        [g.BMI, g.BLOOD_PRESSURE, g.FASTING_GLUCOSE, g.TOTAL_CHOLESTEROL, g.HDL_CHOLESTEROL, g.LDL_CHOLESTEROL, g.TRIGLYCERIDES, g.AST, g.ALT],
        ['NORMAL_B', 'SUSPECTED_DISEASE', 'NORMAL_A', 'NORMAL_A', 'NORMAL_A', 'NORMAL_A', 'SUSPECTED_DISEASE', 'SUSPECTED_DISEASE', 'NORMAL_A'],
      );
      assert.equal(itemOf(judged, 'BMI').note, '저체중');
      assert.equal(g.HEMOGLOBIN, 'NOT_CLASSIFIED');
      assert.equal(g.GAMMA_GTP, 'NOT_CLASSIFIED');
      // CKD-EPI 2021, man aged 42, creatinine 0.9: 142 × 0.9938^42 = 109.
      const egfr = itemOf(judged, 'EGFR');
      assert.deepEqual([egfr.value, egfr.grade, egfr.computed, egfr.method], [109, 'NORMAL_A', true, 'CKD_EPI_2021']);
      assert.equal(judged.person.ageAtExam, 42);
    });

    test('when a cell was printed badly, then it is "not tested" and reported; lipids off his 4-year cycle are "not applicable"', async () => {
      const record = await json<Detail>(await detail(junho.accessToken, junhoIds['2021']!));
      assert.deepEqual(record.rejectedValues, [{ field: 'bloodPressure', raw: '12O/80', reason: 'UNPARSEABLE' }]);
      assert.equal(itemOf(record.judged, 'BLOOD_PRESSURE').grade, 'NOT_TESTED');
      // Junho is 42 in 2021 (born 1979): the lipid panel is due at 24, 28 … 40, 44, so not that year.
      assert.equal(itemOf(record.judged, 'TOTAL_CHOLESTEROL').grade, 'NOT_APPLICABLE');
      assert.equal(record.judged.summary.counts.NOT_APPLICABLE, undefined);
      assert.equal(itemOf(record.judged, 'FASTING_GLUCOSE').grade, 'NORMAL_B');
      assert.equal(record.values.fastingGlucose, 100);
      assert.equal(record.units.fastingGlucose, 'mg/dL');
      assert.equal(record.values.smoking, 'NEVER');
      assert.equal(record.values.drinks, true);
    });

    test('when a woman’s checkup is judged, then the women’s rows apply on both sides of each boundary', async () => {
      const [y2025, y2024, y2022] = await Promise.all(minjiIds.map(async (id) => (await json<Detail>(await detail(minji.accessToken, id))).judged));
      assert.equal(y2024!.person.sex, 'F');
      assert.deepEqual([grades(y2024!).WAIST, grades(y2024!).HEMOGLOBIN, grades(y2024!).GAMMA_GTP], ['SUSPECTED_DISEASE', 'NORMAL_B', 'NORMAL_B']);
      assert.deepEqual([grades(y2022!).WAIST, grades(y2022!).HEMOGLOBIN, grades(y2022!).GAMMA_GTP], ['NORMAL_A', 'NORMAL_A', 'NORMAL_A']);
      assert.deepEqual([grades(y2025!).HEMOGLOBIN, grades(y2025!).GAMMA_GTP], ['NOT_CLASSIFIED', 'NOT_CLASSIFIED']);
      assert.equal(itemOf(y2024!, 'WAIST').appliedRange.normalA, '85 미만');
    });

    test('when the latest checkup is read, then every item has its value, unit, grade and range, and flagged items are summarised', async () => {
      const judged = await json<Latest>(await latest(junho.accessToken));
      assert.equal(judged.examDate, '2024-06-01');
      assert.equal(judged.items.length, 18);
      const glucose = itemOf(judged, 'FASTING_GLUCOSE');
      assert.deepEqual(
        { value: glucose.value, unit: glucose.unit, grade: glucose.grade, gradeLabel: glucose.gradeLabel, appliedRange: glucose.appliedRange },
        {
          value: 126,
          unit: 'mg/dL',
          grade: 'SUSPECTED_DISEASE',
          gradeLabel: '질환의심',
          appliedRange: { normalA: '100 미만', normalB: '100~125', suspected: '126 이상' },
        },
      );
      assert.equal(glucose.providerRange?.suspected, '126 이상', 'NHIS’s own printed range is kept beside ours');
      assert.equal(itemOf(judged, 'BLOOD_PRESSURE').value, '139/89');
      assert.equal(judged.summary.worstGrade, 'SUSPECTED_DISEASE');
      assert.deepEqual(
        judged.summary.flagged.filter((f) => f.grade === 'SUSPECTED_DISEASE').map((f) => f.item),
        ['WAIST', 'FASTING_GLUCOSE', 'LDL_CHOLESTEROL', 'GAMMA_GTP', 'HEARING'],
      );
      assert.equal(judged.summary.counts.NORMAL_B, 10);
    });
  });

  describe('reading the history', () => {
    test('when history is paged with a cursor, then it is newest first across pages and the last page says so', async () => {
      const first = await json<HistoryPage>(await history(minji.accessToken, '?limit=2'));
      assert.ok(first.nextCursor, 'a first page of two out of three has a next page');
      const second = await json<HistoryPage>(await history(minji.accessToken, `?limit=2&cursor=${first.nextCursor}`));
      assert.deepEqual([first.total, first.items.length, second.items.length, second.nextCursor], [3, 2, 1, null]);
      assert.deepEqual(
        [...first.items, ...second.items].map((i) => i.examDate),
        ['2025-03-20', '2024-04-12', '2022-05-10'],
      );
      const tooBig = await history(minji.accessToken, '?limit=500');
      assert.equal(tooBig.status, 400);
      await tooBig.body?.cancel();
    });

    test("when a cursor is forged or is another person's, then the answer is 400 naming the cursor and shows nothing of theirs", async () => {
      const minjisCursor = (await json<HistoryPage>(await history(minji.accessToken, '?limit=1'))).nextCursor!;
      const forged = Buffer.from(`c1:${minjiIds[0]}x`).toString('base64url');
      for (const [token, cursor] of [
        [junho.accessToken, minjisCursor],
        [minji.accessToken, forged],
        [minji.accessToken, 'not%2Fa%2Fcursor'],
        [minji.accessToken, '..%252f..%252f'],
      ] as const) {
        const response = await history(token, `?cursor=${cursor}`);
        assert.equal(response.status, 400, cursor);
        const problem = (await response.json()) as { code: string; errors?: { field: string }[] };
        assert.equal(problem.code, 'VALIDATION_FAILED');
        assert.ok(
          problem.errors?.some((e) => e.field === 'query.cursor'),
          JSON.stringify(problem),
        );
      }
    });

    test('when trends are asked for, then each item is a chart-ready series, oldest first, with the person’s grade bands', async () => {
      const trends = await json<{
        sex: string;
        series: {
          item: string;
          unit: string;
          bands: { grade: string; from: number | null; to: number | null }[];
          points: { examYear: number; value: number; grade: string }[];
        }[];
      }>(await api('/api/health/trends?items=bmi,hemoglobin,ldl', { token: minji.accessToken }));
      assert.equal(trends.sex, 'F');
      const [bmi, hb, ldl] = trends.series;
      assert.deepEqual(
        bmi!.points.map((p) => [p.examYear, p.value, p.grade]),
        [
          [2022, 22.4, 'NORMAL_A'],
          [2024, 23, 'NORMAL_A'],
          [2025, 22.8, 'NORMAL_A'],
        ],
      );
      assert.deepEqual(
        hb!.points.map((p) => p.grade),
        ['NORMAL_A', 'NORMAL_B', 'NOT_CLASSIFIED'],
      );
      assert.deepEqual(
        hb!.bands.find((b) => b.grade === 'NORMAL_A'),
        { grade: 'NORMAL_A', from: 12, fromInclusive: true, to: 15.5, toInclusive: true },
      );
      assert.deepEqual(ldl!.points, [], 'never tested');
      assert.equal(ldl!.unit, 'mg/dL');

      const unknown = await api('/api/health/trends?items=bmi,cholesterol', { token: minji.accessToken });
      assert.equal(unknown.status, 400);
      assert.equal(await problemCode(unknown), 'VALIDATION_FAILED');
      await json(await history(minji.accessToken));
    });

    test("when the document is downloaded, then the stored PDF streams through the gateway, only with the owner's token", async () => {
      const download = await api(`/api/health/checkups/${minjiIds[1]}/document`, { token: minji.accessToken });
      assert.equal(download.status, 200);
      assert.equal(download.headers.get('content-type'), 'application/pdf');
      assert.match(download.headers.get('content-disposition') ?? '', /^inline; filename="nhis-checkup-2024[\d-]*\.pdf"$/);
      assert.match(download.headers.get('cache-control') ?? '', /no-store/);
      const pdf = Buffer.from(await download.arrayBuffer()).toString('latin1');
      assert.ok(pdf.startsWith('%PDF-1.4'));
      assert.ok(pdf.includes('exam date 2024-04-12'), 'the sheet of this checkup');

      const anonymous = await api(`/api/health/checkups/${minjiIds[1]}/document`);
      assert.equal(anonymous.status, 401);
      await anonymous.body?.cancel();
    });

    test('when a checkup came without a sheet, then there is no document link', async () => {
      const response = await api(`/api/health/checkups/${Object.values(await idsOf(junho))[0]}/document`, { token: junho.accessToken });
      assert.equal(response.status, 404);
      assert.equal(await problemCode(response), 'DOCUMENT_NOT_FOUND');
      await json(await history(junho.accessToken));
    });

    test('when another user asks for someone’s checkup, then it does not exist for them', async () => {
      const foreign = await detail(junho.accessToken, minjiIds[0]!);
      assert.equal(foreign.status, 404);
      assert.equal(await problemCode(foreign), 'CHECKUP_NOT_FOUND');
      const theirs = await json<HistoryPage>(await history(junho.accessToken));
      assert.ok(theirs.items.every((i) => !minjiIds.includes(i.id)));
      const document = await api(`/api/health/checkups/${minjiIds[0]}/document`, { token: junho.accessToken });
      assert.equal(document.status, 404);
      assert.equal(await problemCode(document), 'CHECKUP_NOT_FOUND');
      await json(await history(junho.accessToken));
    });
  });

  describe('before the profile is complete', () => {
    test('when the user has not finished onboarding, then linking is refused (409) without asking NHIS; once onboarded, the checkup is judged with their sex and age', async () => {
      const seoyeon = await signInWithIdToken(newIdentity(people.seoyeon));
      assert.equal(seoyeon.user.onboardingRequired, true);
      await grantConsents(seoyeon.accessToken);
      const who = identity('박서연', '1992-09-30');
      await registerNhisPerson(who, [checkup('2024', '0303', { waist_cm: '86.0', hemoglobin: '11.5', creatinine: '0.8', egfr: '' })]);
      const refused = await startLinkOnce(seoyeon.accessToken, who);
      assert.equal(refused.status, 409);
      assert.equal(await problemCode(refused), 'PROFILE_INCOMPLETE');
      assert.equal(await pendingApprovalFor(who.phone), undefined, 'no approval request reached the phone');
      await json(await history(seoyeon.accessToken));

      const onboarded = await api('/api/users/me', {
        method: 'PUT',
        token: seoyeon.accessToken,
        json: { name: '박서연', birthDate: '1992-09-30', sex: 'F', occupation: 'EDUCATOR' },
      });
      assert.equal(onboarded.status, 200);
      await onboarded.body?.cancel();
      const link = await linkAndImport(seoyeon.accessToken, who);
      assert.equal(link.state, 'IMPORTED');
      const judged = await json<Latest>(await latest(seoyeon.accessToken));
      assert.deepEqual(judged.person, { sex: 'F', ageAtExam: 31, missingFacts: [] });
      assert.equal(itemOf(judged, 'WAIST').grade, 'SUSPECTED_DISEASE');
      assert.equal(itemOf(judged, 'HEMOGLOBIN').grade, 'NORMAL_B');
      assert.equal(itemOf(judged, 'EGFR').computed, true);
      await api('/api/users/me', { method: 'DELETE', token: seoyeon.accessToken });
    });
  });

  describe('the internal route for the intelligence service', () => {
    test('when intelligence asks, then it gets the latest judged checkup and the profile facts, without name or phone', async () => {
      const response = await internalLatestJudged(minji.user.id);
      const text = await response.text();
      assert.equal(response.status, 200, text);
      const body = JSON.parse(text) as {
        userId: string;
        profile: { sex: string; birthDate: string; occupation: string };
        checkup: { examDate: string; items: Record<string, unknown>[]; summary: { flagged: unknown[] } };
      };
      assert.equal(body.userId, minji.user.id);
      assert.deepEqual(body.profile, { sex: 'F', birthDate: MINJI_BIRTH, occupation: 'OFFICE_WORKER' });
      assert.equal(body.checkup.examDate, '2025-03-20');
      assert.deepEqual(Object.keys(body.checkup.items[0]!).sort(), ['appliedRange', 'grade', 'item', 'name', 'unit', 'value']);
      assert.ok(Array.isArray(body.checkup.summary.flagged));
      assert.ok(!text.includes('김민지') && !text.includes(minjiNhis.phone.replace(/\D/g, '').slice(3)), 'no name or phone');
    });

    test('when a user has nothing yet, then checkup is null', async () => {
      const body = await json<{ profile: unknown; checkup: unknown }>(await internalLatestJudged('00000000-0000-4000-8000-000000000000'));
      assert.deepEqual(body, { userId: '00000000-0000-4000-8000-000000000000', profile: null, checkup: null });
    });

    test('when another service asks, then Dapr access control refuses it', async () => {
      const response = await internalLatestJudged(minji.user.id, 'goal');
      assert.equal(response.status, 403);
      await response.body?.cancel();
    });
  });

  describe('when NHIS is down', () => {
    let waiting: LinkView;

    before(async () => {
      // Started while NHIS is up; completing it is tried during the outage.
      waiting = await json<LinkView>(await startLink(minji.accessToken, minjiNhis), 201);
    });

    after(async () => {
      await nhisOutage(false);
    });

    test('when NHIS stops answering, then linking times out into a clear 503 while imported data still reads', async () => {
      await nhisOutage(true, 'hang');
      const started = Date.now();
      const response = await startLink(minji.accessToken, minjiNhis);
      assert.equal(response.status, 503);
      assert.ok(Date.now() - started < 15_000, 'answered before the gateway gives up');
      assert.ok(Number(response.headers.get('retry-after')) >= 1);
      assert.equal(await problemCode(response), 'NHIS_UNAVAILABLE');
      assert.equal((await json<HistoryPage>(await history(minji.accessToken))).total, 3);
    });

    test('when NHIS reports an outage, then linking and completing answer 503 with Retry-After; every read still works', async () => {
      await nhisOutage(true, 'error');
      const response = await startLink(minji.accessToken, minjiNhis);
      assert.equal(response.status, 503);
      assert.match(response.headers.get('retry-after') ?? '', /^\d+$/);
      assert.equal(await problemCode(response), 'NHIS_UNAVAILABLE');

      assert.equal((await json<HistoryPage>(await history(minji.accessToken))).total, 3);
      const completing = await completeLink(minji.accessToken, waiting.id);
      assert.equal(completing.status, 503);
      await completing.body?.cancel();
      assert.equal((await json<LinkView>(await linkState(minji.accessToken, waiting.id))).state, 'PENDING_APPROVAL', 'the link survives');
      assert.equal((await json<Latest>(await latest(minji.accessToken))).examDate, '2025-03-20');
      await json(await detail(minji.accessToken, minjiIds[0]!));
      await json(await api('/api/health/trends', { token: minji.accessToken }));
      const document = await api(`/api/health/checkups/${minjiIds[0]}/document`, { token: minji.accessToken });
      assert.equal(document.status, 200, 'stored documents stay available while NHIS is down');
      await document.body?.cancel();
    });

    test('when NHIS is back, then linking works again and the waiting link completes', async () => {
      await nhisOutage(false);
      const deadline = Date.now() + 60_000;
      let started: Response;
      for (;;) {
        started = await startLink(minji.accessToken, identity('김민지', MINJI_BIRTH));
        if (started.status === 201 || Date.now() > deadline) break;
        await started.body?.cancel();
        await json(await history(minji.accessToken));
        await sleep(2_000);
      }
      assert.equal(started.status, 201);
      await started.body?.cancel();
      assert.equal(await answerOnPhone(minjiNhis.phone, 'approve'), 200);
      const done = await json<LinkView>(await completeLink(minji.accessToken, waiting.id));
      assert.equal(done.state, 'IMPORTED');
    });
  });

  describe('deleting the account', () => {
    test('when the user deletes their account, then their checkups, links and stored files are erased', async () => {
      const before = await api(`/api/health/checkups/${minjiIds[0]}/document`, { token: minji.accessToken });
      assert.equal(before.status, 200);
      await before.body?.cancel();
      const blobs = BlobServiceClient.fromConnectionString(secrets['blob-connection-string']!).getContainerClient('checkups');
      const storedFiles = async () => {
        let count = 0;
        for await (const _ of blobs.listBlobsFlat({ prefix: `users/${minji.user.id}/` })) count += 1;
        return count;
      };
      assert.ok((await storedFiles()) > 0, 'the user has stored files');
      const deleted = await api('/api/users/me', { method: 'DELETE', token: minji.accessToken });
      assert.equal(deleted.status, 204);

      await eventually('the health data to be erased', async () => {
        const body = await json<{ profile: unknown; checkup: unknown }>(await internalLatestJudged(minji.user.id));
        return body.profile === null && body.checkup === null;
      });
      const counts = await healthDb().query<{ checkups: string; links: string; rows: string; profiles: string }>(
        `select (select count(*) from checkups where user_id = $1) as checkups,
                (select count(*) from nhis_links where user_id = $1) as links,
                (select count(*) from nhis_reference_rows where user_id = $1) as rows,
                (select count(*) from profiles where user_id = $1) as profiles`,
        [minji.user.id],
      );
      assert.deepEqual(counts.rows[0], { checkups: '0', links: '0', rows: '0', profiles: '0' });
      await eventually('the blobs to be deleted', async () => (await storedFiles()) === 0);
    });
  });

  describe('the approval window', () => {
    test('when nobody approves within about three minutes, then approving is refused and the link is EXPIRED', async () => {
      const approval = await pendingApprovalFor(unanswered.who.phone);
      assert.ok(approval, 'still waiting on the phone');
      assert.ok(approval.secondsLeft > 0 && approval.secondsLeft <= 180, 'the window is the aggregator’s, about 180 s');
      // The stand-in's test clock moves past the window instead of the test waiting it out.
      await nhisClock(approval.secondsLeft + 2);
      try {
        assert.equal(await pendingApprovalFor(unanswered.who.phone), undefined, 'no longer on the phone');
        assert.equal(await answerOnPhone(unanswered.who.phone, 'approve', unanswered.jti), 409, 'too late to approve');

        const completed = await json<LinkView>(await completeLink(junho.accessToken, unanswered.link.id));
        assert.equal(completed.state, 'EXPIRED');
        assert.equal(completed.reason, 'APPROVAL_WINDOW_PASSED');
        assert.equal((await json<LinkView>(await linkState(junho.accessToken, unanswered.link.id))).state, 'EXPIRED');
      } finally {
        await nhisClock(0);
      }
    });
  });
});

async function idsOf(user: SignedIn): Promise<Record<string, string>> {
  const page = await json<HistoryPage>(await history(user.accessToken));
  return Object.fromEntries(page.items.map((i) => [String(i.examYear), i.id]));
}
