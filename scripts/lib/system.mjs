// The whole local system, in start order: the trace viewer, PostgreSQL, Redis, Azurite, Dapr's
// Sentry and scheduler, the stand-ins for Google / NHIS / Claude, then every service with its
// sidecar through the dapr CLI's run file. Used by `npm start` and `npm test` alike.
import { execFileSync, spawnSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { fail, log } from './log.mjs';
import { appTokensDir, daprBinDir, daprCli, daprRuntimePath, dataDir, root } from './paths.mjs';
import { apps, gatewayUrl, ports, rabbitMqPorts, traceViewerUrl, webUrl } from './ports.mjs';
import { backingServices, componentSet, componentTypes, runFileFor } from './component-sets.mjs';
import { freePort, isPortOpen, isRunning, requireFreePorts, startProcess, stopLeftovers, stopProcess, waitUntil } from './processes.mjs';
import {
  blobConnectionString,
  FCM_LOCAL_PROJECT,
  postgresBinDir,
  rabbitMqServerScript,
  readSecrets,
  redisServerBinary,
  TOKEN_APPS,
  zipkinJar,
} from './setup-steps.mjs';
import { migrate } from '../migrate.mjs';
import { DATABASES, databaseSecretName } from './databases.mjs';

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
    // The services' roles and their grants are the migrations' (scripts/migrate.mjs).
    if ((await client.query(`select 1 from pg_database where datname = 'healthsync'`)).rowCount === 0) await client.query('create database healthsync');
    // The PostgreSQL state stores of components/alt: the sidecars create their tables in a schema
    // of their own, owned by a role that can reach nothing else.
    const stateRole = await client.query(`select 1 from pg_roles where rolname = 'healthsync_state'`);
    const statePassword = client.escapeLiteral(secrets['postgres-state-password']);
    await client.query(`${stateRole.rowCount === 0 ? 'create' : 'alter'} role healthsync_state login password ${statePassword}`);
    await client.query('grant connect on database healthsync to healthsync_state');
  } finally {
    await client.end();
  }
  const healthsync = new pg.Client({ connectionString: adminUrl('healthsync') });
  await healthsync.connect();
  try {
    await healthsync.query('create schema if not exists dapr_state authorization healthsync_state');
  } finally {
    await healthsync.end();
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

/**
 * RabbitMQ from Debian's package, run as a project process (not the system service): its own
 * node name, ports (scripts/lib/ports.mjs), data in .data/rabbitmq, logs on stdout, the user
 * and password from .data/secrets.json in a file only the owner reads. Erlang's port mapper
 * (epmd) is started first in the foreground, so RabbitMQ registers with ours instead of
 * daemonising one that would outlive the run. It takes 15–30 s to boot: started early, waited
 * for just before the services.
 */
function startRabbitMq(secrets) {
  const dir = path.join(dataDir, 'rabbitmq');
  for (const sub of ['mnesia', 'log']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  const conf = path.join(dir, 'rabbitmq.conf');
  fs.writeFileSync(
    conf,
    [
      `listeners.tcp.default = 127.0.0.1:${rabbitMqPorts.amqp}`,
      // Only the project's own user exists; guest is not created.
      `default_user = healthsync`,
      `default_pass = ${secrets['rabbitmq-password']}`,
      'default_user_tags.administrator = true',
      // A development disk may be small: alarm only near full.
      'disk_free_limit.absolute = 100MB',
    ].join('\n') + '\n',
    { mode: 0o600 },
  );
  fs.writeFileSync(path.join(dir, 'enabled_plugins'), '[].\n');
  const erlangEnv = { ERL_EPMD_PORT: String(rabbitMqPorts.epmd), ERL_EPMD_ADDRESS: '127.0.0.1' };
  const epmd = startProcess('epmd', 'epmd', ['-port', String(rabbitMqPorts.epmd), '-address', '127.0.0.1'], { env: erlangEnv });
  const server = startProcess('rabbitmq', rabbitMqServerScript, [], {
    env: {
      ...erlangEnv,
      HOME: dir,
      RABBITMQ_NODENAME: 'healthsync@localhost',
      RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
      RABBITMQ_NODE_PORT: String(rabbitMqPorts.amqp),
      RABBITMQ_DIST_PORT: String(rabbitMqPorts.distribution),
      RABBITMQ_CONFIG_FILE: conf,
      RABBITMQ_ENABLED_PLUGINS_FILE: path.join(dir, 'enabled_plugins'),
      RABBITMQ_MNESIA_BASE: path.join(dir, 'mnesia'),
      RABBITMQ_LOG_BASE: path.join(dir, 'log'),
      RABBITMQ_LOGS: '-',
      RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-start_epmd false',
    },
  });
  return { epmd, server };
}

async function rabbitMqReady({ epmd, server }) {
  await waitUntil('epmd to listen', () => isPortOpen(rabbitMqPorts.epmd), { entry: epmd });
  await waitUntil('RabbitMQ to accept AMQP connections', () => isPortOpen(rabbitMqPorts.amqp), { entry: server, timeoutMs: 120_000 });
  log.step(`RabbitMQ: amqp://127.0.0.1:${rabbitMqPorts.amqp} (data: .data/rabbitmq)`);
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
        // The web client (clients/web): a confidential client, as Google registers a web application;
        // the user service redeems its codes with its secret (the same redirect URIs as dapr.yaml's).
        OIDC_WEB_CLIENT_ID: WEB_OIDC_CLIENT_ID,
        OIDC_WEB_CLIENT_SECRET: secrets['oidc-web-client-secret'],
        OIDC_WEB_REDIRECT_URIS: [`${webUrl}/auth/callback`, `http://localhost:${ports.web}/auth/callback`].join(','),
      },
    },
    {
      // A second sign-in provider (Kakao or Apple in production): the same stand-in package on
      // another port, with its own keys and client; the user service accepts its ID tokens
      // (OIDC_ADDITIONAL_ISSUERS in dapr.yaml).
      name: 'second-oidc',
      package: 'google-oidc',
      port: ports.oidcSecond,
      env: {
        OIDC_PORT: String(ports.oidcSecond),
        OIDC_ISSUER: `http://127.0.0.1:${ports.oidcSecond}`,
        OIDC_CLIENT_ID: 'healthsync-second',
        OIDC_KEYS_FILE: path.join(dataDir, 'second-oidc-keys.json'),
        OIDC_AUTO_LOGIN: 'true',
        OIDC_TEST_IDENTITIES: String(testMode),
        OIDC_REDIRECT_URIS: 'com.healthsync.app:/second-oauth2redirect',
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
    {
      name: 'fcm',
      port: ports.fcm,
      env: {
        FCM_STANDIN_PORT: String(ports.fcm),
        FCM_STANDIN_PROJECT_ID: FCM_LOCAL_PROJECT,
        FCM_STANDIN_CLIENT_EMAIL: JSON.parse(secrets['fcm-service-account']).client_email,
        // Only the public half: the stand-in verifies, it never signs.
        FCM_STANDIN_PUBLIC_KEY: createPublicKey(secrets['fcm-private-key']).export({ type: 'spki', format: 'pem' }).toString(),
        FCM_STANDIN_CONTROL: 'true',
      },
    },
  ];
}

async function startStandIns(secrets, testMode, claudeEnv) {
  for (const standIn of standIns(secrets, testMode, claudeEnv)) {
    const main = path.join(root, 'standins', standIn.package ?? standIn.name, 'dist', 'src', 'main.js');
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

/**
 * The run file with some apps' `env:` settings replaced or added (a benchmark runs the gateway
 * with production's trace sampling), written to .data/dapr-run.yaml; its paths relative to the
 * run file are moved along. Without changes, dapr.yaml itself.
 */
function runFileWith(runFile, appEnv, nodeFlags = []) {
  if (Object.keys(appEnv).length === 0 && nodeFlags.length === 0) return runFile;
  let text = fs.readFileSync(runFile, 'utf8').replace(/^(\s*(?:- |appDirPath: ))\.\//gm, '$1../');
  // Flags Node refuses in NODE_OPTIONS (e.g. --cpu-prof) go on every app's command line.
  if (nodeFlags.length > 0) text = text.replace(/"node", /g, `"node", ${nodeFlags.map((flag) => JSON.stringify(flag)).join(', ')}, `);
  for (const [app, env] of Object.entries(appEnv)) {
    const start = text.indexOf(`  - appID: ${app}\n`);
    if (start === -1) throw new Error(`dapr.yaml has no app ${app}`);
    const next = text.indexOf('\n  - appID: ', start + 1);
    const end = next === -1 ? text.length : next + 1;
    let block = text.slice(start, end);
    for (const [key, value] of Object.entries(env)) {
      const line = new RegExp(`^(      )${key}: .*$`, 'm');
      if (line.test(block)) block = block.replace(line, `$1${key}: ${JSON.stringify(value)}`);
      else if (/^    env:$/m.test(block)) block = block.replace(/^    env:$/m, `    env:\n      ${key}: ${JSON.stringify(value)}`);
      else block = `${block.trimEnd()}\n    env:\n      ${key}: ${JSON.stringify(value)}\n`;
    }
    text = text.slice(0, start) + block + text.slice(end);
  }
  const derived = path.join(dataDir, 'dapr-run.yaml');
  fs.writeFileSync(derived, text);
  return derived;
}

async function startApps(env, runFile, appEnv = {}, nodeFlags = []) {
  // SIGINT is what the CLI expects from Ctrl-C: it stops every app and sidecar it started.
  const entry = startProcess('dapr-run', daprCli, ['run', '-f', runFileWith(runFile, appEnv, nodeFlags)], { env, stopSignal: 'SIGINT' });
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
  log.step(`services: ${Object.keys(apps).join(', ')} ready (logs: .data/logs/dapr-run.log, services/*/.dapr/logs)`);
  return entry;
}

const prefixed = (name, group) => Object.fromEntries(Object.entries(group).map(([k, v]) => [`${name} ${k}`, v]));

/**
 * The web client (clients/web/dist, built by set-up) on its own port, served with the edge's
 * cache and security rules; its /config.json points at the gateway and the Google stand-in.
 */
/** The web client's id at the Google stand-in (dapr.yaml gives the user service the same). */
const WEB_OIDC_CLIENT_ID = 'healthsync-web';

async function startWeb() {
  const serve = path.join(root, 'clients', 'web', 'serve.mjs');
  const issuer = `http://127.0.0.1:${ports.oidc}`;
  const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
  const entry = startProcess('web', process.execPath, [serve], {
    env: {
      WEB_PORT: String(ports.web),
      WEB_API_BASE_URL: gatewayUrl,
      WEB_OIDC_ISSUER: issuer,
      WEB_OIDC_AUTHORIZATION_ENDPOINT: discovery.authorization_endpoint,
      WEB_OIDC_CLIENT_ID,
    },
  });
  await waitUntil('the web client to be served', async () => (await fetch(`${webUrl}/config.json`)).ok, { entry });
  log.step(`web client: ${webUrl}`);
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
 * stand-in (its realism profile); `appEnv` (app id → settings) overrides apps' `env:` in the run file,
 * and `nodeFlags` are added to every app's node command line.
 */
export async function startSystem({ extraEnv = {}, appEnv = {}, nodeFlags = [], apps: withApps = true, testMode = false, claudeEnv = {} } = {}) {
  await stopLeftovers();
  const set = componentSet();
  const needs = backingServices(set);
  await requireFreePorts({ ...(withApps ? systemPorts() : ports), ...(needs.rabbitmq ? prefixed('rabbitmq', rabbitMqPorts) : {}) });
  log.step(`components: ${path.relative(root, set.dir)} (${[...componentTypes(set)].sort().join(', ')})`);
  const secrets = readSecrets();
  const traceViewer = startTraceViewer();
  const rabbitMq = needs.rabbitmq ? startRabbitMq(secrets) : undefined;
  await startPostgres(secrets);
  await migrate(secrets['postgres-admin-url'], serviceDatabaseUrls(secrets));
  if (needs.redis) await startRedis(secrets);
  await startAzurite();
  const trustAnchors = await startDaprControlPlane();
  await startStandIns(secrets, testMode, claudeEnv);
  writeAppTokens(secrets);
  const env = runtimeEnv(trustAnchors, extraEnv);
  // For tests and for a developer's own `dapr run` (README): what the sidecars were given.
  fs.writeFileSync(path.join(dataDir, 'runtime-env.json'), JSON.stringify(env, null, 2), { mode: 0o600 });
  // For tests that start a sidecar of their own (the platform probe) and for a developer's own
  // `dapr run`: which component set this system runs and the run file it was started with.
  const runFile = runFileFor(set);
  fs.writeFileSync(path.join(dataDir, 'system.json'), JSON.stringify({ components: set.name, resourcesPath: set.dir, runFile }, null, 2));
  if (rabbitMq) await rabbitMqReady(rabbitMq);
  await traceViewerReady(traceViewer);
  if (withApps) {
    await startApps(env, runFile, appEnv, nodeFlags);
    await startWeb();
  }
  return { secrets, env, components: set.name, runFile };
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

/** Each service's connection string (as its own role) from the local secret store. */
function serviceDatabaseUrls(secrets, rewrite = (url) => url) {
  return Object.fromEntries(Object.keys(DATABASES).map((service) => [service, rewrite(secrets[databaseSecretName(service)])]));
}

/**
 * Creates the component tests' database afresh and migrates it. Returns, for
 * HEALTHSYNC_TEST_DATABASES, each service's schema and connection string as its own role.
 */
async function prepareComponentDatabase(secrets, port) {
  const at = (database) => (url) => url.replace(`127.0.0.1:${ports.postgres}/healthsync`, `127.0.0.1:${port}/${database}`);
  const client = new pg.Client({ connectionString: at('postgres')(secrets['postgres-admin-url']) });
  await client.connect();
  try {
    // A fresh database every run: what an earlier run (or an older branch's migrations) left cannot leak in.
    await client.query(`drop database if exists ${COMPONENT_DATABASE} with (force)`);
    await client.query(`create database ${COMPONENT_DATABASE}`);
  } finally {
    await client.end();
  }
  const urls = serviceDatabaseUrls(secrets, at(COMPONENT_DATABASE));
  await migrate(at(COMPONENT_DATABASE)(secrets['postgres-admin-url']), urls);
  return JSON.stringify(Object.fromEntries(Object.entries(DATABASES).map(([service, { schema }]) => [service, { schema, url: urls[service] }])));
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
    const databases = await prepareComponentDatabase(secrets, ports.postgres);
    return {
      env: { HEALTHSYNC_TEST_DATABASES: databases, HEALTHSYNC_TEST_BLOB_CONNECTION_STRING: secrets['blob-connection-string'] },
      stop: async () => {},
    };
  }
  await stopLeftovers();
  const pgPort = await freePort();
  const blobPort = await freePort();
  const started = [];
  try {
    started.push(await startPostgres(secrets, { port: pgPort, name: 'postgres-component' }));
    const databases = await prepareComponentDatabase(secrets, pgPort);
    started.push(await startAzurite({ port: blobPort, name: 'azurite-component', inMemory: true }));
    return {
      env: { HEALTHSYNC_TEST_DATABASES: databases, HEALTHSYNC_TEST_BLOB_CONNECTION_STRING: blobConnectionString(blobPort) },
      stop: async () => {
        for (const entry of started.reverse()) await stopProcess(entry);
      },
    };
  } catch (error) {
    for (const entry of started.reverse()) await stopProcess(entry);
    throw error;
  }
}
