import { currentContext } from './context.js';
import { AppError, UpstreamUnavailableError } from './errors.js';

/**
 * Everything a service does across a process boundary goes through its Dapr sidecar, and
 * through this module, which speaks the sidecar's HTTP API (v1.0) directly. Every call
 * checks the answer and throws on failure, forwards `traceparent`, and has a timeout.
 * Why not the @dapr/dapr SDK: see docs/decisions/002-sidecar-http-api.md (it loads its
 * gRPC stack even for the HTTP client, ~50 MB per process, and its HTTP publish and state
 * save return errors instead of throwing).
 * Component names are the contract (see components/); no component type appears in code.
 */
export interface DaprOptions {
  /** The sidecar's HTTP port (DAPR_HTTP_PORT). */
  httpPort: number;
  /** Sent as `dapr-api-token` when the sidecar requires one (DAPR_API_TOKEN). */
  apiToken?: string;
  /** Upper bound for a single service invocation; resiliency policies apply inside it. */
  invokeTimeoutMs?: number;
}

export interface InvokeOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface SaveStateOptions {
  ttlSeconds?: number;
  /** Optimistic concurrency: save only if the stored entry still has this ETag. */
  etag?: string;
}

/** A failed save because the entry changed since it was read (ETag mismatch). */
export class StateConflictError extends Error {}

export interface PublishOptions {
  /** CloudEvent id; consumers dedupe on it. */
  id?: string;
  /** Extra metadata for the broker (e.g. a partition key). */
  metadata?: Record<string, string>;
}

export interface Dapr {
  readonly sidecarUrl: string;
  invoke<T = unknown>(appId: string, path: string, options?: InvokeOptions): Promise<T>;
  publish(pubsub: string, topic: string, data: unknown, options?: PublishOptions): Promise<void>;
  getState<T>(store: string, key: string): Promise<T | undefined>;
  /** The value with its ETag, for a later conditional save. */
  getStateEntry<T>(store: string, key: string): Promise<{ value: T; etag: string | undefined } | undefined>;
  saveState(store: string, key: string, value: unknown, options?: SaveStateOptions): Promise<void>;
  deleteState(store: string, key: string): Promise<void>;
  getSecret(store: string, key: string): Promise<string>;
  /** Resolves once the sidecar's components are ready to be used (outbound health). */
  waitUntilReady(timeoutMs?: number): Promise<void>;
  /** True while the sidecar answers its health endpoint. */
  isHealthy(): Promise<boolean>;
}

/** A call through the sidecar failed; `status` is what the sidecar or the target answered. */
export class DaprCallError extends AppError {
  constructor(
    readonly operation: string,
    readonly upstreamStatus: number,
    readonly upstreamBody: string,
  ) {
    super(502, 'UPSTREAM_FAILED', `${operation} failed with status ${upstreamStatus}`);
  }
}

function traceHeaders(): Record<string, string> {
  const context = currentContext();
  return context ? { traceparent: context.traceparent } : {};
}

