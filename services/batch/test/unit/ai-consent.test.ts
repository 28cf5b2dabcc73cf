import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { splitByAiConsent } from '../../src/domain/ai-consent.js';

const users = ['a', 'b', 'c'].map((userId) => ({ userId, facts: { n: userId } }));

describe('whose facts may go to the AI model', () => {
  test('when the user service names the holders, then only they are allowed and the others are withheld as NO_AI_CONSENT, in order', () => {
    const split = splitByAiConsent(users, new Set(['c', 'a', 'someone-else']));
    assert.deepEqual(
      split.allowed.map((u) => u.userId),
      ['a', 'c'],
    );
    assert.deepEqual(
      split.withheld.map((w) => [w.item.userId, w.reason]),
      [['b', 'NO_AI_CONSENT']],
    );
  });

  test('when nobody holds it, then nobody is allowed', () => {
    assert.deepEqual(splitByAiConsent(users, new Set()).allowed, []);
  });

  test('when the user service did not answer, then everyone is withheld as CONSENT_UNAVAILABLE: never sent on a guess', () => {
    const split = splitByAiConsent(users, undefined);
    assert.deepEqual(split.allowed, []);
    assert.deepEqual(
      split.withheld.map((w) => w.reason),
      ['CONSENT_UNAVAILABLE', 'CONSENT_UNAVAILABLE', 'CONSENT_UNAVAILABLE'],
    );
  });
});
