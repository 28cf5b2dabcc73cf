/**
 * What AI answers may cost, end to end through the gateway: a chat client that hangs up mid-answer
 * stops the generation (the Claude stand-in sees its connection closed), each user has a cap on
 * answers streaming at once, and the daily token budget holds when many answers are asked for at
 * the same moment (each call reserves its tokens before it is made).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import pg from 'pg';
import { claudeRequests, claudeStats, readSse, resetClaude, setClaudeBehaviour } from '../support/intelligence.js';
import { eventually, isProblem, secrets } from '../support/system.js';
import { activeUser, api, people, type SignedIn } from '../support/users.js';

/** AI_DAILY_TOKEN_BUDGET as the local system runs it (its default; dapr.yaml does not set it). */
const DAILY_TOKEN_BUDGET = 100_000;
/** CHAT_MAX_CONCURRENT_STREAMS, its default. */
const MAX_STREAMS = 2;

const JUNHO = { name: '이준호', birthDate: '1979-09-30', sex: 'M', occupation: 'DRIVER' } as const;

interface Reply {
  source: 'AI' | 'FALLBACK';
  fallbackReason: string | null;
  reply: { content: string };
}

async function openChat(session: SignedIn): Promise<string> {
  const response = await api('/api/intelligence/chats', { method: 'POST', token: session.accessToken });
  assert.equal(response.status, 201);
  return ((await response.json()) as { id: string }).id;
}

/**
 * A streamed question, accepting problem documents for refusals. (Dapr 1.18 handles a request whose
 * Accept is exactly `text/event-stream` as SSE, and there any non-2xx answer of the app becomes its
 * own 500 "no response received from stream", which the gateway reports as 502.)
 */
function askStreaming(session: SignedIn, chatId: string, message: string, signal?: AbortSignal): Promise<Response> {
  return api(`/api/intelligence/chats/${chatId}/messages`, {
    method: 'POST',
    token: session.accessToken,
    headers: { accept: 'text/event-stream, application/problem+json' },
    json: { message },
    ...(signal ? { signal } : {}),
  });
}

/** Reads server-sent events until `enough` says so; returns the events read (the stream stays open). */
async function readUntil(response: Response, enough: (events: string[]) => boolean): Promise<string[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: string[] = [];
  let buffer = '';
  while (!enough(events)) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const name = /^event: (.+)$/m.exec(buffer.slice(0, end))?.[1];
      if (name) events.push(name);
      buffer = buffer.slice(end + 2);
    }
  }
  reader.releaseLock();
  return events;
}

