import http from 'node:http';
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

/** What the service (or the sidecar) answered; the body is not read yet. */
export interface UpstreamResponse {
  status: number;
  /** A response header (lower-case name), or undefined. */
  header(name: string): string | undefined;
  /** The body, to be read once: as a stream, or whole with `text()`. */
  body: Readable;
  text(): Promise<string>;
  /** Ends the call (the client went away): the service sees its request closed. */
  cancel(): void;
}

/**
 * Forwards a request to a service. In every deployment this goes through the gateway's
 * own Dapr sidecar (service invocation: mTLS, access control, resiliency, tracing). Only
 * the benchmark baseline uses direct URLs, to measure what the sidecars cost.
 *
 * These two calls use the sidecar's HTTP invocation API directly, not the Dapr SDK that
 * every other sidecar call goes through (services/shared/src/dapr.ts):
 * - `forward` streams: the public request body goes up and the service's answer comes back
 *   as it is produced (the chat's server-sent events), with the service's status and headers.
 *   The SDK's invoker buffers and parses whole bodies and answers only the parsed body.
 * - `getJson` (the services' OpenAPI fragments) shares `forward`'s transport so that the
 *   benchmark's direct mode, which has no sidecar, serves the same document.
 */
export interface Upstream {
  /**
   * Rejects with an error named `TimeoutError` when no answer came within `timeoutMs` (the
   * deadline also bounds reading the body), and with another error when the call failed.
   */
  forward(appId: string, request: OutgoingRequest, headers: Record<string, string>, timeoutMs: number): Promise<UpstreamResponse>;
  /** A service's own JSON resource (e.g. its OpenAPI fragment), over the same transport. */
  getJson<T>(appId: string, path: string, timeoutMs: number): Promise<T>;
}

function timeoutError(timeoutMs: number): Error {
  return Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'TimeoutError' });
}

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** A response held in memory (tests; answers made up by the gateway). */
export function bufferedResponse(status: number, headers: Record<string, string>, body: string | Buffer = ''): UpstreamResponse {
  const bytes = Buffer.from(body);
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const stream = Readable.from(bytes.length > 0 ? [bytes] : []);
  return {
    status,
    header: (name) => lower[name],
    body: stream,
    text: async () => (await readAll(stream)).toString('utf8'),
    cancel: () => stream.destroy(),
  };
}

/**
 * `tokens.dapr` goes to the sidecar (DAPR_API_TOKEN); in direct mode `tokens.app` stands in
 * for what the sidecar would present to the service (APP_API_TOKEN).
 *
 * Calls go out through node:http with a keep-alive pool: the sidecar is on loopback and every
 * client request becomes one call, so the client's own cost per call counts (Node's fetch
 * spends about four times the CPU of http.request on a small answer).
 */
export function createUpstream(sidecarHttpPort: number, tokens: { dapr?: string; app?: string }, direct: Record<string, string>): Upstream {
  const baseOf = (appId: string) => direct[appId] ?? `http://127.0.0.1:${sidecarHttpPort}/v1.0/invoke/${appId}/method`;
  const tokenHeaders = (appId: string): Record<string, string> => {
    const token = direct[appId] ? tokens.app : tokens.dapr;
    return token ? { 'dapr-api-token': token } : {};
  };
  const agent = new http.Agent({ keepAlive: true, scheduling: 'lifo' });

  /** `confined`: a client's request, which must stay under the app's /api/ (see confinedUrl). */
  function call(appId: string, request: OutgoingRequest, headers: Record<string, string>, timeoutMs: number, confined: boolean): Promise<UpstreamResponse> {
    const url = new URL(confined ? confinedUrl(baseOf(appId), request.pathAndQuery) : `${baseOf(appId)}${request.pathAndQuery}`);
    return new Promise((resolve, reject) => {
      let settled = false;
      let incoming: http.IncomingMessage | undefined;
      const outgoing = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: `${url.pathname}${url.search}`,
          method: request.method,
          headers: { ...headers, ...tokenHeaders(appId) },
          agent,
        },
        (answer) => {
          settled = true;
          incoming = answer;
          resolve({
            status: answer.statusCode ?? 502,
            header: (name) => {
              const value = answer.headers[name];
              return Array.isArray(value) ? value.join(', ') : value;
            },
            body: answer,
            text: async () => (await readAll(answer)).toString('utf8'),
            cancel: () => outgoing.destroy(),
          });
        },
      );
      // The deadline covers the whole call, the body included (streams have a longer one).
      const timer = setTimeout(() => {
        const error = timeoutError(timeoutMs);
        incoming?.destroy(error);
        outgoing.destroy(error);
      }, timeoutMs);
      outgoing.on('close', () => clearTimeout(timer));
      outgoing.on('error', (error) => {
        if (!settled) reject(error);
      });
      if (request.body) {
        request.body.on('error', (error) => outgoing.destroy(error));
        request.body.pipe(outgoing);
      } else outgoing.end();
    });
  }

  return {
    async getJson<T>(appId: string, path: string, timeoutMs: number): Promise<T> {
      // The gateway's own calls (OpenAPI fragments, the JWKS), with paths of its own making.
      const response = await call(appId, { method: 'GET', pathAndQuery: path }, { accept: 'application/json' }, timeoutMs, false);
      const text = await response.text();
      if (response.status < 200 || response.status > 299) throw new Error(`${appId} ${path} answered ${response.status}`);
      return JSON.parse(text) as T;
    },
    forward: (appId, request, headers, timeoutMs) => call(appId, request, headers, timeoutMs, true),
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
      let response: UpstreamResponse;
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
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        if (error instanceof Error && error.name === 'TimeoutError') throw new UpstreamUnavailableError('UPSTREAM_TIMEOUT', `${appId} ${path} timed out`);
        throw new UpstreamUnavailableError('SIDECAR_UNREACHABLE', `${appId} ${path}: the answer broke off`);
      }
      if (response.status < 200 || response.status > 299) throw new DaprCallError(`invoke ${appId} GET ${path}`, response.status, text);
      return (text ? JSON.parse(text) : undefined) as T;
    },
  };
}
