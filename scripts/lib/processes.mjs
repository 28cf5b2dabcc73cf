// Starts and stops the local system's processes. Each runs in its own process group with
// its output in .data/logs/<name>.log; their pids are recorded so a later run (or
// `npm run stop`) can end what a crashed run left behind.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fail, log } from './log.mjs';
import { dataDir, logsDir, root } from './paths.mjs';

// Ports for processes started on the fly (the component infrastructure's PostgreSQL and Azurite).
export { freePort } from './free-port.mjs';

const pidsFile = path.join(dataDir, 'pids.json');
const running = [];

function readPids() {
  return fs.existsSync(pidsFile) ? JSON.parse(fs.readFileSync(pidsFile, 'utf8')) : [];
}

function writePids() {
  fs.writeFileSync(pidsFile, JSON.stringify(running.map(({ name, pid, stopSignal, startTime }) => ({ name, pid, stopSignal, startTime }))));
}

/**
 * When the process started (clock ticks since boot, /proc/<pid>/stat), or undefined where there is no
 * /proc. A recorded pid is ours only while this still matches: pids are reused (pid_max is 32768 here,
 * and several clones start and stop processes), and signalling a reused pid's group would hit a stranger.
 */
function startTimeOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function alive(pid, startTime) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return startTime === undefined || startTimeOf(pid) === startTime;
}

async function waitForExit(pid, startTime, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (alive(pid, startTime) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return !alive(pid, startTime);
}

async function stopGroup({ name, pid, stopSignal = 'SIGTERM', startTime }, timeoutMs = 15_000) {
  if (!alive(pid, startTime)) return;
  try {
    process.kill(-pid, stopSignal);
  } catch {
    return;
  }
  if (!(await waitForExit(pid, startTime, timeoutMs))) {
    log.warn(`${name} did not stop in ${timeoutMs / 1000}s; killing it`);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await waitForExit(pid, startTime, 5_000);
  }
}

/** Ends processes a previous run left behind (it was killed before it could clean up). */
export async function stopLeftovers() {
  const leftovers = readPids().filter(({ pid, startTime }) => alive(pid, startTime));
  for (const entry of leftovers.reverse()) {
    log.step(`stopping ${entry.name} left over from an earlier run (pid ${entry.pid})`);
    await stopGroup(entry);
  }
  if (fs.existsSync(pidsFile)) fs.rmSync(pidsFile);
}

export function isPortOpen(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function requireFreePorts(portsByName) {
  const busy = [];
  for (const [name, port] of Object.entries(portsByName)) if (await isPortOpen(port)) busy.push(`${port} (${name})`);
  if (busy.length > 0) {
    fail(`Ports already in use: ${busy.join(', ')}. Is another HealthSync running? Stop it (Ctrl-C or \`npm run stop\`) or free the ports.`);
  }
}

/**
 * Starts a long-running process; `ready` resolves once it serves. Each run starts its log afresh
 * (failure detection reads the whole file) unless `appendLog` (a restart within the run).
 */
export function startProcess(name, command, args, { env = {}, cwd = root, stopSignal = 'SIGTERM', uid, gid, appendLog = false } = {}) {
  fs.mkdirSync(logsDir, { recursive: true });
  const logFile = path.join(logsDir, `${name}.log`);
  const out = fs.openSync(logFile, appendLog ? 'a' : 'w');
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
    detached: true,
    ...(uid !== undefined ? { uid, gid } : {}),
  });
  fs.closeSync(out);
  // How it was started, for a restart (scripts/lib/process-control.mjs); in memory only, as the
  // environment may hold secrets. Some processes rewrite their /proc command line (Redis shows
  // `redis-server 127.0.0.1:16379`), so this, not /proc, is the record of our own children.
  const spec = { exe: command, argv: [command, ...args], env: { ...process.env, ...env }, cwd, uid, gid };
  const entry = { name, pid: child.pid, startTime: startTimeOf(child.pid), stopSignal, logFile, exited: false, child, spec };
  child.on('exit', (code, signal) => {
    entry.exited = true;
    entry.exitCode = code ?? signal;
  });
  running.push(entry);
  writePids();
  return entry;
}

