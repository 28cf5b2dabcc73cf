// `npm run bench`: what the Dapr sidecars cost on the real request path, measured side by
// side in one run on this machine. It prints figures; it asserts nothing.
//
//   baseline: client → gateway (direct mode) → user service, plain HTTP, no sidecars
//   dapr:     client → gateway → gateway's daprd → user's daprd (mTLS) → user service
//
// Both gateways run the same code and hit the same user-service process and route
// (GET /api/users/service-info, which also reads PostgreSQL). The load generator is vegeta
// (tools/vegeta), which holds a constant arrival rate; peak throughput uses its
// closed-loop mode with a fixed number of workers.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { log, runMain } from './lib/log.mjs';
import { root, toolsDir } from './lib/paths.mjs';
import { apps } from './lib/ports.mjs';
import { acquireSystemLock, isPortOpen, startProcess, stopAll, waitUntil } from './lib/processes.mjs';
import { ensureGoBuild, readSecrets } from './lib/setup-steps.mjs';
import { setup } from './setup.mjs';
import { compareSidecarClients } from './bench/sidecar-client.mjs';

const vegeta = path.join(toolsDir, 'bin', 'vegeta');
const BASELINE_PORT = 3090;
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PEAK_WORKERS = Number(process.env.BENCH_PEAK_WORKERS ?? 32);
// How the services' Dapr SDK reaches its sidecar (DAPR_CLIENT_PROTOCOL: grpc or http); unset: the
// services' default. The per-call comparison of both (scripts/bench/sidecar-client.mjs) runs at
// the end unless BENCH_SIDECAR_CLIENT=0.
const DAPR_PROTOCOL = process.env.BENCH_DAPR_PROTOCOL;

function attack(url, { rate, seconds, workers }) {
  const targets = `GET ${url}\n`;
  const args = ['attack', `-duration=${seconds}s`, '-timeout=10s', '-keepalive=true'];
  if (rate === 0) args.push('-rate=0', `-max-workers=${workers}`, `-workers=${workers}`);
  else args.push(`-rate=${rate}/s`, '-workers=64', '-max-workers=512');
  return new Promise((resolve, reject) => {
    const attacker = spawn(vegeta, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    const reporter = spawn(vegeta, ['report', '-type=json'], { stdio: ['pipe', 'pipe', 'inherit'] });
    attacker.stdout.pipe(reporter.stdin);
    attacker.stdin.end(targets);
    let out = '';
    reporter.stdout.on('data', (chunk) => (out += chunk));
    reporter.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`vegeta report exited ${code}`))));
  });
}

const ms = (ns) => ns / 1e6;

function summarize(report) {
  return {
    rps: report.throughput,
    p50: ms(report.latencies['50th']),
    p90: ms(report.latencies['90th']),
    p99: ms(report.latencies['99th']),
    success: report.success,
    errors: (report.errors ?? []).slice(0, 3),
  };
}

/**
 * Memory (MB) of each service process and sidecar, found by command line and working
 * directory: RSS, and PSS (proportional: pages shared with the other sidecars, such as the
 * daprd binary's code, counted once across them).
 */
function residentMemory() {
  const result = {};
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmdline;
    let cwd;
    let status;
    try {
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
      status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    } catch {
      continue;
    }
    const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    let pss = NaN;
    try {
      pss = Number(/^Pss:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? NaN) / 1024;
    } catch {
      // smaps_rollup needs a 4.14+ kernel
    }
    const value = { rss, pss };
    const appId = cmdline[cmdline.indexOf('--app-id') + 1];
    if (cmdline[0].endsWith('/daprd') && appId) result[`daprd ${appId}`] = value;
    else if (cmdline.some((a) => a.endsWith('dist/src/main.js')) && cwd.startsWith(path.join(root, 'services'))) {
      result[`node ${path.basename(cwd)}`] = value;
    } else if (cmdline.some((a) => a.includes('services/gateway/dist/src/main.js'))) result['node gateway (baseline)'] = value;
  }
  return result;
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ')).join('\n');
}

