// The one set-up shared by `npm start` and `npm test`: each step checks first and does
// nothing when its result is already there, so a warm set-up takes seconds.
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fail, log } from './log.mjs';
import { daprBinDir, daprCli, dataDir, root, secretsFile, toolsDir } from './paths.mjs';

const isRoot = process.getuid?.() === 0;

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) fail(`${command} could not be started: ${result.error.message}`);
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
}

function output(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
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

export function redisServerBinary() {
  return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => fs.existsSync(p));
}

/** PostgreSQL and Redis come from Debian's packages. */
export function ensureSystemPackages() {
  const missing = [];
  if (!postgresBinDir()) missing.push('postgresql');
  if (!redisServerBinary()) missing.push('redis-server');
  if (missing.length === 0) {
    log.step('system packages: postgresql and redis-server present');
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

const goEnv = () => ({
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
  if (minor < 26 || (minor === 26 && (patch ?? 0) < 6)) fail(`Go 1.26.6 or newer is needed to build Dapr 1.18.3; found ${goVersion}.`);
  return goVersion;
}

/**
 * Builds Go programs from a wrapper module under tools/ (go.mod + go.sum pin the release).
 * Binaries are kept in a cache outside the clone, keyed by the wrapper module and the
 * flags, so a fresh clone on a warm machine only copies them.
 */
export function ensureGoBuild(build) {
  const goVersion = checkGo();
  const key = hashFiles([`${build.module}/go.mod`, `${build.module}/go.sum`], `${build.ldflags}|${build.tags}|${goVersion}`);
  const stamp = path.join(toolsDir, `.stamp-${path.basename(build.module)}`);
  if (build.outputs.every((o) => fs.existsSync(o)) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === key) {
    log.step(`${build.name}: built`);
    return;
  }
  const cacheDir = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'healthsync', 'tools', `${path.basename(build.module)}-${key}`);
  const cached = build.outputs.map((o) => path.join(cacheDir, path.basename(o)));
  if (!cached.every((c) => fs.existsSync(c))) {
    log.step(`${build.name}: building from the Go module proxy${build.slow ? ' (the first time takes several minutes)' : ''}`);
    fs.mkdirSync(cacheDir, { recursive: true });
    const args = ['build', '-trimpath', '-ldflags', build.ldflags, ...(build.tags ? ['-tags', build.tags] : []), '-o', `${cacheDir}/`, ...build.packages];
    run('go', args, { cwd: path.join(root, build.module), env: goEnv() });
    for (const [from, to] of Object.entries(build.rename ?? {})) fs.renameSync(path.join(cacheDir, from), path.join(cacheDir, to));
  } else {
    log.step(`${build.name}: copying from the build cache`);
  }
  for (const [index, out] of build.outputs.entries()) {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.copyFileSync(cached[index], out);
    fs.chmodSync(out, 0o755);
  }
  fs.writeFileSync(stamp, key);
}

/** daprd, scheduler and sentry (tools/dapr) and the dapr CLI (tools/dapr-cli). */
export function ensureDaprTools() {
  ensureGoBuild({
    name: 'dapr runtime 1.18.3',
    module: 'tools/dapr',
    ldflags:
      '-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=1.18.3 -X github.com/dapr/dapr/pkg/buildinfo.gitversion=v1.18.3 ' +
      '-X github.com/dapr/dapr/pkg/buildinfo.gitcommit=2dcf2e35 -X github.com/dapr/kit/logger.DaprVersion=1.18.3',
    tags: 'stablecomponents',
    packages: ['github.com/dapr/dapr/cmd/daprd', 'github.com/dapr/dapr/cmd/scheduler', 'github.com/dapr/dapr/cmd/sentry'],
    outputs: ['daprd', 'scheduler', 'sentry'].map((b) => path.join(daprBinDir, b)),
    slow: true,
  });
  ensureGoBuild({
    name: 'dapr CLI 1.16.5',
    module: 'tools/dapr-cli',
    ldflags: '-s -w -X main.version=1.16.5 -X main.apiVersion=1.0',
    tags: '',
    packages: ['github.com/dapr/cli'],
    outputs: [daprCli],
    rename: { cli: 'dapr' },
    slow: true,
  });
  const version = execFileSync(path.join(daprBinDir, 'daprd'), ['--version'], { encoding: 'utf8' }).trim();
  log.detail(`daprd --version: ${version}`);
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

/** Apps that get their own Dapr API token and app token. */
export const TOKEN_APPS = ['gateway', 'user', 'health', 'goal', 'intelligence', 'batch', 'platform-probe'];

const SECRET_GENERATORS = {
  'postgres-admin-password': () => randomBytes(24).toString('base64url'),
  'postgres-app-password': () => randomBytes(24).toString('base64url'),
  'redis-password': () => randomBytes(24).toString('base64url'),
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
  secrets['postgres-url'] = `postgresql://healthsync_app:${encodeURIComponent(secrets['postgres-app-password'])}@127.0.0.1:${ports.postgres}/healthsync`;
  secrets['postgres-admin-url'] = `postgresql://healthsync_admin:${encodeURIComponent(secrets['postgres-admin-password'])}@127.0.0.1:${ports.postgres}/healthsync`;
  secrets['blob-connection-string'] = blobConnectionString(ports.azuriteBlob);
  const added = Object.keys(secrets).filter((k) => !(k in existing));
  const removed = Object.keys(existing).filter((k) => !(k in secrets));
  if (added.length > 0 || JSON.stringify(existing) !== JSON.stringify(secrets)) {
    fs.writeFileSync(secretsFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    log.step(`secrets: ${path.relative(root, secretsFile)} ${added.length === Object.keys(secrets).length ? 'generated' : `updated (${[...added, ...removed.map((k) => `-${k}`)].join(', ') || 'derived values'})`}`);
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

/** Python tools of the test suite (schema fuzzing), in a virtual environment under .tools/python. */
export const pythonVenv = path.join(toolsDir, 'python');
export function ensurePythonTools() {
  const requirements = path.join(root, 'tools', 'python', 'requirements.txt');
  const stamp = path.join(pythonVenv, '.healthsync-requirements-hash');
  const hash = createHash('sha256').update(fs.readFileSync(requirements)).digest('hex');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) {
    log.step('python tools: up to date');
    return;
  }
  const python = output('python3', ['-c', 'import sys; print(sys.executable)']);
  if (!python) fail('Python 3 is needed for the schema-fuzzing tools (python3 on PATH, with the venv module).');
  const started = Date.now();
  log.step('python tools: creating .tools/python and installing tools/python/requirements.txt (usually ~40 s)');
  fs.rmSync(pythonVenv, { recursive: true, force: true });
  const venv = spawnSync(python, ['-m', 'venv', pythonVenv], { stdio: 'inherit' });
  if (venv.status !== 0) {
    if (!isRoot) fail('python3 -m venv failed; install Debian package python3-venv.');
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'python3-venv'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    run(python, ['-m', 'venv', pythonVenv]);
  }
  run(path.join(pythonVenv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', '-r', requirements]);
  fs.writeFileSync(stamp, hash);
  log.step(`python tools: installed in ${Math.round((Date.now() - started) / 1000)} s`);
}
