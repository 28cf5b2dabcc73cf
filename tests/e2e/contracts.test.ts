import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { allEventContracts, schemaFileOf, type AppId, type EventContract } from '@healthsync/shared';
import { committedSchemaValidator } from '@healthsync/shared/testing';
import { awayFromSeoulMidnight, expectJson, goalsApi, seoulDay } from '../support/goals.js';
import { uniquePhone } from '../support/health.js';
import { importCheckups } from '../support/intelligence.js';
import { adminDb } from '../support/notifications.js';
import { probeEvents, startProbe, type ObservedEvent } from '../support/probe.js';
import { eventually } from '../support/system.js';
import { activeUser, api } from '../support/users.js';

/**
 * The event contracts over the real system: one person's journey (onboarding, a profile edit, an
 * NHIS import, an AI reading, missions chosen, checked off to a 3-day streak (a celebration), undone and reset,
 * a consent withdrawn, the retention job's notice, the account deleted)
 * makes every service publish for real, through its outbox or publisher, its sidecar and the real
 * broker; the probe app receives each event as any subscriber would. Each must arrive as a
 * CloudEvent whose type is its contract's (`healthsync.<producer>.<event>.v<n>`), whose source is
 * its producer and whose id is the payload's eventId, with data that the committed JSON Schema in
 * contracts/schemas/ accepts.
 */
describe('event contracts on the real broker', () => {
  let probe: Awaited<ReturnType<typeof startProbe>>;
  before(async () => {
    probe = await startProbe();
  });
  after(async () => {
    await probe?.stop();
  });

  test('when one person’s journey makes every service publish, then every event arrives with its contract’s CloudEvent type and source and a payload its JSON Schema accepts', async () => {
    await awayFromSeoulMidnight();
    const profile = { name: '김계약', birthDate: '1986-02-14', sex: 'F', occupation: 'IT_PROFESSIONAL' } as const;
    const session = await activeUser('contracts', profile);
    const userId = session.user.id;
    const token = session.accessToken;

    assert.equal((await api('/api/users/me', { method: 'PUT', token, json: { ...profile, occupation: 'OFFICE_WORKER' } })).status, 200);
    await importCheckups(session, {
      name: profile.name,
      birthDate: profile.birthDate,
      phone: uniquePhone(),
      sex: 'F',
      checkups: [{ year: '2025', examDate: '20250314', bmi: '22.1', sbp: '142', dbp: '91', fasting_glucose: '104', hemoglobin: '13.1' }],
    });
    // An AI reading: the intelligence service calls the model and reports the call on the usage stream.
    await eventually('an AI reading of the imported checkup', async () => (await api('/api/intelligence/diagnosis', { token })).status === 200, 30_000);

    await expectJson(await goalsApi.choose(token, ['cat-ex-lunch-walk', 'cat-di-water']));
    // A 3-day streak, for a celebration: the set began two days ago, when the walk was done too
    // (only today and yesterday can be checked off through the API).
    const db = await adminDb();
    try {
      await db.query('update goal_service.goal_sets set started_on = $2::date where user_id = $1', [userId, seoulDay(-2)]);
      await db.query('insert into goal_service.completions (user_id, mission_id, completed_on) values ($1, $2, $3::date)', [
        userId,
        'cat-ex-lunch-walk',
        seoulDay(-2),
      ]);
    } finally {
      await db.end();
    }
    await expectJson(await goalsApi.complete(token, 'cat-ex-lunch-walk', seoulDay(-1)));
    await expectJson(await goalsApi.complete(token, 'cat-ex-lunch-walk', seoulDay()));
    await expectJson(await goalsApi.undo(token, 'cat-ex-lunch-walk', seoulDay()));
    await expectJson(await goalsApi.reset(token, { reason: 'NO_TIME' }));
    // A consent withdrawn (the transfer abroad: nothing is destroyed for it, the event is published all the same).
    const withdrawn = await api('/api/users/me/consents', {
      method: 'POST',
      token,
      json: { purpose: 'AI_OVERSEAS_TRANSFER', action: 'WITHDRAW', channel: 'APP' },
    });
    assert.equal(withdrawn.status, 200);
    // The retention job's notice: the account's activity moved back 336 days, the cron binding ticks every 10 s.
    const usersDb = await adminDb();
    try {
      await usersDb.query("update user_service.users set last_active_at = now() - interval '336 days' where id = $1", [userId]);
      await eventually(
        'the retention notice at the probe',
        async () => (await probeEvents('inactive-account-notice')).some((e) => e.data.userId === userId),
        45_000,
      );
    } finally {
      await usersDb.end();
    }
    assert.equal((await api('/api/users/me', { method: 'DELETE', token })).status, 204);

    const arrived = async (contract: EventContract) =>
      eventually(
        `${contract.topic} at the probe`,
        async () => {
          const events = (await probeEvents(contract.topic)).filter((e) => e.data.userId === userId);
          return events.length > 0 ? events : undefined;
        },
        45_000,
      );
    const problems: string[] = [];
    const seen: Record<string, number> = {};
    for (const contract of allEventContracts) {
      const events: ObservedEvent[] = await arrived(contract);
      const validate = committedSchemaValidator(contract);
      for (const event of events) {
        seen[event.type] = (seen[event.type] ?? 0) + 1;
        if (event.type !== contract.type) problems.push(`${contract.topic}: CloudEvent type ${event.type}, expected ${contract.type}`);
        if (![contract.producer, ...(contract.republishers ?? [])].includes(event.source as AppId))
          problems.push(`${contract.topic}: CloudEvent source ${event.source}, expected ${contract.producer}`);
        if (event.id !== event.data.eventId)
          problems.push(`${contract.topic}: CloudEvent id ${event.id} is not the payload's eventId ${String(event.data.eventId)}`);
        if (!validate(event.data)) problems.push(`${contract.topic}: ${schemaFileOf(contract)} rejects it: ${JSON.stringify(validate.errors)}`);
      }
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(Object.keys(seen).sort(), allEventContracts.map((c) => c.type).sort(), 'every contracted event was seen for real');
  });
});
