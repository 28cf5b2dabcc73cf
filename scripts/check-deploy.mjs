// `node scripts/check-deploy.mjs`: the deployment checks, offline. Prints whether the run was
// cold (a tool built, copied from the cache or installed) or warm, and how long the tools, the
// wait for the system lock and the checks themselves took.
//   - builds (or takes from the cache) helm, kubeconform, OpenTofu and the azurerm provider
//     from the Go module proxy (tools/helm, tools/kubeconform, tools/tofu, tools/tofu/azurerm),
//     and kube-apiserver, etcd, the controller manager, the scheduler, kwok and Dapr's operator
//     and injector (tools/kube, tools/kwok, tools/dapr),
//   - installs PyPI kubernetes-validate (Kubernetes JSON schemas, and PyYAML) and python-hcl2 into a venv
//     under .tools/deploy,
//   - then runs tests/deploy/*.test.mjs with node's test runner: chart renders + kubeconform
//     against local schemas, component parity, the production Dapr configuration (statically
//     and in a real daprd), Terraform fmt/validate and its configuration read as data, the
//     production render with Flagger's primary, the pipeline's Release steps run against a Git
//     remote and a scripted cluster, the Flux add-ons, checkup documents streamed from Azurite,
//     the chart installed on a real API server with Dapr's injector (kube.test.mjs), and the
//     gateway's rolling update and rollback (kube-rollout.test.mjs).
// Needs `npm run setup` first (daprd, sentry, redis-server, the Dapr module in the Go cache).
// Exit code 0 only when every check passed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fail, log, runMain } from './lib/log.mjs';
import { acquireSystemLock } from './lib/processes.mjs';
import { daprBinDir, root } from './lib/paths.mjs';
import { contribModuleDir, daprModuleDir, deployToolsDir, deployTools, ensureDeployTools, ensureSchemaVenv, tofuPluginDir } from './lib/deploy-checks.mjs';

await runMain(async () => {
  const started = Date.now();
  const prepared = await ensureDeployTools();
  const { python, installed } = ensureSchemaVenv();
  if (installed) prepared.push('the Python venv');
  // Cold: some tool was built, copied from the cache or installed by this run; warm: all were in place.
  const run = prepared.length > 0 ? `cold run (prepared ${prepared.join(', ')})` : 'warm run';
  if (!fs.existsSync(path.join(daprBinDir, 'daprd'))) fail('daprd is missing: run `npm run setup` first.');
  const tofuCliConfig = path.join(deployToolsDir, 'tofurc');
  // An empty CLI configuration: no ~/.terraformrc, no plugin cache, no registry credentials.
  fs.writeFileSync(tofuCliConfig, '');
  const envFile = path.join(deployToolsDir, 'env.json');
  fs.writeFileSync(
    envFile,
    JSON.stringify(
      { ...deployTools, python, daprBinDir, daprModuleDir: daprModuleDir(), contribModuleDir: contribModuleDir(), tofuPluginDir, tofuCliConfig },
      null,
      2,
    ),
  );
  const toolsSeconds = ((Date.now() - started) / 1000).toFixed(0);
  log.step(`tools ready in ${toolsSeconds} s; running tests/deploy`);

  const testDir = path.join(root, 'tests', 'deploy');
  const files = fs
    .readdirSync(testDir)
    .filter((f) => f.endsWith('.test.mjs'))
    .sort()
    .map((f) => path.join(testDir, f));
  // The daprd checks start sidecars named like the services (and their own Sentry): they
  // must not run beside a running system, whose sidecars would find them through mDNS.
  const waitStarted = Date.now();
  const releaseLock = await acquireSystemLock();
  const waited = (Date.now() - waitStarted) / 1000;
  const checksStarted = Date.now();
  let result;
  try {
    result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...files], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, HEALTHSYNC_DEPLOY_ENV: envFile },
    });
  } finally {
    releaseLock();
  }
  log.step(
    `deployment checks, ${run}: ${((Date.now() - started) / 1000).toFixed(0)} s in all: tools ${toolsSeconds} s, ` +
      `waiting for the system lock ${waited.toFixed(0)} s, checks ${((Date.now() - checksStarted) / 1000).toFixed(0)} s`,
  );
  if (result.status !== 0) {
    console.error('\n✖ deployment checks failed');
    process.exit(result.status ?? 1);
  }
});
