import { awayFromSeoulMidnight, seoulDay } from '../support/goals.js';
import { Canary } from './canary.js';
import { closeDb, outboxPending, usageDay } from './db.js';
import { Traffic } from './http.js';
import { FindingsBook, judgeCount, tally, type Finding } from './ledger.js';
import { createUsers, Load, type VirtualUser } from './load.js';

/**
 * The fault-injection suite: a mixed write load from several signed-in users while one process
 * at a time is killed with SIGKILL and started again; after each, the system must recover, the
 * outboxes drain, and nothing the clients were told must be lost or applied twice.
 *
 * The processes come from outside (scripts/lib/system-processes.mjs), as targets that know how
 * to crash themselves and restart; this file knows only the API, the ledger and the clock.
 */
export interface FaultTarget {
  name: string;
  kind: string;
  /**
   * Writes this process may lose by design when killed, and why: a local stand-in that is less
   * durable than what it stands for. Findings of that kind acknowledged within `windowMs` before
   * the kill are listed as excused, not counted.
   */
  volatile?: { what: string; windowMs: number; why: string };
  crash(): Promise<{
    killedAt: number;
    killedPids: number[];
    restart(): Promise<{ restartedAt: number; healthyAt: number; pid: number }>;
  }>;
}

export interface FaultOptions {
  /** Target names, in order; the table follows it. */
  faults: string[];
  users: number;
  /** How long a killed process stays down before it is started again. */
  downSeconds: number;
  /** Load before the kill and after the recovery. */
  warmSeconds: number;
  afterSeconds: number;
  thinkMs: [number, number];
  /** Longest wait for recovery, and for the outboxes and the event-fed views to catch up. */
  recoveryTimeoutSeconds: number;
  drainTimeoutSeconds: number;
  /** System processes not running now (a service that died by itself, say); checked after each fault. */
  processesDown: () => string[];
  log: (line: string) => void;
}

export interface FaultRow {
  fault: string;
  kind: string;
  /** Requests the load sent from the kill until the system had recovered, and how many got no 2xx. */
  requests: number;
  errors: number;
  errorCodes: Record<string, number>;
  lost: number;
  duplicated: number;
  unexpected: number;
  /** Seconds: kill → restart (held down), restart → process serves, restart → a whole canary round passes, kill → that. */
  downSeconds: number | null;
  processSeconds: number | null;
  recoverySeconds: number | null;
  outageSeconds: number | null;
  /** Canary steps that failed while it lasted (step → rounds). */
  canaryFailures: Record<string, number>;
  /** Seconds until every outbox had published everything after the load paused; outboxes not drained. */
  drainSeconds: number | null;
  outboxLeft: Record<string, number>;
  findings: Finding[];
  /** System processes found not running after the fault (other than a restart that failed). */
  died: string[];
  /** Findings the target's `volatile` explains, with why; not counted. */
  excused: (Finding & { why: string })[];
  error?: string;
}

export interface FaultReport {
  startedAt: string;
  finishedAt: string;
  users: number;
  day: string;
  rows: FaultRow[];
  totals: { requests: number; errors: number; lost: number; duplicated: number; unexpected: number; writesChecked: Record<string, number> };
  ok: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** Waits until no outbox has unpublished rows; resolves to the seconds it took, or what was left at the deadline. */
async function drainOutboxes(timeoutMs: number): Promise<{ seconds: number | null; left: Record<string, number> }> {
  const started = Date.now();
  for (;;) {
    let left: Record<string, number>;
    try {
      left = await outboxPending();
      if (Object.values(left).every((n) => n === 0)) return { seconds: seconds(Date.now() - started), left: {} };
    } catch {
      left = { 'database unreachable': -1 };
    }
    if (Date.now() - started > timeoutMs) return { seconds: null, left };
    await sleep(250);
  }
}

/**
 * Reads everything back: the API against the ledger, then the event-fed views until they agree
 * (or the deadline). The AI usage view (usage-analytics) keeps no user id, so it is checked as a
 * whole for the day: every recorded usage event counted exactly once, however often it was delivered.
 */
async function reconcile(users: VirtualUser[], day: string, viewTimeoutMs: number): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const user of users) findings.push(...(await user.readBack()));
  const deadline = Date.now() + viewTimeoutMs;
  for (;;) {
    const views: Finding[] = [];
    for (const user of users) views.push(...(await user.viewFindings()));
    const usage = await usageDay(day);
    views.push(...judgeCount(`usage-analytics ${day}: model requests counted, against usage events recorded`, usage.events, usage.requests));
    if (views.length === 0 || Date.now() > deadline) return [...findings, ...views];
    await sleep(500);
  }
}

