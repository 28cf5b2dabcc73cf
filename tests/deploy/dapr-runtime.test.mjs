// The production Dapr Configuration and Resiliency loaded by the real daprd (1.18.3, built by
// `npm run setup`), one sidecar per app, with mTLS through a Sentry of its own, the local
// components (pointed at a Redis of its own, their secret references inlined, since the
// production configuration denies the local file secret store) and the Azure cron binding
// (its CRON_TZ schedule is parsed by the real binding). Azure-backed components cannot load
// without Azure; everything else in the files is exercised.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { freePort } from '../../scripts/lib/free-port.mjs';
import { APPS, NAMESPACE, componentsIn, deployEnv, readYamlFile, root } from './lib.mjs';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'healthsync-daprd-'));
const processes = [];
const sidecars = {};
const redisPassword = randomBytes(18).toString('base64url');

function start(name, command, args, env = {}) {
  const logFile = path.join(work, `${name}.log`);
  const out = fs.openSync(logFile, 'w');
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
  const entry = { name, child, logFile, exited: false };
  child.on('exit', () => {
    entry.exited = true;
  });
  processes.push(entry);
  return entry;
}

async function waitFor(what, check, entry, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (entry?.exited) throw new Error(`${entry.name} exited while waiting for ${what}:\n${fs.readFileSync(entry.logFile, 'utf8').slice(-3000)}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${entry ? `:\n${fs.readFileSync(entry.logFile, 'utf8').slice(-3000)}` : ''}`);
}

const portOpen = (port) =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

/** Local components for a sidecar without the local system: own Redis, refs inlined. */
function writeResources(dir, redisPort) {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, component] of componentsIn(path.join(root, 'components', 'local'))) {
    const copy = structuredClone(component);
    delete copy.file;
    delete copy.auth;
    copy.spec.metadata = copy.spec.metadata.map((item) => {
      if (item.name === 'redisHost') return { name: item.name, value: `127.0.0.1:${redisPort}` };
      if (item.secretKeyRef) return { name: item.name, value: redisPassword };
      if (item.name === 'secretsFile') return { name: item.name, value: path.join(work, 'secrets.json') };
      return item;
    });
    if (name === 'daily-encouragement' || name === 'account-retention') continue;
    fs.writeFileSync(path.join(dir, `${name}.yaml`), JSON.stringify(copy));
  }
  for (const cron of ['daily-encouragement', 'account-retention'])
    fs.copyFileSync(path.join(root, 'components', 'azure', `${cron}.yaml`), path.join(dir, `${cron}.yaml`));
  fs.copyFileSync(path.join(root, 'dapr', 'azure', 'resiliency.yaml'), path.join(dir, 'resiliency.yaml'));
  fs.writeFileSync(path.join(work, 'secrets.json'), '{}');
}

