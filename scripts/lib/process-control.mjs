// Generic control of local processes for the fault and soak suites: find a process, read
// what it was started with, kill it with SIGKILL (no chance to clean up, like a machine
// losing it), start it again exactly as it was, and wait until it serves. Nothing here knows
// HealthSync; scripts/lib/system-processes.mjs says which process is which.
//
// "Exactly as it was" comes from the kernel, not from our own bookkeeping: /proc/<pid>/exe,
// cmdline, environ, cwd and the real uid/gid. So a process another program started (an app
// or a daprd under the dapr CLI) restarts with the same arguments and environment (its Dapr
// tokens included) as one of ours. A restarted process runs in its own process group, writes
// to .data/logs/<name>.log (appended) and is recorded like every other process of the run
// (processes.mjs), so `npm run stop` and the end of the run stop it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { logsDir } from './paths.mjs';
import { adoptProcess, recordedSpec } from './processes.mjs';

/** Numeric ids of every process visible in /proc. */
function allPids() {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

/** Fields of /proc/<pid>/stat after the command name: state, ppid, pgrp, … (undefined when gone). */
function statFields(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself hold spaces or parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** True when the process no longer exists or is only a zombie waiting to be reaped. */
export function isGone(pid) {
  const fields = statFields(pid);
  return fields === undefined || fields[0] === 'Z' || fields[0] === 'X';
}

/** Argument vector and working directory of a live process (undefined when it is gone or not ours to read). */
export function briefly(pid) {
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (argv.at(-1) === '') argv.pop();
    if (argv.length === 0) return undefined;
    const fields = statFields(pid);
    return { pid, argv, cwd: fs.readlinkSync(`/proc/${pid}/cwd`), pgid: Number(fields?.[2]), ppid: Number(fields?.[1]) };
  } catch {
    return undefined;
  }
}

/** Live processes whose brief description (`{pid, argv, cwd, pgid}`) satisfies `match`. */
export function findProcesses(match) {
  const found = [];
  for (const pid of allPids()) {
    if (isGone(pid)) continue;
    const info = briefly(pid);
    if (info && match(info)) found.push(info);
  }
  return found;
}

/** The one live process that satisfies `match`; throws naming `what` when there is none or several. */
export function findOne(what, match) {
  const found = findProcesses(match);
  if (found.length !== 1)
    throw new Error(`expected one ${what} process, found ${found.length}${found.length ? ` (pids ${found.map((p) => p.pid).join(', ')})` : ''}`);
  return found[0];
}

/** Live members of a process group. */
export function groupMembers(pgid) {
  return allPids().filter((pid) => !isGone(pid) && Number(statFields(pid)?.[2]) === pgid);
}

/**
 * Everything needed to start the process again as it was: the executable, the argument
 * vector (argv[0] kept as it was given), the environment, the working directory and the
 * real user and group: as this run started it (processes.mjs keeps that), or else as /proc
 * shows it. Read before the kill: afterwards /proc has forgotten it.
 */
export function snapshot(pid) {
  const info = briefly(pid);
  if (!info) throw new Error(`process ${pid} is gone; nothing to snapshot`);
  // Our own children: what we started them with (some rewrite their /proc command line).
  const recorded = recordedSpec(pid);
  if (recorded) return { ...info, ...recorded, uid: recorded.uid ?? process.getuid?.(), gid: recorded.gid ?? process.getgid?.() };
  const environ = fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
  const env = {};
  for (const entry of environ) {
    const at = entry.indexOf('=');
    if (at > 0) env[entry.slice(0, at)] = entry.slice(at + 1);
  }
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
  const gid = Number(/^Gid:\s+(\d+)/m.exec(status)?.[1]);
  return { ...info, exe: fs.readlinkSync(`/proc/${pid}/exe`), env, uid, gid };
}

/**
 * SIGKILL: the process (or with `group`, its whole process group — e.g. PostgreSQL's
 * postmaster with every backend) dies at once. Resolves when all of them are gone.
 */
export async function killHard(pid, { group = false, timeoutMs = 15_000 } = {}) {
  const pgid = group ? (briefly(pid)?.pgid ?? pid) : undefined;
  const victims = group ? groupMembers(pgid) : [pid];
  try {
    process.kill(group ? -pgid : pid, 'SIGKILL');
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
  const killedAt = Date.now();
  const deadline = killedAt + timeoutMs;
  while (victims.some((p) => !isGone(p))) {
    if (Date.now() > deadline) throw new Error(`processes ${victims.filter((p) => !isGone(p)).join(', ')} still alive ${timeoutMs / 1000}s after SIGKILL`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { killedAt, pids: victims };
}

/**
 * Starts a snapshot again: same executable, arguments, environment, directory and user, in a
 * process group of its own, output appended to .data/logs/<name>.log. Recorded as `name`
 * among the run's processes (replacing a dead entry of that name), so it is stopped with the
 * rest. Returns that entry ({ name, pid, … }).
 */
export function relaunch(spec, { name, stopSignal = 'SIGTERM' }) {
  fs.mkdirSync(logsDir, { recursive: true });
  const logFile = path.join(logsDir, `${name}.log`);
  fs.appendFileSync(logFile, `\n--- restarted ${new Date().toISOString()} (was pid ${spec.pid}) ---\n`);
  const out = fs.openSync(logFile, 'a');
  const asOtherUser = process.getuid?.() === 0 && spec.uid !== 0;
  const child = spawn(spec.exe, spec.argv.slice(1), {
    argv0: spec.argv[0],
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['ignore', out, out],
    detached: true,
    ...(asOtherUser ? { uid: spec.uid, gid: spec.gid } : {}),
  });
  fs.closeSync(out);
  const { exe, argv, env, cwd, uid, gid } = spec;
  return adoptProcess({ name, child, stopSignal, logFile, spec: { exe, argv, env, cwd, uid, gid } });
}

/** Polls `check` until it resolves truthy; returns the milliseconds it took. Throws after `timeoutMs`. */
export async function waitFor(description, check, { timeoutMs = 60_000, intervalMs = 200 } = {}) {
  const started = Date.now();
  let last;
  for (;;) {
    try {
      if (await check()) return Date.now() - started;
    } catch (error) {
      last = error;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${description}${last ? ` (last error: ${last.message ?? last})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** True when `url` answers with a status in `statuses` within `timeoutMs`. */
export async function answers(url, { statuses = [200], timeoutMs = 2_000, headers = {} } = {}) {
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return statuses.includes(response.status);
  } catch {
    return false;
  }
}

/**
 * Resident set size, proportional set size (shared pages divided among the processes sharing
 * them; kB) and open file descriptors of a live process; undefined when it is gone.
 */
export function usage(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? NaN);
    let pssKb = rssKb;
    try {
      pssKb = Number(/^Pss:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? rssKb);
    } catch {
      // smaps_rollup needs Linux 4.14
    }
    const fds = fs.readdirSync(`/proc/${pid}/fd`).length;
    return { rssKb, pssKb, fds };
  } catch {
    return undefined;
  }
}
