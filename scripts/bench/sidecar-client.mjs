// The Dapr client's own cost, per sidecar call and protocol: the services' client
// (services/shared/src/dapr.ts, the @dapr/dapr SDK) over gRPC and over HTTP, against the plain
// fetch client the services used before the SDK. Each variant runs in a process of its own
// against the running system's sidecars (user's for state, publish and secrets; the gateway's
// for invocation, which goes on to the user service), one call at a time for latency and then
// from BENCH_CLIENT_WORKERS concurrent loops for throughput. Part of `npm run bench`
// (BENCH_SIDECAR_CLIENT=0 leaves it out); it prints figures and asserts nothing.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { log } from '../lib/log.mjs';
import { appTokensDir } from '../lib/paths.mjs';
import { apps, sidecarGrpcPorts } from '../lib/ports.mjs';

const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sidecar-client-worker.mjs');
const VARIANTS = (process.env.BENCH_CLIENT_VARIANTS ?? 'fetch,sdk-http,sdk-grpc').split(',');
const ROUNDS = Number(process.env.BENCH_CLIENT_ROUNDS ?? 2);

const tokenOf = (app) => /^DAPR_API_TOKEN=(.*)$/m.exec(fs.readFileSync(path.join(appTokensDir, `${app}.env`), 'utf8'))?.[1] ?? '';

function runVariant(variant, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, variant], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop();
      if (code === 0 && line) resolve(JSON.parse(line));
      else reject(new Error(`sidecar-client worker ${variant} exited ${code}: ${out.slice(-500)}`));
    });
  });
}

const f = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ')).join('\n');
}

/** Keeps, per operation, the round with the higher throughput (the machine is shared; the best round is the least disturbed). */
function best(a, b) {
  if (!a) return b;
  const results = {};
  for (const op of Object.keys(b.results)) results[op] = a.results[op].loaded.rps >= b.results[op].loaded.rps ? a.results[op] : b.results[op];
  return { ...b, results };
}

/** Runs the comparison against the running system and prints its table. */
export async function compareSidecarClients() {
  const env = {
    USER_HTTP_PORT: String(apps.user[1]),
    USER_GRPC_PORT: String(sidecarGrpcPorts.user),
    USER_TOKEN: tokenOf('user'),
    GATEWAY_HTTP_PORT: String(apps.gateway[1]),
    GATEWAY_GRPC_PORT: String(sidecarGrpcPorts.gateway),
    GATEWAY_TOKEN: tokenOf('gateway'),
  };
  const results = {};
  for (let round = 1; round <= ROUNDS; round += 1) {
    // The variants take turns, so a slow spell of the machine does not land on one of them only.
    for (const variant of VARIANTS) {
      log.step(`sidecar client: ${variant}, round ${round} of ${ROUNDS}`);
      results[variant] = best(results[variant], await runVariant(variant, env));
    }
  }
  const workers = process.env.BENCH_CLIENT_WORKERS ?? 16;
  console.log(`\nDapr client per sidecar call (best of ${ROUNDS} rounds; latency one call at a time, throughput from ${workers} concurrent loops):`);
  const operations = Object.keys(results[VARIANTS[0]].results);
  console.log(
    table([
      ['call', 'client', 'p50 ms', 'p99 ms', `rps (${workers} loops)`, `p50 ms (${workers} loops)`, 'errors'],
      ...operations.flatMap((op) =>
        VARIANTS.map((variant) => {
          const { single, loaded } = results[variant].results[op];
          return [op, variant, f(single.p50), f(single.p99), f(loaded.rps, 0), f(loaded.p50), single.errors + loaded.errors];
        }),
      ),
    ]),
  );
  for (const variant of VARIANTS)
    for (const [op, r] of Object.entries(results[variant].results)) {
      const error = r.single.firstError ?? r.loaded.firstError;
      if (error) console.log(`errors on ${variant} ${op}: ${error}`);
    }
  return results;
}
