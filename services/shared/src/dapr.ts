import { CommunicationProtocolEnum, DaprClient, GRPCClient, HTTPClient, HttpMethod, LogLevel, type LoggerService } from '@dapr/dapr';
import { StateOptions_StateConcurrency } from '@dapr/dapr/proto/dapr/proto/common/v1/common_pb.js';
import { ConfigError } from './config.js';
import { currentContext } from './context.js';
import { AppError, UpstreamUnavailableError } from './errors.js';
import type { Logger } from './logger.js';

/**
 * Everything a service does across a process boundary goes through its Dapr sidecar, and
 * through this module, whose client is the official SDK (@dapr/dapr). The `Dapr` interface
 * adds what the SDK leaves out: every call has a deadline, forwards `traceparent` and carries
 * the Dapr API token, and every failure — publish and state included — is thrown as a typed
 * error. Component names are the contract (see components/); no component type appears in code.
 *
 * How each call reaches the sidecar (docs/decisions/002-sidecar-http-api.md has the measurements
 * that chose HTTP over gRPC, and the SDK source each workaround rests on):
 * - invocation and secrets: the SDK's HTTP API (`client.invoker.invoke`, `client.secret.get`).
 * - publish and state: the SDK's HTTP client (`HTTPClient.execute`, which its own publish and
 *   state methods wrap): those methods take no headers, so no trace context, resolve with
 *   `{ error }` instead of rejecting, and `state.get` drops the ETag.
 * - The SDK's HTTP calls take no abort signal: a call past its deadline is abandoned here and
 *   ended by the sidecar's resiliency timeout (dapr/local/resiliency.yaml), not cancelled.
 * - `DAPR_CLIENT_PROTOCOL=grpc` sends publish, state and secrets through the SDK's gRPC client
 *   instead (its Dapr API stub, with real per-call deadlines and trace metadata); measured
 *   slower here, kept so `npm run bench` can compare. Invocation stays HTTP: the SDK's gRPC
 *   invoke (InvokeService) is deprecated in Dapr 1.18 for HTTP apps, drops the headers we pass
 *   and cuts the target's error body to 64 characters, which callers read the problem code from.
 * - readiness and health: the sidecar's HTTP `/v1.0/healthz/outbound` through fetch; the SDK has
 *   no call for it (its health check reads metadata, which answers before components are ready).
 * - streamed invocation (the gateway forwarding public requests, the chat's SSE among them):
 *   not here — services/gateway/src/adapters/upstream.ts streams bodies both ways over the
 *   sidecar's HTTP API, which the SDK cannot (it reads and parses whole bodies).
 */
export interface DaprOptions {
  /** The sidecar's HTTP port (DAPR_HTTP_PORT). */
  httpPort: number;
  /** The sidecar's gRPC API port (DAPR_GRPC_PORT); required with `protocol: 'grpc'`. */
  grpcPort?: number;
  /** How publish, state and secrets reach the sidecar (DAPR_CLIENT_PROTOCOL). Default `http`. */
  protocol?: DaprProtocol;
  /** Sent as `dapr-api-token` when the sidecar requires one (DAPR_API_TOKEN). */
  apiToken?: string;
  /** Upper bound for a single call; resiliency policies apply inside it. */
  invokeTimeoutMs?: number;
  /** Where the SDK's own warnings and errors go (never its debug output, which prints headers). */
  logger?: Logger;
}

export type DaprProtocol = 'grpc' | 'http';

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

const DEFAULT_TIMEOUT_MS = 10_000;

function traceHeaders(): Record<string, string> {
  const context = currentContext();
  return context ? { traceparent: context.traceparent } : {};
}

/** The SDK's log lines, as JSON through winston; debug and verbose never (they print request headers). */
function sdkLogger(logger: Logger | undefined): { level: LogLevel; service: LoggerService } {
  const ignore = () => undefined;
  const text = (message: unknown, rest: unknown[]) => [message, ...rest].map(String).join(' ');
  return {
    level: LogLevel.Warn,
    service: {
      error: (message: unknown, ...rest: unknown[]) => logger?.error(`dapr sdk: ${text(message, rest)}`),
      warn: (message: unknown, ...rest: unknown[]) => logger?.warn(`dapr sdk: ${text(message, rest)}`),
      info: ignore,
      verbose: ignore,
      debug: ignore,
    },
  };
}

