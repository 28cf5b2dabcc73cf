import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { accessTokenFresh, backoffDelay, classifySend, fcmMessage, parseRetryAfter, planPush } from '../../src/domain/push.js';
import { DEFAULT_PREFERENCES } from '../../src/domain/quiet-hours.js';

const at = (iso: string) => new Date(iso);
const noon = at('2026-12-02T12:00:00+09:00');
const base = { now: noon, deliverAt: noon, preferences: DEFAULT_PREFERENCES, deviceCount: 2, maxAgeMinutes: 1440 };

describe('what gets pushed when', () => {
  test('when a message reaches the inbox at noon with devices registered, then it is pushed now', () => {
    assert.deepEqual(planPush(base), { action: 'SEND' });
  });

  test('when the user opted out, then nothing is pushed, whatever the devices', () => {
    assert.deepEqual(planPush({ ...base, preferences: { optedOut: true, quietHours: null } }), { action: 'SKIP', reason: 'OPTED_OUT' });
  });

  test('when the user has no device, then the push is skipped (the inbox has the message)', () => {
    assert.deepEqual(planPush({ ...base, deviceCount: 0 }), { action: 'SKIP', reason: 'NO_DEVICES' });
  });

  test('when a retry falls into the default quiet hours (23:30 KST), then the push waits until 08:00 KST', () => {
    const late = at('2026-12-02T23:30:00+09:00');
    assert.deepEqual(planPush({ ...base, now: late, deliverAt: at('2026-12-02T21:59:00+09:00') }), {
      action: 'WAIT',
      until: at('2026-12-03T08:00:00+09:00'),
    });
  });

  test('when the user chose quiet hours 13:00–14:00, then a push at 13:10 waits until 14:00 and one at 14:00 goes out', () => {
    const preferences = { optedOut: false, quietHours: { start: '13:00', end: '14:00' } };
    assert.deepEqual(planPush({ ...base, preferences, now: at('2026-12-02T13:10:00+09:00') }), { action: 'WAIT', until: at('2026-12-02T14:00:00+09:00') });
    assert.deepEqual(planPush({ ...base, preferences, now: at('2026-12-02T14:00:00+09:00') }), { action: 'SEND' });
  });

  test('when the message has been in the inbox longer than the push window, then it is not pushed any more', () => {
    assert.deepEqual(planPush({ ...base, now: at('2026-12-03T12:00:01+09:00') }), { action: 'SKIP', reason: 'STALE' });
    assert.deepEqual(planPush({ ...base, now: at('2026-12-03T12:00:00+09:00') }), { action: 'SEND' });
  });
});

describe('the FCM message', () => {
  test('when an encouragement is pushed, then the notification carries its text and the data its id, all data values strings', () => {
    const message = fcmMessage('tok', { id: 'n-1', kind: 'ENCOURAGEMENT', text: '오늘 하나만 해 봐요!' });
    assert.equal(message.token, 'tok');
    assert.deepEqual(message.notification, { title: '오늘의 응원', body: '오늘 하나만 해 봐요!' });
    assert.deepEqual(message.data, { notificationId: 'n-1', kind: 'ENCOURAGEMENT' });
    for (const value of Object.values(message.data as Record<string, unknown>)) assert.equal(typeof value, 'string');
  });

  test('when a celebration is pushed, then it has its own title, channel and collapse key, so it does not replace the day’s encouragement', () => {
    const message = fcmMessage('tok', { id: 'n-2', kind: 'CELEBRATION', text: '🎉 3일 연속 달성!' });
    assert.deepEqual(message.notification, { title: '축하해요!', body: '🎉 3일 연속 달성!' });
    assert.deepEqual(message.data, { notificationId: 'n-2', kind: 'CELEBRATION' });
    const android = message.android as { collapse_key: string; notification: { channel_id: string } };
    assert.deepEqual([android.collapse_key, android.notification.channel_id], ['healthsync-celebration', 'celebration']);
  });
});

const fcmError = (code: number, status: string, errorCode: string, message = 'x') => ({
  error: { code, message, status, details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode }] },
});

