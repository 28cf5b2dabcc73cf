/**
 * Stopping and starting one infrastructure process of the running system (PostgreSQL, Redis,
 * Azurite), through the test runner that owns it (scripts/lib/infra-control.mjs). The services
 * and their sidecars are left alone: they see the dependency die and come back, as in production.
 */
export type InfraProcess = 'postgres' | 'redis' | 'azurite';

function control(): { url: string; token: string } {
  const url = process.env.HEALTHSYNC_INFRA_CONTROL;
  const token = process.env.HEALTHSYNC_INFRA_CONTROL_TOKEN;
  if (!url || !token) throw new Error('HEALTHSYNC_INFRA_CONTROL is not set: run this test through `npm test` (it serves the control)');
  return { url, token };
}

async function call(name: InfraProcess, action: 'stop' | 'start', signal?: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  const { url, token } = control();
  const response = await fetch(`${url}/infra/${name}/${action}${signal ? `?signal=${signal}` : ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(120_000),
  });
  if (!response.ok) throw new Error(`${action} ${name}: ${response.status} ${await response.text()}`);
  await response.body?.cancel();
}

/** Ends the process (its clean stop; SIGKILL for a crash) and returns once it is gone. */
export const stopInfra = (name: InfraProcess, signal?: 'SIGKILL' | 'SIGTERM') => call(name, 'stop', signal);

/** Starts it again as the system did; returns once it serves. */
export const startInfra = (name: InfraProcess) => call(name, 'start');

/** Runs `work` while the process is down, and starts it again whatever happens. */
export async function whileDown<T>(name: InfraProcess, work: () => Promise<T>, signal?: 'SIGKILL' | 'SIGTERM'): Promise<T> {
  await stopInfra(name, signal);
  try {
    return await work();
  } finally {
    await startInfra(name);
  }
}
