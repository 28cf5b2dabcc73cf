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

/** ESLint over the TypeScript of services/, standins/ and tests/ (eslint.config.mjs); Prettier when asked. */
function runLint() {
  const bin = (name) => path.join(root, 'node_modules', '.bin', name);
  log.step('lint: eslint services standins tests');
  const eslint = spawnSync(bin('eslint'), ['--max-warnings=0', 'services', 'standins', 'tests'], { cwd: root, stdio: 'inherit' });
  if (eslint.status !== 0) return false;
  if (process.env.HEALTHSYNC_FORMAT_CHECK !== '1') return true;
  log.step('format: prettier --check .');
  const prettier = spawnSync(bin('prettier'), ['--check', '--log-level=warn', '.'], { cwd: root, stdio: 'inherit' });
  return prettier.status === 0;
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
  // Lint (and, with HEALTHSYNC_FORMAT_CHECK=1, the Prettier check): the whole tree, so only
  // without filter words or when one of them is `lint`.
  if (filters.length === 0 || filters.includes('lint')) {
    if (!runLint()) {
      console.error('\n✖ lint or format check failed (npm run lint, npm run format:check); the system was not started.');
      process.exit(1);
    }
  }
  // Unit tests: pure domain logic and the stand-ins' protocol tests, no system needed.
  const unitOk = runTests('unit tests', testFiles(unitTestDirs()));
  if (!unitOk) {
    console.error('\n✖ unit tests failed; the system was not started.');
    process.exit(1);
  }
  // Deployment checks: chart, components, production Dapr config in a real daprd, Terraform.
  if (filters.length === 0 || filters.some((word) => word.includes('deploy'))) {
    log.step('deployment checks: node scripts/check-deploy.mjs');
    const deploy = spawnSync(process.execPath, [path.join(root, 'scripts', 'check-deploy.mjs')], { cwd: root, stdio: 'inherit' });
    if (deploy.status !== 0) {
      console.error('\n✖ deployment checks failed; the system was not started.');
      process.exit(1);
    }
  }
  const systemFiles = selected([...testFiles([path.join(root, 'tests', 'dist', 'integration')]), ...testFiles([path.join(root, 'tests', 'dist', 'e2e')])]);
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
    ok = integrationOk && e2eOk;
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
