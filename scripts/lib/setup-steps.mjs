// The one set-up shared by `npm start` and `npm test`: each step checks first and does
// nothing when its result is already there, so a warm set-up takes seconds.
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATABASES, databaseSecretName } from './databases.mjs';
import { fail, log } from './log.mjs';
import { daprBinDir, daprCli, dataDir, root, secretsFile, toolsDir } from './paths.mjs';
import { rabbitMqPorts } from './ports.mjs';

const isRoot = process.getuid?.() === 0;

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) fail(`${command} could not be started: ${result.error.message}`);
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
}

function output(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 18)) fail(`Node.js 20.18 or newer is needed; this is ${process.version}.`);
}

/** PostgreSQL's server binaries directory, or undefined. */
export function postgresBinDir() {
  const candidates = [];
  const fromConfig = output('pg_config', ['--bindir']);
  if (fromConfig) candidates.push(fromConfig);
  if (fs.existsSync('/usr/lib/postgresql')) {
    for (const version of fs.readdirSync('/usr/lib/postgresql').sort().reverse()) candidates.push(`/usr/lib/postgresql/${version}/bin`);
  }
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'postgres')) && fs.existsSync(path.join(dir, 'initdb')));
}

/** RabbitMQ's own start script (Debian's rabbitmq-server), run directly as a project process. */
export const rabbitMqServerScript = '/usr/lib/rabbitmq/bin/rabbitmq-server';

export function redisServerBinary() {
  return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => fs.existsSync(p));
}

/** The major version of the `java` on PATH, or undefined. */
function javaMajor() {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const match = /version "(\d+)/.exec(result.stderr ?? '');
  return result.status === 0 && match ? Number(match[1]) : undefined;
}

/**
 * PostgreSQL and Redis come from Debian's packages, and so do Java (17 or newer) and Maven,
 * which fetch and run the local trace viewer (Zipkin, from Maven Central).
 */
