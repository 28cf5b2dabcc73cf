import { Readable } from 'node:stream';
import { currentContext, DaprCallError, UpstreamUnavailableError, type Dapr } from '@healthsync/shared';

export interface OutgoingRequest {
  method: string;
  /**
   * Path and query built from the matched route template and the validated parameters
   * (never the raw request), e.g. `/api/users/me?x=1`.
   */
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
  /** A service's own JSON resource (e.g. its OpenAPI fragment), over the same transport. */
  getJson<T>(appId: string, path: string, timeoutMs: number): Promise<T>;
}

/**
 * `tokens.dapr` goes to the sidecar (DAPR_API_TOKEN); in direct mode `tokens.app` stands in
 * for what the sidecar would present to the service (APP_API_TOKEN).
 */
export function createUpstream(sidecarHttpPort: number, tokens: { dapr?: string; app?: string }, direct: Record<string, string>): Upstream {
  const baseOf = (appId: string) => direct[appId] ?? `http://127.0.0.1:${sidecarHttpPort}/v1.0/invoke/${appId}/method`;
  const tokenHeaders = (appId: string): Record<string, string> => {
    const token = direct[appId] ? tokens.app : tokens.dapr;
    return token ? { 'dapr-api-token': token } : {};
  };
  return {
    async getJson<T>(appId: string, path: string, timeoutMs: number): Promise<T> {
      const response = await fetch(`${baseOf(appId)}${path}`, { headers: tokenHeaders(appId), signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) throw new Error(`${appId} ${path} answered ${response.status}`);
      return (await response.json()) as T;
    },
    async forward(appId, request, headers, timeoutMs) {
      const base = baseOf(appId);
      const init: RequestInit & { duplex?: 'half' } = {
        method: request.method,
        headers: { ...headers, ...tokenHeaders(appId) },
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'manual',
      };
      if (request.body) {
        init.body = Readable.toWeb(request.body) as ReadableStream;
        init.duplex = 'half';
      }
      return fetch(confinedUrl(base, request.pathAndQuery), init);
    },
  };
}

/**
 * The URL to call, checked to still name a route under the app's `/api/` after the URL
 * parser has had its say: a path that parsing would change (dot segments, `\\`, encoded
 * separators) never leaves the gateway, whatever the earlier checks let through.
 */
export function confinedUrl(base: string, pathAndQuery: string): string {
  const url = new URL(`${base}${pathAndQuery}`);
  const basePath = new URL(base).pathname.replace(/\/$/, '');
  const path = pathAndQuery.split('?')[0]!;
  if (!path.startsWith('/api/') || url.pathname !== `${basePath}${path}`) {
    throw new UnconfinedPathError(pathAndQuery);
  }
  return url.href;
}

export class UnconfinedPathError extends Error {
  constructor(path: string) {
    super(`refusing to forward a path that leaves the API: ${JSON.stringify(path.slice(0, 200))}`);
    this.name = 'UnconfinedPathError';
  }
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

/**
 * Service invocation as the sidecar client does it (JSON answer, DaprCallError on a non-2xx,
 * UpstreamUnavailableError on a timeout or no connection), over an Upstream: the benchmark's
 * gateway without sidecars answers the home screen this way.
 */
export function invokeOver(upstream: Upstream): Pick<Dapr, 'invoke'> {
  return {
    async invoke<T>(appId: string, path: string, options: { headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<T> {
      const context = currentContext();
      let response: Response;
      try {
        response = await upstream.forward(
          appId,
          { method: 'GET', pathAndQuery: path },
          { ...options.headers, ...(context ? { traceparent: context.traceparent } : {}) },
          options.timeoutMs ?? 10_000,
        );
      } catch (error) {
        if (error instanceof Error && error.name === 'TimeoutError') throw new UpstreamUnavailableError('UPSTREAM_TIMEOUT', `${appId} ${path} timed out`);
        throw new UpstreamUnavailableError('SIDECAR_UNREACHABLE', `${appId} unreachable for ${path}`);
      }
      const text = await response.text();
      if (!response.ok) throw new DaprCallError(`invoke ${appId} GET ${path}`, response.status, text);
      return (text ? JSON.parse(text) : undefined) as T;
    },
  };
}
