// The whole local system, in start order: the trace viewer, PostgreSQL, Redis, Azurite, Dapr's
// Sentry and scheduler, the stand-ins for Google / NHIS / Claude, then every service with its
// sidecar through the dapr CLI's run file. Used by `npm start` and `npm test` alike.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { fail, log } from './log.mjs';
import { appTokensDir, daprBinDir, daprCli, daprRuntimePath, dataDir, root } from './paths.mjs';
import { apps, gatewayUrl, ports, traceViewerUrl } from './ports.mjs';
import { freePort, isPortOpen, isRunning, requireFreePorts, startProcess, stopLeftovers, stopProcess, waitUntil } from './processes.mjs';
import { blobConnectionString, postgresBinDir, readSecrets, redisServerBinary, TOKEN_APPS, zipkinJar } from './setup-steps.mjs';
import { migrate } from '../migrate.mjs';

const isRoot = process.getuid?.() === 0;

function postgresUser() {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

async function startPostgres(secrets, { port = ports.postgres, name = 'postgres', appendLog = false } = {}) {
  const bin = postgresBinDir();
  const pgData = path.join(dataDir, 'pg');
  // initdb refuses to run as root: the server runs as the package's postgres user.
  const owner = isRoot ? postgresUser() : undefined;
  if (!fs.existsSync(path.join(pgData, 'PG_VERSION'))) {
    log.step('PostgreSQL: initialising .data/pg');
    fs.mkdirSync(pgData, { recursive: true, mode: 0o700 });
    const pwFile = path.join(dataDir, '.pg-admin-password');
    fs.writeFileSync(pwFile, secrets['postgres-admin-password'], { mode: 0o600 });
    if (owner) {
      fs.chownSync(pgData, owner.uid, owner.gid);
      fs.chownSync(pwFile, owner.uid, owner.gid);
    }
    const result = spawnSync(
      path.join(bin, 'initdb'),
      ['-D', pgData, '-U', 'healthsync_admin', `--pwfile=${pwFile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8'],
      {
        encoding: 'utf8',
        ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
      },
    );
    fs.rmSync(pwFile);
    if (result.status !== 0) fail(`initdb failed: ${result.stderr || result.error}`);
  }
  const entry = startProcess(
    name,
    path.join(bin, 'postgres'),
    ['-D', pgData, '-p', String(port), '-h', '127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200', '-c', 'fsync=on'],
    { stopSignal: 'SIGINT', appendLog, ...(owner ?? {}) },
  );
  const adminUrl = (database) => `postgresql://healthsync_admin:${encodeURIComponent(secrets['postgres-admin-password'])}@127.0.0.1:${port}/${database}`;
  await waitUntil(
    'PostgreSQL to accept connections',
    async () => {
      const client = new pg.Client({ connectionString: adminUrl('postgres') });
      await client.connect();
      await client.end();
      return true;
    },
    { entry },
  );
  const client = new pg.Client({ connectionString: adminUrl('postgres') });
  await client.connect();
  try {
    if ((await client.query(`select 1 from pg_database where datname = 'healthsync'`)).rowCount === 0) await client.query('create database healthsync');
    const role = await client.query(`select 1 from pg_roles where rolname = 'healthsync_app'`);
    const password = client.escapeLiteral(secrets['postgres-app-password']);
    await client.query(`${role.rowCount === 0 ? 'create' : 'alter'} role healthsync_app login password ${password}`);
    await client.query('grant connect on database healthsync to healthsync_app');
  } finally {
    await client.end();
  }
  log.step(`PostgreSQL: 127.0.0.1:${port} database healthsync`);
  return entry;
}

async function startRedis(secrets, { appendLog = false } = {}) {
  const dir = path.join(dataDir, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  const conf = path.join(dir, 'redis.conf');
  // The password goes in a file, not on the command line where `ps` would show it.
  fs.writeFileSync(
    conf,
    [`port ${ports.redis}`, 'bind 127.0.0.1', `requirepass "${secrets['redis-password']}"`, `dir ${dir}`, 'appendonly yes', 'save ""', 'daemonize no'].join(
      '\n',
    ) + '\n',
    { mode: 0o600 },
  );
  const entry = startProcess('redis', redisServerBinary(), [conf], { appendLog });
  await waitUntil('Redis to listen', () => isPortOpen(ports.redis), { entry });
  log.step(`Redis: 127.0.0.1:${ports.redis}`);
  return entry;
}

async function startAzurite({ port = ports.azuriteBlob, name = 'azurite', inMemory = false, appendLog = false } = {}) {
  const location = path.join(dataDir, 'azurite');
  fs.mkdirSync(location, { recursive: true });
  const main = path.join(root, 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js');
  const storage = inMemory ? ['--inMemoryPersistence'] : ['--location', location];
  const entry = startProcess(
    name,
    process.execPath,
    [main, '--blobHost', '127.0.0.1', '--blobPort', String(port), ...storage, '--silent', '--disableTelemetry', '--skipApiVersionCheck'],
    { appendLog },
  );
  await waitUntil('Azurite to listen', () => isPortOpen(port), { entry });
  log.step(`Azurite (Blob): http://127.0.0.1:${port}/devstoreaccount1`);
  return entry;
}

/** Sentry issues the sidecars' mTLS certificates: the identity access control checks. */
async function startDaprControlPlane() {
  const sentryDir = path.join(dataDir, 'sentry');
  fs.mkdirSync(sentryDir, { recursive: true });
  const sentryConfig = path.join(sentryDir, 'config.yaml');
  fs.writeFileSync(
    sentryConfig,
    'apiVersion: dapr.io/v1alpha1\nkind: Configuration\nmetadata:\n  name: daprsystem\nspec:\n  mtls:\n    enabled: true\n    workloadCertTTL: 24h\n    allowedClockSkew: 15m\n',
  );
  const sentry = startProcess('sentry', path.join(daprBinDir, 'sentry'), [
    '--issuer-credentials',
    sentryDir,
    '--trust-domain',
    'localhost',
    '--port',
    String(ports.sentry),
    '--listen-address',
    '127.0.0.1',
    '--healthz-port',
    String(ports.sentryHealthz),
    '--healthz-listen-address',
    '127.0.0.1',
    '--metrics-port',
    String(ports.sentryMetrics),
    '--metrics-listen-address',
    '127.0.0.1',
    '--config',
    sentryConfig,
  ]);
  const trustAnchors = path.join(sentryDir, 'ca.crt');
  await waitUntil('Sentry to serve', async () => fs.existsSync(trustAnchors) && (await isPortOpen(ports.sentry)), { entry: sentry });
  const scheduler = startProcess('scheduler', path.join(daprBinDir, 'scheduler'), [
    '--port',
    String(ports.scheduler),
    '--listen-address',
    '127.0.0.1',
    '--healthz-port',
    String(ports.schedulerHealthz),
    '--healthz-listen-address',
    '127.0.0.1',
    '--metrics-port',
    String(ports.schedulerMetrics),
    '--metrics-listen-address',
    '127.0.0.1',
    '--tls-enabled',
    '--sentry-address',
    `127.0.0.1:${ports.sentry}`,
    '--trust-anchors-file',
    trustAnchors,
    '--trust-domain',
    'localhost',
    '--etcd-data-dir',
    path.join(dataDir, 'scheduler'),
    '--etcd-client-port',
    String(ports.schedulerEtcdClient),
    '--etcd-initial-cluster',
    `dapr-scheduler-server-0=http://127.0.0.1:${ports.schedulerEtcdPeer}`,
    '--identity-directory-write',
    path.join(dataDir, 'scheduler-identity'),
  ]);
  await waitUntil('the Dapr scheduler to serve', () => isPortOpen(ports.scheduler), { entry: scheduler });
  log.step(`Dapr control plane: sentry 127.0.0.1:${ports.sentry}, scheduler 127.0.0.1:${ports.scheduler}`);
  return fs.readFileSync(trustAnchors, 'utf8');
}

/**
 * The trace viewer (Zipkin, in memory, loopback only): every sidecar sends all its spans here
 * (dapr/local/*.yaml). The JVM takes a while to start, so it is started first and waited
 * for just before the services.
 */
function startTraceViewer() {
  return startProcess(
    'trace-viewer',
    'java',
    [
      '-Xms64m',
      '-Xmx256m',
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      '-jar',
      zipkinJar,
      '--armeria.ports[0].ip=127.0.0.1',
      `--armeria.ports[0].port=${ports.traceViewer}`,
      '--armeria.ports[0].protocols[0]=http',
    ],
    { env: { STORAGE_TYPE: 'mem', MEM_MAX_SPANS: '200000', SELF_TRACING_ENABLED: 'false' } },
  );
}

async function traceViewerReady(entry) {
  await waitUntil('the trace viewer to serve', async () => (await fetch(`http://127.0.0.1:${ports.traceViewer}/health`)).ok, { entry, timeoutMs: 120_000 });
  log.step(`trace viewer (Zipkin): ${traceViewerUrl}`);
}

/**
 * Stand-ins for the remote third parties; each is a package under standins/. In test mode the
 * Google stand-in lets any `<name>@healthsync.test` sign in, so each test makes its own users.
 * `claudeEnv` adds settings of the Claude stand-in (e.g. CLAUDE_STANDIN_PROFILE=realistic for benchmarks).
 */
function standIns(secrets, testMode, claudeEnv = {}) {
  return [
    {
      name: 'google-oidc',
      port: ports.oidc,
      env: {
        OIDC_PORT: String(ports.oidc),
        OIDC_ISSUER: `http://127.0.0.1:${ports.oidc}`,
        OIDC_KEYS_FILE: path.join(dataDir, 'oidc-keys.json'),
        OIDC_AUTO_LOGIN: 'true',
        OIDC_TEST_IDENTITIES: String(testMode),
        // The app's redirect, the sign-in script's loopback one, and the API reference page's (try-it-out).
        OIDC_REDIRECT_URIS: [
          'com.healthsync.app:/oauth2redirect',
          'http://127.0.0.1:54001/callback',
          `${gatewayUrl}/api/docs/oauth2-redirect.html`,
          `http://localhost:${apps.gateway[0]}/api/docs/oauth2-redirect.html`,
        ].join(','),
      },
    },
    {
      name: 'nhis',
      port: ports.nhis,
      env: {
        NHIS_STANDIN_PORT: String(ports.nhis),
        NHIS_STANDIN_CLIENT_ID: secrets['nhis-client-id'],
        NHIS_STANDIN_CLIENT_SECRET: secrets['nhis-client-secret'],
        NHIS_STANDIN_CONTROL: 'true',
      },
    },
    {
      name: 'claude',
      port: ports.claude,
      env: { CLAUDE_STANDIN_PORT: String(ports.claude), CLAUDE_STANDIN_API_KEY: secrets['claude-api-key'], CLAUDE_STANDIN_CONTROL: 'true', ...claudeEnv },
    },
  ];
}

async function startStandIns(secrets, testMode, claudeEnv) {
  for (const standIn of standIns(secrets, testMode, claudeEnv)) {
    const main = path.join(root, 'standins', standIn.name, 'dist', 'src', 'main.js');
    if (!fs.existsSync(main)) continue;
    const entry = startProcess(`standin-${standIn.name}`, process.execPath, ['--enable-source-maps', main], { env: standIn.env });
    await waitUntil(`the ${standIn.name} stand-in to listen`, () => isPortOpen(standIn.port), { entry });
    log.step(`stand-in ${standIn.name}: http://127.0.0.1:${standIn.port}`);
  }
}

/**
 * Environment the dapr CLI passes to every daprd and every app. No Dapr tokens: each app and
 * its sidecar get their own pair from .data/tokens/<app>.env (writeAppTokens).
 */
export function runtimeEnv(trustAnchors, extra = {}) {
  return {
    DAPR_RUNTIME_PATH: daprRuntimePath,
    DAPR_TRUST_ANCHORS: trustAnchors,
    ...extra,
  };
}

/**
 * Per-app token files for scripts/with-app-tokens, and the daprd the CLI finds under
 * DAPR_RUNTIME_PATH: scripts/daprd-for-app, which picks the pair by the sidecar's --app-id.
 */
function writeAppTokens(secrets) {
  fs.rmSync(appTokensDir, { recursive: true, force: true });
  fs.mkdirSync(appTokensDir, { recursive: true, mode: 0o700 });
  for (const app of TOKEN_APPS) {
    const lines = [`DAPR_API_TOKEN=${secrets[`dapr-api-token-${app}`]}`, `APP_API_TOKEN=${secrets[`app-api-token-${app}`]}`];
    fs.writeFileSync(path.join(appTokensDir, `${app}.env`), `${lines.join('\n')}\n`, { mode: 0o600 });
  }
  const bin = path.join(daprRuntimePath, '.dapr', 'bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.rmSync(path.join(bin, 'daprd'), { force: true });
  fs.symlinkSync(path.join(root, 'scripts', 'daprd-for-app'), path.join(bin, 'daprd'));
}

async function startApps(env) {
  // SIGINT is what the CLI expects from Ctrl-C: it stops every app and sidecar it started.
  const entry = startProcess('dapr-run', daprCli, ['run', '-f', path.join(root, 'dapr.yaml')], { env, stopSignal: 'SIGINT' });
  entry.failedWhen = /exited with error|Error starting Dapr|Fatal error/;
  for (const [app, [appPort]] of Object.entries(apps)) {
    await waitUntil(`${app} to be ready`, async () => (await fetch(`http://127.0.0.1:${appPort}/readyz`)).ok, { entry, timeoutMs: 90_000 });
  }
  // Through the gateway and each sidecar: the real path a client takes.
  for (const prefix of ['users', 'health', 'goals', 'intelligence', 'notifications']) {
    await waitUntil(`the gateway to reach /api/${prefix}`, async () => (await fetch(`${gatewayUrl}/api/${prefix}/service-info`)).ok, {
      entry,
      timeoutMs: 60_000,
    });
  }
  log.step(`services: gateway, user, health, goal, intelligence, batch ready (logs: .data/logs/dapr-run.log, services/*/.dapr/logs)`);
  return entry;
}

export function systemPorts() {
  const all = { ...ports };
  for (const [app, [appPort, daprPort]] of Object.entries(apps)) {
    all[`${app} app`] = appPort;
    all[`${app} sidecar`] = daprPort;
  }
  return all;
}

/**
 * Starts everything; resolves when the gateway reaches every service. With `apps: false`
 * it stops before the services, for a developer who runs `dapr run -f .` next. `testMode`
 * (npm test) opens the stand-ins' test-only controls; `claudeEnv` configures the Claude
 * stand-in (its realism profile).
 */
export async function startSystem({ extraEnv = {}, apps: withApps = true, testMode = false, claudeEnv = {} } = {}) {
  await stopLeftovers();
  await requireFreePorts(withApps ? systemPorts() : ports);
  const secrets = readSecrets();
  const traceViewer = startTraceViewer();
  await startPostgres(secrets);
  await migrate(secrets['postgres-admin-url']);
  await startRedis(secrets);
  await startAzurite();
  const trustAnchors = await startDaprControlPlane();
  await startStandIns(secrets, testMode, claudeEnv);
  writeAppTokens(secrets);
  const env = runtimeEnv(trustAnchors, extraEnv);
  // For tests and for a developer's own `dapr run` (README): what the sidecars were given.
  fs.writeFileSync(path.join(dataDir, 'runtime-env.json'), JSON.stringify(env, null, 2), { mode: 0o600 });
  await traceViewerReady(traceViewer);
  if (withApps) await startApps(env);
  return { secrets, env };
}

/**
 * The infrastructure processes a test may stop and start again while the system runs (the services
 * and sidecars reconnect on their own): each name with how it is started, as `startSystem` does.
 * Served to the tests by scripts/lib/infra-control.mjs (tests/support/infra.ts).
 */
export function restartableInfra(secrets) {
  return {
    postgres: () => startPostgres(secrets, { appendLog: true }),
    redis: () => startRedis(secrets, { appendLog: true }),
    azurite: () => startAzurite({ appendLog: true }),
  };
}

/** The component tests' own database beside the system's, so their rows never reach the running system. */
const COMPONENT_DATABASE = 'healthsync_component';

async function prepareComponentDatabase(secrets, port) {
  const url = (key, database) => secrets[key].replace(`127.0.0.1:${ports.postgres}/healthsync`, `127.0.0.1:${port}/${database}`);
  const client = new pg.Client({ connectionString: url('postgres-admin-url', 'postgres') });
  await client.connect();
  try {
    // A fresh database every run: what an earlier run (or an older branch's migrations) left cannot leak in.
    await client.query(`drop database if exists ${COMPONENT_DATABASE} with (force)`);
    await client.query(`create database ${COMPONENT_DATABASE}`);
    await client.query(`grant connect on database ${COMPONENT_DATABASE} to healthsync_app`);
  } finally {
    await client.end();
  }
  await migrate(url('postgres-admin-url', COMPONENT_DATABASE));
  return url('postgres-url', COMPONENT_DATABASE);
}

/**
 * What the in-process component tests need: PostgreSQL (this clone's data directory, with a
 * database of their own, migrated) and an in-memory Azurite, on free ports, so they run without
 * the machine-wide system lock while another clone's system holds the fixed ports. When this
 * clone's own infrastructure is already up (`npm run infra`), that is used instead. Returns the
 * environment for the tests and how to stop what was started.
 */
export async function startComponentInfra() {
  const secrets = readSecrets();
  if (isRunning('postgres') && isRunning('azurite')) {
    const databaseUrl = await prepareComponentDatabase(secrets, ports.postgres);
    return {
      env: { HEALTHSYNC_TEST_DATABASE_URL: databaseUrl, HEALTHSYNC_TEST_BLOB_CONNECTION_STRING: secrets['blob-connection-string'] },
      stop: async () => {},
    };
  }
  await stopLeftovers();
  const pgPort = await freePort();
  const blobPort = await freePort();
  const started = [];
  try {
    started.push(await startPostgres(secrets, { port: pgPort, name: 'postgres-component' }));
    const databaseUrl = await prepareComponentDatabase(secrets, pgPort);
    started.push(await startAzurite({ port: blobPort, name: 'azurite-component', inMemory: true }));
    return {
      env: { HEALTHSYNC_TEST_DATABASE_URL: databaseUrl, HEALTHSYNC_TEST_BLOB_CONNECTION_STRING: blobConnectionString(blobPort) },
      stop: async () => {
        for (const entry of started.reverse()) await stopProcess(entry);
      },
    };
  } catch (error) {
    for (const entry of started.reverse()) await stopProcess(entry);
    throw error;
  }
}