/** Runs the suite against the running system; the caller prints and judges the report. */
export async function runFaults(targets: FaultTarget[], options: FaultOptions): Promise<FaultReport> {
  const { log } = options;
  const byName = new Map(targets.map((t) => [t.name, t]));
  const unknown = options.faults.filter((f) => !byName.has(f));
  if (unknown.length > 0) throw new Error(`unknown fault targets: ${unknown.join(', ')} (known: ${[...byName.keys()].join(', ')})`);

  // One Seoul day for the whole run: check-offs are for "today".
  const perFault = options.warmSeconds + options.downSeconds + options.afterSeconds + 30;
  await awayFromSeoulMidnight((options.faults.length + 2) * perFault * 1000);
  const day = seoulDay(0);
  const startedAt = new Date();
  const traffic = new Traffic();
  log(`faults: signing in ${options.users} users (missions with a 2-day streak, a chat each) for ${day}`);
  const users = await createUsers(options.users, 'fault-user-', traffic, { day, thinkMs: options.thinkMs });
  const load = new Load(users);
  load.start();
  const book = new FindingsBook();
  const rows: FaultRow[] = [];
  let usageEvents: number | null;

  const settle = async (row: FaultRow, excuse?: { volatile: NonNullable<FaultTarget['volatile']>; killedAt: number }) => {
    await load.pause();
    const drained = await drainOutboxes(options.drainTimeoutSeconds * 1000);
    row.drainSeconds = drained.seconds;
    row.outboxLeft = drained.left;
    const all = book.fresh(await reconcile(users, day, options.drainTimeoutSeconds * 1000));
    const excused = (f: Finding) =>
      excuse !== undefined &&
      f.what === excuse.volatile.what &&
      f.at !== undefined &&
      f.at <= excuse.killedAt &&
      f.at >= excuse.killedAt - excuse.volatile.windowMs;
    const findings = all.filter((f) => !excused(f));
    row.excused = all.filter(excused).map((f) => ({ ...f, why: excuse!.volatile.why }));
    Object.assign(row, tally(findings), { findings });
  };

  try {
    // Without any fault first: the load itself must see no errors and lose nothing.
    {
      const row = emptyRow('(none)', 'baseline');
      await Promise.all(users.map((u) => u.keepSignedIn(10 * 60_000)));
      const from = Date.now();
      load.resume();
      await sleep((options.warmSeconds + options.afterSeconds + options.downSeconds) * 1000);
      Object.assign(row, windowOf(traffic, from, Date.now()));
      await settle(row);
      rows.push(row);
      log(`faults: ${describe(row)}`);
    }

    for (const name of options.faults) {
      const target = byName.get(name)!;
      const row = emptyRow(target.name, target.kind);
      rows.push(row);
      try {
        const canary = await Canary.create(`fault-canary-${target.name.replaceAll(' ', '-')}`);
        await Promise.all(users.map((u) => u.keepSignedIn(10 * 60_000)));
        load.resume();
        await sleep(options.warmSeconds * 1000);
        const crashed = await target.crash();
        log(`faults: killed ${target.name} (pid ${crashed.killedPids.join(', ')}) with SIGKILL; down for ${options.downSeconds} s`);
        await sleep(options.downSeconds * 1000);
        const restarted = await crashed.restart();
        const green = await canary.untilGreen(day, options.recoveryTimeoutSeconds * 1000);
        row.downSeconds = seconds(restarted.restartedAt - crashed.killedAt);
        row.processSeconds = seconds(restarted.healthyAt - restarted.restartedAt);
        row.canaryFailures = green.failures;
        row.died = options.processesDown();
        Object.assign(row, windowOf(traffic, crashed.killedAt, green.greenAt ?? Date.now()));
        if (green.greenAt === null) {
          throw new Error(
            `not recovered ${options.recoveryTimeoutSeconds} s after the restart: the canary's last round failed at "${green.lastFailure}"${
              row.died.length ? `; not running: ${row.died.join(', ')}` : ''
            }`,
          );
        }
        row.recoverySeconds = seconds(green.greenAt - restarted.restartedAt);
        row.outageSeconds = seconds(green.greenAt - crashed.killedAt);
        await sleep(options.afterSeconds * 1000);
        await settle(row, target.volatile ? { volatile: target.volatile, killedAt: crashed.killedAt } : undefined);
        row.died = options.processesDown();
        log(`faults: ${describe(row)}`);
      } catch (error) {
        row.error = error instanceof Error ? error.message : String(error);
        log(`faults: ${target.name} FAILED: ${row.error}`);
        await load.pause();
        break; // the system may not be whole any more: later rows would measure this failure
      }
    }
  } finally {
    await load.stop();
    // What the usage view's check covered: the day's AI usage events (every user's, the suite's among them).
    usageEvents = await usageDay(day)
      .then((u) => u.events)
      .catch(() => null);
    await closeDb();
  }

  const all = rows.flatMap((r) => r.findings);
  const t = tally(all);
  const writesChecked = {
    'check-off missions': users.length * users[0]!.missions.length,
    profiles: users.length,
    preferences: users.length,
    'chat messages': users.reduce((n, u) => n + u.chatMessages.size, 0),
    'NHIS imports': users.reduce((n, u) => n + u.imports.size, 0),
    ...(usageEvents === null ? {} : { 'AI usage events counted once (the day, all users)': usageEvents }),
  };
  const requests = rows.reduce((n, r) => n + r.requests, 0);
  const errors = rows.reduce((n, r) => n + r.errors, 0);
  return {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    users: users.length,
    day,
    rows,
    totals: { requests, errors, ...t, writesChecked: { ...writesChecked, 'requests sent in all': traffic.total } },
    ok: t.lost + t.duplicated + t.unexpected === 0 && rows.every((r) => !r.error && r.drainSeconds !== null && r.died.length === 0),
  };
}

