// The system's processes as the benchmarks name them (each Node service, each sidecar, the
// reference servers, the stand-ins, PostgreSQL, Redis), found in /proc by command line and
// working directory, with their memory and CPU time. Linux only.
import fs from 'node:fs';
import path from 'node:path';
import { root } from '../lib/paths.mjs';

const TICKS_PER_SECOND = 100;

function read(pid) {
  try {
    return {
      cmdline: fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'),
      cwd: fs.readlinkSync(`/proc/${pid}/cwd`),
      status: fs.readFileSync(`/proc/${pid}/status`, 'utf8'),
      stat: fs.readFileSync(`/proc/${pid}/stat`, 'utf8'),
    };
  } catch {
    return undefined;
  }
}

function nameOf({ cmdline, cwd }) {
  const appId = cmdline.indexOf('--app-id') >= 0 ? cmdline[cmdline.indexOf('--app-id') + 1] : undefined;
  if (cmdline[0].endsWith('/daprd') && appId) return `daprd ${appId}`;
  const script = cmdline.find((a) => a.endsWith('.js') || a.endsWith('.mjs')) ?? '';
  if (script.endsWith('dist/src/main.js') && cwd.startsWith(path.join(root, 'services'))) return `node ${path.basename(cwd)}`;
  if (script.includes('services/gateway/dist/src/main.js')) return 'node gateway (no sidecar)';
  if (script.endsWith('scripts/bench/plain-gateway.mjs')) return 'node plain gateway';
  if (script.endsWith('scripts/bench/plain-service.mjs')) return 'node plain service';
  const standIn = /standins\/([^/]+)\/dist\/src\/main\.js$/.exec(script);
  if (standIn) return `node stand-in ${standIn[1]}`;
  if (cmdline[0].endsWith('/postgres') && cmdline.some((a) => a.startsWith(path.join(root, '.data')))) return 'postgres';
  if (cmdline[0].includes('redis-server') && cmdline.join(' ').includes(':16379')) return 'redis';
  return undefined;
}

/** name → pids (PostgreSQL's backends are found as children of its postmaster). */
export function systemProcesses() {
  const byName = new Map();
  const parents = new Map();
  const all = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  for (const pid of all) {
    const info = read(pid);
    if (!info) continue;
    // stat: pid (comm) state ppid ...; comm may hold spaces, so split after the last ')'.
    const fields = info.stat.slice(info.stat.lastIndexOf(')') + 2).split(' ');
    parents.set(pid, fields[1]);
    const name = nameOf(info);
    if (name) byName.set(name, [...(byName.get(name) ?? []), pid]);
  }
  const postmasters = new Set(byName.get('postgres') ?? []);
  if (postmasters.size > 0) {
    const backends = all.filter((pid) => postmasters.has(parents.get(pid)));
    byName.set('postgres', [...postmasters, ...backends]);
  }
  return byName;
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Resident memory in MB (summed over a name's processes). */
export function residentMB(pids) {
  let kb = 0;
  for (const pid of pids) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

/** CPU seconds the whole machine spent busy so far (every core, from /proc/stat). */
function machineBusySeconds() {
  const [, ...fields] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number);
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND + 0 * (idle + iowait);
}

/**
 * Samples every named process once a second while `work` runs: CPU used (in cores: CPU
 * seconds per wall second, averaged over the run) and the largest resident memory seen; and
 * `othersCores`, what every other process on the machine used meanwhile (other work on a
 * shared machine slows a run down without showing in its own figures).
 */
export async function measureProcesses(work) {
  const names = systemProcesses();
  const machineBefore = machineBusySeconds();
  const startCpu = new Map([...names].map(([name, pids]) => [name, pids.map(cpuSeconds).reduce((a, b) => a + b, 0)]));
  const peakRss = new Map();
  const sample = () => {
    for (const [name, pids] of systemProcesses()) peakRss.set(name, Math.max(peakRss.get(name) ?? 0, residentMB(pids)));
  };
  sample();
  const timer = setInterval(sample, 1000);
  const started = process.hrtime.bigint();
  try {
    const result = await work();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const after = systemProcesses();
    const usage = {};
    for (const [name, pids] of after) {
      const cpu = pids.map(cpuSeconds).reduce((a, b) => a + b, 0) - (startCpu.get(name) ?? 0);
      usage[name] = { cpuCores: Math.max(0, cpu) / seconds, rssMB: peakRss.get(name) ?? residentMB(pids) };
    }
    const ours = Object.values(usage).reduce((sum, u) => sum + u.cpuCores, 0);
    const othersCores = Math.max(0, (machineBusySeconds() - machineBefore) / seconds - ours);
    return { result, usage, seconds, othersCores };
  } finally {
    clearInterval(timer);
  }
}
