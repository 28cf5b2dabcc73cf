import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './system.js';

/** The pid of a service's Node process (not its sidecar), found by its working directory and script. */
export function serviceProcessId(service: string): number {
  const dir = path.join(repoRoot, 'services', service);
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (fs.readlinkSync(`/proc/${pid}/cwd`) === dir && cmdline.some((arg) => arg.endsWith('dist/src/main.js'))) return Number(pid);
    } catch {
      // the process ended meanwhile
    }
  }
  throw new Error(`no running process of the ${service} service`);
}

/**
 * Runs `work` while the service's process is frozen (SIGSTOP): its sidecar still accepts the
 * call, but nothing answers, as with a service stuck in a long pause. It always resumes.
 */
export async function whileFrozen<T>(service: string, work: () => Promise<T>): Promise<T> {
  const pid = serviceProcessId(service);
  process.kill(pid, 'SIGSTOP');
  try {
    return await work();
  } finally {
    process.kill(pid, 'SIGCONT');
  }
}
