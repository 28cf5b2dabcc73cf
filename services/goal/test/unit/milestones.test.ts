import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { acceptableCelebration, celebrationDue, fallbackCelebration, milestoneCrossed, MILESTONES } from '../../src/domain/milestones.js';
import { buildLedger, missionCurrentRun, withCheckOff, type Ledger } from '../../src/domain/progress.js';

const run = (length: number, start: string, end: string) => ({ length, start, end });

describe('streak milestones', () => {
  test('when a streak grows onto 3, 7, 21 or 66 days, then that milestone is reached; in between none is', () => {
    assert.equal(milestoneCrossed(2, 3), 3);
    assert.equal(milestoneCrossed(6, 7), 7);
    assert.equal(milestoneCrossed(20, 21), 21);
    assert.equal(milestoneCrossed(65, 66), 66);
    for (const [before, after] of [
      [0, 1],
      [1, 2],
      [3, 4],
      [7, 8],
      [66, 67],
      [3, 3],
      [4, 2],
    ]) {
      assert.equal(milestoneCrossed(before!, after!), null, `${before} → ${after}`);
    }
  });

  test('when a late check-off for yesterday joins two runs and jumps past a milestone, then the largest one passed is celebrated', () => {
    assert.equal(milestoneCrossed(2, 8), 7);
    assert.equal(milestoneCrossed(1, 4), 3);
  });

  test('when the milestones are listed, then they are 3, 7, 21 and 66 days', () => {
    assert.deepEqual([...MILESTONES], [3, 7, 21, 66]);
  });
});

describe('celebrating once per run', () => {
  /** A mission checked off on the given days; the streak is read as of `today`. */
  const ledger = (days: string[]): Ledger => buildLedger([{ missionId: 'walk', spans: [{ from: '2026-11-01', until: null }], completedOn: days }]);
  const runOf = (l: Ledger, today: string) => missionCurrentRun(l.missions[0]!, today);

  test('when the third day in a row is checked off, then 3 days is celebrated', () => {
    const before = ledger(['2026-11-22', '2026-11-23']);
    const after = withCheckOff(before, 'walk', '2026-11-24', true);
    assert.equal(celebrationDue(runOf(before, '2026-11-24'), runOf(after, '2026-11-24'), []), 3);
  });

  test('when today is undone and checked off again, then the milestone already celebrated in this run is not celebrated again', () => {
    const before = ledger(['2026-11-22', '2026-11-23']);
    const after = withCheckOff(before, 'walk', '2026-11-24', true);
    const past = [{ milestone: 3, streakEndedOn: '2026-11-24' }];
    assert.equal(celebrationDue(runOf(before, '2026-11-24'), runOf(after, '2026-11-24'), past), null);
  });

  test('when the first day of a celebrated run is undone and the run grows back to 3, then it is not celebrated twice', () => {
    // 22–24 was celebrated; 22 is undone (run 23–24), then 25 is checked off (run 23–25, 3 days).
    const shortened = withCheckOff(ledger(['2026-11-22', '2026-11-23', '2026-11-24']), 'walk', '2026-11-22', false);
    const after = withCheckOff(shortened, 'walk', '2026-11-25', true);
    const past = [{ milestone: 3, streakEndedOn: '2026-11-24' }];
    assert.deepEqual(runOf(after, '2026-11-25'), run(3, '2026-11-23', '2026-11-25'));
    assert.equal(celebrationDue(runOf(shortened, '2026-11-25'), runOf(after, '2026-11-25'), past), null);
  });

  test('when a new run starts after a real gap, then its milestones are celebrated again', () => {
    const past = [{ milestone: 3, streakEndedOn: '2026-11-10' }];
    assert.equal(celebrationDue(run(2, '2026-11-22', '2026-11-23'), run(3, '2026-11-22', '2026-11-24'), past), 3);
  });

  test('when a different milestone was celebrated in this run, then the next one is still celebrated', () => {
    const past = [{ milestone: 3, streakEndedOn: '2026-11-24' }];
    assert.equal(celebrationDue(run(6, '2026-11-22', '2026-11-27'), run(7, '2026-11-22', '2026-11-28'), past), 7);
  });

  test('when a check-off does not lengthen the run onto a milestone, then nothing is celebrated', () => {
    assert.equal(celebrationDue(run(3, '2026-11-22', '2026-11-24'), run(4, '2026-11-22', '2026-11-25'), []), null);
    assert.equal(celebrationDue(null, run(1, '2026-11-24', '2026-11-24'), []), null);
    assert.equal(celebrationDue(run(3, '2026-11-22', '2026-11-24'), null, []), null);
  });
});

describe('celebration texts', () => {
  test('when the AI cannot write one, then the fallback names the mission and the milestone in Korean', () => {
    const text = fallbackCelebration(7, '점심시간 15분 산책');
    assert.match(text, /점심시간 15분 산책/);
    assert.match(text, /7일 연속/);
  });

  test('when a mission title is very long, then the fallback is shortened to at most 100 characters', () => {
    for (const milestone of MILESTONES) {
      const text = fallbackCelebration(milestone, '아주 긴 미션 제목 '.repeat(30));
      assert.ok([...text].length <= 100, `${milestone}: ${[...text].length}`);
      assert.match(text, new RegExp(`${milestone}일 연속`));
      assert.match(text, /…/);
    }
  });

  test('when the AI answers empty, too long or not text, then its answer is not acceptable', () => {
    assert.equal(acceptableCelebration('🎉 3일 연속! 멋져요'), true);
    assert.equal(acceptableCelebration('가'.repeat(100)), true);
    assert.equal(acceptableCelebration('가'.repeat(101)), false);
    assert.equal(acceptableCelebration('   '), false);
    assert.equal(acceptableCelebration(undefined), false);
  });
});
