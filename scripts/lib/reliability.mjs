// The fault-injection and soak suites against the running system (scripts/lib/system.mjs must
// have started it in this process: restarted processes join its list, so they stop with it).
// The suites themselves are TypeScript (tests/reliability, built by set-up); this file gives them
// the system's processes (scripts/lib/system-processes.mjs), prints their tables and writes
// their figures under .data/reliability/.
import fs from 'node:fs';
import path from 'node:path';
import { log } from './log.mjs';
import { dataDir, root } from './paths.mjs';
import { faultTargets, measureProcesses, processesDown } from './system-processes.mjs';

const outDir = path.join(dataDir, 'reliability');
const suite = (file) => import(path.join(root, 'tests', 'dist', 'reliability', file));
const number = (name, fallback) => (process.env[name] ? Number(process.env[name]) : fallback);

/**
 * What `npm test` runs: a few faults, a small load (about 60 s). The broker is the running
 * component set's: Redis (components/local) or RabbitMQ (components/alt); the other is not running.
 * The Python service restarts differently (its virtual environment's interpreter) and keeps its
 * own idempotency, so it is one of them.
 */
// The health service last: after its restart the next canary's set-up waits ~25 s for the health
// service to receive the new profile, which no later fault then pays for.
export const SHORT_FAULTS = ['postgresql', 'redis', 'rabbitmq', 'goal daprd', 'usage-analytics service', 'health service'];

/**
 * `profile` `full` (npm run faults): every service (usage-analytics, the Python one, included), every
 * daprd, PostgreSQL, the component set's broker (Redis or RabbitMQ), Azurite, the scheduler, each
 * stand-in and the web client's server; `short` (npm test): SHORT_FAULTS with fewer users. FAULTS (a
 * comma-separated list of names), FAULT_USERS and FAULT_DOWN_SECONDS override either.
 * Resolves to true when nothing was lost or duplicated, every fault recovered and every outbox drained.
 */
export async function runFaultSuite(profile) {
  const { runFaults, faultTable } = await suite('faults.js');
  const targets = faultTargets();
  const full = profile === 'full';
  const running = new Set(targets.map((t) => t.name));
  const faults = process.env.FAULTS
    ? process.env.FAULTS.split(',').map((s) => s.trim())
    : full
      ? targets.map((t) => t.name)
      : SHORT_FAULTS.filter((name) => running.has(name));
  log.step(`fault suite (${profile}): ${faults.length} faults — ${faults.join(', ')}`);
  let report;
  try {
    report = await runFaults(targets, {
      faults,
      users: number('FAULT_USERS', full ? 6 : 4),
      downSeconds: number('FAULT_DOWN_SECONDS', full ? 5 : 3),
      warmSeconds: full ? 3 : 2,
      afterSeconds: full ? 3 : 2,
      thinkMs: [300, 900],
      recoveryTimeoutSeconds: 120,
      drainTimeoutSeconds: full ? 60 : 45,
      processesDown,
      log: (line) => log.step(line),
    });
  } catch (error) {
    log.warn(`fault suite could not run: ${error.stack ?? error}`);
    return false;
  }
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `faults-${profile}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${faultTable(report)}\n`);
  log.step(`fault suite: ${report.ok ? 'passed' : 'FAILED'} (figures: ${path.relative(root, file)})`);
  return report.ok;
}

/** `npm run soak`: SOAK_MINUTES (default 30) of moderate load; SOAK_USERS, SOAK_SAMPLE_SECONDS. */
export async function runSoakSuite() {
  const { runSoak, soakTable } = await suite('soak.js');
  const minutes = number('SOAK_MINUTES', 30);
  const report = await runSoak({
    minutes,
    users: number('SOAK_USERS', 6),
    sampleSeconds: number('SOAK_SAMPLE_SECONDS', 15),
    warmupSeconds: Math.min(120, minutes * 12),
    thinkMs: [500, 1500],
    measureProcesses,
    log: (line) => log.step(line),
  });
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'soak.json');
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${soakTable(report)}\n`);
  log.step(`soak: figures in ${path.relative(root, file)}`);
  return report;
}
