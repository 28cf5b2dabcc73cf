import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inactivityNoticeText } from '../../src/domain/inbox-kinds.js';
import { fcmMessage } from '../../src/domain/push.js';

test('when the erasure time is late in the UTC day, then the notice names the Seoul day it falls on', () => {
  assert.match(inactivityNoticeText(new Date('2027-12-24T15:12:00Z'), 365), /^1년 가까이 .* 2027년 12월 25일부터 계정과 모든 건강 기록이 삭제됩니다/);
  assert.match(inactivityNoticeText(new Date('2027-12-24T14:59:59Z'), 365), /2027년 12월 24일부터/);
});

test('when the period is not whole years, then the notice says it in days', () => {
  assert.match(inactivityNoticeText(new Date('2027-03-01T00:00:00Z'), 180), /^180일 가까이/);
  assert.match(inactivityNoticeText(new Date('2027-03-01T00:00:00Z'), 730), /^2년 가까이/);
});

test('when a notice is pushed, then it has its own title, kind and Android channel, apart from the nudges', () => {
  const message = fcmMessage('token', { id: 'n-1', kind: 'INACTIVITY_NOTICE', text: '…' }) as {
    notification: { title: string };
    data: { kind: string };
    android: { notification: { channel_id: string }; collapse_key: string };
  };
  assert.deepEqual(
    [message.notification.title, message.data.kind, message.android.notification.channel_id, message.android.collapse_key],
    ['계정 삭제 예정 안내', 'INACTIVITY_NOTICE', 'account', 'healthsync-inactivity_notice'],
  );
  const nudge = fcmMessage('token', { id: 'n-2', kind: 'ENCOURAGEMENT', text: '…' }) as { android: { notification: { channel_id: string } } };
  assert.equal(nudge.android.notification.channel_id, 'encouragement');
});
