import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CLOUDEVENT_TYPE_METADATA, eventContracts, type EventContract, type EventData } from '@healthsync/shared';
import pg from 'pg';
import { api } from './users.js';
import { appPorts, appTokens, eventually, repoRoot, runtimeEnv, secrets, sidecar, systemFacts } from './system.js';

/** Helpers for the daily encouragement and the in-app inbox (services/batch). */

// ── Seoul time ────────────────────────────────────────────────────────────────────────────
const SEOUL_OFFSET_MS = 9 * 3_600_000;

export function seoulToday(at = new Date()): string {
  return new Date(at.getTime() + SEOUL_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The Seoul wall-clock time `offsetMinutes` from now, floored to the minute, as HH:MM. */
export function seoulClock(offsetMinutes: number, at = new Date()): string {
  return new Date(at.getTime() + SEOUL_OFFSET_MS + offsetMinutes * 60_000).toISOString().slice(11, 16);
}

/** Quiet hours that do not cover the next three hours: a test's message is shown at once, whatever the time of day. */
export function quietHoursAwayFromNow(): { start: string; end: string } {
  return { start: seoulClock(180), end: seoulClock(240) };
}

// ── The inbox API, through the gateway ────────────────────────────────────────────────────
export interface NotificationView {
  id: string;
  kind: string;
  text: string;
  source: 'AI' | 'FALLBACK';
  deliveredAt: string;
  read: boolean;
  readAt: string | null;
}

export interface InboxPage {
  items: NotificationView[];
  unreadCount: number;
  nextCursor: string | null;
}

export async function inbox(token: string, query = ''): Promise<InboxPage> {
  const response = await api(`/api/notifications${query}`, { token });
  if (response.status !== 200) throw new Error(`inbox: ${response.status} ${await response.text()}`);
  return (await response.json()) as InboxPage;
}

export function savePreferences(token: string, preferences: { optedOut: boolean; quietHours: { start: string; end: string } | null }): Promise<Response> {
  return api('/api/notifications/preferences', { method: 'PUT', token, json: preferences });
}

export async function mustSavePreferences(token: string, preferences: { optedOut: boolean; quietHours: { start: string; end: string } | null }): Promise<void> {
  const response = await savePreferences(token, preferences);
  if (response.status !== 200) throw new Error(`saving preferences: ${response.status} ${await response.text()}`);
}

// ── Goal activity, as the goal service publishes it ───────────────────────────────────────
/**
 * Publishes a goal event on the `events` component through the goal service's sidecar,
 * exactly as its outbox relay does (the contract's CloudEvent type, the event id as CloudEvent
 * id, a payload its contract accepts). Used for activity the public goal API cannot create:
 * missions chosen days ago (the API only starts sets today).
 */
export async function publishGoalEvent<C extends EventContract>(contract: C, data: Omit<EventData<C>, 'occurredAt'>): Promise<void> {
  const eventId = randomUUID();
  const payload = contract.schema.parse({ eventId, occurredAt: new Date().toISOString(), ...data });
  const query = new URLSearchParams({ 'metadata.cloudevent.id': eventId, [`metadata.${CLOUDEVENT_TYPE_METADATA}`]: contract.type });
  const response = await sidecar('goal', `/v1.0/publish/${contract.pubsub}/${contract.topic}?${query}`, { method: 'POST', body: JSON.stringify(payload) });
  if (!response.ok) throw new Error(`publishing ${contract.topic}: ${response.status} ${await response.text()}`);
}

export const testMissions: EventData<typeof eventContracts.goalSet>['missions'] = [
  { missionId: 'walk-after-lunch', title: '점심 후 15분 걷기', category: 'exercise', difficulty: 'easy', minutes: 15, source: 'CATALOGUE' },
  { missionId: 'water-8-cups', title: '물 8잔 마시기', category: 'diet', difficulty: 'easy', minutes: 5, source: 'CATALOGUE' },
];

/** GoalSet: two missions chosen `daysAgo` Seoul days ago; returns the set's id. */
export async function chooseMissionsDaysAgo(userId: string, daysAgo: number): Promise<string> {
  const goalSetId = randomUUID();
  await publishGoalEvent(eventContracts.goalSet, {
    type: 'GoalSet',
    userId,
    goalSetId,
    previousGoalSetId: null,
    startedOn: addDays(seoulToday(), -daysAgo),
    missions: testMissions,
  });
  return goalSetId;
}

/** MissionCompleted with the day's totals after the change. */
export async function checkOff(userId: string, goalSetId: string, date: string, totals: { scheduled: number; completed: number }): Promise<void> {
  await publishGoalEvent(eventContracts.missionCompleted, {
    type: 'MissionCompleted',
    userId,
    goalSetId,
    missionId: testMissions[0]!.missionId,
    date,
    currentStreak: 1,
    dateTotals: totals,
    activeMissionCount: testMissions.length,
  });
}

// ── Operator views: the batch app's internal routes (app port, app token) ─────────────────
export async function batchInternal<T>(apiPath: string, port: number = appPorts.batch): Promise<{ status: number; body: T }> {
  const response = await fetch(`http://127.0.0.1:${port}${apiPath}`, { headers: { 'dapr-api-token': appTokens('batch').APP_API_TOKEN } });
  return { status: response.status, body: (await response.json()) as T };
}

/** A counter or gauge of the batch app's Prometheus metrics (0 when the series does not exist yet). */
export async function batchMetric(name: string, labels: Record<string, string>, port: number = appPorts.batch): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

export interface Decision {
  state: 'PENDING' | 'CLAIMED' | 'SENT' | 'SKIPPED' | 'FAILED';
  reason: string | null;
  urgency: number;
  facts: Record<string, unknown> & { completionRate7d: number | null; consecutiveMissedDays: number; activeMissionCount: number; completedToday: number };
  textSource: 'AI' | 'FALLBACK' | null;
  notificationId: string | null;
  deliverAt: string | null;
  decidedAt: string | null;
}

/** Waits until today's run has decided about the user (SENT, SKIPPED or FAILED), optionally until `accept` holds. */
export function decisionFor(userId: string, accept: (d: Decision) => boolean = () => true, timeoutMs = 45_000): Promise<Decision> {
  return eventually(
    `today's run to decide about ${userId}`,
    async () => {
      const { status, body } = await batchInternal<Decision>(`/internal/batch/runs/${seoulToday()}/users/${userId}`);
      return status === 200 && ['SENT', 'SKIPPED', 'FAILED'].includes(body.state) && accept(body) ? body : undefined;
    },
    timeoutMs,
  );
}

export interface RunReport {
  runDate: string;
  considered: number;
  sent: number;
  deferred: number;
  skipped: Record<string, number>;
  failed: number;
  pending: number;
  triggers: { count: number };
  durationMs: number;
}

export async function runReport(runDate = seoulToday()): Promise<RunReport> {
  const { status, body } = await batchInternal<RunReport>(`/internal/batch/runs/${runDate}`);
  if (status !== 200) throw new Error(`run report: ${status} ${JSON.stringify(body)}`);
  return body;
}

/** Resolves once the real cron binding has triggered today's run `count` more times. */
export async function cronTicks(count: number): Promise<void> {
  const start = (await runReport()).triggers.count;
  await eventually(`${count} more cron triggers`, async () => (await runReport()).triggers.count >= start + count, count * 10_000 + 15_000);
}

// ── The batch's database (admin connection) ───────────────────────────────────────────────
export async function adminDb(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: secrets['postgres-admin-url']! });
  await client.connect();
  return client;
}

