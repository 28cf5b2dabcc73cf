import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { RunningStandin } from '../src/server.js';
import { PRODUCT_PATH, callProduct, control, decodeBody, firstStep, getToken, startStandin, uniquePerson } from './helpers.js';

describe('simulated outages', () => {
  let standin: RunningStandin;
  let token: string;
  before(async () => {
    standin = await startStandin();
    token = await getToken(standin.url);
  });
  afterEach(() => control(standin.url, '/_control/outage', { down: false }));
  after(() => standin.stop());

  test('when NHIS is down in error mode, then product calls answer HTTP 200 with CF-12003', async () => {
    assert.deepEqual(await control(standin.url, '/_control/outage', { down: true, mode: 'error' }), {
      status: 200,
      body: { down: true, mode: 'error' },
    });
    const { status, envelope } = await callProduct(standin.url, token, firstStep(uniquePerson()));
    assert.equal(status, 200);
    assert.equal(envelope.result.code, 'CF-12003');
    assert.deepEqual(envelope.data, {});
  });

  test('when the aggregator is unavailable, then product calls answer 503, even before the token check', async () => {
    await control(standin.url, '/_control/outage', { down: true, mode: 'unavailable' });
    const res = await fetch(`${standin.url}${PRODUCT_PATH}`, { method: 'POST', body: '{}' });
    assert.equal(res.status, 503);
    assert.equal((decodeBody(await res.text()) as { result: { code: string } }).result.code, 'CF-09999');
  });

  test('when NHIS hangs, then product calls get no answer until the client gives up', async () => {
    await control(standin.url, '/_control/outage', { down: true, mode: 'hang' });
    await assert.rejects(
      callProduct(standin.url, token, firstStep(uniquePerson()), { signal: AbortSignal.timeout(300) }),
      (err: Error) => err.name === 'TimeoutError',
    );
  });

  test('when the outage is lifted, then product calls work again', async () => {
    await control(standin.url, '/_control/outage', { down: true, mode: 'error' });
    await control(standin.url, '/_control/outage', { down: false });
    const { envelope } = await callProduct(standin.url, token, firstStep(uniquePerson()));
    assert.equal(envelope.result.code, 'CF-03002');
  });

  test('when the outage body is invalid, then it is refused with 400', async () => {
    const res = await control(standin.url, '/_control/outage', { down: 'yes' });
    assert.equal(res.status, 400);
  });
});