export function ensureSystemPackages() {
  const missing = [];
  if (!postgresBinDir()) missing.push('postgresql');
  if (!redisServerBinary()) missing.push('redis-server');
  // The broker of the alternative component set (components/alt). Installing it does not start
  // it here (the system service is never used: npm start runs its own, on the project's ports).
  if (!fs.existsSync(rabbitMqServerScript)) missing.push('rabbitmq-server');
  if ((javaMajor() ?? 0) < 17) missing.push('default-jre-headless');
  if (!output('mvn', ['--version'])) missing.push('maven');
  if (missing.length === 0) {
    log.step('system packages: postgresql, redis-server, rabbitmq-server, java and maven present');
    return;
  }
  if (!isRoot) fail(`Missing Debian packages: ${missing.join(', ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`);
  log.step(`system packages: installing ${missing.join(', ')} with apt-get`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

function hashFiles(files, extra) {
  const hash = createHash('sha256');
  for (const file of files) hash.update(fs.readFileSync(path.join(root, file)));
  hash.update(extra);
  return hash.digest('hex').slice(0, 16);
}

export const goEnv = () => ({
  ...process.env,
  CGO_ENABLED: '0',
  GOTOOLCHAIN: 'local',
  GOFLAGS: '-mod=readonly',
  // The module proxy here serves no checksum-database answers for these; go.sum pins them.
  GONOSUMDB: 'go.etcd.io/*,github.com/diagridio/*',
});

function checkGo() {
  const goVersion = output('go', ['env', 'GOVERSION']);
  if (!goVersion) fail('Go is needed to build the Dapr runtime and tools (go 1.26.6 or newer on PATH).');
  const [, minor, patch] = goVersion.replace('go', '').split('.').map(Number);
  // Dapr 1.18.3, OpenTofu 1.12 and the azurerm provider all need Go 1.26.6.
  if (minor < 26 || (minor === 26 && (patch ?? 0) < 6)) fail(`Go 1.26.6 or newer is needed to build the Go tools; found ${goVersion}.`);
  return goVersion;
}

const toolCacheRoot = () => path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'healthsync', 'tools');
/** Past build durations, so the next first-time build can say how long it usually takes. */
const buildTimesFile = () => path.join(toolCacheRoot(), 'build-times.json');

function readBuildTimes() {
  try {
    return JSON.parse(fs.readFileSync(buildTimesFile(), 'utf8'));
  } catch {
    return {};
  }
}

const minutes = (ms) => (ms < 90_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 60_000).toFixed(1)} min`);

/** Runs a command, calling onLine for every line it writes to stderr; resolves with its exit code and stdout. */
function runStreaming(command, args, options, onLine) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (pending) onLine(pending);
      resolve({ code: code ?? 1, stdout });
    });
  });
}

/**
 * `go build -v` into dir, printing which tool is building, how many of its packages are
 * compiled, the elapsed time and how long the last build took (or the usual time given).
 * `go build -v` names each package as it compiles it; `go list -deps` gives the total (those
 * already in Go's build cache are not compiled again, so the count may stop short of it).
 */
async function goBuildWithProgress(build, dir) {
  const cwd = path.join(root, build.module);
  const env = goEnv();
  const tags = build.tags ? ['-tags', build.tags] : [];
  const timesKey = build.cacheName ?? build.module;
  const previous = readBuildTimes()[timesKey];
  const usual = [
    build.usual && `a first build usually takes ${build.usual} on 2 cores`,
    previous && `the last build here took ${minutes(previous.ms)} for ${previous.packages} packages`,
  ].filter(Boolean);
  log.step(`${build.name}: building from the Go module proxy (${build.module}${usual.length ? `; ${usual.join('; ')}` : ''})`);
  const started = Date.now();
  const recent = [];
  const remember = (line) => {
    recent.push(line);
    if (recent.length > 40) recent.shift();
  };

  // Listing the packages downloads the modules first (the first time only).
  let downloads = 0;
  const listing = await runStreaming('go', ['list', '-deps', '-f', '{{.ImportPath}}', ...tags, ...build.packages], { cwd, env }, (line) => {
    if (line.startsWith('go: downloading')) downloads += 1;
    remember(line);
  });
  const total = listing.code === 0 ? listing.stdout.split('\n').filter(Boolean).length : 0;
  log.detail(`${downloads} modules downloaded, ${total || 'unknown number of'} packages to build (${minutes(Date.now() - started)})`);

  let compiled = 0;
  const interactive = process.stdout.isTTY;
  let lastPrinted = 0;
  const report = (final = false) => {
    const share = total ? ` (${Math.min(100, Math.round((compiled / total) * 100))} %)` : '';
    const line = `${build.name}: ${compiled}/${total || '?'} packages compiled${share}, ${minutes(Date.now() - started)} elapsed`;
    if (interactive) process.stdout.write(`\r           ${line}${final ? '\n' : ''}`);
    else if (!final && Date.now() - lastPrinted >= 30_000) {
      log.detail(line);
      lastPrinted = Date.now();
    }
  };
  const ticker = setInterval(report, interactive ? 1000 : 5000);
  const args = ['build', '-v', '-trimpath', '-ldflags', build.ldflags, ...tags, '-o', `${dir}/`, ...build.packages];
  let code;
  try {
    ({ code } = await runStreaming('go', args, { cwd, env }, (line) => {
      // -v lines are bare import paths; anything else (errors, downloads) is kept for a failure report.
      if (/^[\w.\-/]+$/.test(line)) compiled += 1;
      else remember(line);
    }));
  } finally {
    clearInterval(ticker);
  }
  report(true);
  if (code !== 0) {
    console.error(recent.join('\n'));
    fail(`go build for ${build.name} failed with exit code ${code} (in ${build.module})`);
  }
  const ms = Date.now() - started;
  const times = readBuildTimes();
  times[timesKey] = { ms, packages: compiled, at: new Date().toISOString() };
  fs.writeFileSync(buildTimesFile(), JSON.stringify(times, null, 2));
  const fromCache = total > compiled ? `; ${total - compiled} more came from Go's build cache` : '';
  log.detail(`${build.name}: built in ${minutes(ms)} (${compiled} packages compiled${fromCache})`);
}

const pidAlive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};

/**
 * Runs `work` holding a lock on one cache entry, so two clones' set-ups on one machine never
 * build into the same .partial folder (one would delete the other's half-built files): the
 * second waits and then finds the entry there. A lock whose process has gone is taken over.
 */