before(async () => {
  const env = deployEnv();
  const redisServer = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => fs.existsSync(p));
  assert.ok(redisServer, 'redis-server is needed (npm run setup installs it)');
  for (const binary of ['daprd', 'sentry']) assert.ok(fs.existsSync(path.join(env.daprBinDir, binary)), `${binary} is needed: run npm run setup`);

  const redisPort = await freePort();
  fs.mkdirSync(path.join(work, 'redis'));
  const redis = start('redis', redisServer, [
    '--port',
    String(redisPort),
    '--bind',
    '127.0.0.1',
    '--requirepass',
    redisPassword,
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    path.join(work, 'redis'),
  ]);
  await waitFor('Redis', () => portOpen(redisPort), redis);

  const sentryDir = path.join(work, 'sentry');
  fs.mkdirSync(sentryDir);
  fs.writeFileSync(
    path.join(sentryDir, 'config.yaml'),
    'apiVersion: dapr.io/v1alpha1\nkind: Configuration\nmetadata:\n  name: daprsystem\nspec:\n  mtls:\n    enabled: true\n    workloadCertTTL: 24h\n    allowedClockSkew: 15m\n',
  );
  const [sentryPort, sentryHealthz, sentryMetrics] = [await freePort(), await freePort(), await freePort()];
  const sentry = start('sentry', path.join(env.daprBinDir, 'sentry'), [
    '--issuer-credentials',
    sentryDir,
    '--trust-domain',
    'localhost',
    '--port',
    String(sentryPort),
    '--listen-address',
    '127.0.0.1',
    '--healthz-port',
    String(sentryHealthz),
    '--healthz-listen-address',
    '127.0.0.1',
    '--metrics-port',
    String(sentryMetrics),
    '--metrics-listen-address',
    '127.0.0.1',
    '--config',
    path.join(sentryDir, 'config.yaml'),
  ]);
  await waitFor('Sentry', async () => fs.existsSync(path.join(sentryDir, 'ca.crt')) && portOpen(sentryPort), sentry);
  const trustAnchors = fs.readFileSync(path.join(sentryDir, 'ca.crt'), 'utf8');

  const resources = path.join(work, 'resources');
  writeResources(resources, redisPort);

  await Promise.all(
    APPS.map(async (app) => {
      const [http, grpc, internal, metrics] = [await freePort(), await freePort(), await freePort(), await freePort()];
      const entry = start(
        `daprd-${app}`,
        path.join(env.daprBinDir, 'daprd'),
        [
          '--app-id',
          app,
          '--mode',
          'standalone',
          '--config',
          path.join(root, 'dapr', 'azure', `${app}.yaml`),
          '--resources-path',
          resources,
          '--dapr-http-port',
          String(http),
          '--dapr-grpc-port',
          String(grpc),
          '--dapr-internal-grpc-port',
          String(internal),
          '--metrics-port',
          String(metrics),
          '--profile-port',
          '-1',
          '--enable-mtls',
          '--sentry-address',
          `127.0.0.1:${sentryPort}`,
          '--log-level',
          'debug',
          '--log-as-json',
        ],
        { DAPR_TRUST_ANCHORS: trustAnchors, NAMESPACE },
      );
      const url = `http://127.0.0.1:${http}`;
      await waitFor(`the ${app} sidecar`, async () => (await fetch(`${url}/v1.0/healthz`)).status === 204, entry, 45_000);
      sidecars[app] = { url, entry, metricsPort: metrics };
    }),
  );
});

after(async () => {
  for (const entry of processes.reverse()) {
    if (!entry.exited) entry.child.kill('SIGTERM');
  }
  await new Promise((r) => setTimeout(r, 500));
  for (const entry of processes) if (!entry.exited) entry.child.kill('SIGKILL');
  fs.rmSync(work, { recursive: true, force: true });
});

const logOf = (app) =>
  fs
    .readFileSync(sidecars[app].entry.logFile, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));

const prune = (value) => {
  if (Array.isArray(value)) return value.map(prune);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const p = prune(v);
      if (p && typeof p === 'object' && !Array.isArray(p) && Object.keys(p).length === 0) continue;
      out[k] = p;
    }
    return out;
  }
  return value;
};

/** Whether the app's production sidecar serves the metadata API (the gateway's does not). */
const servesMetadata = (app) =>
  readYamlFile(path.join(root, 'dapr', 'azure', `${app}.yaml`))[0].spec.api.allowed.some((a) => a.name === 'metadata' && a.protocol === 'http');

/**
 * What a sidecar loaded: from its metadata API, or from its log where the allow-list keeps the
 * metadata API closed.
 */
async function loadedBy(app) {
  if (servesMetadata(app)) {
    const metadata = await (await fetch(`${sidecars[app].url}/v1.0/metadata`)).json();
    return {
      id: metadata.id,
      resiliencies: (metadata.resiliencies ?? []).map((r) => r.name),
      components: (metadata.components ?? []).map((c) => c.name).sort(),
    };
  }
  const messages = logOf(app).map((l) => l.msg ?? '');
  return {
    id: logOf(app).find((l) => l.app_id)?.app_id,
    resiliencies: messages.filter((m) => m.startsWith('Loading Resiliency configuration: ')).map((m) => m.slice('Loading Resiliency configuration: '.length)),
    components: messages
      .filter((m) => m.startsWith('Component loaded: '))
      .map((m) => m.slice('Component loaded: '.length).split(' ')[0])
      .sort(),
  };
}

test('when each sidecar starts with its production Configuration under mTLS, then it becomes healthy with the production Resiliency loaded', async () => {
  for (const app of APPS) {
    const loaded = await loadedBy(app);
    assert.equal(loaded.id, app);
    assert.deepEqual(loaded.resiliencies, ['healthsync'], `${app}: resiliency loaded`);
  }
});

