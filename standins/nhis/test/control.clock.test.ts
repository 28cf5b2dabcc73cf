import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunningStandin } from '../src/server.js';
import { type TwoWayData, approve, callProduct, firstStep, getToken, secondStep, startStandin, uniquePerson } from './helpers.js';

let standin: RunningStandin;
let token: string;
before(async () => {
  standin = await startStandin();
  token = await getToken(standin.url);
});
after(() => standin.stop());

const moveClock = async (body: unknown) => {
  const response = await fetch(`${standin.url}/_control/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { offsetSeconds: number } };
};

test('when the test clock moves past the 180 s window, then the pending approval is gone, approving is refused and confirming answers CF-12001', async () => {
  const first = firstStep(uniquePerson());
  const step1 = (await callProduct(standin.url, token, first)).envelope.data as unknown as TwoWayData;
  assert.deepEqual((await moveClock({ advanceSeconds: 179 })).body.offsetSeconds, 179);
  const listed = async () =>
    ((await (await fetch(`${standin.url}/_control/approvals`, { headers: { accept: 'application/json' } })).json()) as { pending: { jti: string }[] }).pending;
  assert.ok(
    (await listed()).some((p) => p.jti === step1.jti),
    'still inside the window at 179 s',
  );
  await moveClock({ advanceSeconds: 2 });
  assert.ok(!(await listed()).some((p) => p.jti === step1.jti));
  assert.equal((await approve(standin.url, step1.jti)).status, 409);
  assert.equal((await callProduct(standin.url, token, secondStep(first, step1))).envelope.result.code, 'CF-12001');
  assert.equal((await moveClock({ offsetSeconds: 0 })).body.offsetSeconds, 0);
});

test('when the clock body is empty, gives both fields or goes backwards, then it is refused with 400', async () => {
  for (const body of [{}, { advanceSeconds: 1, offsetSeconds: 1 }, { advanceSeconds: -5 }])
    assert.equal((await moveClock(body)).status, 400, JSON.stringify(body));
});
