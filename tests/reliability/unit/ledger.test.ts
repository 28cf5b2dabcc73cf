import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Additions, FindingsBook, judgeCopy, judgeCount, outcomeOf, Register, SeededMission, tally } from '../ledger.js';

describe('what the clients were told', () => {
  test('a 2xx is acknowledged, a 4xx refused, anything else (5xx, no answer) unknown', () => {
    assert.deepEqual([200, 201, 204, 400, 404, 429, 500, 502, 503, 504, 0].map(outcomeOf), [
      'acked',
      'acked',
      'acked',
      'refused',
      'refused',
      'refused',
      'unknown',
      'unknown',
      'unknown',
      'unknown',
      'unknown',
    ]);
  });
});

describe('a value the last write wins', () => {
  test('the last acknowledged value must be shown', () => {
    const profile = new Register('a');
    profile.record('b', 'acked');
    profile.record('c', 'refused');
    assert.equal(profile.judge('b'), 'ok');
    assert.equal(profile.judge('a'), 'lost', 'an older value: the acknowledged write was lost');
    assert.equal(profile.judge('c'), 'lost', 'a refused value over an acknowledged one');
  });

  test('after an unknown outcome either value may be shown, until the next acknowledgement', () => {
    const prefs = new Register('a');
    prefs.record('b', 'acked');
    prefs.record('c', 'unknown');
    assert.deepEqual(prefs.candidates(), ['b', 'c']);
    assert.equal(prefs.certain(), false);
    assert.equal(prefs.judge('c'), 'ok');
    assert.equal(prefs.judge('b'), 'ok');
    prefs.record('d', 'acked');
    assert.equal(prefs.judge('c'), 'lost');
    assert.equal(prefs.certain(), true);
  });

  test('settling takes what is shown as known; an unknown write not shown may still land, until the next acknowledgement', () => {
    const value = new Register('a');
    value.record('b', 'unknown');
    value.record('c', 'unknown');
    value.settle('b');
    assert.deepEqual(value.candidates(), ['b', 'c']);
    assert.equal(value.judge('c'), 'ok');
    value.record('d', 'acked');
    assert.equal(value.judge('c'), 'lost');
  });
});

describe('writes that add something', () => {
  test('acknowledged: exactly once; unknown: at most once; refused: never; twice is a duplicate', () => {
    const chat = new Additions();
    chat.record('m1', 'acked');
    chat.record('m2', 'acked');
    chat.record('m3', 'unknown');
    chat.record('m4', 'unknown');
    chat.record('m5', 'refused');
    chat.record('m6', 'refused');
    const findings = chat.judge(
      'chat message',
      new Map([
        ['m1', 1],
        ['m2', 0],
        ['m3', 1],
        ['m4', 2],
        ['m5', 1],
        ['other', 5],
      ]),
    );
    assert.deepEqual(
      findings.map((f) => `${f.verdict} ${f.detail.split(':')[0]}`),
      ['lost m2', 'duplicated m4', 'unexpected m5'],
    );
  });

  test('an unknown outcome that shows up is taken as done; one that does not may still land later', () => {
    const imports = new Additions();
    imports.record('2024-01-15', 'unknown');
    imports.record('2025-01-15', 'unknown');
    imports.judge('import', new Map([['2024-01-15', 1]]));
    assert.deepEqual(imports.acked(), ['2024-01-15']);
    // The request the client gave up on finished after the read-back: fine.
    assert.deepEqual(
      imports.judge(
        'import',
        new Map([
          ['2024-01-15', 1],
          ['2025-01-15', 1],
        ]),
      ),
      [],
    );
    // Gone afterwards: now a loss.
    assert.deepEqual(
      imports.judge('import', new Map([['2025-01-15', 1]])).map((f) => `${f.verdict} ${f.detail.split(':')[0]}`),
      ['lost 2024-01-15'],
    );
  });
});

describe('a mission with a two-day streak', () => {
  test('checked off today: streak 3 and exactly one 3-day celebration', () => {
    const mission = new SeededMission('m');
    mission.record(true, 'acked');
    assert.deepEqual(mission.judge({ doneToday: true, currentStreak: 3, celebrations: 1 }), []);
  });

  test('undone after a check-off: streak 2, the celebration stays', () => {
    const mission = new SeededMission('m');
    mission.record(true, 'acked');
    mission.record(false, 'acked');
    assert.deepEqual(mission.judge({ doneToday: false, currentStreak: 2, celebrations: 1 }), []);
    assert.deepEqual(
      mission.judge({ doneToday: false, currentStreak: 2, celebrations: 0 }).map((f) => f.verdict),
      ['lost'],
    );
  });

  test('a lost check-off, a doubled celebration, a streak counted twice', () => {
    const mission = new SeededMission('m');
    mission.record(true, 'acked');
    const verdicts = mission.judge({ doneToday: false, currentStreak: 4, celebrations: 2 }).map((f) => `${f.verdict} ${f.what}`);
    assert.deepEqual(verdicts, ['lost check-off m', 'duplicated streak m', 'duplicated celebration m']);
  });

  test('a celebration without any check-off today is unexpected; after an unknown check-off it may be there', () => {
    const never = new SeededMission('m');
    assert.deepEqual(
      never.judge({ doneToday: false, currentStreak: 2, celebrations: 1 }).map((f) => f.verdict),
      ['unexpected'],
    );
    const maybe = new SeededMission('m');
    maybe.record(true, 'unknown');
    maybe.record(false, 'acked');
    assert.deepEqual(maybe.judge({ doneToday: false, currentStreak: 2, celebrations: 1 }), []);
    assert.deepEqual(maybe.judge({ doneToday: false, currentStreak: 2, celebrations: 0 }), []);
  });
});

describe('views fed by events', () => {
  test('fewer than the owner is lost, more is duplicated, none is fine when the owner has nothing', () => {
    assert.deepEqual(judgeCount('x', 2, 2), []);
    assert.equal(judgeCount('x', 2, 1)[0]?.verdict, 'lost');
    assert.equal(judgeCount('x', 2, 3)[0]?.verdict, 'duplicated');
    assert.equal(judgeCount('x', 2, undefined)[0]?.verdict, 'lost');
    assert.deepEqual(judgeCount('x', 0, undefined), []);
  });

  test('a stale copy is lost', () => {
    assert.deepEqual(judgeCopy('x', 'DRIVER', 'DRIVER'), []);
    assert.equal(judgeCopy('x', 'DRIVER', 'RETIRED')[0]?.verdict, 'lost');
    assert.equal(judgeCopy('x', 'DRIVER', undefined)[0]?.verdict, 'lost');
  });
});

test('a finding is counted once, after the fault where it was first seen', () => {
  const book = new FindingsBook();
  const lost = { verdict: 'lost' as const, what: 'profile', detail: 'u1' };
  assert.equal(book.fresh([lost]).length, 1);
  assert.equal(book.fresh([lost, { ...lost, detail: 'u2' }]).length, 1);
  assert.deepEqual(tally(book.all), { lost: 2, duplicated: 0, unexpected: 0 });
});
