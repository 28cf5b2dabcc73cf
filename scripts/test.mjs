// `npm test`: set-up, unit tests, component tests (each service in-process against PostgreSQL),
// deployment checks, then the real system (the same start-up as `npm start`) with integration
// and end-to-end tests against it; everything is stopped at the end. The time of every stage
// and the total are printed last, whether the run passed or not.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { log, runMain } from './lib/log.mjs';
import { root } from './lib/paths.mjs';
import { acquireSystemLock, stopAll } from './lib/processes.mjs';
import { ensureBrowser } from './lib/setup-steps.mjs';
import { setup } from './setup.mjs';
import { usageAnalyticsVenv } from './lib/setup-steps.mjs';

function testFiles(dirs) {
  const files = [];
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.test.js')) files.push(full);
    }
  };
  dirs.forEach(walk);
  return files.sort();
}

/** services/<name>/dist/test/<sub> of every service. */
function serviceTestDirs(sub) {
  const base = path.join(root, 'services');
  return fs.readdirSync(base).map((name) => path.join(base, name, 'dist', 'test', sub));
}

/** services/<name>/dist/test/unit, standins/<name>/dist/test and the web client's pure parts: no running system needed. */
function unitTestDirs() {
  const under = (group, sub) => {
    const base = path.join(root, group);
    return fs.existsSync(base) ? fs.readdirSync(base).map((name) => path.join(base, name, 'dist', 'test', sub)) : [];
  };
  return [
    ...under('services', 'unit'),
    ...under('standins', ''),
    path.join(root, 'clients', 'web', 'dist-test', 'test'),
    path.join(root, 'tests', 'dist', 'reliability', 'unit'),
  ];
}

// `npm test -- health goal` runs only test files whose path contains one of the words.
const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const selected = (files) => (filters.length === 0 ? files : files.filter((file) => filters.some((word) => path.relative(root, file).includes(word))));

/**
 * Runs test files in a child process and resolves with whether they passed. Asynchronous, so this
 * process keeps serving what the tests ask of it meanwhile (scripts/lib/infra-control.mjs).
 */
async function runTests(title, allFiles, { concurrency = 1, env = {} } = {}) {
  const files = selected(allFiles);
  if (files.length === 0) {
    log.step(`${title}: no test files`);
    return true;
  }
  log.step(`${title}: ${files.length} files`);
  const child = spawn(process.execPath, ['--enable-source-maps', '--test', '--test-reporter=spec', `--test-concurrency=${concurrency}`, ...files], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  const code = await new Promise((resolve) => {
    child.once('error', () => resolve(1));
    child.once('exit', (status) => resolve(status));
  });
  return code === 0;
}

/**
 * Component test files in `count` lanes side by side, one file at a time in each lane, and every file
 * of a service in the same lane: files of one service share its schema, outbox included, so two of
 * them at once would be two replicas relaying each other's events to the other's Dapr double.
 */
function serviceLanes(files, count) {
  const byService = new Map();
  for (const file of files) {
    const service = path.relative(root, file).split(path.sep)[1];
    byService.set(service, [...(byService.get(service) ?? []), file]);
  }
  const lanes = Array.from({ length: count }, () => []);
  for (const group of [...byService.values()].sort((a, b) => b.length - a.length)) {
    lanes.reduce((least, lane) => (lane.length < least.length ? lane : least)).push(...group);
  }
  return lanes.filter((lane) => lane.length > 0);
}

/** Runs each lane's files in a child process of its own, side by side; output goes out line by line. */
async function runLanes(title, allFiles, { lanes: count, env = {} }) {
  const files = selected(allFiles);
  if (files.length === 0) {
    log.step(`${title}: no test files`);
    return true;
  }
  const lanes = serviceLanes(files, count);
  log.step(`${title}: ${files.length} files in ${lanes.length} lanes (a service's files one after another)`);
  const codes = await Promise.all(
    lanes.map(async (lane) => {
      const child = spawn(process.execPath, ['--enable-source-maps', '--test', '--test-reporter=spec', '--test-concurrency=1', ...lane], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...env },
      });
      for (const [from, to] of [
        [child.stdout, process.stdout],
        [child.stderr, process.stderr],
      ]) {
        readline.createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => to.write(`${line}\n`));
      }
      return new Promise((resolve) => {
        child.once('error', () => resolve(1));
        child.once('close', (status) => resolve(status));
      });
    }),
  );
  return codes.every((code) => code === 0);
}

