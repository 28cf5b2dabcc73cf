import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { answerOf, decodeResponseBody, encodeRequestBody } from '../../src/adapters/aggregator-wire.js';
import { checkupRequestParams, confirmOutcome, confirmParams, effectiveState, startOutcome, twoWayInfoOf } from '../../src/domain/index.js';

describe('the product call’s parameters', () => {
  test('when a user links with Kakao, then step 1 carries the identity in CODEF’s form', () => {
    const params = checkupRequestParams({ name: ' 홍길동 ', birthDate: '1980-01-01', phone: '010-1234-5678', provider: 'KAKAO' }, '3');
    assert.deepEqual(params, {
      organization: '0002',
      loginType: '5',
      loginTypeLevel: '1',
      userName: '홍길동',
      identity: '19800101',
      phoneNo: '01012345678',
      telecom: '',
      inquiryType: '3',
      type: '0',
    });
  });

  test('when a user links with PASS on LG U+, then the carrier code is sent', () => {
    const params = checkupRequestParams({ name: '홍길동', birthDate: '1980-01-01', phone: '01012345678', provider: 'PASS', carrier: 'LGU' }, '0');
    assert.equal(params.loginTypeLevel, '5');
    assert.equal(params.telecom, '2');
  });

  test('when confirming, then step 2 repeats step 1 and adds the two-way info', () => {
    const twoWay = { jobIndex: 0, threadIndex: 1, jti: 'abc', twoWayTimestamp: 1732065758977 };
    assert.deepEqual(confirmParams({ userName: '홍길동' }, twoWay), { userName: '홍길동', is2Way: true, simpleAuth: '1', twoWayInfo: twoWay });
  });

  test('when step 1 answers with two-way data, then it is read; incomplete data is refused', () => {
    assert.deepEqual(twoWayInfoOf({ jobIndex: 0, threadIndex: 0, jti: 'j', twoWayTimestamp: 5, continue2Way: true }), {
      jobIndex: 0,
      threadIndex: 0,
      jti: 'j',
      twoWayTimestamp: 5,
    });
    assert.equal(twoWayInfoOf({ jobIndex: 0, threadIndex: 0, twoWayTimestamp: 5 }), undefined);
    assert.equal(twoWayInfoOf({ jobIndex: 0, threadIndex: 0, jti: 'j' }), undefined);
    assert.equal(twoWayInfoOf(null), undefined);
  });
});

describe('what result codes mean', () => {
  const confirmCases: ReadonlyArray<readonly [string, string, ReturnType<typeof confirmOutcome>]> = [
    ['CF-00000', '', { kind: 'RESULTS' }],
    ['CF-03002', '', { kind: 'STILL_PENDING' }],
    ['CF-12001', '', { kind: 'CLOSED', state: 'EXPIRED', reason: 'APPROVAL_WINDOW_PASSED' }],
    ['CF-12872', '', { kind: 'CLOSED', state: 'EXPIRED', reason: 'APPROVAL_NOT_COMPLETED' }],
    ['CF-12863', '', { kind: 'CLOSED', state: 'DENIED', reason: 'USER_DENIED' }],
    ['CF-12003', '', { kind: 'UNAVAILABLE' }],
    ['CF-09999', '', { kind: 'UNAVAILABLE' }],
    ['CF-00007', 'twoWayInfo', { kind: 'CLOSED', state: 'FAILED', reason: 'SESSION_UNKNOWN' }],
    ['CF-00007', 'userName', { kind: 'CLOSED', state: 'FAILED', reason: 'PROVIDER_ERROR' }],
    ['CF-99999', '', { kind: 'CLOSED', state: 'FAILED', reason: 'PROVIDER_ERROR' }],
  ];
  for (const [code, extra, expected] of confirmCases) {
    test(`when completing answers ${code}${extra ? ` (${extra})` : ''}, then the outcome is ${expected.kind}${'state' in expected ? ` ${expected.state}` : ''}`, () => {
      assert.deepEqual(confirmOutcome(code, extra), expected);
    });
  }

  test('when starting answers CF-03002, then approval was requested', () => {
    assert.deepEqual(startOutcome('CF-03002', '성공', ''), { kind: 'APPROVAL_REQUESTED' });
  });

  test('when starting is refused for an identity field, then the field is named in our terms', () => {
    assert.deepEqual(startOutcome('CF-00007', '요청 파라미터가 올바르지 않습니다.', 'phoneNo'), {
      kind: 'INPUT_REJECTED',
      field: 'phone',
      message: '요청 파라미터가 올바르지 않습니다.',
    });
    assert.deepEqual(startOutcome('CF-00001', '누락', 'telecom'), { kind: 'INPUT_REJECTED', field: 'carrier', message: '누락' });
  });

  test('when starting fails for another reason, then it is a failure or an outage', () => {
    assert.deepEqual(startOutcome('CF-12003', '', ''), { kind: 'UNAVAILABLE' });
    assert.deepEqual(startOutcome('CF-00007', '', 'organization'), { kind: 'FAILED', code: 'CF-00007' });
    assert.deepEqual(startOutcome('CF-12001', '', ''), { kind: 'FAILED', code: 'CF-12001' });
  });
});

describe('the approval window', () => {
  const expiresAt = new Date('2026-03-17T10:03:00Z');
  test('when the window has not passed, then a pending link stays pending', () => {
    assert.deepEqual(effectiveState('PENDING_APPROVAL', expiresAt, new Date('2026-03-17T10:02:59.999Z')), { state: 'PENDING_APPROVAL' });
  });
  test('when the window has passed, then a pending link is EXPIRED', () => {
    assert.deepEqual(effectiveState('PENDING_APPROVAL', expiresAt, expiresAt), { state: 'EXPIRED', reason: 'APPROVAL_WINDOW_PASSED' });
  });
  test('when a link is closed, then time does not change it', () => {
    for (const state of ['IMPORTED', 'DENIED', 'FAILED', 'EXPIRED'] as const) {
      assert.deepEqual(effectiveState(state, expiresAt, new Date('2027-01-01T00:00:00Z')), { state });
    }
  });
});

describe('the wire format', () => {
  test('when a Korean answer is URL-encoded the Java way (+ for spaces), then it decodes to the same JSON', () => {
    const envelope = { result: { code: 'CF-00000', extraMessage: '', message: '성공 입니다', transactionId: 'x' }, data: { a: '120/80' } };
    const javaEncoded = encodeURIComponent(JSON.stringify(envelope)).replace(/%20/g, '+');
    assert.deepEqual(decodeResponseBody(javaEncoded), envelope);
    assert.deepEqual(answerOf(decodeResponseBody(javaEncoded)), { code: 'CF-00000', message: '성공 입니다', extraMessage: '', data: { a: '120/80' } });
  });

  test('when a request is encoded, then it is the whole JSON percent-encoded', () => {
    assert.equal(decodeURIComponent(encodeRequestBody({ userName: '홍 길동' })), '{"userName":"홍 길동"}');
  });

  test('when the answer is plain JSON or not an envelope, then it is read or refused', () => {
    assert.equal(answerOf(decodeResponseBody('{"result":{"code":"CF-03002"},"data":{}}'))?.code, 'CF-03002');
    assert.equal(answerOf(decodeResponseBody('{"error":"x"}')), undefined);
    assert.throws(() => decodeResponseBody('%E0%A4%A'));
  });
});