export function createDapr(options: DaprOptions): Dapr {
  const sidecarUrl = `http://127.0.0.1:${options.httpPort}`;
  const authHeaders: Record<string, string> = options.apiToken ? { 'dapr-api-token': options.apiToken } : {};

  async function raw(path: string, init: RequestInit & { timeoutMs?: number }): Promise<Response> {
    try {
      return await fetch(`${sidecarUrl}${path}`, {
        ...init,
        headers: { ...authHeaders, ...traceHeaders(), ...(init.headers as Record<string, string> | undefined) },
        signal: AbortSignal.timeout(init.timeoutMs ?? options.invokeTimeoutMs ?? 10_000),
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new UpstreamUnavailableError(
        timedOut ? 'UPSTREAM_TIMEOUT' : 'SIDECAR_UNREACHABLE',
        timedOut ? `Dapr call ${path} timed out` : `Dapr sidecar unreachable for ${path}`,
      );
    }
  }

  return {
    sidecarUrl,

    async invoke<T>(appId: string, path: string, invokeOptions: InvokeOptions = {}): Promise<T> {
      const method = invokeOptions.method ?? (invokeOptions.body === undefined ? 'GET' : 'POST');
      const response = await raw(`/v1.0/invoke/${encodeURIComponent(appId)}/method/${path.replace(/^\//, '')}`, {
        method,
        headers: {
          ...(invokeOptions.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...invokeOptions.headers,
        },
        ...(invokeOptions.body === undefined ? {} : { body: JSON.stringify(invokeOptions.body) }),
        ...(invokeOptions.timeoutMs ? { timeoutMs: invokeOptions.timeoutMs } : {}),
      });
      const text = await response.text();
      if (!response.ok) throw new DaprCallError(`invoke ${appId} ${method} ${path}`, response.status, text);
      return (text ? JSON.parse(text) : undefined) as T;
    },

    async publish(pubsub, topic, data, publishOptions = {}) {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(publishOptions.metadata ?? {})) query.set(`metadata.${key}`, value);
      // Our id becomes the CloudEvent id, which consumers dedupe on.
      if (publishOptions.id) query.set('metadata.cloudevent.id', publishOptions.id);
      const response = await raw(`/v1.0/publish/${pubsub}/${encodeURIComponent(topic)}${query.size ? `?${query}` : ''}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(data),
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new UpstreamUnavailableError('PUBLISH_FAILED', `Publishing to ${pubsub}/${topic} failed with status ${response.status}`);
      }
      await response.body?.cancel();
    },

    async getState<T>(store: string, key: string): Promise<T | undefined> {
      return (await this.getStateEntry<T>(store, key))?.value;
    },

    async getStateEntry<T>(store: string, key: string) {
      const response = await raw(`/v1.0/state/${store}/${encodeURIComponent(key)}`, { method: 'GET' });
      if (response.status === 204) return undefined;
      const text = await response.text();
      if (!response.ok) throw new DaprCallError(`state get ${store}`, response.status, text);
      return text ? { value: JSON.parse(text) as T, etag: response.headers.get('etag') ?? undefined } : undefined;
    },

    async saveState(store, key, value, saveOptions = {}) {
      const item = {
        key,
        value,
        ...(saveOptions.ttlSeconds ? { metadata: { ttlInSeconds: String(saveOptions.ttlSeconds) } } : {}),
        ...(saveOptions.etag ? { etag: saveOptions.etag, options: { concurrency: 'first-write' } } : {}),
      };
      const response = await raw(`/v1.0/state/${store}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([item]),
      });
      await response.body?.cancel();
      if (response.status === 409 && saveOptions.etag) throw new StateConflictError(`${store}/${key} changed since it was read`);
      if (!response.ok) throw new UpstreamUnavailableError('STATE_UNAVAILABLE', `Saving state in ${store} failed with status ${response.status}`);
    },

    async deleteState(store, key) {
      const response = await raw(`/v1.0/state/${store}/${encodeURIComponent(key)}`, { method: 'DELETE' });
      await response.body?.cancel();
      if (!response.ok) throw new UpstreamUnavailableError('STATE_UNAVAILABLE', `Deleting state in ${store} failed with status ${response.status}`);
    },

    async getSecret(store, key) {
      const response = await raw(`/v1.0/secrets/${store}/${encodeURIComponent(key)}`, { method: 'GET' });
      const text = await response.text();
      if (!response.ok) throw new DaprCallError(`secret ${store}`, response.status, '');
      const secret = (JSON.parse(text) as Record<string, string>)[key];
      if (secret === undefined) throw new DaprCallError(`secret ${store}`, 404, '');
      return secret;
    },

    async waitUntilReady(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        try {
          const response = await fetch(`${sidecarUrl}/v1.0/healthz/outbound`, {
            headers: authHeaders,
            signal: AbortSignal.timeout(2_000),
          });
          if (response.status === 204 || response.ok) return;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`Dapr sidecar on ${sidecarUrl} not ready after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },

    async isHealthy() {
      try {
        const response = await fetch(`${sidecarUrl}/v1.0/healthz/outbound`, {
          headers: authHeaders,
          signal: AbortSignal.timeout(1_000),
        });
        return response.ok;
      } catch {
        return false;
      }
    },
  };
}
