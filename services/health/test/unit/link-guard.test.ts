import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { attemptDecision, checkOwnIdentity, comparableName } from '../../src/domain/index.js';

const minji = { name: '김민지', birthDate: '1988-04-12' };

describe('linking only one’s own NHIS records', () => {
  test('when the name and birth date are those of the profile, then the link is the owner’s', () => {
    assert.deepEqual(checkOwnIdentity({ name: '김민지', birthDate: '1988-04-12' }, minji), { kind: 'OWN' });
  });

  test('when the name differs only in spacing, width, composition or Latin case, then it is the same name', () => {
    assert.deepEqual(checkOwnIdentity({ name: ' 김 민지 ', birthDate: '1988-04-12' }, minji), { kind: 'OWN' });
    // Hangul typed as separate jamo (NFD) is the same syllables once normalised.
    assert.deepEqual(checkOwnIdentity({ name: '김민지'.normalize('NFD'), birthDate: '1988-04-12' }, minji), { kind: 'OWN' });
    assert.deepEqual(checkOwnIdentity({ name: 'john smith', birthDate: '1970-01-02' }, { name: 'JOHN  SMITH', birthDate: '1970-01-02' }), { kind: 'OWN' });
    assert.equal(comparableName('ＫＩＭ'), 'KIM');
  });

  test('when someone else’s name or birth date is sent, then it is refused and the differing fields are named', () => {
    assert.deepEqual(checkOwnIdentity({ name: '이준호', birthDate: '1988-04-12' }, minji), { kind: 'NOT_OWN', fields: ['name'] });
    assert.deepEqual(checkOwnIdentity({ name: '김민지', birthDate: '1988-04-13' }, minji), { kind: 'NOT_OWN', fields: ['birthDate'] });
    assert.deepEqual(checkOwnIdentity({ name: '김민주', birthDate: '1979-08-23' }, minji), { kind: 'NOT_OWN', fields: ['name', 'birthDate'] });
  });

  test('when the profile, its name or its birth date is not known yet, then nothing can be compared', () => {
    assert.deepEqual(checkOwnIdentity(minji, null), { kind: 'PROFILE_UNKNOWN' });
    assert.deepEqual(checkOwnIdentity(minji, { name: null, birthDate: '1988-04-12' }), { kind: 'PROFILE_UNKNOWN' });
    assert.deepEqual(checkOwnIdentity(minji, { name: '김민지', birthDate: null }), { kind: 'PROFILE_UNKNOWN' });
  });
});

describe('the hourly limit on link attempts', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
  const HOUR = 3_600_000;

  test('when fewer attempts than the limit fall in the last hour, then one more is allowed', () => {
    assert.deepEqual(attemptDecision([minutesAgo(5), minutesAgo(30)], now, 3, HOUR), { allowed: true });
    assert.deepEqual(attemptDecision([], now, 1, HOUR), { allowed: true });
  });

  test('when the limit is reached, then the next is refused until the oldest counted attempt leaves the window', () => {
    assert.deepEqual(attemptDecision([minutesAgo(10), minutesAgo(40), minutesAgo(20)], now, 3, HOUR), { allowed: false, retryAfterSeconds: 20 * 60 });
  });

  test('when more attempts than the limit are on record, then the wait is until enough of them have left', () => {
    // Limit 2 with 3 in the window: the two oldest must leave; the second oldest (30 min ago) leaves in 30 min.
    assert.deepEqual(attemptDecision([minutesAgo(50), minutesAgo(30), minutesAgo(1)], now, 2, HOUR), { allowed: false, retryAfterSeconds: 30 * 60 });
  });

  test('when attempts are older than an hour, then they no longer count', () => {
    assert.deepEqual(attemptDecision([minutesAgo(61), minutesAgo(60), minutesAgo(59)], now, 2, HOUR), { allowed: true });
  });

  test('when the oldest attempt leaves the window within a second, then Retry-After is still at least 1', () => {
    assert.deepEqual(attemptDecision([new Date(now.getTime() - HOUR + 10)], now, 1, HOUR), { allowed: false, retryAfterSeconds: 1 });
  });
});