function emptyRow(fault: string, kind: string): FaultRow {
  return {
    fault,
    kind,
    requests: 0,
    errors: 0,
    errorCodes: {},
    lost: 0,
    duplicated: 0,
    unexpected: 0,
    downSeconds: null,
    processSeconds: null,
    recoverySeconds: null,
    outageSeconds: null,
    canaryFailures: {},
    drainSeconds: null,
    outboxLeft: {},
    findings: [],
    died: [],
    excused: [],
  };
}

function windowOf(traffic: Traffic, from: number, to: number): Pick<FaultRow, 'requests' | 'errors' | 'errorCodes'> {
  const { requests, errors, errorCodes } = traffic.window(from, to);
  return { requests, errors, errorCodes };
}

function describe(row: FaultRow): string {
  const recovery = row.recoverySeconds === null ? '' : `, recovered ${row.recoverySeconds} s after the restart`;
  return `${row.fault}: ${row.requests} requests, ${row.errors} errors${recovery}; lost ${row.lost}, duplicated ${row.duplicated}, unexpected ${row.unexpected}; outboxes drained ${row.drainSeconds === null ? 'NOT' : `in ${row.drainSeconds} s`}`;
}

/** The report as a table, one row per fault, with totals and every finding spelled out. */
export function faultTable(report: FaultReport): string {
  const header = ['fault', 'requests', 'errors seen', 'error %', 'lost', 'duplicated', 'unexpected', 'down s', 'recovery s', 'outage s', 'drain s'];
  const cell = (v: number | null) => (v === null ? '—' : String(v));
  const lines = report.rows.map((r) => [
    r.fault,
    String(r.requests),
    String(r.errors),
    r.requests === 0 ? '—' : ((100 * r.errors) / r.requests).toFixed(1),
    String(r.lost),
    String(r.duplicated),
    String(r.unexpected),
    cell(r.downSeconds),
    r.error ? 'FAILED' : cell(r.recoverySeconds),
    cell(r.outageSeconds),
    r.drainSeconds === null ? `NOT (${JSON.stringify(r.outboxLeft)})` : String(r.drainSeconds),
  ]);
  const t = report.totals;
  lines.push([
    'total',
    String(t.requests),
    String(t.errors),
    t.requests === 0 ? '—' : ((100 * t.errors) / t.requests).toFixed(1),
    String(t.lost),
    String(t.duplicated),
    String(t.unexpected),
    '',
    '',
    '',
    '',
  ]);
  const rows = [header, ...lines];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const format = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(format)];
  out.push(
    '',
    'down s: killed → restarted; recovery s: restarted → a whole canary round passed; outage s: killed → that; drain s: load paused → every outbox published.',
  );
  out.push(
    `writes checked at the end: ${Object.entries(t.writesChecked)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  for (const row of report.rows) {
    for (const f of row.findings) out.push(`  ${row.fault}: ${f.verdict} — ${f.what}: ${f.detail}`);
    for (const f of row.excused) out.push(`  ${row.fault}: excused ${f.verdict} — ${f.what}: ${f.detail} (${f.why})`);
    if (row.died.length) out.push(`  ${row.fault}: not running afterwards — ${row.died.join(', ')}`);
    if (Object.keys(row.canaryFailures).length)
      out.push(
        `  ${row.fault}: canary rounds failed at — ${Object.entries(row.canaryFailures)
          .map(([k, v]) => `${k} ×${v}`)
          .join(', ')}`,
      );
    if (row.error) out.push(`  ${row.fault}: FAILED — ${row.error}`);
  }
  return out.join('\n');
}
