// One client variant of the sidecar-client comparison (scripts/bench/sidecar-client.mjs), in its
// own process: `node sidecar-client-worker.mjs <variant>` with the settings in the environment.
// Prints one JSON line with its figures. Variants:
//   fetch     the sidecar's HTTP API through fetch: the hand-written client the services had
//             before the Dapr SDK, kept here as the reference
//   sdk-http  services/shared's client with DAPR_CLIENT_PROTOCOL=http (the SDK's HTTP client)
//   sdk-grpc  services/shared's client with DAPR_CLIENT_PROTOCOL=grpc (the SDK's gRPC client)
import { contextFromTraceparent, createDapr, currentContext, runWithContext } from '@healthsync/shared';

const variant = process.argv[2];
const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is missing`);
  return value;
};
const SECONDS = Number(process.env.BENCH_CLIENT_SECONDS ?? 3);
const WORKERS = Number(process.env.BENCH_CLIENT_WORKERS ?? 16);
const user = { http: Number(env('USER_HTTP_PORT')), grpc: Number(env('USER_GRPC_PORT')), token: env('USER_TOKEN') };
const gateway = { http: Number(env('GATEWAY_HTTP_PORT')), grpc: Number(env('GATEWAY_GRPC_PORT')), token: env('GATEWAY_TOKEN') };

/** The previous client, reduced to the calls measured here: plain fetch to the sidecar's HTTP API. */
function fetchClient(sidecar) {
  const base = `http://127.0.0.1:${sidecar.http}/v1.0`;
  const call = async (path, init = {}) => {
    const response = await fetch(`${base}${path}`, {
      ...init,
      headers: { 'dapr-api-token': sidecar.token, 'content-type': 'application/json', traceparent: currentContext().traceparent, ...init.headers },
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    return text ? JSON.parse(text) : undefined;
  };
  return {
    invoke: (appId, path) => call(`/invoke/${appId}/method/${path}`),
    publish: (pubsub, topic, data, { id }) =>
      call(`/publish/${pubsub}/${topic}?metadata.cloudevent.id=${encodeURIComponent(id)}`, { method: 'POST', body: JSON.stringify(data) }),
    getState: (store, key) => call(`/state/${store}/${encodeURIComponent(key)}`),
    saveState: (store, key, value, { ttlSeconds }) =>
      call(`/state/${store}`, { method: 'POST', body: JSON.stringify([{ key, value, metadata: { ttlInSeconds: String(ttlSeconds) } }]) }),
    getSecret: async (store, key) => (await call(`/secrets/${store}/${encodeURIComponent(key)}`))[key],
  };
}

function sdkClient(sidecar, protocol) {
  return createDapr({ httpPort: sidecar.http, grpcPort: sidecar.grpc, protocol, apiToken: sidecar.token, invokeTimeoutMs: 10_000 });
}

const make = (sidecar) => (variant === 'fetch' ? fetchClient(sidecar) : sdkClient(sidecar, variant === 'sdk-grpc' ? 'grpc' : 'http'));
const onUser = make(user);
const onGateway = make(gateway);

let sequence = 0;
const stateKey = `bench:sidecar-client:${variant}`;
const operations = {
  'state get': () => onUser.getState('cache', stateKey),
  'state save': () => onUser.saveState('cache', stateKey, { n: ++sequence, at: Date.now() }, { ttlSeconds: 300 }),
  // A topic no service subscribes to.
  publish: () => onUser.publish('events', 'bench-sidecar-client', { n: ++sequence }, { id: `bench-${variant}-${process.pid}-${sequence}` }),
  'secret get': () => onUser.getSecret('secretstore', 'postgres-url-user'),
  // Gateway → user through both sidecars (mTLS) to a route that reads PostgreSQL, as the gateway's own calls do.
  invoke: () => onGateway.invoke('user', 'api/users/service-info'),
};

/** Runs `op` from `workers` loops for `seconds`; every call in a request context of its own, as in a service. */
async function run(op, workers, seconds) {
  const latencies = [];
  let errors = 0;
  let firstError;
  const end = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < end) {
        const t0 = process.hrtime.bigint();
        try {
          await runWithContext(contextFromTraceparent(undefined), op);
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        } catch (error) {
          errors += 1;
          firstError ??= String(error);
        }
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), calls: latencies.length, errors, firstError };
}

const results = {};
for (const [name, op] of Object.entries(operations)) {
  await run(op, 4, 0.5); // warm-up: connections, JIT
  results[name] = { single: await run(op, 1, SECONDS), loaded: await run(op, WORKERS, SECONDS) };
}
console.log(JSON.stringify({ variant, rssMb: process.memoryUsage().rss / 1048576, results }));
// The SDK keeps its sidecar connections open.
process.exit(0);