/**
 * Puts `count` users who chose two missions 8 days ago and checked nothing off straight into
 * the batch's view (as if their goal events had arrived), all at once. Returns their ids.
 */
/** The issuer of accounts seeded straight into the user service (no one signs in with it). */
const SEEDED_ISSUER = 'https://seeded.healthsync.test';

export async function seedUsersBehind(db: pg.Client, count: number, options: { aiConsent?: boolean } = {}): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await db.query('begin');
  // Accounts in the user service, which the batch asks who may have their facts sent to the AI;
  // they hold AI_OVERSEAS_TRANSFER unless `aiConsent` is false.
  await db.query(`insert into user_service.users (id, issuer, subject, status) select u, $2, u::text, 'ACTIVE' from unnest($1::uuid[]) as u`, [
    ids,
    SEEDED_ISSUER,
  ]);
  if (options.aiConsent !== false) {
    await db.query(
      `insert into user_service.consent_events (user_id, purpose, action, version, channel, recorded_at)
       select u, 'AI_OVERSEAS_TRANSFER', 'GRANT', '2026-12-01', 'APP', now() from unnest($1::uuid[]) as u`,
      [ids],
    );
  }
  await db.query(
    `insert into batch_service.activity_sets (goal_set_id, user_id, started_on, missions, mission_count)
     select gen_random_uuid()::text, u, $2::date, $3::jsonb, 2 from unnest($1::uuid[]) as u`,
    [ids, addDays(seoulToday(), -8), JSON.stringify(testMissions)],
  );
  await db.query(
    `insert into batch_service.activity_users (user_id, active_goal_set_id, active_mission_count, changed_at)
     select user_id, goal_set_id, mission_count, clock_timestamp() from batch_service.activity_sets where user_id = any($1::uuid[])`,
    [ids],
  );
  await db.query('commit');
  return ids;
}

