import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { PROBLEM_DETAILS_KO, PROBLEM_TITLES_KO, problem } from '@healthsync/shared';
import { localiseProblem, preferredLanguage } from '../../src/domain/language.js';

describe('the language of problem details', () => {
  test('Korean unless English is preferred; q-values decide; unknown languages are ignored', () => {
    assert.equal(preferredLanguage(undefined), 'ko');
    assert.equal(preferredLanguage(''), 'ko');
    assert.equal(preferredLanguage('ko-KR,ko;q=0.9,en-US;q=0.8'), 'ko');
    assert.equal(preferredLanguage('en-US,en;q=0.9'), 'en');
    assert.equal(preferredLanguage('en;q=0.5, ko;q=0.4'), 'en');
    assert.equal(preferredLanguage('fr-FR, en;q=0.3'), 'en');
    assert.equal(preferredLanguage('fr-FR, de'), 'ko');
    assert.equal(preferredLanguage('en;q=0, ko;q=0.1'), 'ko', 'q=0 means not acceptable');
    assert.equal(preferredLanguage('en;q=abc'), 'ko');
  });

  test('Korean words replace title and detail; the code, status and every other field stay', () => {
    const english = problem(409, 'NO_ACTIVE_MISSIONS', 'You have no active missions to reset.', { traceId: 't' });
    const korean = localiseProblem(english, 'ko');
    assert.deepEqual(korean, { ...english, title: '충돌', detail: '초기화할 진행 중인 미션이 없습니다.' });
    assert.equal(localiseProblem(english, 'en'), english);
  });

  test('every code the API document names, and every status, has Korean words', () => {
    const document = JSON.parse(readFileSync(new URL('../../../../../clients/api/openapi.json', import.meta.url), 'utf8')) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { examples?: Record<string, unknown> }> }> }>>;
    };
    const missing = new Set<string>();
    const statuses = new Set<number>();
    for (const operations of Object.values(document.paths)) {
      for (const operation of Object.values(operations)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          const examples = response.content?.['application/problem+json']?.examples ?? {};
          if (Object.keys(examples).length > 0) statuses.add(Number(status));
          for (const code of Object.keys(examples)) if (!PROBLEM_DETAILS_KO[code]) missing.add(code);
        }
      }
    }
    assert.deepEqual([...missing], [], 'codes without Korean words');
    assert.deepEqual(
      [...statuses].filter((s) => !PROBLEM_TITLES_KO[s]),
      [],
    );
    assert.ok(statuses.size >= 10);
  });
});
