import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RunningStandin } from '../src/server.js';
import { type TwoWayData, approve, callProduct, firstStep, getToken, secondStep, sleep, startStandin, uniquePerson } from './helpers.js';

describe('approval window', () => {
  let standin: RunningStandin;
  let token: string;
  before(async () => {
    standin = await startStandin({ NHIS_STANDIN_APPROVAL_TTL_SECONDS: '0.3' });
    token = await getToken(standin.url);
  });
  after(() => standin.stop());

  test('when nobody approves within the TTL, then confirming answers CF-12001 and approving is refused', async () => {
    const first = firstStep(uniquePerson());
    const step1 = (await callProduct(standin.url, token, first)).envelope.data as unknown as TwoWayData;
    await sleep(400);
    const { envelope } = await callProduct(standin.url, token, secondStep(first, step1));
    assert.deepEqual(
      { code: envelope.result.code, message: envelope.result.message, data: envelope.data },
      { code: 'CF-12001', message: '사용자 입력 시간이 초과되었습니다.', data: {} },
    );
    assert.equal((await approve(standin.url, step1.jti)).status, 409);
  });

  test('when the user approves but the app confirms after the TTL, then it also answers CF-12001', async () => {
    const first = firstStep(uniquePerson());
    const step1 = (await callProduct(standin.url, token, first)).envelope.data as unknown as TwoWayData;
    assert.equal((await approve(standin.url, step1.jti)).status, 200);
    await sleep(400);
    const { envelope } = await callProduct(standin.url, token, secondStep(first, step1));
    assert.equal(envelope.result.code, 'CF-12001');
  });
});
