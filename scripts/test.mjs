// `npm test`: set-up, unit tests, then the real system (the same start-up as `npm start`)
// with integration and end-to-end tests against it; everything is stopped at the end.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { log, runMain } from './lib/log.mjs';
import { root } from './lib/paths.mjs';
import { acquireSystemLock, stopAll } from './lib/processes.mjs';
import { setup } from './setup.mjs';

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

/** services/<name>/dist/test/unit and standins/<name>/dist/test: no running system needed. */
function unitTestDirs() {
  const under = (group, sub) => {
    const base = path.join(root, group);
    return fs.existsSync(base) ? fs.readdirSync(base).map((name) => path.join(base, name, 'dist', 'test', sub)) : [];
  };
  return [...under('services', 'unit'), ...under('standins', '')];
}

// `npm test -- health goal` runs only test files whose path contains one of the words.
const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const selected = (files) => (filters.length === 0 ? files : files.filter((file) => filters.some((word) => path.relative(root, file).includes(word))));

function runTests(title, allFiles, extraArgs = []) {
  const files = selected(allFiles);
  if (files.length === 0) {
    log.step(`${title}: no test files`);
    return true;
  }
  log.step(`${title}: ${files.length} files`);
  const result = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-reporter=spec', '--test-concurrency=1', ...extraArgs, ...files], {
    cwd: root,
    stdio: 'inherit',
  });
  return result.status === 0;
}

/** The attack files' figures (requests sent, findings), one line each. */
function printAttackFigures() {
  const dir = path.join(root, '.data', 'attack');
  if (!fs.existsSync(dir)) return;
  const rows = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (rows.length === 0) return;
  log.step('attack figures');
  for (const file of rows) {
    const figures = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    console.log(`  ${path.basename(file, '.json').padEnd(16)} ${Object.entries(figures).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
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

let stopping = false;
process.on('SIGINT', async () => {
  if (stopping) return;
  stopping = true;
  await stopAll();
  process.exit(130);
});

await runMain(async () => {
  await setup();
  // Imported only now: it needs the npm dependencies that set-up installs.
  const { startSystem } = await import('./lib/system.mjs');
  // Unit tests: pure domain logic and the stand-ins' protocol tests, no system needed.
  const unitOk = runTests('unit tests', testFiles(unitTestDirs())) && apiClientChecks();
  if (!unitOk) {
    console.error('\n✖ unit tests failed; the system was not started.');
    process.exit(1);
  }
  // Deployment checks (issue 9): chart, components, production Dapr config in a real daprd, Terraform.
  if (filters.length === 0 || filters.some((word) => word.includes('deploy'))) {
    log.step('deployment checks: node scripts/check-deploy.mjs');
    const deploy = spawnSync(process.execPath, [path.join(root, 'scripts', 'check-deploy.mjs')], { cwd: root, stdio: 'inherit' });
    if (deploy.status !== 0) {
      console.error('\n✖ deployment checks failed; the system was not started.');
      process.exit(1);
    }
  }
  const systemDirs = ['integration', 'e2e', 'attack'].map((dir) => path.join(root, 'tests', 'dist', dir));
  const systemFiles = selected(testFiles(systemDirs));
  if (systemFiles.length === 0) {
    log.step('no integration or end-to-end tests selected');
    return;
  }
  log.step('starting the system for integration and end-to-end tests');
  let ok = false;
  const releaseLock = await acquireSystemLock();
  try {
    await startSystem();
    const integrationOk = runTests('integration tests', testFiles([path.join(root, 'tests', 'dist', 'integration')]));
    const e2eOk = runTests('end-to-end tests', testFiles([path.join(root, 'tests', 'dist', 'e2e')]));
    // Attack suite: path confinement, object-level authorisation, schema fuzzing.
    fs.rmSync(path.join(root, '.data', 'attack'), { recursive: true, force: true });
    const attackOk = runTests('attack tests', testFiles([path.join(root, 'tests', 'dist', 'attack')]));
    printAttackFigures();
    ok = integrationOk && e2eOk && attackOk;
  } finally {
    log.step('stopping the system');
    await stopAll();
    releaseLock();
  }
  if (!ok) {
    console.error('\n✖ tests failed (service logs: .data/logs/ and services/*/.dapr/logs/)');
    process.exit(1);
  }
  log.step('all tests passed');
});