export async function withCacheEntryLock(cacheDir, name, work) {
  const lock = `${cacheDir}.lock`;
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  let told = false;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lock, 'utf8'));
      if (!Number.isInteger(holder) || holder <= 0 || !pidAlive(holder)) {
        fs.rmSync(lock, { force: true });
        continue;
      }
      if (!told) log.step(`${name}: another set-up on this machine (pid ${holder}) is building it; waiting for it`);
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/**
 * Builds Go programs from a wrapper module under tools/ (go.mod + go.sum pin the release).
 * Binaries are kept in a cache outside the clone (~/.cache/healthsync/tools), keyed by the
 * wrapper module, the flags and the Go version, so a fresh clone on a warm machine only
 * copies them. A build goes to a .partial-<pid> folder first: an interrupted build leaves no
 * half-written cache entry.
 *
 * build: { name, module, packages, ldflags, tags?, outputs (absolute paths, one per binary,
 * named like the binary go build writes unless rename maps it), rename?, usual? (how long a
 * first build takes on 2 cores, said while building until a build here has been timed),
 * cacheName? (names the cache entry and stamp when one wrapper module has several builds) }
 * Returns what it did: 'present' (nothing), 'copied' (from the cache) or 'built'.
 */
export async function ensureGoBuild(build) {
  const goVersion = checkGo();
  const key = hashFiles([`${build.module}/go.mod`, `${build.module}/go.sum`], `${build.ldflags}|${build.tags ?? ''}|${goVersion}`);
  const name = build.cacheName ?? build.module.replace(/^tools\//, '').replaceAll('/', '-');
  const stamp = path.join(toolsDir, `.stamp-${name}`);
  if (build.outputs.every((o) => fs.existsSync(o)) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === key) {
    log.step(`${build.name}: built`);
    return 'present';
  }
  const cacheDir = path.join(toolCacheRoot(), `${name}-${key}`);
  const cached = build.outputs.map((o) => path.join(cacheDir, path.basename(o)));
  const outcome = cached.every((c) => fs.existsSync(c)) ? 'copied' : 'built';
  if (outcome === 'built') {
    await withCacheEntryLock(cacheDir, build.name, async () => {
      // Another clone's set-up may have finished it while this one waited for the lock.
      if (cached.every((c) => fs.existsSync(c))) return;
      // The process's own folder: an older set-up without the lock cannot delete it under us.
      const partial = `${cacheDir}.partial-${process.pid}`;
      fs.rmSync(partial, { recursive: true, force: true });
      fs.mkdirSync(partial, { recursive: true });
      await goBuildWithProgress(build, partial);
      for (const [from, to] of Object.entries(build.rename ?? {})) fs.renameSync(path.join(partial, from), path.join(partial, to));
      fs.rmSync(cacheDir, { recursive: true, force: true });
      fs.renameSync(partial, cacheDir);
    });
  } else {
    log.step(`${build.name}: copying from the build cache`);
  }
  for (const [index, out] of build.outputs.entries()) {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.copyFileSync(cached[index], out);
    fs.chmodSync(out, 0o755);
  }
  fs.mkdirSync(toolsDir, { recursive: true });
  fs.writeFileSync(stamp, key);
  return outcome;
}

/** daprd, scheduler and sentry (tools/dapr) and the dapr CLI (tools/dapr-cli). */
export async function ensureDaprTools() {
  await ensureGoBuild({
    name: 'dapr runtime 1.18.3',
    module: 'tools/dapr',
    ldflags:
      '-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=1.18.3 -X github.com/dapr/dapr/pkg/buildinfo.gitversion=v1.18.3 ' +
      '-X github.com/dapr/dapr/pkg/buildinfo.gitcommit=2dcf2e35 -X github.com/dapr/kit/logger.DaprVersion=1.18.3',
    tags: 'stablecomponents',
    packages: ['github.com/dapr/dapr/cmd/daprd', 'github.com/dapr/dapr/cmd/scheduler', 'github.com/dapr/dapr/cmd/sentry'],
    outputs: ['daprd', 'scheduler', 'sentry'].map((b) => path.join(daprBinDir, b)),
    // Measured on a quiet 2-core machine, and on one shared with other builds.
    usual: 'about 6 min (18 when the machine is busy)',
  });
  await ensureGoBuild({
    name: 'dapr CLI 1.16.5',
    module: 'tools/dapr-cli',
    ldflags: '-s -w -X main.version=1.16.5 -X main.apiVersion=1.0',
    tags: '',
    packages: ['github.com/dapr/cli'],
    outputs: [daprCli],
    rename: { cli: 'dapr' },
    usual: 'about 8 min',
  });
  const version = execFileSync(path.join(daprBinDir, 'daprd'), ['--version'], { encoding: 'utf8' }).trim();
  log.detail(`daprd --version: ${version}`);
}

/** The local trace viewer: Zipkin's server, with its web UI, as Maven Central publishes it. */
export const ZIPKIN = {
  version: '3.5.1',
  artifact: 'io.zipkin:zipkin-server:3.5.1:jar:exec',
  file: 'zipkin-server-3.5.1-exec.jar',
  // The jar as first fetched; a different one is refused.
  sha256: '7ac633a6832647e71e50012a5e3e91fbc7054414955261724526030faf271d8d',
};
export const zipkinJar = path.join(toolsDir, 'zipkin', ZIPKIN.file);

const sha256Of = (file) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/**
 * Fetches the Zipkin server jar with Maven (cached in ~/.cache/healthsync/tools like the Go
 * tools) and checks its hash. `npm start` runs it as the trace viewer the sidecars export to.
 */
export function ensureTraceViewer() {
  const name = `Zipkin ${ZIPKIN.version} (trace viewer)`;
  const stamp = path.join(toolsDir, '.stamp-zipkin');
  if (fs.existsSync(zipkinJar) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === ZIPKIN.sha256) {
    log.step(`${name}: present`);
    return;
  }
  const cacheDir = path.join(toolCacheRoot(), `zipkin-${ZIPKIN.version}`);
  const cached = path.join(cacheDir, ZIPKIN.file);
  if (!fs.existsSync(cached)) {
    log.step(`${name}: fetching ${ZIPKIN.artifact} from Maven Central (about 130 MB, once)`);
    const partial = `${cacheDir}.partial`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.mkdirSync(partial, { recursive: true });
    run('mvn', ['-q', '-B', '-Dstyle.color=never', 'dependency:copy', `-Dartifact=${ZIPKIN.artifact}`, `-DoutputDirectory=${partial}`]);
    const got = sha256Of(path.join(partial, ZIPKIN.file));
    if (got !== ZIPKIN.sha256) fail(`${ZIPKIN.file} from Maven Central has sha256 ${got}, expected ${ZIPKIN.sha256}; not used.`);
    fs.rmSync(cacheDir, { recursive: true, force: true });
    fs.renameSync(partial, cacheDir);
  } else {
    log.step(`${name}: copying from the cache`);
  }
  fs.mkdirSync(path.dirname(zipkinJar), { recursive: true });
  fs.copyFileSync(cached, zipkinJar);
  fs.writeFileSync(stamp, ZIPKIN.sha256);
}

/** npm dependencies, installed from the lock file when it changed. */
export function ensureNodeModules() {
  const lock = path.join(root, 'package-lock.json');
  const stamp = path.join(root, 'node_modules', '.healthsync-lock-hash');
  const hash = createHash('sha256').update(fs.readFileSync(lock)).digest('hex');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) {
    log.step('npm dependencies: installed');
    return;
  }
  log.step('npm dependencies: npm ci');
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
  fs.writeFileSync(stamp, hash);
}