test('when daprd parses the Resiliency file, then it keeps every policy and target (no field is silently dropped)', () => {
  const file = readYamlFile(path.join(root, 'dapr', 'azure', 'resiliency.yaml'))[0];
  const line = logOf('gateway').find((l) => l.msg?.startsWith('Resiliency configuration (healthsync): '));
  assert.ok(line, 'daprd logs the resiliency it parsed (debug)');
  const parsed = JSON.parse(line.msg.slice('Resiliency configuration (healthsync): '.length));
  assert.deepEqual(prune(parsed.spec), prune(file.spec));
});

test('when the production deny-list is in force, then the local file secret store is refused and the other components load', async () => {
  const local = componentsIn(path.join(root, 'components', 'local'));
  for (const app of APPS) {
    const messages = logOf(app).map((l) => l.msg ?? '');
    assert.ok(
      messages.some((m) => m.includes("component 'secretstore' cannot be loaded because components of type") && m.includes('secretstores.local.file')),
      `${app}: local file secret store denied`,
    );
    const loaded = (await loadedBy(app)).components;
    const expected = [...local.values()]
      .filter((c) => c.scopes.includes(app) && c.metadata.name !== 'secretstore')
      .map((c) => c.metadata.name)
      .sort();
    assert.deepEqual(loaded, expected, `${app}: components loaded`);
  }
});

test('when the Azure cron schedule is loaded by the real cron binding, then the batch sidecar accepts it', async () => {
  const metadata = await (await fetch(`${sidecars.batch.url}/v1.0/metadata`)).json();
  const cron = metadata.components.find((c) => c.name === 'daily-encouragement');
  assert.equal(cron?.type, 'bindings.cron');
});

test('when the Azure retention schedule is loaded by the real cron binding, then the user sidecar accepts it', async () => {
  const metadata = await (await fetch(`${sidecars.user.url}/v1.0/metadata`)).json();
  const cron = metadata.components.find((c) => c.name === 'account-retention');
  assert.equal(cron?.type, 'bindings.cron');
});

/**
 * True when the sidecar serves the API. A route the allow-list removed is not registered: the
 * request falls through to the invoke API's catch-all ("failed getting app id ...") when
 * invoke is allowed, or to the router's plain 404 (no Dapr error code) when it is not.
 */
async function serves(app, api) {
  const { url } = sidecars[app];
  const requests = {
    state: () => fetch(`${url}/v1.0/state/cache/deploy-check`),
    publish: () => fetch(`${url}/v1.0/publish/events/deploy-check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
    secrets: () => fetch(`${url}/v1.0/secrets/secretstore/postgres-url`),
    invoke: () => fetch(`${url}/v1.0/invoke/deploy-check-missing-app/method/x`),
    bindings: () => fetch(`${url}/v1.0/bindings/daily-encouragement`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
    metadata: () => fetch(`${url}/v1.0/metadata`),
  };
  const response = await requests[api]();
  const body = await response.text();
  const notRouted =
    response.status === 404 && (!body.includes('"errorCode"') || body.includes('failed getting app id either from the URL path or the header dapr-app-id'));
  return !notRouted;
}

test('when an app calls a Dapr API, then its sidecar serves exactly the APIs its api.allowed names', async () => {
  for (const app of APPS) {
    const config = readYamlFile(path.join(root, 'dapr', 'azure', `${app}.yaml`))[0];
    const allowed = new Set(config.spec.api.allowed.filter((a) => a.protocol === 'http').map((a) => a.name));
    for (const api of ['state', 'publish', 'secrets', 'invoke', 'bindings', 'metadata']) {
      assert.equal(
        await serves(app, api),
        allowed.has(api),
        `${app}: the ${api} API is ${allowed.has(api) ? 'allowed but not served' : 'served but not allowed'}`,
      );
    }
  }
});

test('when a sidecar serves metrics, then its HTTP series carry no raw request paths', async () => {
  const { url, metricsPort } = sidecars.health;
  await fetch(`${url}/v1.0/state/cache/user-123`);
  await fetch(`${url}/v1.0/state/cache/user-456`);
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/`)).text();
  assert.ok(text.includes('dapr_http_server_request_count'), 'HTTP server metrics exposed');
  assert.ok(!text.includes('user-123') && !text.includes('user-456'), 'ids in paths do not become label values');
});
