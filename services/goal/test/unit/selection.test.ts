import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { duplicateIds, resolveSelection, sameMissions, type CatalogueMission, type RecommendationSet } from '../../src/domain/missions.js';
import { catalogueSuggestions, suggestionsAfterReset } from '../../src/domain/reset.js';
import { editableDayProblem, resolvePeriod } from '../../src/domain/rules.js';
import { buildMission } from './builders.js';

function catalogueMission(id: string, overrides: Partial<CatalogueMission> = {}): CatalogueMission {
  return { id, title: `제목 ${id}`, description: '설명', category: 'exercise', difficulty: 'easy', minutes: 10, benefit: '효과', ...overrides };
}

const catalogue = new Map([catalogueMission('cat-walk'), catalogueMission('cat-water', { category: 'diet' })].map((m) => [m.id, m]));
const recommendations: RecommendationSet = {
  recommendationSetId: 'rs-1',
  missions: [
    {
      id: 'ai-1',
      title: 'AI 미션',
      description: '설명',
      category: 'sleep',
      difficulty: 'medium',
      minutes: 20,
      benefit: '효과',
      occupationFit: '사무직',
      targetItems: ['bmi'],
    },
  ],
};

describe('choosing missions', () => {
  test('when ids come from the catalogue and the recommendations, then both resolve, in the chosen order, with their source', () => {
    const result = resolveSelection(['ai-1', 'cat-walk'], { active: [], catalogue, recommendations });
    assert.equal(result.kind, 'resolved');
    if (result.kind !== 'resolved') return;
    assert.deepEqual(
      result.missions.map((m) => [m.missionId, m.source, m.recommendationSetId]),
      [
        ['ai-1', 'RECOMMENDATION', 'rs-1'],
        ['cat-walk', 'CATALOGUE', null],
      ],
    );
    assert.equal(result.missions[0]!.category, 'sleep');
  });

  test('when some ids are in neither, then exactly those are named', () => {
    assert.deepEqual(resolveSelection(['cat-walk', 'nope', 'ai-1', 'ai-2'], { active: [], catalogue, recommendations }), {
      kind: 'unknown',
      unknownIds: ['nope', 'ai-2'],
    });
  });

  test('when the user has no recommendations, then only catalogue ids are known', () => {
    assert.deepEqual(resolveSelection(['ai-1'], { active: [], catalogue, recommendations: null }), { kind: 'unknown', unknownIds: ['ai-1'] });
  });

  test('when the user keeps an AI mission that is no longer recommended, then it stays choosable with the snapshot they chose', () => {
    const kept = buildMission('ai-old', { title: '예전 AI 미션', source: 'RECOMMENDATION', recommendationSetId: 'rs-0' });
    const result = resolveSelection(['ai-old', 'ai-1'], { active: [kept], catalogue, recommendations });
    assert.equal(result.kind, 'resolved');
    if (result.kind !== 'resolved') return;
    assert.deepEqual(result.missions[0], kept);
    assert.deepEqual([result.missions[1]!.missionId, result.missions[1]!.recommendationSetId], ['ai-1', 'rs-1']);
    assert.deepEqual(
      resolveSelection(['ai-old'], { active: [], catalogue, recommendations }),
      { kind: 'unknown', unknownIds: ['ai-old'] },
      'once dropped, it is gone',
    );
  });

  test('when an id is repeated, then it is named once', () => {
    assert.deepEqual(duplicateIds(['a', 'b', 'a', 'c', 'b', 'a']), ['a', 'b']);
    assert.deepEqual(duplicateIds(['a', 'b']), []);
  });

  test('when the same missions are chosen again in another order, then it is the same choice', () => {
    assert.equal(sameMissions(['a', 'b'], ['b', 'a']), true);
    assert.equal(sameMissions(['a', 'b'], ['a']), false);
    assert.equal(sameMissions(['a', 'b'], ['a', 'c']), false);
  });
});

describe('which days can be changed', () => {
  test('when the day is today or yesterday, then it can be changed', () => {
    assert.equal(editableDayProblem('2026-11-24', '2026-11-24'), null);
    assert.equal(editableDayProblem('2026-11-23', '2026-11-24'), null);
    assert.equal(editableDayProblem('2026-12-31', '2027-01-01'), null, 'yesterday across the year end');
  });

  test('when the day is in the future or before yesterday, then it is refused with the reason', () => {
    assert.match(editableDayProblem('2026-11-25', '2026-11-24') ?? '', /future/);
    assert.match(editableDayProblem('2027-11-24', '2026-11-24') ?? '', /future/);
    assert.match(editableDayProblem('2026-11-22', '2026-11-24') ?? '', /too long ago/);
  });
});