/** The Python service's pytest files (services/usage-analytics/tests/<sub>/test_*.py). */
const pythonService = path.join(root, 'services', 'usage-analytics');
function pytestFiles(sub) {
  const dir = path.join(pythonService, 'tests', sub);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^test_.*\.py$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

function runPytest(title, allFiles, env = {}) {
  const files = selected(allFiles);
  if (files.length === 0) return true;
  log.step(`${title}: ${files.length} files (pytest)`);
  const result = spawnSync(
    path.join(usageAnalyticsVenv, 'bin', 'python'),
    ['-m', 'pytest', '-q', '-rs', ...files.map((f) => path.relative(pythonService, f))],
    {
      cwd: pythonService,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    },
  );
  return result.status === 0;
}

/** The attack files' figures (requests sent, findings), one line each. */
function printAttackFigures() {
  const dir = path.join(root, '.data', 'attack');
  if (!fs.existsSync(dir)) return;
  const rows = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (rows.length === 0) return;
  log.step('attack figures');
  for (const file of rows) {
    const figures = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    console.log(
      `  ${path.basename(file, '.json').padEnd(16)} ${Object.entries(figures)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  }
}

/** Wall-clock time of each stage, printed at the end of the run. */
const timings = [];
const runStarted = Date.now();
async function stage(name, work) {
  const started = Date.now();
  try {
    return await work();
  } finally {
    timings.push([name, Date.now() - started]);
  }
}
function printTimings() {
  if (timings.length === 0) return;
  const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`.padStart(9);
  console.log('\nstage timings:');
  for (const [name, ms] of timings) console.log(`  ${name.padEnd(22)}${seconds(ms)}`);
  console.log(`  ${'total'.padEnd(22)}${seconds(Date.now() - runStarted)}`);
}
process.on('exit', printTimings);

/** ESLint over the TypeScript of services/, standins/, tests/ and clients/ (eslint.config.mjs), then the Prettier check. */
function runLint() {
  const bin = (name) => path.join(root, 'node_modules', '.bin', name);
  log.step('lint: eslint services standins tests clients');
  const eslint = spawnSync(bin('eslint'), ['--max-warnings=0', 'services', 'standins', 'tests', 'clients'], { cwd: root, stdio: 'inherit' });
  if (eslint.status !== 0) return false;
  log.step('format: prettier --check .');
  const prettier = spawnSync(bin('prettier'), ['--check', '--log-level=warn', '.'], { cwd: root, stdio: 'inherit' });
  return prettier.status === 0;
}

/**
 * The committed API document and typed client match the route declarations, and the Kotlin
 * client generated from it compiles (when a JDK and Maven are on this machine).
 */
function apiClientChecks() {
  if (filters.length > 0 && !filters.some((word) => ['api', 'client', 'document', 'kotlin'].some((w) => word.includes(w)))) return true;
  log.step('API document: node clients/api/scripts/generate.mjs --check');
  const drift = spawnSync(process.execPath, [path.join(root, 'clients', 'api', 'scripts', 'generate.mjs'), '--check'], { cwd: root, stdio: 'inherit' });
  if (drift.status !== 0) return false;
  log.step('Kotlin client: node clients/api/scripts/kotlin.mjs');
  const kotlin = spawnSync(process.execPath, [path.join(root, 'clients', 'api', 'scripts', 'kotlin.mjs')], { cwd: root, stdio: 'inherit' });
  return kotlin.status === 0;
}

/**
 * The committed contract documents (contracts/: AsyncAPI, the events' JSON Schemas, the internal
 * OpenAPI) match the declarations, are valid, and no event schema changed incompatibly under
 * its version.
 */
function contractChecks() {
  if (filters.length > 0 && !filters.some((word) => ['contract', 'asyncapi', 'document', 'schema'].some((w) => word.includes(w)))) return true;
  log.step('contracts: node contracts/scripts/generate.mjs --check');
  const check = spawnSync(process.execPath, [path.join(root, 'contracts', 'scripts', 'generate.mjs'), '--check'], { cwd: root, stdio: 'inherit' });
  return check.status === 0;
}

let stopping = false;
process.on('SIGINT', async () => {
  if (stopping) return;
  stopping = true;
  await stopAll();
  process.exit(130);
});

await runMain(async () => {
  await stage('set-up', setup);
  // Imported only now: it needs the npm dependencies that set-up installs.
  const { restartableInfra, startComponentInfra, startSystem } = await import('./lib/system.mjs');
  // Lint and the Prettier check: the whole tree, so only
  // without filter words or when one of them is `lint`.
  if (filters.length === 0 || filters.includes('lint')) {
    if (!(await stage('lint', async () => runLint()))) {
      console.error('\n✖ lint or format check failed (npm run lint, npm run format:check); the system was not started.');
      process.exit(1);
    }
  }
  // Unit tests: pure domain logic and the stand-ins' protocol tests, no system needed.
  const unitOk =
    (await stage('unit tests', () => runTests('unit tests', testFiles(unitTestDirs()), { concurrency: 2 }))) &&
    (await stage('python unit tests', async () => runPytest('python unit tests (usage-analytics)', pytestFiles('unit')))) &&
    (await stage('API document and clients', async () => apiClientChecks())) &&
    (await stage('contract documents', async () => contractChecks()));
  if (!unitOk) {
    console.error('\n✖ unit tests failed; the system was not started.');
    process.exit(1);
  }
  // Component tests: each service in-process on a random port against PostgreSQL (and Azurite),
  // with the in-memory Dapr double and a fixed clock; every test makes its own users, so files of different
  // services run side by side (a service's own files one after another: they share its schema and outbox).
  const componentFiles = selected(testFiles(serviceTestDirs('component')));
  const pythonComponentFiles = selected(pytestFiles('component'));
  if (componentFiles.length + pythonComponentFiles.length > 0) {
    const infra = await stage('component infra', () => startComponentInfra());
    let componentOk = false;
    try {
      componentOk =
        (await stage('component tests', () => runLanes('component tests', componentFiles, { lanes: 2, env: infra.env }))) &&
        // Here the database must be there: a missing one fails instead of skipping.
        (await stage('python component tests', async () =>
          runPytest('python component tests (usage-analytics)', pythonComponentFiles, {
            ...infra.env,
            // Its own role's connection string, as the service itself connects.
            HEALTHSYNC_TEST_DATABASE_URL: JSON.parse(infra.env.HEALTHSYNC_TEST_DATABASES)['usage-analytics'].url,
            HEALTHSYNC_REQUIRE_DATABASE: '1',
          }),
        ));
    } finally {
      await infra.stop();
    }
    if (!componentOk) {
      console.error('\n✖ component tests failed; the system was not started.');
      process.exit(1);
    }
  }
  // Deployment checks: chart, components, production Dapr config in a real daprd, Terraform.
  if (filters.length === 0 || filters.some((word) => word.includes('deploy'))) {
    log.step('deployment checks: node scripts/check-deploy.mjs');
    const deploy = await stage('deployment checks', () =>
      spawnSync(process.execPath, [path.join(root, 'scripts', 'check-deploy.mjs')], { cwd: root, stdio: 'inherit' }),
    );
    if (deploy.status !== 0) {
      console.error('\n✖ deployment checks failed; the system was not started.');
      process.exit(1);
    }
  }
  const systemDirs = ['integration', 'e2e', 'browser', 'attack'].map((dir) => path.join(root, 'tests', 'dist', dir));
  const systemFiles = selected(testFiles(systemDirs));
  // The short fault-injection run (scripts/lib/reliability.mjs): with no filter, or a word of `tests/reliability/faults`.
  const withFaults = filters.length === 0 || filters.some((word) => 'tests/reliability/faults'.includes(word) && word.length >= 5);
  if (systemFiles.length === 0 && !withFaults) {
    log.step('no integration or end-to-end tests selected');
    return;
  }
  const set = process.env.HEALTHSYNC_COMPONENTS?.trim() || 'local';
  // `npm test` alone also runs the platform tests and the whole journey on the alternative
  // component set (components/alt: RabbitMQ, PostgreSQL state) after the main run; with a set
  // chosen (HEALTHSYNC_COMPONENTS) or filter words, only that set runs.
  const alternative = filters.length === 0 && !process.env.HEALTHSYNC_COMPONENTS ? 'alt' : undefined;
  // The browser tests drive Debian's Chromium (installed here when missing) with playwright-core.
  const browserFiles = selected(testFiles([path.join(root, 'tests', 'dist', 'browser')]));
  const browserEnv = browserFiles.length > 0 ? { CHROMIUM: ensureBrowser() } : {};
  log.step(`starting the system for integration and end-to-end tests (components/${set})`);
  let ok = false;
  const releaseLock = await stage('waiting for the lock', () => acquireSystemLock());
  let control;
  try {
    const { secrets } = await stage('system start', () => startSystem({ testMode: true }));
    // Tests may stop and start PostgreSQL, Redis or Azurite of the running system (tests/support/infra.ts).
    const { startInfraControl } = await import('./lib/infra-control.mjs');
    control = await startInfraControl(restartableInfra(secrets));
    const env = control.env;
    const integrationOk = await stage('integration tests', () =>
      runTests('integration tests', testFiles([path.join(root, 'tests', 'dist', 'integration')]), { env }),
    );
    const e2eOk = await stage('end-to-end tests', () => runTests('end-to-end tests', testFiles([path.join(root, 'tests', 'dist', 'e2e')]), { env }));
    // The web client in headless Chromium, every flow; screenshots in .data/screenshots/web.
    const browserOk = await stage('browser tests', () => runTests('browser tests (web client)', browserFiles, { env: { ...env, ...browserEnv } }));
    // Attack suite: path confinement, object-level authorisation, schema fuzzing.
    fs.rmSync(path.join(root, '.data', 'attack'), { recursive: true, force: true });
    const attackOk = await stage('attack tests', () => runTests('attack tests', testFiles([path.join(root, 'tests', 'dist', 'attack')]), { env }));
    printAttackFigures();
    // Last on this set: it kills and restarts processes of the system under a write load.
    let faultsOk = true;
    if (withFaults) {
      const { runFaultSuite } = await import('./lib/reliability.mjs');
      faultsOk = await stage('fault injection', () => runFaultSuite('short'));
    }
    ok = integrationOk && e2eOk && browserOk && attackOk && faultsOk;
    if (alternative) {
      await control.close();
      control = undefined;
      log.step('stopping the system');
      await stage('system stop', () => stopAll());
      log.step(`the same code on components/${alternative}: platform tests and the whole journey`);
      process.env.HEALTHSYNC_COMPONENTS = alternative;
      await stage(`system start (${alternative})`, () => startSystem({ testMode: true }));
      const files = ['integration/platform.test.js', 'e2e/journey.test.js'].map((f) => path.join(root, 'tests', 'dist', f));
      const alternativeOk = await stage(`${alternative} set tests`, () => runTests(`tests on components/${alternative}`, files));
      ok = ok && alternativeOk;
    }
  } finally {
    await control?.close();
    log.step('stopping the system');
    await stage('system stop', () => stopAll());
    releaseLock();
  }
  if (!ok) {
    console.error('\n✖ tests failed (service logs: .data/logs/ and services/*/.dapr/logs/)');
    process.exit(1);
  }
  log.step('all tests passed');
});
