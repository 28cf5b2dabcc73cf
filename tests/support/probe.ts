import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { appTokens, eventually, repoRoot, runtimeEnv, systemFacts } from './system.js';

export const probePorts = { app: 3009, sidecar: 3509 };

/** Starts the probe app and its sidecar through the dapr CLI; resolves when it is ready. */
export async function startProbe(): Promise<{ stop(): Promise<void> }> {
  const cwd = path.join(repoRoot, 'tests', 'support');
  const logFile = fs.openSync(path.join(repoRoot, '.data', 'logs', 'platform-probe.log'), 'a');
  const child: ChildProcess = spawn(
    path.join(repoRoot, '.tools', 'bin', 'dapr'),
    [
      'run',
      '--app-id',
      'platform-probe',
      '--app-port',
      String(probePorts.app),
      '--dapr-http-port',
      String(probePorts.sidecar),
      '--dapr-grpc-port',
      '31109',
      '--resources-path',
      systemFacts.resourcesPath,
      '--resources-path',
      '../../dapr/local',
      '--config',
      'probe-config.yaml',
      '--placement-host-address',
      '',
      '--scheduler-host-address',
      'localhost:16006',
      '--',
      'node',
      '../dist/support/probe-app.js',
    ],
    {
      cwd,
      env: { ...process.env, ...runtimeEnv, ...appTokens('platform-probe'), APP_PORT: String(probePorts.app), DAPR_HTTP_PORT: String(probePorts.sidecar) },
      stdio: ['ignore', logFile, logFile],
      detached: true,
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await eventually('the probe to be ready', async () => (await fetch(`http://127.0.0.1:${probePorts.app}/readyz`)).ok, 60_000);
  return {
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // The CLI stops its app and sidecar on SIGINT (Ctrl-C); the whole group gets it.
      process.kill(-child.pid!, 'SIGINT');
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function probeDeliveries(probeId: string): Promise<{ attempts: number; delivered: boolean; eventIds: string[] }> {
  const response = await fetch(`http://127.0.0.1:${probePorts.app}/internal/probe/deliveries/${probeId}`, {
    headers: { 'dapr-api-token': appTokens('platform-probe').APP_API_TOKEN },
  });
  return (await response.json()) as { attempts: number; delivered: boolean; eventIds: string[] };
}

export function probeSidecar(apiPath: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`http://127.0.0.1:${probePorts.sidecar}${apiPath}`, {
    ...init,
    headers: { 'dapr-api-token': appTokens('platform-probe').DAPR_API_TOKEN, ...(init.body ? { 'content-type': 'application/json' } : {}) },
  });
}

/** An event as the probe received it: the CloudEvent's id, type and source, and its data. */
export interface ObservedEvent {
  id: string;
  type: string;
  source: string;
  data: Record<string, unknown>;
  attempts: number;
}

export async function probeEvents(topic: string): Promise<ObservedEvent[]> {
  const response = await fetch(`http://127.0.0.1:${probePorts.app}/internal/probe/events/${topic}`, {
    headers: { 'dapr-api-token': appTokens('platform-probe').APP_API_TOKEN },
  });
  return ((await response.json()) as { events: ObservedEvent[] }).events;
}