describe('progress periods', () => {
  test('when no period is given, then it is the 30 days ending today', () => {
    assert.deepEqual(resolvePeriod({}, '2026-11-24'), { ok: true, from: '2026-10-26', to: '2026-11-24' });
  });

  test('when the period reaches past today, then it ends today', () => {
    assert.deepEqual(resolvePeriod({ from: '2026-11-01', to: '2026-11-30' }, '2026-11-24'), { ok: true, from: '2026-11-01', to: '2026-11-24' });
  });

  test('when from is after to or after today, or the period is over 366 days, then it is refused naming the field', () => {
    assert.deepEqual(resolvePeriod({ from: '2026-11-20', to: '2026-11-10' }, '2026-11-24'), { ok: false, field: 'from', message: 'from must not be after to' });
    assert.equal(resolvePeriod({ from: '2026-11-25' }, '2026-11-24').ok, false);
    assert.equal(resolvePeriod({ from: '2025-11-23', to: '2026-11-24' }, '2026-11-24').ok, false);
    assert.equal(resolvePeriod({ from: '2025-11-24', to: '2026-11-24' }, '2026-11-24').ok, true, 'exactly 366 days');
  });
});

describe('suggestions after a reset', () => {
  const all: CatalogueMission[] = [
    catalogueMission('ex-easy', { category: 'exercise', difficulty: 'easy', minutes: 15 }),
    catalogueMission('ex-hard', { category: 'exercise', difficulty: 'hard', minutes: 30 }),
    catalogueMission('ex-medium', { category: 'exercise', difficulty: 'medium', minutes: 20 }),
    catalogueMission('di-easy', { category: 'diet', difficulty: 'easy', minutes: 5 }),
    catalogueMission('di-hard', { category: 'diet', difficulty: 'hard', minutes: 5 }),
    catalogueMission('sl-easy', { category: 'sleep', difficulty: 'easy', minutes: 30 }),
    catalogueMission('st-medium', { category: 'stress', difficulty: 'medium', minutes: 10 }),
    catalogueMission('li-easy', { category: 'lifestyle', difficulty: 'easy', minutes: 2 }),
  ];

  test('when missions were too hard, then no hard mission and none just ended is suggested, one per category first', () => {
    const ids = catalogueSuggestions(all, 'TOO_HARD', ['ex-easy']).map((m) => m.id);
    assert.deepEqual(ids, ['ex-medium', 'di-easy', 'sl-easy', 'st-medium', 'li-easy']);
  });

  test('when missions were too easy, then no easy mission is suggested and harder ones come first', () => {
    const ids = catalogueSuggestions(all, 'TOO_EASY', []).map((m) => m.id);
    assert.deepEqual(ids, ['ex-hard', 'di-hard', 'st-medium', 'ex-medium']);
  });

  test('when the user has AI recommendations, then they come first, minus the ended missions, and the catalogue fills up', () => {
    const suggestions = suggestionsAfterReset(recommendations, all, 'NOT_RELEVANT', ['cat-walk']);
    assert.equal(suggestions.length, 5);
    assert.deepEqual(suggestions[0], {
      id: 'ai-1',
      title: 'AI 미션',
      description: '설명',
      category: 'sleep',
      difficulty: 'medium',
      minutes: 20,
      benefit: '효과',
      source: 'RECOMMENDATION',
    });
    assert.ok(suggestions.slice(1).every((s) => s.source === 'CATALOGUE'));
    const ended = suggestionsAfterReset(recommendations, all, 'NOT_RELEVANT', ['ai-1']);
    assert.ok(ended.every((s) => s.id !== 'ai-1' && s.source === 'CATALOGUE'));
  });

  test('when there are no recommendations, then the suggestions are all from the catalogue', () => {
    const suggestions = suggestionsAfterReset(null, all, 'OTHER', []);
    assert.equal(suggestions.length, 5);
    assert.equal(new Set(suggestions.map((s) => s.category)).size, 5, 'one of each category');
  });
});
