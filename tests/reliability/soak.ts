import { seoulDay } from '../support/goals.js';
import { closeDb, outboxPending, postgresConnections } from './db.js';
import { Traffic } from './http.js';
import { tally, type Finding } from './ledger.js';
import { createUsers, Load } from './load.js';
import { redisInfo } from './redis-info.js';
import { trend, type Sample, type Trend } from './trend.js';

/**
 * The soak: the fault suite's mixed load at a moderate rate for a long time, sampling every
 * process's resident memory and open files, PostgreSQL's connections and Redis's memory; at the
 * end, each one's trend (./trend.ts) and whether anything the clients were told was lost.
 */
export interface ProcessFigure {
  name: string;
  kind: string;
  pid: number;
  processes: number;
  rssKb: number;
  pssKb: number;
  fds: number;
}

export interface SoakOptions {
  minutes: number;
  users: number;
  sampleSeconds: number;
  /** Samples before this are left out of the trends (start-up: JIT, pools filling, caches). */
  warmupSeconds: number;
  thinkMs: [number, number];
  measureProcesses: () => ProcessFigure[];
  log: (line: string) => void;
}

export interface SoakRow {
  name: string;
  /** What was measured, e.g. `RSS MB`, `open files`. */
  measure: string;
  trend: Trend;
}

export interface SoakReport {
  startedAt: string;
  finishedAt: string;
  minutes: number;
  users: number;
  requests: number;
  errors: number;
  errorCodes: Record<string, number>;
  samples: number;
  rows: SoakRow[];
  /** Processes whose pid changed during the soak (they died and something restarted them), or that vanished. */
  restarted: string[];
  findings: Finding[];
  lost: number;
  duplicated: number;
  unexpected: number;
  outboxLeft: Record<string, number>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (kb: number) => kb / 1024;

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const { log } = options;
  const traffic = new Traffic();
  const day = seoulDay(0);
  log(`soak: signing in ${options.users} users`);
  const users = await createUsers(options.users, 'soak-user-', traffic, { day, thinkMs: options.thinkMs });
  const load = new Load(users);
  load.start();
  const startedAt = new Date();
  const t0 = Date.now();
  const series = new Map<string, Sample[]>();
  const add = (key: string, t: number, value: number) => {
    let list = series.get(key);
    if (!list) series.set(key, (list = []));
    list.push({ t, value });
  };
  const firstPid = new Map<string, number>();
  const restarted = new Set<string>();
  let samples = 0;
  const endAt = t0 + options.minutes * 60_000;
  let nextReport = t0 + 60_000;

  load.resume();
  try {
    while (Date.now() < endAt) {
      const t = (Date.now() - t0) / 1000;
      const figures = options.measureProcesses();
      const seen = new Set<string>();
      for (const f of figures) {
        seen.add(f.name);
        if (!firstPid.has(f.name)) firstPid.set(f.name, f.pid);
        else if (firstPid.get(f.name) !== f.pid) restarted.add(f.name);
        // PostgreSQL is many processes mapping the same shared memory: its PSS sum is what it holds.
        add(`${f.name}\tmemory MB`, t, mb(f.processes > 1 ? f.pssKb : f.rssKb));
        add(`${f.name}\topen files`, t, f.fds);
      }
      for (const name of firstPid.keys()) if (!seen.has(name)) restarted.add(name);
      try {
        const connections = await postgresConnections();
        add(
          `postgresql\tconnections (all)`,
          t,
          Object.values(connections).reduce((a, b) => a + b, 0),
        );
        for (const [user, n] of Object.entries(connections)) add(`postgresql\tconnections (${user})`, t, n);
      } catch {
        // counted as a gap
      }
      try {
        const memory = await redisInfo('memory');
        add('redis\tused_memory MB', t, Number(memory.used_memory) / 1024 / 1024);
        const keyspace = await redisInfo('keyspace');
        add('redis\tkeys', t, Number(/keys=(\d+)/.exec(keyspace.db0 ?? '')?.[1] ?? 0));
      } catch {
        // counted as a gap
      }
      samples += 1;
      if (Date.now() >= nextReport) {
        const w = traffic.window(t0, Date.now());
        log(`soak: ${Math.round(t / 60)} of ${options.minutes} min, ${w.requests} requests, ${w.errors} errors`);
        nextReport += 60_000;
      }
      await sleep(Math.max(0, Math.min(options.sampleSeconds * 1000, endAt - Date.now())));
    }
  } finally {
    await load.pause();
  }
  const finished = Date.now();
  const w = traffic.window(t0, finished);