export async function eraseSeeded(db: pg.Client, ids: string[]): Promise<void> {
  for (const table of ['notifications', 'deliveries', 'activity_days', 'activity_sets', 'activity_users']) {
    await db.query(`delete from batch_service.${table} where user_id = any($1::uuid[])`, [ids]);
  }
  await db.query('delete from user_service.consent_events where user_id = any($1::uuid[])', [ids]);
  await db.query('delete from user_service.users where id = any($1::uuid[]) and issuer = $2', [ids, SEEDED_ISSUER]);
}

// ── A second batch replica ────────────────────────────────────────────────────────────────
export interface BatchReplica {
  appPort: number;
  /** Matches this replica's claims (`deliveries.claimed_by` is host:port/pid). */
  ownerPattern: string;
  /** Calls the replica's cron binding route the way its sidecar does on a tick. */
  trigger(): Promise<number>;
  /** SIGKILL of the app process, mid-work: no shutdown, no clean-up. The sidecar stays. */
  kill(): Promise<void>;
  /** Starts the app process again on the same port (what an orchestrator does). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts another replica of the batch service (same app id, same database, same components:
 * it gets the cron ticks too) with its own sidecar. The sidecar runs through the dapr CLI
 * without an app command; the app is a separate process, so it can be killed on its own.
 * Its ports stay below 32768, outside Linux's ephemeral range (scripts/lib/ports.mjs): a gRPC
 * port of 50116 was once held by an outgoing connection and the dapr CLI refused to start.
 */
export async function startBatchReplica(env: Record<string, string>, ports = { app: 3015, sidecar: 3515, grpc: 31115, metrics: 9115 }): Promise<BatchReplica> {
  const logFile = () => fs.openSync(path.join(repoRoot, '.data', 'logs', 'batch-replica.log'), 'a');
  const sidecarProcess: ChildProcess = spawn(
    path.join(repoRoot, '.tools', 'bin', 'dapr'),
    [
      'run',
      '--app-id',
      'batch',
      '--app-port',
      String(ports.app),
      '--dapr-http-port',
      String(ports.sidecar),
      '--dapr-grpc-port',
      String(ports.grpc),
      '--metrics-port',
      String(ports.metrics),
      '--resources-path',
      systemFacts.resourcesPath,
      '--resources-path',
      '../../dapr/local',
      '--config',
      '../../dapr/local/batch.yaml',
      '--placement-host-address',
      '',
    ],
    { cwd: path.join(repoRoot, 'services', 'batch'), env: { ...process.env, ...runtimeEnv }, stdio: ['ignore', logFile(), logFile()], detached: true },
  );
  const sidecarExited = new Promise<void>((resolve) => sidecarProcess.once('exit', () => resolve()));

  let app: ChildProcess | undefined;
  let appExited: Promise<void> = Promise.resolve();
  async function startApp(): Promise<void> {
    app = spawn(process.execPath, ['--enable-source-maps', 'dist/src/main.js'], {
      cwd: path.join(repoRoot, 'services', 'batch'),
      env: {
        ...process.env,
        ...runtimeEnv,
        ...appTokens('batch'),
        APP_HOST: '127.0.0.1',
        APP_PORT: String(ports.app),
        DAPR_HTTP_PORT: String(ports.sidecar),
        DAPR_GRPC_PORT: String(ports.grpc),
        ...env,
      },
      stdio: ['ignore', logFile(), logFile()],
      detached: true,
    });
    const child = app;
    appExited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await eventually('the batch replica to be ready', async () => (await fetch(`http://127.0.0.1:${ports.app}/readyz`)).ok, 90_000);
  }
  await startApp();

  return {
    appPort: ports.app,
    ownerPattern: `%:${ports.app}/%`,
    async trigger() {
      const response = await fetch(`http://127.0.0.1:${ports.app}/daily-encouragement`, {
        method: 'POST',
        headers: { 'dapr-api-token': appTokens('batch').APP_API_TOKEN },
      });
      await response.body?.cancel();
      return response.status;
    },
    async kill() {
      if (app?.exitCode === null && app.signalCode === null) process.kill(-app.pid!, 'SIGKILL');
      await appExited;
    },
    restart: startApp,
    async stop() {
      if (app?.exitCode === null && app.signalCode === null) {
        process.kill(-app.pid!, 'SIGTERM');
        await appExited;
      }
      if (sidecarProcess.exitCode === null && sidecarProcess.signalCode === null) {
        process.kill(-sidecarProcess.pid!, 'SIGINT');
        const timer = setTimeout(() => {
          try {
            process.kill(-sidecarProcess.pid!, 'SIGKILL');
          } catch {
            // already gone
          }
        }, 15_000);
        await sidecarExited;
        clearTimeout(timer);
      }
    },
  };
}
