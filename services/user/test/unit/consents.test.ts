import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CONSENT_NOTICES, currentConsents, decide, type ConsentDecision } from '../../src/domain/consents.js';

const at = (iso: string) => new Date(iso);
const grant = (purpose: ConsentDecision['purpose'], iso: string, channel: ConsentDecision['channel'] = 'APP'): ConsentDecision => ({
  purpose,
  action: 'GRANT',
  version: CONSENT_NOTICES[purpose].version,
  channel,
  recordedAt: at(iso),
});
const withdraw = (purpose: ConsentDecision['purpose'], iso: string): ConsentDecision => ({ ...grant(purpose, iso), action: 'WITHDRAW' });
const state = (history: ConsentDecision[], purpose: ConsentDecision['purpose']) => currentConsents(history).find((c) => c.purpose === purpose)!;

describe('the consents in force', () => {
  test('when nothing was decided, then every purpose is listed as not granted', () => {
    assert.deepEqual(currentConsents([]), [
      { purpose: 'HEALTH_DATA', granted: false, version: null, decidedAt: null, channel: null },
      { purpose: 'AI_OVERSEAS_TRANSFER', granted: false, version: null, decidedAt: null, channel: null },
    ]);
  });

  test('when a consent was granted and later withdrawn, then the withdrawal is in force, whatever order the history comes in', () => {
    const history = [withdraw('AI_OVERSEAS_TRANSFER', '2026-12-02T03:00:00Z'), grant('AI_OVERSEAS_TRANSFER', '2026-12-02T01:00:00Z', 'WEB')];
    assert.deepEqual(state(history, 'AI_OVERSEAS_TRANSFER'), {
      purpose: 'AI_OVERSEAS_TRANSFER',
      granted: false,
      version: null,
      decidedAt: '2026-12-02T03:00:00.000Z',
      channel: 'APP',
    });
    assert.equal(state([...history].reverse(), 'AI_OVERSEAS_TRANSFER').granted, false);
    // One purpose's decisions never stand for the other's.
    assert.equal(state(history, 'HEALTH_DATA').granted, false);
  });

  test('when a withdrawn consent is granted again, then it is in force with the new grant’s time and channel', () => {
    const history = [
      grant('HEALTH_DATA', '2026-12-01T00:00:00Z'),
      withdraw('HEALTH_DATA', '2026-12-01T01:00:00Z'),
      grant('HEALTH_DATA', '2026-12-01T02:00:00Z', 'WEB'),
    ];
    assert.deepEqual(state(history, 'HEALTH_DATA'), {
      purpose: 'HEALTH_DATA',
      granted: true,
      version: CONSENT_NOTICES.HEALTH_DATA.version,
      decidedAt: '2026-12-01T02:00:00.000Z',
      channel: 'WEB',
    });
  });
});

describe('a decision', () => {
  const now = at('2026-12-02T05:00:00Z');
  const current = CONSENT_NOTICES.AI_OVERSEAS_TRANSFER.version;

  test('when a grant names the current notice, then it is recorded with the time and channel', () => {
    const outcome = decide(currentConsents([]), { purpose: 'AI_OVERSEAS_TRANSFER', action: 'GRANT', version: current, channel: 'WEB' }, now);
    assert.deepEqual(outcome, {
      kind: 'record',
      decision: { purpose: 'AI_OVERSEAS_TRANSFER', action: 'GRANT', version: current, channel: 'WEB', recordedAt: now },
    });
  });

  test('when a grant names another version of the notice (or none), then nothing is recorded and the current version is named', () => {
    for (const version of ['2020-01-01', undefined]) {
      assert.deepEqual(decide(currentConsents([]), { purpose: 'AI_OVERSEAS_TRANSFER', action: 'GRANT', version, channel: 'APP' }, now), {
        kind: 'outdated-version',
        current,
      });
    }
  });

  test('when the decision repeats the one in force (a retried request), then nothing new is recorded', () => {
    const granted = currentConsents([grant('HEALTH_DATA', '2026-12-01T00:00:00Z')]);
    assert.deepEqual(decide(granted, { purpose: 'HEALTH_DATA', action: 'GRANT', version: CONSENT_NOTICES.HEALTH_DATA.version, channel: 'APP' }, now), {
      kind: 'unchanged',
    });
    assert.deepEqual(decide(currentConsents([]), { purpose: 'HEALTH_DATA', action: 'WITHDRAW', channel: 'APP' }, now), { kind: 'unchanged' });
  });

  test('when a granted consent is withdrawn, then the withdrawal is recorded against the version that was granted', () => {
    const granted = currentConsents([grant('HEALTH_DATA', '2026-12-01T00:00:00Z')]);
    assert.deepEqual(decide(granted, { purpose: 'HEALTH_DATA', action: 'WITHDRAW', channel: 'APP' }, now), {
      kind: 'record',
      decision: { purpose: 'HEALTH_DATA', action: 'WITHDRAW', version: CONSENT_NOTICES.HEALTH_DATA.version, channel: 'APP', recordedAt: now },
    });
  });
});
