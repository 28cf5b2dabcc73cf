import { UpstreamUnavailableError } from '../errors.js';
import { DaprCallError, StateConflictError, type Dapr, type InvokeOptions, type PublishOptions, type SaveStateOptions } from '../dapr.js';

/**
 * An in-memory stand-in for the sidecar, for component tests: it records what the service
 * publishes, keeps state in memory (with ETags), answers invocations with handlers the test
 * registers and serves the secrets it was given. Values are copied through JSON on the way
 * in and out, as the sidecar's HTTP API would.
 */
export interface PublishedEvent {
  pubsub: string;
  topic: string;
  data: unknown;
  options: PublishOptions;
}

export interface Invocation {
  appId: string;
  method: string;
  /** Without a leading slash, with the query string. */
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

/** Answers an invocation: its return value is the target's JSON answer; throw `invocationFailure(...)` to fail. */
export type InvocationHandler = (call: Invocation) => unknown;

export interface DaprDouble extends Dapr {
  /** Every publish, in order. */
  readonly published: PublishedEvent[];
  /** Every invocation, in order (also the unanswered ones). */
  readonly invocations: Invocation[];
  /** The data published to a topic, in order. */
  publishedTo(topic: string): unknown[];
  /**
   * Answers invocations of `appId` whose path (without query) equals `path`, or matches it when
   * it is a RegExp (tested against the path with its query). Later registrations win.
   */
  onInvoke(appId: string, path: string | RegExp, handler: InvocationHandler): void;
  /** The stored value of a state key, if any. */
  stateOf<T>(store: string, key: string): T | undefined;
  /** While false, publishing fails as a sidecar whose broker is down would. */
  publishing: boolean;
  /** Publishing an event for which this answers true fails (a message the broker refuses, e.g. too large). */
  refusePublishing: ((topic: string, data: unknown) => boolean) | undefined;
  /** While false, every state call fails as a sidecar whose state store (Redis) is down would. */
  storing: boolean;
  /** While false, the sidecar's health endpoint fails. */
  healthy: boolean;
  /** When set and true for a write, that state write fails as a sidecar whose store is down would. */
  refuseStateWrite?: ((store: string, key: string) => boolean) | undefined;
}

/** The failure a target (or the sidecar) answered, as the real client reports it. */
export function invocationFailure(call: Invocation, status: number, body: unknown = {}): DaprCallError {
  return new DaprCallError(`invoke ${call.appId} ${call.method} ${call.path}`, status, JSON.stringify(body));
}

const copy = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

export function createDaprDouble(options: { secrets?: Record<string, string> } = {}): DaprDouble {
  const published: PublishedEvent[] = [];
  const invocations: Invocation[] = [];
  const handlers: { appId: string; path: string | RegExp; handler: InvocationHandler }[] = [];
  const stores = new Map<string, Map<string, { value: unknown; etag: string }>>();
  let etags = 0;
  const storeOf = (name: string) => {
    let store = stores.get(name);
    if (!store) stores.set(name, (store = new Map()));
    return store;
  };

  // What the real client throws when the sidecar answers 500 because the store is unreachable.
  const storeReachable = (store: string) => {
    if (!double.storing) throw new UpstreamUnavailableError('STATE_UNAVAILABLE', `The state store ${store} failed with status 500`);
  };

  const double: DaprDouble = {
    sidecarUrl: 'memory://dapr-double',
    published,
    invocations,
    publishing: true,
    refusePublishing: undefined,
    storing: true,
    healthy: true,

    publishedTo: (topic) => published.filter((event) => event.topic === topic).map((event) => event.data),

    onInvoke(appId, path, handler) {
      handlers.unshift({ appId, path: typeof path === 'string' ? path.replace(/^\//, '') : path, handler });
    },

    stateOf<T>(store: string, key: string) {
      return copy(stores.get(store)?.get(key)?.value) as T | undefined;
    },

    async invoke<T>(appId: string, path: string, invokeOptions: InvokeOptions = {}): Promise<T> {
      const call: Invocation = {
        appId,
        method: invokeOptions.method ?? (invokeOptions.body === undefined ? 'GET' : 'POST'),
        path: path.replace(/^\//, ''),
        body: copy(invokeOptions.body),
        headers: { ...invokeOptions.headers },
      };
      invocations.push(call);
      const bare = call.path.split('?')[0];
      const match = handlers.find((h) => h.appId === appId && (typeof h.path === 'string' ? h.path === bare : h.path.test(call.path)));
      if (!match) throw invocationFailure(call, 500, { errorCode: 'ERR_DIRECT_INVOKE', message: 'no handler registered in the test' });
      return copy(await match.handler(call)) as T;
    },

    async publish(pubsub: string, topic: string, data: unknown, publishOptions: PublishOptions = {}) {
      if (!double.publishing || double.refusePublishing?.(topic, data)) {
        throw new UpstreamUnavailableError('PUBLISH_FAILED', `Publishing to ${pubsub}/${topic} failed with status 500`);
      }
      published.push({ pubsub, topic, data: copy(data), options: copy(publishOptions) });
    },

    async getState<T>(store: string, key: string) {
      return (await double.getStateEntry<T>(store, key))?.value;
    },

    async getStateEntry<T>(store: string, key: string) {
      storeReachable(store);
      const entry = stores.get(store)?.get(key);
      return entry ? { value: copy(entry.value) as T, etag: entry.etag } : undefined;
    },

    async saveState(store: string, key: string, value: unknown, saveOptions: SaveStateOptions = {}) {
      storeReachable(store);
      if (double.refuseStateWrite?.(store, key)) throw new UpstreamUnavailableError('STATE_UNAVAILABLE', `Saving ${store}/${key} failed with status 500`);
      const entries = storeOf(store);
      if (saveOptions.etag !== undefined && entries.get(key)?.etag !== saveOptions.etag) {
        throw new StateConflictError(`${store}/${key} changed since it was read`);
      }
      entries.set(key, { value: copy(value), etag: String(++etags) });
    },

    async deleteState(store: string, key: string) {
      storeReachable(store);
      stores.get(store)?.delete(key);
    },

    async getSecret(store: string, key: string) {
      const secret = options.secrets?.[key];
      if (secret === undefined) throw new DaprCallError(`secret ${store}`, 404, '');
      return secret;
    },

    async waitUntilReady() {},

    async isHealthy() {
      return double.healthy;
    },
  };
  return double;
}