const f = (n, d = 2) => (typeof n === 'number' ? n.toFixed(d) : n);

await runMain(async () => {
  await setup();
  // Imported only now: it needs the npm dependencies that set-up installs.
  const { startSystem } = await import('./lib/system.mjs');
  await ensureGoBuild({
    name: 'vegeta 12.13.0',
    module: 'tools/vegeta',
    ldflags: '-s -w',
    tags: '',
    packages: ['github.com/tsenart/vegeta/v12'],
    outputs: [vegeta],
  });
  const releaseLock = await acquireSystemLock();
  try {
    // The rate limiter stays on in the Dapr path (it is part of the real path: one cache read
    // per request) with a limit the benchmark cannot reach.
    await startSystem({ extraEnv: { RATE_LIMIT_PER_MINUTE: '1000000000', ...(DAPR_PROTOCOL ? { DAPR_CLIENT_PROTOCOL: DAPR_PROTOCOL } : {}) } });
    const secrets = readSecrets();
    const baseline = startProcess('bench-baseline-gateway', process.execPath, [path.join(root, 'services/gateway/dist/src/main.js')], {
      env: {
        APP_PORT: String(BASELINE_PORT),
        DAPR_HTTP_PORT: '3599',
        DIRECT_UPSTREAMS: `user=http://127.0.0.1:${apps.user[0]}`,
        // Direct to the user app: the token the user's sidecar would present to it.
        APP_API_TOKEN: secrets['app-api-token-user'],
        LOG_LEVEL: 'warn',
      },
    });
    await waitUntil('the baseline gateway', () => isPortOpen(BASELINE_PORT), { entry: baseline });
    const urls = {
      baseline: `http://127.0.0.1:${BASELINE_PORT}/api/users/service-info`,
      dapr: `http://127.0.0.1:${apps.gateway[0]}/api/users/service-info`,
    };
    for (const [name, url] of Object.entries(urls)) {
      const check = await fetch(url);
      if (check.status !== 200) throw new Error(`${name} path answered ${check.status}: ${await check.text()}`);
    }

    log.step('idle: letting processes settle for 10 s');
    await new Promise((r) => setTimeout(r, 10_000));
    const idle = residentMemory();

    log.step('warm-up: 5 s at 200 rps on each path');
    for (const url of Object.values(urls)) await attack(url, { rate: 200, seconds: 5 });

    const peak = {};
    for (const [name, url] of Object.entries(urls)) {
      log.step(`${name}: peak throughput, ${PEAK_WORKERS} closed-loop workers for 15 s`);
      peak[name] = summarize(await attack(url, { rate: 0, seconds: 15, workers: PEAK_WORKERS }));
    }
    // The issue's 1000 rps, and a rate both paths can hold on this machine (half the slower
    // path's peak), where latency compares service time rather than queueing.
    const sustainable = Math.max(50, Math.floor(Math.min(peak.baseline.rps, peak.dapr.rps) / 2 / 10) * 10);
    const rates = [...new Set([RATE, sustainable])];
    const fixed = {};
    const loaded = {};
    for (const rate of rates) {
      fixed[rate] = {};
      for (const [name, url] of Object.entries(urls)) {
        log.step(`${name}: ${SECONDS} s at a constant ${rate} rps`);
        const sampler = setInterval(() => {
          for (const [k, v] of Object.entries(residentMemory()))
            loaded[k] = { rss: Math.max(loaded[k]?.rss ?? 0, v.rss), pss: Math.max(loaded[k]?.pss ?? 0, v.pss) };
        }, 1000);
        fixed[rate][name] = summarize(await attack(url, { rate, seconds: SECONDS }));
        clearInterval(sampler);
      }
    }

    const daprdVersion = execFileSync(path.join(toolsDir, '.dapr/bin/daprd'), ['--version'], { encoding: 'utf8' }).trim();
    console.log(
      `\nHealthSync gateway → user round trip, daprd ${daprdVersion}, ${process.versions.node ? `node ${process.version}` : ''}, ${
        fs
          .readFileSync('/proc/cpuinfo', 'utf8')
          .split('\n')
          .filter((l) => l.startsWith('processor')).length
      } cores, Dapr SDK to its sidecar over ${DAPR_PROTOCOL ?? 'the default protocol'}\n`,
    );
    console.log(`At a constant arrival rate for ${SECONDS} s:`);
    console.log(
      table([
        ['rate', 'path', 'achieved rps', 'p50 ms', 'p90 ms', 'p99 ms', 'success'],
        ...rates.flatMap((rate) =>
          Object.entries(fixed[rate]).map(([n, r]) => [rate, n, f(r.rps, 0), f(r.p50), f(r.p90), f(r.p99), f(r.success * 100, 1) + '%']),
        ),
      ]),
    );
    console.log(`\nPeak (closed loop, ${PEAK_WORKERS} workers, 15 s):`);
    console.log(
      table([
        ['path', 'rps', 'p50 ms', 'p99 ms', 'success'],
        ...Object.entries(peak).map(([n, r]) => [n, f(r.rps, 0), f(r.p50), f(r.p99), f(r.success * 100, 1) + '%']),
      ]),
    );
    const throughputRatio = peak.dapr.rps / peak.baseline.rps;
    console.log('\nAgainst the targets (ratios to the baseline in this run):');
    const rows = [
      ['measure', 'value', 'target', 'met'],
      ['peak throughput via sidecars / baseline', `${f(throughputRatio * 100, 1)} %`, '≥ 60 %', throughputRatio >= 0.6 ? 'yes' : 'no'],
    ];
    for (const rate of rates) {
      const p50Delta = fixed[rate].dapr.p50 - fixed[rate].baseline.p50;
      const p99Ratio = fixed[rate].dapr.p99 / fixed[rate].baseline.p99;
      const held = fixed[rate].baseline.rps >= rate * 0.95 ? '' : ' (baseline could not hold this rate)';
      rows.push([`p50 at ${rate} rps, sidecars − baseline${held}`, `${f(p50Delta)} ms`, '≤ 2.12 ms (2 × 1.06)', p50Delta <= 2.12 ? 'yes' : 'no']);
      rows.push([`p99 at ${rate} rps, sidecars / baseline${held}`, `${f(p99Ratio)} ×`, '≤ 1.5 ×', p99Ratio <= 1.5 ? 'yes' : 'no']);
    }
    console.log(table(rows));
    console.log('\nMemory (MB): resident (RSS) and proportional (PSS), idle and the maximum under load:');
    console.log(
      table([
        ['process', 'idle RSS', 'idle PSS', 'load RSS', 'load PSS', 'idle RSS target', 'met'],
        ...Object.keys({ ...idle, ...loaded })
          .sort()
          .map((k) => {
            // A Node service with the Dapr SDK: 150 MB idle (docs/decisions/002-sidecar-http-api.md).
            const target = k.startsWith('daprd') ? 60 : 150;
            return [
              k,
              f(idle[k]?.rss ?? NaN, 1),
              f(idle[k]?.pss ?? NaN, 1),
              f(loaded[k]?.rss ?? NaN, 1),
              f(loaded[k]?.pss ?? NaN, 1),
              `≤ ${target}`,
              (idle[k]?.rss ?? Infinity) <= target ? 'yes' : 'no',
            ];
          }),
      ]),
    );
    const runs = [
      ...rates.flatMap((rate) => Object.entries(fixed[rate]).map(([n, r]) => [`${n} at ${rate} rps`, r])),
      ...Object.entries(peak).map(([n, r]) => [`${n} peak`, r]),
    ];
    for (const [n, r] of runs) if (r.errors.length) console.log(`errors on ${n}: ${r.errors.join('; ')}`);
    if (process.env.BENCH_SIDECAR_CLIENT !== '0') await compareSidecarClients();
  } finally {
    await stopAll();
    releaseLock();
  }
});
