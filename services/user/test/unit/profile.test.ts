import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { settableClock } from '@healthsync/shared';
import { ageOn, isComplete, profileInputSchema, statusAfterUpdate, type Profile } from '../../src/domain/profile.js';

const complete: Profile = { name: '김민지', birthDate: '1988-04-12', sex: 'F', occupation: 'OFFICE_WORKER' };
const input = { name: '김민지', birthDate: '1988-04-12', sex: 'F', occupation: 'OFFICE_WORKER' };

describe('age', () => {
  test('when the birthday has not come yet this year, then the age is one less (만 나이)', () => {
    assert.equal(ageOn('1988-04-12', '2026-04-11'), 37);
    assert.equal(ageOn('1988-04-12', '2026-04-12'), 38);
    assert.equal(ageOn('1988-12-31', '2026-01-01'), 37);
  });
});

describe('the onboarding form', () => {
  // 2026-11-24 09:30 in Seoul is still 2026-11-23 in UTC.
  const schema = profileInputSchema(settableClock('2026-11-24T00:30:00Z'));
  const problems = (body: unknown) => {
    const result = schema.safeParse(body);
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  test('when every field is given and plausible, then it is accepted with the name trimmed', () => {
    assert.deepEqual(schema.parse({ ...input, name: '  김민지 ' }), input);
  });

  test('when the person turns 19 today in Seoul, then they may join; one day younger may not', () => {
    assert.deepEqual(problems({ ...input, birthDate: '2007-11-24' }), []);
    assert.deepEqual(problems({ ...input, birthDate: '2007-11-25' }), ['birthDate: you must be at least 19']);
  });

  test('when the birth date is in the future, not a date, or implausibly old, then it is refused', () => {
    assert.ok(problems({ ...input, birthDate: '2026-11-25' }).includes('birthDate: birthDate cannot be in the future'));
    assert.deepEqual(problems({ ...input, birthDate: '1988-02-30' }), ['birthDate: birthDate must be a date YYYY-MM-DD']);
    assert.deepEqual(problems({ ...input, birthDate: '1900-01-01' }), ['birthDate: birthDate is not plausible']);
  });

  test('when a field is missing, unknown, empty or outside its list, then each is named', () => {
    assert.deepEqual(problems({ ...input, name: '   ' }), ['name: name is required']);
    assert.deepEqual(problems({ ...input, name: '가'.repeat(51) }), ['name: name is at most 50 characters']);
    assert.deepEqual(problems({ ...input, sex: 'X' }), ['sex: sex must be M or F']);
    assert.match(problems({ ...input, occupation: 'ASTRONAUT' })[0]!, /^occupation: occupation must be one of OFFICE_WORKER, /);
    assert.equal(problems({ ...input, role: 'admin' }).length, 1, 'unknown fields are refused');
    assert.equal(problems({ name: '김민지' }).length, 3);
  });
});

describe('status after a profile update', () => {
  test('when a pending account completes its profile, then it becomes ACTIVE and the user is registered', () => {
    assert.deepEqual(statusAfterUpdate('PENDING', complete), { status: 'ACTIVE', event: 'UserRegistered' });
  });

  test('when an active account edits its profile, then it stays ACTIVE and the change is announced', () => {
    assert.deepEqual(statusAfterUpdate('ACTIVE', complete), { status: 'ACTIVE', event: 'UserProfileChanged' });
  });

  test('when the profile is still incomplete, then the account stays PENDING', () => {
    const partial = { ...complete, occupation: null };
    assert.equal(isComplete(partial), false);
    assert.deepEqual(statusAfterUpdate('PENDING', partial), { status: 'PENDING', event: 'UserProfileChanged' });
  });
});
