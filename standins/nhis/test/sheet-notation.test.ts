import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { canonicalFields, type CheckupRecord } from '../src/domain/checkup-record.js';
import { gradeItems, overallGrade } from '../src/domain/judging.js';
import { generatePerson, sheetStyleOf } from '../src/domain/synthetic.js';
import type { RunningStandin } from '../src/server.js';
import { control, fetchResults, firstStep, getToken, startStandin, uniquePerson } from './helpers.js';

/**
 * Some synthetic people get sheets printed the way many Korean clinics print them: units with CJK
 * compatibility characters, eGFR above 90 as ">90" and γ-GTP below 5 as "<5". The app's tests rely on it.
 */
const people = Array.from({ length: 400 }, (_, i) => ({
  name: `표기${i}`,
  birthDate: `${1950 + (i % 50)}${String(1 + (i % 12)).padStart(2, '0')}10`,
  phone: `0108${String(i).padStart(7, '0')}`,
}));

/** The synthetic person the end-to-end sheet test links (men, 44 in 2025, see tests/e2e/checkup-sheet.test.ts). */
const SHEET_PERSON = { name: '정시트', birthDate: '19810415', phone: '01077000021' } as const;

describe('synthetic sheets in the notation Korean clinics print', () => {
  test('when many people are generated, then about a third print CJK units and only they print censored results', () => {
    let cjk = 0;
    let aboveNinety = 0;
    let belowFive = 0;
    for (const id of people) {
      const person = generatePerson(id);
      const style = sheetStyleOf(id);
      assert.equal(person.unitStyle, style.cjk ? 'cjk' : 'codef');
      if (style.cjk) cjk += 1;
      for (const c of person.checkups) {
        if (c.egfr === '>90') aboveNinety += 1;
        if (c.ggt === '<5') belowFive += 1;
        if (!style.cjk) assert.match(`${c.egfr}|${c.ggt}`, /^\d+\|\d+$/, 'a codef-style sheet prints plain numbers');
        if (style.cjk) assert.ok(c.egfr === '>90' || Number(c.egfr) <= 90, `a CJK sheet prints eGFR above 90 as >90, got ${c.egfr}`);
      }
    }
    assert.ok(cjk > 80 && cjk < 200, `${cjk} of 400 print CJK units`);
    assert.ok(aboveNinety > 0, 'someone’s eGFR is printed >90');
    assert.ok(belowFive > 0, 'someone’s γ-GTP is printed <5');
  });

  test('when a censored result is graded for the overall judgement, then >90 eGFR is A and <5 γ-GTP is not classified', () => {
    const blank = Object.fromEntries(canonicalFields.map((f) => [f, ''])) as unknown as CheckupRecord;
    const items = gradeItems({ ...blank, egfr: '>90', ggt: '<5' }, 'F');
    assert.deepEqual(items, [
      { item: '간장질환(감마지티피)', grade: 'NC' },
      { item: '신장질환(e-GFR)', grade: 'A' },
    ]);
    assert.equal(overallGrade(items), '정A');
  });

  test('when the end-to-end sheet person is generated, then the latest sheet has CJK units, >90, <5 and a haemoglobin above the graded range', () => {
    const person = generatePerson(SHEET_PERSON);
    const latest = person.checkups[person.checkups.length - 1]!;
    assert.equal(person.sex, 'M');
    assert.equal(person.unitStyle, 'cjk');
    assert.deepEqual(
      [latest.year, latest.egfr, latest.ggt, latest.hemoglobin, latest.osteoporosis, latest.overall_grade],
      ['2025', '>90', '<5', '16.6', '', '의심'],
    );
  });

  describe('over HTTP', () => {
    let standin: RunningStandin;
    let token: string;
    before(async () => {
      standin = await startStandin();
      token = await getToken(standin.url);
    });
    after(() => standin.stop());

    test('when a CJK-style person asks, then the unit row prints ㎎/㎗, g/㎗, ㎝, ㎏, kg/㎡ and the grade rows are unchanged', async () => {
      const { data } = await fetchResults(
        standin.url,
        token,
        firstStep({ userName: SHEET_PERSON.name, identity: SHEET_PERSON.birthDate, phoneNo: SHEET_PERSON.phone }),
      );
      const rows = data.resReferenceList as Record<string, string>[];
      const units = rows.find((r) => r.resType === '단위')!;
      assert.deepEqual(
        [units.resFastingBloodSuger, units.resHemoglobin, units.resHeight, units.resWeight, units.resBMI, units.resGFR],
        ['㎎/㎗', 'g/㎗', '㎝', '㎏', 'kg/㎡', '㎖/min/1.73㎡'],
      );
      assert.equal(rows.find((r) => r.resType === '정상(A)')?.resBMI, '18.5~24.9');
      const latest = (data.resPreviewList as Record<string, string>[])[0]!;
      assert.deepEqual([latest.resGFR, latest.resyGPT], ['>90', '<5']);
    });

    test('when a registered person asks for CJK units, then the unit row uses them and censored values print verbatim', async () => {
      const person = uniquePerson('19700101');
      const reg = await control(standin.url, '/_control/people', {
        name: person.userName,
        birthDate: person.identity,
        phone: person.phoneNo,
        unitStyle: 'cjk',
        checkups: [{ year: '2025', examDate: '20250505', egfr: '≥60', ggt: '<5', fasting_glucose: '131' }],
      });
      assert.equal(reg.status, 201);
      const { data } = await fetchResults(standin.url, token, firstStep(person));
      const units = (data.resReferenceList as Record<string, string>[]).find((r) => r.resType === '단위')!;
      assert.equal(units.resFastingBloodSuger, '㎎/㎗');
      const latest = (data.resPreviewList as Record<string, string>[])[0]!;
      assert.deepEqual([latest.resGFR, latest.resyGPT, latest.resJudgement], ['≥60', '<5', '고∙당']);
    });

    test('when a registration names an unknown unit style, then it is refused', async () => {
      const person = uniquePerson();
      const reg = await control(standin.url, '/_control/people', {
        name: person.userName,
        birthDate: person.identity,
        phone: person.phoneNo,
        unitStyle: 'emoji',
        checkups: [],
      });
      assert.equal(reg.status, 400);
    });
  });
});
