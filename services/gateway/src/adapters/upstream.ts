import { Readable } from 'node:stream';

export interface OutgoingRequest {
  method: string;
  /** Path and query as the client sent them, e.g. `/api/users/me?x=1`. */
  pathAndQuery: string;
  /** Absent for requests without a body. */
  body?: Readable;
}

/**
 * Forwards a request to a service. In every deployment this goes through the gateway's
 * own Dapr sidecar (service invocation: mTLS, access control, resiliency, tracing). Only
 * the benchmark baseline uses direct URLs, to measure what the sidecars cost.
 */
export interface Upstream {
  forward(appId: string, request: OutgoingRequest, headers: Record<string, string>, timeoutMs: number): Promise<Response>;
}

export function createUpstream(sidecarHttpPort: number, daprApiToken: string | undefined, direct: Record<string, string>): Upstream {
  return {
    async forward(appId, request, headers, timeoutMs) {
      const base = direct[appId] ?? `http://127.0.0.1:${sidecarHttpPort}/v1.0/invoke/${appId}/method`;
      const init: RequestInit & { duplex?: 'half' } = {
        method: request.method,
        headers: { ...headers, ...(daprApiToken && !direct[appId] ? { 'dapr-api-token': daprApiToken } : {}) },
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'manual',
      };
      if (request.body) {
        init.body = Readable.toWeb(request.body) as ReadableStream;
        init.duplex = 'half';
      }
      return fetch(`${base}${request.pathAndQuery}`, init);
    },
  };
}

export function parseDirectUpstreams(spec: string): Record<string, string> {
  return Object.fromEntries(
    spec
      .split(',')
      .map((pair) => pair.trim())
      .filter(Boolean)
      .map((pair) => {
        const [app, url] = pair.split('=');
        if (!app || !url) throw new Error(`DIRECT_UPSTREAMS: expected app=url, got ${pair}`);
        return [app, url.replace(/\/$/, '')];
      }),
  );
}