describe('AI cost: hang-ups, concurrent streams and the daily token budget', () => {
  let db: pg.Client;
  let junho: SignedIn;

  const usage = async (userId: string) => {
    const result = await db.query<{ input: string; output: string; reserved: string }>(
      `select input_tokens as input, output_tokens as output, reserved_tokens as reserved from intelligence_service.token_usage
       where user_id = $1 and day = (now() at time zone 'Asia/Seoul')::date`,
      [userId],
    );
    const row = result.rows[0];
    return { input: Number(row?.input ?? 0), output: Number(row?.output ?? 0), reserved: Number(row?.reserved ?? 0) };
  };
  const openStreams = async (userId: string) =>
    Number((await db.query<{ n: string }>('select count(*) as n from intelligence_service.chat_streams where user_id = $1', [userId])).rows[0]!.n);

  before(async () => {
    db = new pg.Client({ connectionString: secrets['postgres-admin-url'] });
    await db.connect();
    await resetClaude();
  });

  after(async () => {
    await resetClaude();
    await db?.end();
  });

  afterEach(async () => {
    await resetClaude();
  });

  test('when the client hangs up mid-answer, then the model stream is aborted, only what was generated is counted, and the stream slot is freed', async () => {
    junho = await activeUser(people.junho, JUNHO);
    const chatId = await openChat(junho);
    // A long answer, slowly: about a third of a second between the stand-in's events.
    await setClaudeBehaviour({ mode: 'normal', chunkDelayMs: 300 });
    const hangUp = new AbortController();
    const response = await askStreaming(junho, chatId, '혈압을 낮추는 운동과 식단, 수면 습관을 하나씩 자세히 알려 주세요.', hangUp.signal);
    assert.equal(response.status, 200);
    const seen = await readUntil(response, (events) => events.filter((e) => e === 'token').length >= 2);
    assert.ok(seen.filter((e) => e === 'token').length >= 2, `the answer had started: ${seen.join(',')}`);
    hangUp.abort();

    const request = await eventually(
      'the stand-in to see the model stream closed',
      async () => {
        const last = (await claudeRequests()).at(-1);
        return last?.aborted !== undefined ? last : undefined;
      },
      30_000,
    );
    assert.equal(request.stream, true);
    assert.equal(request.aborted, true, 'the model stream was closed before its end');
    assert.ok(request.eventsSent! < request.eventsTotal!, `${request.eventsSent} of ${request.eventsTotal} events were generated`);
    assert.equal((await claudeStats()).aborted, 1);

    const counted = await eventually('the partial usage to be recorded', async () => {
      const now = await usage(junho.user.id);
      return now.reserved === 0 && now.input > 0 ? now : undefined;
    });
    assert.ok(counted.input + counted.output < DAILY_TOKEN_BUDGET);
    await eventually('the stream slot to be freed', async () => (await openStreams(junho.user.id)) === 0);

    // The user keeps what they were shown in their history.
    const history = (await (await api(`/api/intelligence/chats/${chatId}`, { token: junho.accessToken })).json()) as {
      messages: { role: string; content: string; source: string }[];
    };
    const answer = history.messages.find((m) => m.role === 'assistant');
    assert.ok(answer, 'the partial answer is stored');
    assert.equal(answer.source, 'AI');
    assert.ok(answer.content.length > 0);
  });

  test(`when a user already has ${MAX_STREAMS} answers streaming, then one more is 429 CHAT_STREAMS_EXCEEDED, and once they end a new one streams`, async () => {
    junho = await activeUser(people.junho, JUNHO);
    await setClaudeBehaviour({ mode: 'normal', chunkDelayMs: 300 });
    const hangUp = new AbortController();
    const open: Response[] = [];
    for (let i = 0; i < MAX_STREAMS; i += 1) {
      const response = await askStreaming(junho, await openChat(junho), '잠을 잘 자려면 어떻게 해야 하나요? 자세히 알려 주세요.', hangUp.signal);
      assert.equal(response.status, 200);
      await readUntil(response, (events) => events.includes('token'));
      open.push(response);
    }

    const chatId = await openChat(junho);
    const refused = await askStreaming(junho, chatId, '스트레스는 어떻게 풀면 좋을까요?');
    assert.equal(refused.status, 429);
    assert.ok(isProblem(refused));
    assert.equal(((await refused.json()) as { code: string }).code, 'CHAT_STREAMS_EXCEEDED');
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    const history = (await (await api(`/api/intelligence/chats/${chatId}`, { token: junho.accessToken })).json()) as { totalMessages: number };
    assert.equal(history.totalMessages, 0, 'the refused question was not stored');

    // Another user is not affected by junho's streams.
    const seoyeon = await activeUser(people.seoyeon, { name: '박서연', birthDate: '1995-12-02', sex: 'F', occupation: 'STUDENT' });
    const other = await askStreaming(seoyeon, await openChat(seoyeon), '아침을 거르면 안 좋을까요?', hangUp.signal);
    assert.equal(other.status, 200);

    hangUp.abort();
    await eventually('the stream slots to be freed', async () => (await openStreams(junho.user.id)) === 0, 30_000);
    await setClaudeBehaviour({ mode: 'normal' });
    const again = await askStreaming(junho, chatId, '스트레스는 어떻게 풀면 좋을까요?');
    assert.equal(again.status, 200);
    const events = await readSse(again);
    assert.equal(events[events.length - 1]!.event, 'done');
    await api('/api/users/me', { method: 'DELETE', token: seoyeon.accessToken });
  });

  test('when many answers are asked for at once near the end of the budget, then together they never spend more than the budget', async () => {
    junho = await activeUser(people.junho, JUNHO);
    const message = '물은 하루에 얼마나 마셔야 하나요?';
    const ask = async (chatId: string) => {
      const response = await api(`/api/intelligence/chats/${chatId}/messages`, { method: 'POST', token: junho.accessToken, json: { message } });
      const text = await response.text();
      assert.equal(response.status, 201, text);
      return JSON.parse(text) as Reply;
    };
    // Every question opens its own chat, so every prompt (and so every reservation) is the same.
    const chats = await Promise.all(Array.from({ length: 7 }, () => openChat(junho)));

    // One call alone, held at the stand-in: its reservation is visible while it is in flight.
    await setClaudeBehaviour({ mode: 'normal', delayMs: 1_500 });
    const first = ask(chats[0]!);
    const reservation = await eventually('the reservation of a call in flight', async () => (await usage(junho.user.id)).reserved || undefined);
    assert.equal((await first).source, 'AI');
    const afterOne = await usage(junho.user.id);
    assert.equal(afterOne.reserved, 0, 'the reservation was released after the call');
    assert.ok(afterOne.input + afterOne.output <= reservation, `spent ${afterOne.input + afterOne.output} within the ${reservation} reserved`);

    // Leave room for one and a half reservations, then ask six times at once.
    const room = Math.floor(reservation * 1.5);
    await db.query(
      `update intelligence_service.token_usage set input_tokens = $2 - output_tokens - $3
       where user_id = $1 and day = (now() at time zone 'Asia/Seoul')::date`,
      [junho.user.id, DAILY_TOKEN_BUDGET, room],
    );
    await resetClaude();
    await setClaudeBehaviour({ mode: 'normal', delayMs: 3_000 });
    const replies = await Promise.all(chats.slice(1).map((chatId) => ask(chatId)));

    const answered = replies.filter((r) => r.source === 'AI').length;
    const refused = replies.filter((r) => r.fallbackReason === 'DAILY_TOKEN_BUDGET_EXCEEDED').length;
    assert.equal(answered + refused, replies.length, JSON.stringify(replies.map((r) => r.fallbackReason)));
    assert.equal(answered, 1, 'only one call fits the room left');
    assert.equal((await claudeStats()).total, answered, 'the refused ones never reached Claude');
    const final = await usage(junho.user.id);
    assert.equal(final.reserved, 0);
    assert.ok(final.input + final.output <= DAILY_TOKEN_BUDGET, `spent ${final.input + final.output} of ${DAILY_TOKEN_BUDGET}`);
  });
});