  log('soak: load stopped; waiting for the outboxes, then reading every write back');
  let outboxLeft: Record<string, number> = {};
  for (let i = 0; i < 120; i += 1) {
    outboxLeft = await outboxPending();
    if (Object.values(outboxLeft).every((n) => n === 0)) break;
    await sleep(250);
  }
  const findings: Finding[] = [];
  try {
    for (const user of users) findings.push(...(await user.readBack()));
    for (const user of users) findings.push(...(await user.viewFindings()));
  } finally {
    await load.stop();
    await closeDb();
  }

  const rows: SoakRow[] = [];
  for (const [key, all] of series) {
    const [name, measure] = key.split('\t') as [string, string];
    const settled = all.filter((s) => s.t >= options.warmupSeconds);
    const points = settled.length >= 3 ? settled : all;
    const start = points[0]?.value ?? 0;
    // Floors below which a rise is noise: a Node heap settling, a pool opening a few more connections.
    const floor = measure.startsWith('memory')
      ? Math.max(5, start * 0.05)
      : measure === 'open files'
        ? Math.max(5, start * 0.1)
        : measure.startsWith('connections')
          ? 3
          : measure === 'used_memory MB'
            ? Math.max(2, start * 0.1)
            : Math.max(50, start * 0.1);
    rows.push({ name, measure, trend: trend(points, floor) });
  }
  const t = tally(findings);
  return {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date(finished).toISOString(),
    minutes: options.minutes,
    users: users.length,
    requests: w.requests,
    errors: w.errors,
    errorCodes: w.errorCodes,
    samples,
    rows,
    restarted: [...restarted],
    findings,
    ...t,
    outboxLeft: Object.fromEntries(Object.entries(outboxLeft).filter(([, n]) => n > 0)),
  };
}

/** The report as a table: every process and measure with its start, end, slope and verdict. */
export function soakTable(report: SoakReport): string {
  const header = ['process', 'measure', 'start', 'end', 'slope /h', '± /h', 'verdict'];
  const f = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1));
  const lines = report.rows.map((r) => [
    r.name,
    r.measure,
    f(r.trend.first),
    f(r.trend.last),
    f(r.trend.slopePerHour),
    f(r.trend.marginPerHour),
    r.trend.verdict,
  ]);
  const rows = [header, ...lines];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const format = (r: string[]) => r.map((c, i) => (i < 2 || i === 6 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const growing = report.rows.filter((r) => r.trend.verdict === 'growing');
  const out = [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(format), ''];
  out.push(
    `load: ${report.users} users, ${report.requests} requests in ${report.minutes} min (${(report.requests / report.minutes / 60).toFixed(1)}/s), ${report.errors} errors${
      report.errors
        ? ` (${Object.entries(report.errorCodes)
            .map(([k, v]) => `${k} ×${v}`)
            .join(', ')})`
        : ''
    }`,
  );
  out.push(
    `read back at the end: lost ${report.lost}, duplicated ${report.duplicated}, unexpected ${report.unexpected}; outboxes ${Object.keys(report.outboxLeft).length ? `NOT drained ${JSON.stringify(report.outboxLeft)}` : 'drained'}`,
  );
  if (report.restarted.length) out.push(`processes that died or restarted during the soak: ${report.restarted.join(', ')}`);
  out.push(`verdict: ${growing.length === 0 ? 'flat — nothing grows' : `growing: ${growing.map((r) => `${r.name} ${r.measure}`).join(', ')}`}`);
  out.push('(growing = slope above zero with 95 % confidence and a rise over the run above a noise floor; start/end exclude the warm-up)');
  for (const finding of report.findings) out.push(`  ${finding.verdict} — ${finding.what}: ${finding.detail}`);
  return out.join('\n');
}
