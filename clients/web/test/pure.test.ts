/**
 * The web client's pure parts, in Node: the PKCE challenge, the Korean error sentences, the
 * server-sent events reader and the chart's value range. (Everything else is tested in a real
 * browser by tests/browser/web.test.ts.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeChallenge } from '../src/auth.js';
import { valueDomain, type Series } from '../src/chart.js';
import { ApiError, messageFor } from '../src/errors.js';
import { readEvents } from '../src/sse.js';

test('when the PKCE challenge is made, then it is RFC 7636’s S256 of the verifier (the RFC’s own example)', async () => {
  assert.equal(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
});

test('when the API answers a problem, then the person reads Korean chosen by its code, never the code or a status', () => {
  for (const code of ['NHIS_IDENTITY_MISMATCH', 'RATE_LIMITED', 'CHAT_STREAMS_EXCEEDED', 'SESSION_REVOKED', 'SOMETHING_NEW', 'NETWORK']) {
    const message = messageFor(code);
    assert.match(message, /[가-힣]/, code);
    assert.doesNotMatch(message, /[A-Z]{2,}_|\b[45]\d\d\b/, code);
  }
  assert.notEqual(messageFor('NHIS_IDENTITY_MISMATCH'), messageFor('SOMETHING_NEW'), 'a known code has its own sentence');
  assert.equal(
    messageFor('VALIDATION_FAILED', {
      errors: [
        { field: 'body.birthDate', message: 'x' },
        { field: 'body.phone', message: 'y' },
      ],
    }),
    '입력한 내용을 확인해 주세요: 생년월일, 휴대폰 번호',
  );
  assert.match(messageFor('RATE_LIMITED', { retryAfterSeconds: 30 }), /약 30초 뒤/);
  assert.match(messageFor('NHIS_UNAVAILABLE', { retryAfterSeconds: 120 }), /약 2분 뒤/);
  const error = new ApiError('LINK_BUSY');
  assert.equal(error.code, 'LINK_BUSY');
  assert.equal(error.message, messageFor('LINK_BUSY'));
});

test('when an event stream arrives in arbitrary pieces, then every event is read whole, Korean included', async () => {
  const text =
    'event: meta\r\ndata: {"emergency":null}\r\n\r\n: a comment\n\nevent: token\ndata: {"text":"공복혈당은 "}\n\nevent: done\ndata: {"a":1,\ndata: "b":2}\n\n';
  const bytes = new TextEncoder().encode(text);
  // Cut every 3 bytes: inside the CRLFs and inside each Korean character's UTF-8 bytes.
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 3) controller.enqueue(bytes.slice(i, i + 3));
      controller.close();
    },
  });
  const events = [];
  for await (const event of readEvents(body)) events.push(event);
  assert.deepEqual(events, [
    { event: 'meta', data: '{"emergency":null}' },
    { event: 'token', data: '{"text":"공복혈당은 "}' },
    { event: 'done', data: '{"a":1,\n"b":2}' },
  ]);
});

test('when a trend is drawn, then its range holds every value and every grade edge', () => {
  const series = {
    item: 'fasting_glucose',
    name: '공복혈당',
    unit: 'mg/dL',
    bands: [
      { grade: 'NORMAL_A', from: null, fromInclusive: false, to: 100, toInclusive: false },
      { grade: 'NORMAL_B', from: 100, fromInclusive: true, to: 126, toInclusive: false },
      { grade: 'SUSPECTED_DISEASE', from: 126, fromInclusive: true, to: null, toInclusive: false },
    ],
    points: [
      { checkupId: 'a', examYear: 2022, examDate: '2022-06-08', value: 94, grade: 'NORMAL_A' },
      { checkupId: 'b', examYear: 2024, examDate: '2024-06-11', value: 131, grade: 'SUSPECTED_DISEASE' },
    ],
  } as unknown as Series;
  const [lo, hi] = valueDomain(series);
  assert.ok(lo < 94 && hi > 131, `${lo}..${hi}`);
  assert.ok(lo <= 100 && hi >= 126);
  const flat = { ...series, bands: [], points: [{ ...series.points[0]!, value: 5 }] } as unknown as Series;
  const [flatLo, flatHi] = valueDomain(flat);
  assert.ok(flatLo < 5 && flatHi > 5, 'one value still has a range');
});