export function buildTypeScript() {
  log.step('TypeScript: tsc -b');
  run(path.join(root, 'node_modules', '.bin', 'tsc'), ['-b']);
}

/** Every file a web client build depends on (sources, configuration, the typed API client, the lock file). */
function webClientInputs() {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else files.push(rel);
    }
  };
  walk('clients/web/src');
  walk('clients/web/test');
  files.push(
    'clients/web/index.html',
    'clients/web/vite.config.ts',
    'clients/web/tsconfig.json',
    'clients/web/package.json',
    'clients/api/src/index.ts',
    'clients/api/src/schema.ts',
    'package-lock.json',
  );
  return files.sort();
}

/**
 * The web client (clients/web): type-checked with tsc, then built by Vite into clients/web/dist
 * (index.html and hashed assets). Skipped when nothing it is built from changed.
 */
export function buildWebClient() {
  const dist = path.join(root, 'clients', 'web', 'dist');
  const stamp = path.join(dist, '.healthsync-build-hash');
  const hash = hashFiles(webClientInputs(), 'web-client-v2');
  if (
    fs.existsSync(path.join(dist, 'index.html')) &&
    fs.existsSync(path.join(root, 'clients', 'web', 'dist-test')) &&
    fs.existsSync(stamp) &&
    fs.readFileSync(stamp, 'utf8') === hash
  ) {
    log.step('web client: built');
    return;
  }
  const started = Date.now();
  log.step('web client: tsc --noEmit, vite build (clients/web/dist), its unit tests compiled (clients/web/dist-test)');
  run(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', path.join(root, 'clients', 'web', 'tsconfig.json')]);
  run(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
    cwd: path.join(root, 'clients', 'web'),
    env: { ...process.env, NO_COLOR: '1' },
  });
  fs.writeFileSync(stamp, hash);
  log.detail(`web client built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** A Chromium for the browser tests: CHROMIUM, or Debian's, or a Chrome already on the machine. */
export function chromiumPath() {
  return [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && fs.existsSync(p));
}

/**
 * The browser tests' Chromium, a Korean font (the pages are Korean; without one every
 * screenshot shows empty boxes) and an emoji font: Debian's chromium, fonts-nanum and
 * fonts-noto-color-emoji, installed with apt-get
 * when missing. Playwright's own browser download is never used (playwright-core drives this one).
 */
export function ensureBrowser() {
  const missing = [];
  if (!chromiumPath()) missing.push('chromium');
  if (!output('fc-list', [':lang=ko', 'family'])) missing.push('fonts-nanum');
  // The AI's texts and the missions page use emoji (🎉, 🔥): without this font they are boxes.
  if (!output('fc-list', [':charset=1f389', 'family'])) missing.push('fonts-noto-color-emoji');
  if (missing.length === 0) {
    log.step(`browser: ${chromiumPath()} and a Korean font present`);
    return chromiumPath();
  }
  if (!isRoot) fail(`Missing Debian packages for the browser tests: ${missing.join(', ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`);
  log.step(`browser: installing ${missing.join(', ')} with apt-get (about a minute the first time)`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const found = chromiumPath();
  if (!found) fail('chromium was installed but /usr/bin/chromium is missing');
  return found;
}

/** Apps that get their own Dapr API token and app token. */
export const TOKEN_APPS = ['gateway', 'user', 'health', 'goal', 'intelligence', 'batch', 'usage-analytics', 'platform-probe'];

/** The Firebase project of the local FCM stand-in. */
export const FCM_LOCAL_PROJECT = 'healthsync-local';

const SECRET_GENERATORS = {
  'postgres-admin-password': () => randomBytes(24).toString('base64url'),
  // One PostgreSQL role per service schema, each with its own password (scripts/lib/databases.mjs).
  ...Object.fromEntries(Object.keys(DATABASES).map((service) => [`postgres-password-${service}`, () => randomBytes(24).toString('base64url')])),
  'redis-password': () => randomBytes(24).toString('base64url'),
  // The alternative component set (components/alt): RabbitMQ's user, and the role that owns the
  // PostgreSQL state stores' schema.
  'rabbitmq-password': () => randomBytes(24).toString('base64url'),
  'postgres-state-password': () => randomBytes(24).toString('base64url'),
  // One pair per app (and the tests' probe app): a token opens only its own app's sidecar.
  ...Object.fromEntries(
    TOKEN_APPS.flatMap((app) => [
      [`dapr-api-token-${app}`, () => randomBytes(24).toString('base64url')],
      [`app-api-token-${app}`, () => randomBytes(24).toString('base64url')],
    ]),
  ),
  'jwt-signing-key': () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  'claude-api-key': () => `sk-ant-local-${randomBytes(24).toString('base64url')}`,
  'nhis-client-id': () => `healthsync-${randomBytes(6).toString('hex')}`,
  'nhis-client-secret': () => randomBytes(24).toString('base64url'),
  // The Google stand-in's web client (a confidential client, as Google registers a web application).
  'oidc-web-client-secret': () => randomBytes(24).toString('base64url'),
  // The FCM service account's key (RSA, as Google issues them); the stand-in checks assertions against its public half.
  'fcm-private-key': () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  'fcm-private-key-id': () => randomBytes(20).toString('hex'),
};

/**
 * The local secret store's file: generated with fresh random values, filled in when a
 * newer version of the project needs a new key, never committed (.data is ignored).
 */
export function ensureSecrets(ports) {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const existing = fs.existsSync(secretsFile) ? JSON.parse(fs.readFileSync(secretsFile, 'utf8')) : {};
  const secrets = { ...existing };
  for (const [key, generate] of Object.entries(SECRET_GENERATORS)) secrets[key] ??= generate();
  // The single pair every app used to share.
  delete secrets['dapr-api-token'];
  delete secrets['app-api-token'];
  // The single database role every service used to share.
  delete secrets['postgres-app-password'];
  delete secrets['postgres-url'];
  for (const [service, { role }] of Object.entries(DATABASES)) {
    secrets[databaseSecretName(service)] =
      `postgresql://${role}:${encodeURIComponent(secrets[`postgres-password-${service}`])}@127.0.0.1:${ports.postgres}/healthsync`;
  }
  secrets['postgres-admin-url'] =
    `postgresql://healthsync_admin:${encodeURIComponent(secrets['postgres-admin-password'])}@127.0.0.1:${ports.postgres}/healthsync`;
  secrets['blob-connection-string'] = blobConnectionString(ports.azuriteBlob);
  secrets['rabbitmq-url'] = `amqp://healthsync:${encodeURIComponent(secrets['rabbitmq-password'])}@127.0.0.1:${rabbitMqPorts.amqp}/`;
  secrets['postgres-state-url'] =
    `postgresql://healthsync_state:${encodeURIComponent(secrets['postgres-state-password'])}@127.0.0.1:${ports.postgres}/healthsync?sslmode=disable`;
  // A service-account key file as Google issues it (docs/reference/fcm.md), pointing at the FCM stand-in's token endpoint.
  secrets['fcm-service-account'] = JSON.stringify({
    type: 'service_account',
    project_id: FCM_LOCAL_PROJECT,
    private_key_id: secrets['fcm-private-key-id'],
    private_key: secrets['fcm-private-key'],
    client_email: `healthsync-push@${FCM_LOCAL_PROJECT}.iam.gserviceaccount.com`,
    client_id: '100000000000000000001',
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: `http://127.0.0.1:${ports.fcm}/token`,
  });
  const added = Object.keys(secrets).filter((k) => !(k in existing));
  const removed = Object.keys(existing).filter((k) => !(k in secrets));
  if (added.length > 0 || JSON.stringify(existing) !== JSON.stringify(secrets)) {
    fs.writeFileSync(secretsFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    log.step(
      `secrets: ${path.relative(root, secretsFile)} ${added.length === Object.keys(secrets).length ? 'generated' : `updated (${[...added, ...removed.map((k) => `-${k}`)].join(', ') || 'derived values'})`}`,
    );
  } else {
    log.step(`secrets: ${path.relative(root, secretsFile)} present`);
  }
  return secrets;
}

/** Azurite's published development account (not a secret); in Azure the service uses managed identity. */
export function blobConnectionString(port) {
  return (
    'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;' +
    `BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`
  );
}

export function readSecrets() {
  if (!fs.existsSync(secretsFile)) fail('No local secrets yet: run `npm run setup` first.');
  return JSON.parse(fs.readFileSync(secretsFile, 'utf8'));
}

/**
 * A Python virtual environment under .tools/<name>, installed from pinned requirements files and
 * made again only when one of them changes (their hash is stamped inside it).
 */
function ensureVenv({ name, title, venv, requirements, usual }) {
  const stamp = path.join(venv, '.healthsync-requirements-hash');
  const hash = createHash('sha256');
  for (const file of requirements) hash.update(fs.readFileSync(file));
  const digest = hash.digest('hex');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === digest) {
    log.step(`${title}: up to date`);
    return;
  }
  const python = output('python3', ['-c', 'import sys; print(sys.executable)']);
  if (!python) fail(`Python 3.11 or newer is needed for ${title} (python3 on PATH, with the venv module).`);
  const started = Date.now();
  log.step(`${title}: creating .tools/${name} and installing ${requirements.map((f) => path.relative(root, f)).join(', ')} (usually ${usual})`);
  fs.rmSync(venv, { recursive: true, force: true });
  const created = spawnSync(python, ['-m', 'venv', venv], { stdio: 'inherit' });
  if (created.status !== 0) {
    if (!isRoot) fail('python3 -m venv failed; install Debian package python3-venv.');
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'python3-venv'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    run(python, ['-m', 'venv', venv]);
  }
  run(path.join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', '-r', requirements.at(-1)]);
  fs.writeFileSync(stamp, digest);
  log.step(`${title}: installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Python tools of the test suite (schema fuzzing), in a virtual environment under .tools/python. */
export const pythonVenv = path.join(toolsDir, 'python');
/** The usage-analytics service (Python): its runtime and test dependencies, under .tools/usage-analytics. */
export const usageAnalyticsVenv = path.join(toolsDir, 'usage-analytics');

export function ensurePythonTools() {
  ensureVenv({
    name: 'python',
    title: 'python tools',
    venv: pythonVenv,
    requirements: [path.join(root, 'tools', 'python', 'requirements.txt')],
    usual: '~40 s',
  });
  const service = path.join(root, 'services', 'usage-analytics');
  ensureVenv({
    name: 'usage-analytics',
    title: 'usage-analytics (Python)',
    venv: usageAnalyticsVenv,
    // The dev file includes the runtime one (-r), which is installed with it.
    requirements: [path.join(service, 'requirements.txt'), path.join(service, 'requirements-dev.txt')],
    usual: '~30 s',
  });
}
