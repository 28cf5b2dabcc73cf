import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { canonicalFields } from '../src/domain/checkup-record.js';
import { boneDensityDue, generatePerson, lipidPanelDue } from '../src/domain/synthetic.js';
import type { RunningStandin } from '../src/server.js';
import { fetchResults, firstStep, getToken, startStandin } from './helpers.js';

const fixed = { userName: '김결정', identity: '19680704', phoneNo: '01055501234' };

describe('synthetic people over HTTP', () => {
  let standin: RunningStandin;
  let token: string;
  before(async () => {
    standin = await startStandin();
    token = await getToken(standin.url);
  });
  after(() => standin.stop());

  test('when the same identity asks twice, then it gets exactly the same checkups', async () => {
    const a = await fetchResults(standin.url, token, firstStep(fixed, { inquiryType: '3' }));
    const b = await fetchResults(standin.url, token, firstStep(fixed, { inquiryType: '3' }));
    assert.deepEqual(a.data, b.data);
  });

  test('when the identity differs only in the phone number, then the history differs', async () => {
    const a = await fetchResults(standin.url, token, firstStep(fixed));
    const b = await fetchResults(standin.url, token, firstStep({ ...fixed, phoneNo: '01055501235' }));
    assert.notDeepEqual(a.data.resPreviewList, b.data.resPreviewList);
  });

  test('when a search window is given, then only checkups of those years come back', async () => {
    const all = (await fetchResults(standin.url, token, firstStep(fixed))).data.resPreviewList as { resCheckupYear: string }[];
    const years = all.map((r) => r.resCheckupYear);
    const latest = years[0]!;
    const windowed = await fetchResults(standin.url, token, firstStep(fixed, { searchStartYear: latest, searchEndYear: latest }));
    assert.deepEqual(
      (windowed.data.resPreviewList as { resCheckupYear: string }[]).map((r) => r.resCheckupYear),
      [latest],
    );
  });
});

describe('synthetic people generator', () => {
  const people = Array.from({ length: 400 }, (_, i) => ({
    name: `가상${i}`,
    birthDate: `${1945 + (i % 60)}${String(1 + (i % 12)).padStart(2, '0')}15`,
    phone: `0109${String(i).padStart(7, '0')}`,
  }));

  test('when many identities are generated, then each has 1–10 checkups with every canonical field plausible', () => {
    const seen = new Map<string, number>();
    for (const id of people) {
      const person = generatePerson(id);
      assert.ok(person.checkups.length >= 1 && person.checkups.length <= 10);
      const birthYear = Number(id.birthDate.slice(0, 4));
      for (const c of person.checkups) {
        const age = Number(c.year) - birthYear;
        for (const f of canonicalFields) {
          assert.equal(typeof c[f], 'string');
          if (c[f] !== '') seen.set(f, (seen.get(f) ?? 0) + 1);
        }
        assert.equal(c.examDate.slice(0, 4), c.year);
        // Items that only some people get in some years are blank otherwise.
        assert.equal(c.total_chol !== '', lipidPanelDue(Number(c.year), age, person.sex!));
        assert.equal(c.osteoporosis !== '', boneDensityDue(age, person.sex!));
      }
    }
    for (const f of canonicalFields) assert.ok((seen.get(f) ?? 0) > 0, `${f} is filled for someone`);
  });

  test('when many identities are generated, then some values are borderline and some disease-suspected', () => {
    const grades = new Map<string, number>();
    for (const id of people) for (const c of generatePerson(id).checkups) grades.set(c.overall_grade, (grades.get(c.overall_grade) ?? 0) + 1);
    for (const g of ['정A', '정B', '의심', '고∙당']) assert.ok((grades.get(g) ?? 0) > 0, `some checkups are ${g}`);
  });

  test('when the same identity is generated twice, then the result is identical', () => {
    assert.deepEqual(generatePerson(people[7]!), generatePerson(people[7]!));
  });
});
