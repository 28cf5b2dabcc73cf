import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Facts about the running local system, as `scripts/test.mjs` started it. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = path.join(repoRoot, '.data');

export const gatewayUrl = process.env.HS_GATEWAY_URL ?? 'http://127.0.0.1:3000';
export const sidecarPorts = { gateway: 3500, user: 3501, health: 3502, goal: 3503, intelligence: 3504, batch: 3505, 'usage-analytics': 3506 } as const;
export const appPorts = { gateway: 3000, user: 3001, health: 3002, goal: 3003, intelligence: 3004, batch: 3005, 'usage-analytics': 3006 } as const;

export const secrets: Record<string, string> = JSON.parse(fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8'));
export const runtimeEnv: Record<string, string> = JSON.parse(fs.readFileSync(path.join(dataDir, 'runtime-env.json'), 'utf8'));

/** The component set the running system was started with (HEALTHSYNC_COMPONENTS; scripts/lib/component-sets.mjs). */
export const systemFacts: { components: string; resourcesPath: string } = JSON.parse(fs.readFileSync(path.join(dataDir, 'system.json'), 'utf8'));

/** An app's own token pair (each app and its sidecar share one; see scripts/with-app-tokens). */
export function appTokens(app: string): { DAPR_API_TOKEN: string; APP_API_TOKEN: string } {
  const api = secrets[`dapr-api-token-${app}`];
  const appToken = secrets[`app-api-token-${app}`];
  if (!api || !appToken) throw new Error(`no Dapr tokens for ${app} in .data/secrets.json`);
  return { DAPR_API_TOKEN: api, APP_API_TOKEN: appToken };
}

/** Calls a sidecar's own HTTP API as its app would (with that app's API token). */
export function sidecar(app: keyof typeof sidecarPorts, apiPath: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`http://127.0.0.1:${sidecarPorts[app]}${apiPath}`, {
    ...init,
    headers: {
      'dapr-api-token': appTokens(app).DAPR_API_TOKEN,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(init.headers as Record<string, string>),
    },
  });
}

export async function eventually<T>(description: string, check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${description}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function isProblem(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').startsWith('application/problem+json');
}