export async function waitUntil(description, check, { timeoutMs = 60_000, entry } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const failedInLog = entry?.failedWhen && entry.failedWhen.test(fs.readFileSync(entry.logFile, 'utf8'));
    if (entry?.exited || failedInLog) {
      const tail = fs.readFileSync(entry.logFile, 'utf8').split('\n').slice(-15).join('\n');
      fail(
        `${entry.name} ${failedInLog ? 'reported a failure' : `exited (${entry.exitCode})`} before ${description}. Last lines of ${path.relative(root, entry.logFile)}:\n${tail}`,
      );
    }
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) {
      const hint = entry ? ` See ${path.relative(root, entry.logFile)}.` : '';
      fail(`Timed out after ${timeoutMs / 1000}s waiting for ${description}.${hint}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Records a process started elsewhere in this run (a restart by scripts/lib/process-control.mjs)
 * so it is stopped with the rest. A dead entry of the same name keeps its place in the stop
 * order and takes the new process; otherwise it is stopped first.
 */
export function adoptProcess({ name, child, stopSignal = 'SIGTERM', logFile, spec }) {
  const entry = { name, pid: child.pid, stopSignal, logFile, exited: false, child, spec };
  child.on('exit', (code, signal) => {
    entry.exited = true;
    entry.exitCode = code ?? signal;
  });
  const index = running.findIndex((e) => e.name === name && (e.exited || !alive(e.pid)));
  if (index >= 0) running[index] = entry;
  else running.push(entry);
  writePids();
  return entry;
}

/** How this run started the live process `pid` ({ exe, argv, env, cwd, uid, gid }), or undefined if it did not. */
export function recordedSpec(pid) {
  return running.find((entry) => entry.pid === pid && !entry.exited)?.spec;
}

/** Stops one process this run started. */
export async function stopProcess(entry) {
  await stopGroup(entry);
  const index = running.indexOf(entry);
  if (index >= 0) running.splice(index, 1);
  writePids();
}

/** The process of this run with that name, if it runs. */
export function runningProcess(name) {
  return running.find((entry) => entry.name === name && !entry.exited);
}

/**
 * Ends one process of this run with `signal` (its whole process group: SIGKILL is a crash, SIGTERM
 * a clean stop) and waits until it is gone.
 */
export async function endProcess(entry, signal = entry.stopSignal ?? 'SIGTERM') {
  await stopGroup({ ...entry, stopSignal: signal });
  const index = running.indexOf(entry);
  if (index >= 0) running.splice(index, 1);
  writePids();
}

/** True while a process of this clone (this run or an earlier one, e.g. `npm run infra`) with that name runs. */
export function isRunning(name) {
  return [...running, ...readPids()].some((entry) => entry.name === name && alive(entry.pid, entry.startTime));
}

export async function stopAll() {
  while (running.length > 0) {
    const entry = running.pop();
    await stopGroup(entry);
    writePids();
  }
  if (fs.existsSync(pidsFile)) fs.rmSync(pidsFile);
}

export function anyExited() {
  return running.find((entry) => entry.exited);
}

/**
 * Whether `pid` is still a HealthSync run holding the lock: alive, not this process, and a Node.js
 * process (its pid may have been reused by anything since the holder ended).
 */
function runHolds(pid) {
  if (!Number.isInteger(pid) || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return /node/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '');
  } catch {
    return true; // no /proc: trust the pid
  }
}

/**
 * One system per machine at a time (the ports are fixed): a second `npm test` or bench —
 * from this clone or another — waits for the first (up to 20 minutes) instead of failing
 * on busy ports.
 */
export async function acquireSystemLock() {
  const lockFile = path.join(os.tmpdir(), 'healthsync-system.lock');
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  const deadline = Date.now() + 20 * 60_000;
  for (let announced = false; ;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockFile, { force: true });
    } catch {
      const holder = Number(fs.readFileSync(lockFile, 'utf8'));
      if (!runHolds(holder)) {
        // Read again just before removing: another waiter may have taken the lock meanwhile.
        if (Number(fs.readFileSync(lockFile, 'utf8')) === holder) fs.rmSync(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another test run (pid ${holder}) holds ${lockFile}`);
      if (!announced) log.step(`waiting for another test run (pid ${holder}) to finish`);
      announced = true;
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }
}