describe("reading FCM's answers", () => {
  test('when FCM accepts, then the message name is kept', () => {
    assert.deepEqual(classifySend(200, { name: 'projects/p/messages/1' }, undefined), { kind: 'SENT', name: 'projects/p/messages/1' });
  });

  test('when FCM answers 404 UNREGISTERED, then the token is to be removed', () => {
    assert.deepEqual(classifySend(404, fcmError(404, 'NOT_FOUND', 'UNREGISTERED'), undefined), { kind: 'UNREGISTERED' });
  });

  test('when FCM says the registration token is invalid, then the token is to be removed; another INVALID_ARGUMENT is about the message', () => {
    const tokenComplaint = fcmError(400, 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'The registration token is not a valid FCM registration token');
    assert.deepEqual(classifySend(400, tokenComplaint, undefined), { kind: 'INVALID_TOKEN' });
    assert.deepEqual(classifySend(400, fcmError(400, 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'Message is too big'), undefined), {
      kind: 'REJECTED',
      status: 400,
      code: 'INVALID_ARGUMENT',
    });
  });

  test('when FCM answers 429 QUOTA_EXCEEDED or 503 UNAVAILABLE, then it is retriable with the Retry-After read', () => {
    assert.deepEqual(classifySend(429, fcmError(429, 'RESOURCE_EXHAUSTED', 'QUOTA_EXCEEDED'), 7000), {
      kind: 'RETRY',
      status: 429,
      code: 'QUOTA_EXCEEDED',
      retryAfterMs: 7000,
    });
    assert.deepEqual(classifySend(503, fcmError(503, 'UNAVAILABLE', 'UNAVAILABLE'), undefined), {
      kind: 'RETRY',
      status: 503,
      code: 'UNAVAILABLE',
      retryAfterMs: undefined,
    });
  });

  test('when the access token is refused (401) or the project is wrong (403), then the first is renewed and the second rejected', () => {
    assert.deepEqual(classifySend(401, { error: { code: 401, status: 'UNAUTHENTICATED' } }, undefined), { kind: 'UNAUTHENTICATED' });
    assert.deepEqual(classifySend(403, { error: { code: 403, status: 'PERMISSION_DENIED' } }, undefined), {
      kind: 'REJECTED',
      status: 403,
      code: 'PERMISSION_DENIED',
    });
  });

  test('when Retry-After is seconds or an HTTP date, then both are read; garbage is ignored', () => {
    const now = at('2026-12-02T03:00:00Z');
    assert.equal(parseRetryAfter('30', now), 30_000);
    assert.equal(parseRetryAfter('Wed, 02 Dec 2026 03:00:10 GMT', now), 10_000);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });
});

describe('back-off', () => {
  const policy = { baseMs: 1000, maxMs: 30_000, maxAttempts: 4 };

  test('when FCM gives a Retry-After within the bound, then exactly that long is waited', () => {
    assert.equal(
      backoffDelay(1, 2000, policy, () => 0.5),
      2000,
    );
  });

  test('when Retry-After asks for more than the bound, then the device is given up for this message', () => {
    assert.equal(
      backoffDelay(1, 60_000, policy, () => 0.5),
      undefined,
    );
  });

  test('without Retry-After, then the ceiling doubles per attempt (full jitter) and stops at the bound', () => {
    assert.equal(
      backoffDelay(1, undefined, policy, () => 0.999),
      999,
    );
    assert.equal(
      backoffDelay(2, undefined, policy, () => 0.999),
      1998,
    );
    assert.equal(
      backoffDelay(3, undefined, { ...policy, maxMs: 3000 }, () => 0.999),
      2997,
    );
    assert.equal(
      backoffDelay(1, undefined, policy, () => 0),
      100,
      'never below a tenth of the base',
    );
  });

  test('when the attempts are used up, then there is no further wait', () => {
    assert.equal(
      backoffDelay(4, undefined, policy, () => 0.5),
      undefined,
    );
    assert.equal(
      backoffDelay(4, 1000, policy, () => 0.5),
      undefined,
    );
  });
});

describe('the access token cache', () => {
  test('when the token expires in more than five minutes, then it is reused; closer, then it is renewed', () => {
    const now = at('2026-12-02T03:00:00Z');
    assert.equal(accessTokenFresh(now, at('2026-12-02T03:05:01Z')), true);
    assert.equal(accessTokenFresh(now, at('2026-12-02T03:05:00Z')), false);
    assert.equal(accessTokenFresh(now, undefined), false);
  });
});
