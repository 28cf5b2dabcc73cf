/**
 * Helpers for the health tests: the NHIS stand-in's test-only controls (standins/nhis/PROTOCOL.md §4),
 * linking through the gateway, and read-only looks into the health service's schema.
 */
import pg from 'pg';
import { secrets, sidecar } from './system.js';
import { api } from './users.js';

export const nhisUrl = 'http://127.0.0.1:14100';

/** One checkup as the stand-in registers it: canonical field names, values printed verbatim. */
export type NhisCheckup = { year: string; examDate: string; raw?: Record<string, string> } & Record<string, unknown>;

export interface NhisIdentity {
  name: string;
  /** YYYY-MM-DD, as the app sends it. */
  birthDate: string;
  phone: string;
}

let phoneSequence = Math.floor(Math.random() * 9000);
/**
 * A mobile number no other test of this run uses. The stand-in's approvals list shows numbers masked
 * as 010****1234, so the last four digits are what tells a test's approval apart.
 */
export function uniquePhone(): string {
  phoneSequence = (phoneSequence + 1) % 10_000;
  const middle = String(1000 + Math.floor(Math.random() * 9000));
  return `010-${middle}-${String(phoneSequence).padStart(4, '0')}`;
}

export function identity(name: string, birthDate: string): NhisIdentity {
  return { name, birthDate, phone: uniquePhone() };
}

async function control(path: string, body: unknown): Promise<Response> {
  return fetch(`${nhisUrl}/_control${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Registers exactly these checkups for the identity (replacing any earlier registration). */
export async function registerNhisPerson(
  who: NhisIdentity,
  checkups: NhisCheckup[],
  options: { sex?: 'M' | 'F'; pdf?: boolean; unitStyle?: 'codef' | 'cjk' } = {},
): Promise<void> {
  const response = await control('/people', { name: who.name, birthDate: who.birthDate.replaceAll('-', ''), phone: who.phone, ...options, checkups });
  if (response.status !== 201) throw new Error(`registering an NHIS person failed: ${response.status} ${await response.text()}`);
}

export async function nhisOutage(down: boolean, mode?: 'error' | 'unavailable' | 'hang'): Promise<void> {
  const response = await control('/outage', { down, ...(mode ? { mode } : {}) });
  if (!response.ok) throw new Error(`switching the NHIS outage failed: ${response.status}`);
}

/** Moves the stand-in's test clock forward by `advanceSeconds`, or back to real time with 0 (POST /_control/clock). */
export async function nhisClock(advanceSeconds: number): Promise<void> {
  const response = await control('/clock', advanceSeconds === 0 ? { offsetSeconds: 0 } : { advanceSeconds });
  if (!response.ok) throw new Error(`moving the NHIS clock failed: ${response.status}`);
  await response.body?.cancel();
}

const masked = (phone: string) => {
  const digits = phone.replace(/\D/g, '');
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
};

export interface PendingApproval {
  jti: string;
  name: string;
  phone: string;
  provider: string;
  secondsLeft: number;
}

export async function pendingApprovalFor(phone: string): Promise<PendingApproval | undefined> {
  const response = await fetch(`${nhisUrl}/_control/approvals`, { headers: { accept: 'application/json' } });
  const { pending } = (await response.json()) as { pending: PendingApproval[] };
  return pending.find((p) => p.phone === masked(phone));
}

/** The user answers the simple-auth push on their phone; returns the stand-in's status (200, 404, 409). */
export async function answerOnPhone(phone: string, decision: 'approve' | 'deny', jti?: string): Promise<number> {
  const target = jti ?? (await pendingApprovalFor(phone))?.jti;
  if (!target) throw new Error(`no pending approval for ${masked(phone)}`);
  const response = await control(`/approvals/${encodeURIComponent(target)}`, { decision });
  await response.body?.cancel();
  return response.status;
}

export interface LinkView {
  id: string;
  state: string;
  reason: string | null;
  provider: string;
  expiresAt: string;
  closedAt: string | null;
  imported: { newCheckups: number; alreadyImported: number; checkupIds: string[] } | null;
}

/** One request to start linking, answered as it is. */
export function startLinkOnce(token: string, who: NhisIdentity, extra: Record<string, string> = {}): Promise<Response> {
  return api('/api/health/nhis/links', { method: 'POST', token, json: { ...who, provider: 'KAKAO', ...extra } });
}

/**
 * Starts linking the way the app does right after onboarding: the health service learns the profile's
 * name and birth date from the user service's event, so until that arrives it answers 409
 * PROFILE_INCOMPLETE, and the app asks again a moment later.
 */
export async function startLink(token: string, who: NhisIdentity, extra: Record<string, string> = {}): Promise<Response> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await startLinkOnce(token, who, extra);
    if (response.status !== 409 || Date.now() > deadline) return response;
    const body = (await response
      .clone()
      .json()
      .catch(() => ({}))) as { code?: string };
    if (body.code !== 'PROFILE_INCOMPLETE') return response;
    await response.body?.cancel();
    await sleep(250);
  }
}

export function completeLink(token: string, linkId: string): Promise<Response> {
  return api(`/api/health/nhis/links/${linkId}/complete`, { method: 'POST', token });
}

/** Link → approve on the phone → complete, as the app and the user would; returns the completed link. */
export async function linkAndImport(token: string, who: NhisIdentity): Promise<LinkView> {
  const started = await startLink(token, who);
  if (started.status !== 201) throw new Error(`starting the link failed: ${started.status} ${await started.text()}`);
  const link = (await started.json()) as LinkView;
  const approved = await answerOnPhone(who.phone, 'approve');
  if (approved !== 200) throw new Error(`approving failed: ${approved}`);
  const completed = await completeLink(token, link.id);
  if (completed.status !== 200) throw new Error(`completing the link failed: ${completed.status} ${await completed.text()}`);
  return (await completed.json()) as LinkView;
}

/** The internal route, called the way another service calls it: through that service's own sidecar. */
export function internalLatestJudged(userId: string, caller: 'intelligence' | 'goal' = 'intelligence'): Promise<Response> {
  return sidecar(caller, `/v1.0/invoke/health/method/internal/health/users/${encodeURIComponent(userId)}/latest-judged?purpose=AI_READING`);
}

let pool: pg.Pool | undefined;
/** Read-only looks at the health schema (deletion, outbox); the tests never write here. */
export function healthDb(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: secrets['postgres-admin-url'], max: 2, options: '-c search_path=health_service' });
  return pool;
}

export async function closeHealthDb(): Promise<void> {
  await pool?.end();
  pool = undefined;
}

export async function importedEvents(userId: string): Promise<{ checkupIds: string[]; published: boolean }[]> {
  const result = await healthDb().query<{ payload: { checkupIds: string[] }; published_at: Date | null }>(
    `select payload, published_at from outbox where topic = 'health-checkup-imported' and payload->>'userId' = $1 order by created_at`,
    [userId],
  );
  return result.rows.map((r) => ({ checkupIds: r.payload.checkupIds, published: r.published_at !== null }));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
