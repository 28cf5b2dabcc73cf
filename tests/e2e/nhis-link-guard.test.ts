/**
 * NHIS linking cannot be aimed at someone else, and cannot be repeated without bound: the name and
 * birth date must be the account's own, and each user has an hourly number of link attempts. Both
 * refusals happen before anything is sent to the aggregator, so no approval request reaches a phone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { identity, pendingApprovalFor, registerNhisPerson, startLink, startLinkOnce, type NhisIdentity } from '../support/health.js';
import { appPorts, isProblem } from '../support/system.js';
import { activeUser, api, people, type SignedIn } from '../support/users.js';

/** The limit the health service runs with (NHIS_LINK_ATTEMPTS_PER_HOUR, its default). */
const ATTEMPTS_PER_HOUR = 10;

const SEOYEON = { name: '박서연', birthDate: '1995-12-02', sex: 'F', occupation: 'STUDENT' } as const;

/** Calls the health service made to the aggregator so far (its own metric). */
async function aggregatorCalls(): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${appPorts.health}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('nhis_calls_total{') || line.startsWith('nhis_calls_total '))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

async function problem(response: Response): Promise<{ code: string; errors?: { field: string }[] }> {
  assert.ok(isProblem(response), `expected problem+json, got ${response.headers.get('content-type')} (${response.status})`);
  return (await response.json()) as { code: string; errors?: { field: string }[] };
}

describe('NHIS linking is only for oneself, and limited per hour', () => {
  let seoyeon: SignedIn;
  let own: NhisIdentity;

  before(async () => {
    seoyeon = await activeUser(people.seoyeon, SEOYEON);
    own = identity(SEOYEON.name, SEOYEON.birthDate);
  });

  after(async () => {
    await api('/api/users/me', { method: 'DELETE', token: seoyeon.accessToken }).catch(() => undefined);
  });

  test('when a user sends someone else’s name and birth date, then 403 NHIS_IDENTITY_MISMATCH names the fields and no push is sent', async () => {
    // The victim is a real NHIS person with a phone; the attacker knows all of it.
    const victim = identity('이준호', '1979-08-23');
    await registerNhisPerson(victim, [{ year: '2024', examDate: '20240601', bmi: '24.0' }]);
    const calls = await aggregatorCalls();
    // startLink waits for the user's own profile to reach the health service (409 PROFILE_INCOMPLETE until then).
    const first = await startLink(seoyeon.accessToken, { ...own, name: '이준호', birthDate: '1979-08-23', phone: victim.phone });

    assert.equal(first.status, 403);
    const body = await problem(first);
    assert.equal(body.code, 'NHIS_IDENTITY_MISMATCH');
    assert.deepEqual(
      body.errors?.map((e) => e.field),
      ['body.name', 'body.birthDate'],
    );

    const onlyName = await startLinkOnce(seoyeon.accessToken, { ...victim, birthDate: SEOYEON.birthDate });
    assert.equal(onlyName.status, 403);
    assert.deepEqual(
      (await problem(onlyName)).errors?.map((e) => e.field),
      ['body.name'],
    );
    const onlyBirth = await startLinkOnce(seoyeon.accessToken, { ...own, birthDate: '1979-08-23' });
    assert.equal(onlyBirth.status, 403);
    assert.deepEqual(
      (await problem(onlyBirth)).errors?.map((e) => e.field),
      ['body.birthDate'],
    );

    assert.equal(await pendingApprovalFor(victim.phone), undefined, 'nothing reached the victim’s phone');
    assert.equal(await aggregatorCalls(), calls, 'the aggregator was not called');
    const checkups = await api('/api/health/checkups', { token: seoyeon.accessToken });
    assert.equal(((await checkups.json()) as { total: number }).total, 0);
  });

  test(`when a user starts more than ${ATTEMPTS_PER_HOUR} links in an hour, then the next is 429 LINK_ATTEMPTS_EXCEEDED with Retry-After and NHIS is not asked`, async () => {
    for (let i = 1; i <= ATTEMPTS_PER_HOUR; i += 1) {
      // Written the way people do: spacing differs from the profile, and that is still the same name.
      const response = await startLink(seoyeon.accessToken, { ...own, name: i % 2 === 0 ? '박 서연' : SEOYEON.name });
      assert.equal(response.status, 201, `attempt ${i}: ${await response.clone().text()}`);
      await response.body?.cancel();
    }
    assert.ok(await pendingApprovalFor(own.phone), 'the user’s own phone got the requests');
    const calls = await aggregatorCalls();

    const refused = await startLinkOnce(seoyeon.accessToken, own);
    assert.equal(refused.status, 429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(retryAfter > 3_000 && retryAfter <= 3_600, `Retry-After ${refused.headers.get('retry-after')} is within the hour`);
    assert.equal((await problem(refused)).code, 'LINK_ATTEMPTS_EXCEEDED');
    assert.equal(await aggregatorCalls(), calls, 'the aggregator was not called');

    // Refusals for someone else's identity stay refusals, and do not say how many attempts are left.
    const foreign = await startLinkOnce(seoyeon.accessToken, { ...own, name: '이준호' });
    assert.equal(foreign.status, 403);
    await foreign.body?.cancel();
  });
});
