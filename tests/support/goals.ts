import assert from 'node:assert/strict';
import { CLOUDEVENT_TYPE_METADATA, contractOfTopic } from '@healthsync/shared';
import pg from 'pg';
import { probeEvents, probeSidecar } from './probe.js';
import { appPorts, eventually, isProblem, secrets, sidecar } from './system.js';
import { api } from './users.js';

/** Helpers for the goal service's end-to-end tests (tests/e2e/goals.test.ts). */

const KST_OFFSET_MS = 9 * 3_600_000;

/** A Seoul calendar day relative to today (0 = today, -1 = yesterday). */
export function seoulDay(offsetDays = 0): string {
  return new Date(Date.now() + KST_OFFSET_MS + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Tests compare "today" with the service; within a minute of midnight in Seoul they could
 * disagree, so a run that starts that close waits for the new day.
 */
export async function awayFromSeoulMidnight(marginMs = 60_000): Promise<void> {
  const msIntoDay = (Date.now() + KST_OFFSET_MS) % 86_400_000;
  const msLeft = 86_400_000 - msIntoDay;
  if (msLeft < marginMs) await new Promise((r) => setTimeout(r, msLeft + 2_000));
}

export const goalsApi = {
  catalogue: (token: string, category?: string) => api(`/api/goals/catalogue${category ? `?category=${category}` : ''}`, { token }),
  choose: (token: string, missionIds: unknown) => api('/api/goals/missions', { method: 'PUT', token, json: { missionIds } }),
  today: (token: string) => api('/api/goals/today', { token }),
  complete: (token: string, missionId: string, date: string) =>
    api(`/api/goals/missions/${encodeURIComponent(missionId)}/completions/${encodeURIComponent(date)}`, { method: 'PUT', token }),
  undo: (token: string, missionId: string, date: string) =>
    api(`/api/goals/missions/${encodeURIComponent(missionId)}/completions/${encodeURIComponent(date)}`, { method: 'DELETE', token }),
  progress: (token: string, query: Record<string, string> = {}) => api(`/api/goals/progress?${new URLSearchParams(query)}`, { token }),
  reset: (token: string, body: unknown) => api('/api/goals/reset', { method: 'POST', token, json: body }),
};

/** The body of a response that must have the given status (the message shows what came instead). */
export async function expectJson<T = Record<string, unknown>>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

export interface Problem {
  code: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export async function expectProblem(response: Response, status: number, code: string): Promise<Problem> {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status} ${code}, got ${response.status}: ${text.slice(0, 500)}`);
  assert.ok(isProblem(response), 'problem+json');
  const problem = JSON.parse(text) as Problem;
  assert.equal(problem.code, code);
  return problem;
}

export interface ObservedGoalEvent {
  id: string;
  data: Record<string, unknown>;
  attempts: number;
}

/** Goal events the probe recorded for one user (the probe refuses each first delivery). */
export async function goalEventsOf(topic: string, userId: string): Promise<ObservedGoalEvent[]> {
  return ((await probeEvents(topic)) as ObservedGoalEvent[]).filter((e) => e.data.userId === userId);
}

/**
 * Waits until `expected` events matching `match` arrived, then a little longer, and returns
 * them: more than expected (a duplicate) or fewer fails the test.
 */
export async function exactlyTheseEvents(
  topic: string,
  userId: string,
  match: (data: Record<string, unknown>) => boolean,
  expected: number,
): Promise<ObservedGoalEvent[]> {
  await eventually(`${expected} ${topic} event(s)`, async () => (await goalEventsOf(topic, userId)).filter((e) => match(e.data)).length >= expected, 30_000);
  await new Promise((r) => setTimeout(r, 2_500));
  const events = (await goalEventsOf(topic, userId)).filter((e) => match(e.data));
  assert.equal(events.length, expected, `${topic}: ${JSON.stringify(events.map((e) => e.data))}`);
  return events;
}

/** Calls the goal service's internal progress-facts route as the batch service does (through batch's sidecar). */
export function batchCallsGoal(pathAndQuery: string): Promise<Response> {
  return sidecar('batch', `/v1.0/invoke/goal/method${pathAndQuery}`);
}

/** Pages through progress facts until the user's entry appears. */
export async function progressFactsOf(userId: string): Promise<Record<string, unknown> | undefined> {
  let cursor: string | null = null;
  for (let page = 0; page < 100; page += 1) {
    const query: string = new URLSearchParams({ limit: '500', ...(cursor ? { cursor } : {}) }).toString();
    const body = await expectJson<{ users: Record<string, unknown>[]; nextCursor: string | null }>(
      await batchCallsGoal(`/internal/goals/progress-facts?${query}`),
    );
    const found = body.users.find((u) => u.userId === userId);
    if (found) return found;
    if (!body.nextCursor) return undefined;
    cursor = body.nextCursor;
  }
  return undefined;
}

/** Rows the goal service holds about a user, per table (read with the admin connection). */
export async function goalRowsOf(userId: string): Promise<Record<string, number>> {
  const db = new pg.Client({ connectionString: secrets['postgres-admin-url'] });
  await db.connect();
  try {
    const counts: Record<string, number> = {};
    for (const table of ['goal_sets', 'completions', 'celebrations', 'user_progress']) {
      const result = await db.query(`select count(*)::int as n from goal_service.${table} where user_id = $1`, [userId]);
      counts[table] = result.rows[0].n as number;
    }
    return counts;
  } finally {
    await db.end();
  }
}

/** A counter of the goal service's /metrics, summed over series whose labels include all of `labels`. */
export async function goalCounter(name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${appPorts.goal}/metrics`)).text();
  let total = 0;
  for (const match of text.matchAll(new RegExp(`^${name}\\{([^}]*)\\} (\\d+(?:\\.\\d+)?)$`, 'gm'))) {
    if (Object.entries(labels).every(([k, v]) => match[1]!.includes(`${k}="${v}"`))) total += Number(match[2]);
  }
  return total;
}

/** Publishes an event again with the same CloudEvent id, as a broker redelivery would. */
export async function redeliver(topic: string, eventId: string, data: unknown): Promise<void> {
  const query = new URLSearchParams({ 'metadata.cloudevent.id': eventId });
  const type = contractOfTopic('events', topic)?.type;
  if (type) query.set(`metadata.${CLOUDEVENT_TYPE_METADATA}`, type);
  const response = await probeSidecar(`/v1.0/publish/events/${topic}?${query}`, {
    method: 'POST',
    body: JSON.stringify(data),
  });
  assert.equal(response.status, 204, await response.text());
}