/** Thrown by `withDeadline` when the caller's deadline passes first. */
class DeadlineError extends Error {}

/**
 * Waits for `call` at most `timeoutMs`. Used only for the SDK's HTTP calls, which take no abort
 * signal: the request itself is then bounded by the sidecar's resiliency timeouts.
 */
async function withDeadline<T>(timeoutMs: number, call: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError()), timeoutMs);
  });
  try {
    return await Promise.race([call(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** What the SDK's HTTP client throws for a non-2xx answer: JSON text with the status and body. */
function httpFailure(error: unknown): { status: number; body: string } | undefined {
  if (!(error instanceof Error)) return undefined;
  try {
    const parsed = JSON.parse(error.message) as { status?: unknown; error_msg?: unknown };
    if (typeof parsed.status === 'number') return { status: parsed.status, body: typeof parsed.error_msg === 'string' ? parsed.error_msg : '' };
  } catch {
    // not an answer from the sidecar: a connection error
  }
  return undefined;
}

/** The gRPC status codes we act on (grpc/status codes; ConnectError.code carries them). */
const GRPC = { cancelled: 1, invalidArgument: 3, deadlineExceeded: 4, notFound: 5, permissionDenied: 7, aborted: 10, unavailable: 14, unauthenticated: 16 };
/** The HTTP status the sidecar's HTTP API answers for the same failure, so errors read the same in both modes. */
const HTTP_STATUS_OF_GRPC: Record<number, number> = { 3: 400, 4: 504, 5: 404, 7: 403, 10: 409, 14: 503, 16: 401 };

/** A ConnectError, recognised by shape (the SDK bundles its own copy of @connectrpc/connect). */
function grpcCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'number' ? code : undefined;
}

/** A connection the sidecar refused or reset, as opposed to an answer it gave. */
function isConnectionFailure(error: unknown): boolean {
  const text = `${String((error as { cause?: unknown }).cause ?? '')} ${error instanceof Error ? error.message : ''}`;
  return /ECONNREFUSED|ECONNRESET|EPIPE|socket hang up|session closed|NGHTTP2/i.test(text);
}

/** The client options from the validated settings every service has (see `baseSettings`). */
export function daprOptionsFrom(
  config: { DAPR_HTTP_PORT: number; DAPR_GRPC_PORT?: number | undefined; DAPR_CLIENT_PROTOCOL: DaprProtocol; DAPR_API_TOKEN?: string | undefined },
  logger?: Logger,
): DaprOptions {
  return {
    httpPort: config.DAPR_HTTP_PORT,
    protocol: config.DAPR_CLIENT_PROTOCOL,
    ...(config.DAPR_GRPC_PORT === undefined ? {} : { grpcPort: config.DAPR_GRPC_PORT }),
    ...(config.DAPR_API_TOKEN ? { apiToken: config.DAPR_API_TOKEN } : {}),
    ...(logger ? { logger } : {}),
  };
}

export function createDapr(options: DaprOptions): Dapr {
  const protocol = options.protocol ?? 'http';
  if (protocol === 'grpc' && options.grpcPort === undefined) {
    throw new ConfigError(['DAPR_GRPC_PORT is missing (needed with DAPR_CLIENT_PROTOCOL=grpc)']);
  }
  const sidecarUrl = `http://127.0.0.1:${options.httpPort}`;
  const authHeaders: Record<string, string> = options.apiToken ? { 'dapr-api-token': options.apiToken } : {};
  const timeoutOf = (timeoutMs?: number) => timeoutMs ?? options.invokeTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const clientOptions = {
    daprHost: '127.0.0.1',
    ...(options.apiToken ? { daprApiToken: options.apiToken } : {}),
    logger: sdkLogger(options.logger),
  };

  const http = new DaprClient({ ...clientOptions, daprPort: String(options.httpPort), communicationProtocol: CommunicationProtocolEnum.HTTP });
  // Readiness is ours (waitUntilReady); without this the SDK would hold the first call up to
  // 60 s polling the sidecar, also where no sidecar is meant to be (the benchmark's baseline).
  http.daprClient.setIsInitialized(true);
  if (!(http.daprClient instanceof HTTPClient)) throw new Error('@dapr/dapr: expected its HTTP client');
  const transport = http.daprClient;
  const grpc = protocol === 'grpc' ? new GRPCClient({ ...clientOptions, daprPort: String(options.grpcPort) }) : undefined;
  // The SDK's Dapr API stub: its transport and API-token interceptor, with per-call options.
  const stub = grpc?.getClient(false);

  /** The options of one gRPC call: a deadline the sidecar sees too, and the trace context. */
  const callOptions = (timeoutMs?: number) => ({ timeoutMs: timeoutOf(timeoutMs), headers: traceHeaders() });

  function unreachable(operation: string, error: unknown): never {
    if (error instanceof DeadlineError || grpcCode(error) === GRPC.deadlineExceeded) {
      throw new UpstreamUnavailableError('UPSTREAM_TIMEOUT', `Dapr ${operation} timed out`);
    }
    throw new UpstreamUnavailableError('SIDECAR_UNREACHABLE', `Dapr sidecar unreachable for ${operation}`);
  }

  /** Runs a gRPC call; a failure the sidecar answered becomes `onAnswer`'s error, the rest `unreachable`. */
  async function viaGrpc<T>(
    operation: string,
    call: (api: Awaited<NonNullable<typeof stub>>) => Promise<T>,
    onAnswer: (status: number, error: Error) => never,
  ): Promise<T> {
    try {
      return await call(await stub!);
    } catch (error) {
      const code = grpcCode(error);
      if (code === undefined || code === GRPC.deadlineExceeded || code === GRPC.cancelled || (code === GRPC.unavailable && isConnectionFailure(error))) {
        unreachable(operation, error);
      }
      onAnswer(HTTP_STATUS_OF_GRPC[code] ?? 500, error as Error);
    }
  }

  /** Runs an SDK HTTP call with a deadline; a failure the sidecar answered becomes `onAnswer`'s error. */
  async function viaHttp<T>(
    operation: string,
    timeoutMs: number | undefined,
    call: () => Promise<T>,
    onAnswer: (status: number, body: string) => never,
  ): Promise<T> {
    try {
      return await withDeadline(timeoutOf(timeoutMs), call);
    } catch (error) {
      const answer = httpFailure(error);
      if (!answer) unreachable(operation, error);
      onAnswer(answer.status, answer.body);
    }
  }

  const encode = (value: unknown) => Buffer.from(JSON.stringify(value));
  const decode = <T>(bytes: Uint8Array): T | undefined => (bytes.length === 0 ? undefined : (JSON.parse(Buffer.from(bytes).toString('utf8')) as T));
  const stateUnavailable =
    (what: string, store: string) =>
    (status: number): never => {
      throw new UpstreamUnavailableError('STATE_UNAVAILABLE', `${what} state in ${store} failed with status ${status}`);
    };

  return {
    sidecarUrl,

    async invoke<T>(appId: string, path: string, invokeOptions: InvokeOptions = {}): Promise<T> {
      const method = invokeOptions.method ?? (invokeOptions.body === undefined ? 'GET' : 'POST');
      const operation = `invoke ${appId} ${method} ${path}`;
      const answer: unknown = await viaHttp(
        operation,
        invokeOptions.timeoutMs,
        () =>
          http.invoker.invoke(appId, path.replace(/^\//, ''), method.toLowerCase() as HttpMethod, invokeOptions.body as object | undefined, {
            headers: {
              ...traceHeaders(),
              ...(invokeOptions.body === undefined ? {} : { 'Content-Type': 'application/json' }),
              ...invokeOptions.headers,
            },
          }),
        (status, body) => {
          throw new DaprCallError(operation, status, body);
        },
      );
      // The SDK answers an empty body as "" and a JSON body parsed.
      return (answer === '' ? undefined : answer) as T;
    },

    async publish(pubsub, topic, data, publishOptions = {}) {
      // Our id becomes the CloudEvent id, which consumers dedupe on.
      const metadata = { ...publishOptions.metadata, ...(publishOptions.id ? { 'cloudevent.id': publishOptions.id } : {}) };
      const failed = (status: number): never => {
        throw new UpstreamUnavailableError('PUBLISH_FAILED', `Publishing to ${pubsub}/${topic} failed with status ${status}`);
      };
      if (stub) {
        const request = { pubsubName: pubsub, topic, data: encode(data), dataContentType: 'application/json', metadata };
        await viaGrpc(`publish ${pubsub}/${topic}`, (api) => api.publishEvent(request, callOptions()), failed);
        return;
      }
      const query = new URLSearchParams(Object.entries(metadata).map(([name, value]): [string, string] => [`metadata.${name}`, value]));
      await viaHttp(
        `publish ${pubsub}/${topic}`,
        undefined,
        () =>
          transport.execute(`/publish/${pubsub}/${encodeURIComponent(topic)}${query.size ? `?${query}` : ''}`, {
            method: 'POST',
            headers: { ...traceHeaders(), 'Content-Type': 'application/json' },
            body: data as object,
          }),
        failed,
      );
    },

    async getState<T>(store: string, key: string): Promise<T | undefined> {
      return (await this.getStateEntry<T>(store, key))?.value;
    },

    async getStateEntry<T>(store: string, key: string) {
      const failed = (status: number, detail: string): never => {
        throw new DaprCallError(`state get ${store}`, status, detail);
      };
      if (stub) {
        const answer = await viaGrpc(
          `state get ${store}`,
          (api) => api.getState({ storeName: store, key }, callOptions()),
          (status) => failed(status, ''),
        );
        const value = decode<T>(answer.data);
        return value === undefined ? undefined : { value, etag: answer.etag || undefined };
      }
      // The bulk read, because it answers the ETag with the value.
      const answer = await viaHttp(
        `state get ${store}`,
        undefined,
        () => transport.execute(`/state/${store}/bulk`, { method: 'POST', headers: traceHeaders(), body: { keys: [key], parallelism: 1 } }),
        failed,
      );
      const found = (answer as { data?: unknown; etag?: string }[])[0];
      return found?.data === undefined ? undefined : { value: found.data as T, etag: found.etag || undefined };
    },

    async saveState(store, key, value, saveOptions = {}) {
      const conflictOr = (status: number): never => {
        if (status === 409 && saveOptions.etag) throw new StateConflictError(`${store}/${key} changed since it was read`);
        return stateUnavailable('Saving', store)(status);
      };
      const metadata: Record<string, string> = saveOptions.ttlSeconds ? { ttlInSeconds: String(saveOptions.ttlSeconds) } : {};
      if (stub) {
        const item = {
          key,
          value: encode(value),
          metadata,
          ...(saveOptions.etag ? { etag: { value: saveOptions.etag }, options: { concurrency: StateOptions_StateConcurrency.CONCURRENCY_FIRST_WRITE } } : {}),
        };
        await viaGrpc(`state save ${store}`, (api) => api.saveState({ storeName: store, states: [item] }, callOptions()), conflictOr);
        return;
      }
      const item = { key, value, metadata, ...(saveOptions.etag ? { etag: saveOptions.etag, options: { concurrency: 'first-write' } } : {}) };
      await viaHttp(
        `state save ${store}`,
        undefined,
        () => transport.execute(`/state/${store}`, { method: 'POST', headers: traceHeaders(), body: [item] }),
        conflictOr,
      );
    },

    async deleteState(store, key) {
      if (stub) {
        await viaGrpc(`state delete ${store}`, (api) => api.deleteState({ storeName: store, key }, callOptions()), stateUnavailable('Deleting', store));
        return;
      }
      await viaHttp(
        `state delete ${store}`,
        undefined,
        () => transport.execute(`/state/${store}/${encodeURIComponent(key)}`, { method: 'DELETE', headers: traceHeaders() }),
        stateUnavailable('Deleting', store),
      );
    },

    async getSecret(store, key) {
      // Never the sidecar's error text: it may quote what the store answered.
      const failed = (status: number): never => {
        throw new DaprCallError(`secret ${store}`, status, '');
      };
      const secrets = stub
        ? (await viaGrpc(`secret ${store}`, (api) => api.getSecret({ storeName: store, key }, callOptions()), failed)).data
        : ((await viaHttp(`secret ${store}`, undefined, () => http.secret.get(store, key), failed)) as Record<string, string>);
      return secrets[key] ?? failed(404);
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
