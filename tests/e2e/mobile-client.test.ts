import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { gatewayUrl, isProblem } from '../support/system.js';
import { activeUser, api, newIdentity, type SignedIn } from '../support/users.js';

// A phone that lost the answer to a POST sends it again with the same Idempotency-Key: through
// the gateway it gets the first answer, marked as a replay, and nothing happens twice.

let user: SignedIn;

before(async () => {
  user = await activeUser(newIdentity('retrying-phone'));
});

async function openChat(): Promise<string> {
  const response = await api('/api/intelligence/chats', { method: 'POST', token: user.accessToken });
  assert.equal(response.status, 201);
  return ((await response.json()) as { id: string }).id;
}

const send = (chatId: string, message: string, key: string, accept = 'application/json') =>
  api(`/api/intelligence/chats/${chatId}/messages`, {
    method: 'POST',
    token: user.accessToken,
    headers: { 'idempotency-key': key, accept },
    json: { message },
  });

async function messagesOf(chatId: string): Promise<{ role: string; content: string }[]> {
  const response = await api(`/api/intelligence/chats/${chatId}`, { token: user.accessToken });
  assert.equal(response.status, 200);
  return ((await response.json()) as { messages: { role: string; content: string }[] }).messages;
}

describe('safe retries through the gateway', () => {
  test('when a chat message is sent twice with one key, then the second gets the first answer as a replay and the chat holds one exchange', async () => {
    const chatId = await openChat();
    const key = randomUUID();
    const first = await send(chatId, '걷기 운동은 하루에 얼마나 하면 좋을까요?', key);
    const firstBody = await first.text();
    assert.equal(first.status, 201, firstBody);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    const retry = await send(chatId, '걷기 운동은 하루에 얼마나 하면 좋을까요?', key);
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.equal(await retry.text(), firstBody);
    assert.deepEqual(
      (await messagesOf(chatId)).map((m) => m.role),
      ['user', 'assistant'],
    );
  });

  test('when a streamed answer is retried with its key, then the same events come back and the model is not asked again', async () => {
    const chatId = await openChat();
    const key = randomUUID();
    const first = await send(chatId, '물을 하루에 얼마나 마셔야 하나요?', key, 'text/event-stream');
    assert.equal(first.status, 200);
    assert.match(first.headers.get('content-type') ?? '', /^text\/event-stream/);
    const stream = await first.text();
    assert.match(stream, /event: done/);
    const retry = await send(chatId, '물을 하루에 얼마나 마셔야 하나요?', key, 'text/event-stream');
    assert.equal(retry.status, 200);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.match(retry.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(await retry.text(), stream);
    assert.equal((await messagesOf(chatId)).length, 2);
  });

  test('when the key is reused for another message, then it is a 422 problem and no message is added', async () => {
    const chatId = await openChat();
    const key = randomUUID();
    assert.equal((await send(chatId, '잠을 잘 자려면 어떻게 해야 하나요?', key)).status, 201);
    const reused = await send(chatId, '전혀 다른 질문입니다', key);
    assert.equal(reused.status, 422);
    assert.ok(isProblem(reused));
    assert.equal(((await reused.json()) as { code: string }).code, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal((await messagesOf(chatId)).length, 2);
  });

  test('when two devices change notification preferences from the same copy, then the second gets 412 and the first device’s choice stays; a current copy reads as 304', async () => {
    const read = await api('/api/notifications/preferences', { token: user.accessToken });
    assert.equal(read.status, 200);
    const tag = read.headers.get('etag');
    assert.ok(tag, 'the gateway passes the ETag on');
    const unchanged = await api('/api/notifications/preferences', { token: user.accessToken, headers: { 'if-none-match': tag } });
    assert.equal(unchanged.status, 304);
    const phone = await api('/api/notifications/preferences', {
      method: 'PUT',
      token: user.accessToken,
      headers: { 'if-match': tag },
      json: { optedOut: false, quietHours: { start: '23:00', end: '07:00' } },
    });
    assert.equal(phone.status, 200);
    const tablet = await api('/api/notifications/preferences', {
      method: 'PUT',
      token: user.accessToken,
      headers: { 'if-match': tag },
      json: { optedOut: true, quietHours: null },
    });
    assert.equal(tablet.status, 412);
    assert.ok(isProblem(tablet));
    assert.equal(((await tablet.json()) as { code: string }).code, 'PRECONDITION_FAILED');
    const now = (await (await api('/api/notifications/preferences', { token: user.accessToken })).json()) as { optedOut: boolean; quietHours: unknown };
    assert.deepEqual(now, { ...now, optedOut: false, quietHours: { start: '23:00', end: '07:00' } });
  });

  test('when an app older than the minimum version calls, then 426 names the store to update from; a current app and the web client go on', async () => {
    const old = await api('/api/users/me', {
      token: user.accessToken,
      headers: { 'x-app-version': '0.9.3', 'x-app-platform': 'android', 'accept-language': 'en' },
    });
    assert.equal(old.status, 426);
    assert.ok(isProblem(old));
    const problem = (await old.json()) as { code: string; minimumVersion: string; updateUrl: string; detail: string };
    assert.equal(problem.code, 'APP_UPDATE_REQUIRED');
    assert.equal(problem.minimumVersion, '1.0.0');
    assert.match(problem.updateUrl, /^https:\/\/play\.google\.com\//);
    assert.match(problem.detail, /Google Play/);
    const current = await api('/api/users/me', { token: user.accessToken, headers: { 'x-app-version': '1.4.0', 'x-app-platform': 'ios' } });
    assert.equal(current.status, 200);
    assert.equal((await api('/api/users/me', { token: user.accessToken })).status, 200, 'no version: not judged');
    const garbage = await api('/api/users/me', { token: user.accessToken, headers: { 'x-app-version': '1.0; drop table' } });
    assert.equal(garbage.status, 400);
  });

  test('problem details speak Korean by default and English on request; the code is the same', async () => {
    const missing = `/api/intelligence/chats/${randomUUID()}`;
    // No Accept-Language at all: Korean.
    const korean = await fetch(`${gatewayUrl}${missing}`, { headers: { authorization: `Bearer ${user.accessToken}` } });
    assert.equal(korean.status, 404);
    assert.equal(korean.headers.get('content-language'), 'ko');
    const ko = (await korean.json()) as { code: string; title: string; detail: string };
    assert.deepEqual([ko.code, ko.title, ko.detail], ['CHAT_NOT_FOUND', '찾을 수 없음', '해당 대화를 찾을 수 없습니다.']);
    const english = await api(missing, { token: user.accessToken, headers: { 'accept-language': 'en-US,en;q=0.9,ko;q=0.5' } });
    assert.equal(english.headers.get('content-language'), 'en');
    const en = (await english.json()) as { code: string; title: string; detail: string };
    assert.deepEqual([en.code, en.title], ['CHAT_NOT_FOUND', 'Not Found']);
    assert.match(en.detail, /chat/i);
    // The gateway's own answers too.
    const unauthenticated = (await (await fetch(`${gatewayUrl}/api/users/me`)).json()) as { code: string; detail: string };
    assert.deepEqual(unauthenticated, { ...unauthenticated, code: 'UNAUTHENTICATED', detail: '로그인이 필요합니다.' });
  });
});
