// The gateway's rolling update and rollback on a control plane that runs workloads: the same
// control plane as kube.test.mjs plus kube-controller-manager, kube-scheduler and kwok (a
// simulated node whose pods kwok marks running and ready; no container runs). `helm install`
// with the production values, `helm upgrade` to a new image tag, `helm rollback`: the
// Deployment controller rolls the gateway by the chart's own strategy (maxUnavailable 0,
// maxSurge 1) and every pod it makes goes through the Dapr injector.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { KWOK_MODULE, kubeTools } from '../../scripts/lib/deploy-checks.mjs';
import { goEnv } from '../../scripts/lib/setup-steps.mjs';
import { kubeRolloutCheckPorts as ports } from '../../scripts/lib/ports.mjs';
import { startCluster, startProcess, waitFor } from './kube-cluster.mjs';
import { deployEnv, productionValuesFiles, root } from './lib.mjs';

const NAMESPACE = 'healthsync';
const RELEASE = 'production';
let cluster;
let workDir;
let ownEnvFile;
const timings = {};

function helm(args) {
  const result = spawnSync(deployEnv().helm, args, {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      KUBECONFIG: cluster.kubeconfig,
      HELM_CACHE_HOME: path.join(workDir, 'helm', 'cache'),
      HELM_CONFIG_HOME: path.join(workDir, 'helm', 'config'),
      HELM_DATA_HOME: path.join(workDir, 'helm', 'data'),
    },
  });
  assert.equal(result.status, 0, `helm ${args.join(' ')}:\n${result.stdout}${result.stderr}`);
}

async function toolPaths() {
  if (!process.env.HEALTHSYNC_DEPLOY_ENV) {
    const { deployTools, daprModuleDir, ensureSchemaVenv } = await import('../../scripts/lib/deploy-checks.mjs');
    const { daprBinDir } = await import('../../scripts/lib/paths.mjs');
    ownEnvFile = path.join(os.tmpdir(), `healthsync-kube-rollout-env-${process.pid}.json`);
    fs.writeFileSync(ownEnvFile, JSON.stringify({ ...deployTools, python: ensureSchemaVenv().python, daprBinDir, daprModuleDir: daprModuleDir() }));
    process.env.HEALTHSYNC_DEPLOY_ENV = ownEnvFile;
  }
  const env = deployEnv();
  const tools = { ...kubeTools, sentry: path.join(env.daprBinDir, 'sentry') };
  const missing = Object.values(tools).filter((t) => !fs.existsSync(t));
  if (missing.length > 0) throw new Error(`missing ${missing.join(', ')}: run \`node scripts/check-deploy.mjs\` (it builds them)`);
  return { tools, daprDir: env.daprModuleDir };
}

/** kwok's fast node and pod stages, from its module in the Go module cache. */
function kwokStages() {
  const result = spawnSync('go', ['mod', 'download', '-json', KWOK_MODULE], { cwd: path.join(root, 'tools', 'kwok'), env: goEnv(), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`kwok's module is not in the Go module cache: ${result.stderr}`);
  const dir = JSON.parse(result.stdout).Dir;
  const files = ['node/fast/node-initialize.yaml', 'pod/fast/pod-ready.yaml', 'pod/fast/pod-complete.yaml', 'pod/fast/pod-delete.yaml'];
  return files.map((f) => fs.readFileSync(path.join(dir, 'kustomize', 'stage', f), 'utf8')).join('\n---\n');
}

const gateway = () => cluster.api.must('GET', `/apis/apps/v1/namespaces/${NAMESPACE}/deployments/gateway`);
const gatewayPods = async () =>
  (await cluster.api.must('GET', `/api/v1/namespaces/${NAMESPACE}/pods?labelSelector=${encodeURIComponent('app.kubernetes.io/name=gateway')}`)).items.filter(
    (p) => !p.metadata.deletionTimestamp,
  );

/** Waits for the gateway's rollout to finish; returns the fewest available replicas seen during it. */
async function rollout(what) {
  let fewestAvailable = Infinity;
  let wanted = 0;
  await waitFor(
    what,
    async () => {
      const d = await gateway();
      wanted = d.spec.replicas;
      fewestAvailable = Math.min(fewestAvailable, d.status.availableReplicas ?? 0);
      const s = d.status;
      return s.observedGeneration === d.metadata.generation && s.updatedReplicas === wanted && s.replicas === wanted && s.availableReplicas === wanted;
    },
    { timeoutMs: 180_000 },
  );
  return { fewestAvailable, wanted };
}

before(async () => {
  const { tools, daprDir } = await toolPaths();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'healthsync-kube-rollout-'));
  const started = Date.now();
  cluster = await startCluster({ tools, daprDir, ports, dir: workDir });
  const file = (name) => path.join(workDir, name);
  const { api, kubeconfig } = cluster;

  // One simulated node (kwok keeps it Ready and runs its pods' lifecycle).
  await api.must('POST', '/api/v1/nodes', {
    metadata: {
      name: 'kwok-node-0',
      annotations: { 'kwok.x-k8s.io/node': 'fake' },
      labels: { 'kubernetes.io/hostname': 'kwok-node-0', 'kubernetes.io/os': 'linux', 'topology.kubernetes.io/zone': 'zone-a', type: 'kwok' },
    },
    status: { capacity: { cpu: '32', memory: '256Gi', pods: '110' }, allocatable: { cpu: '32', memory: '256Gi', pods: '110' } },
  });
  fs.writeFileSync(file('kwok-stages.yaml'), kwokStages());
  cluster.processes.push(
    startProcess(
      'kwok',
      tools.kwok,
      ['--kubeconfig', kubeconfig, '--manage-all-nodes=true', '--config', file('kwok-stages.yaml'), '--server-address', `127.0.0.1:${ports.kwok}`],
      { dir: workDir },
    ),
  );
  cluster.processes.push(
    startProcess(
      'kube-controller-manager',
      tools.controllerManager,
      [
        '--kubeconfig',
        kubeconfig,
        '--authentication-kubeconfig',
        kubeconfig,
        '--authorization-kubeconfig',
        kubeconfig,
        '--service-account-private-key-file',
        file('sa.key'),
        '--root-ca-file',
        file('ca.crt'),
        // Each controller acts as its own service account, as in a cluster: the injector accepts
        // pods from the ReplicaSet controller's account.
        '--use-service-account-credentials',
        '--leader-elect=false',
        '--secure-port',
        '0',
      ],
      { dir: workDir },
    ),
  );
  cluster.processes.push(
    startProcess(
      'kube-scheduler',
      tools.scheduler,
      [
        '--kubeconfig',
        kubeconfig,
        '--authentication-kubeconfig',
        kubeconfig,
        '--authorization-kubeconfig',
        kubeconfig,
        '--leader-elect=false',
        '--secure-port',
        '0',
      ],
      { dir: workDir },
    ),
  );
  timings['control plane up'] = Date.now() - started;
});

after(async () => {
  if (cluster && process.env.HEALTHSYNC_KEEP_KUBE_CHECK) console.log(`logs in ${workDir}`);
  await cluster?.stop();
  console.log(
    `kube rollout check timings: ${Object.entries(timings)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
      .join('; ')}`,
  );
  if (workDir && !process.env.HEALTHSYNC_KEEP_KUBE_CHECK) fs.rmSync(workDir, { recursive: true, force: true });
  if (ownEnvFile) fs.rmSync(ownEnvFile, { force: true });
});

test('the gateway rolls to a new image without dropping below its wanted replicas, and helm rollback restores it', async () => {
  const chart = path.join(root, 'charts', 'healthsync');
  const values = productionValuesFiles().flatMap((f) => ['--values', path.resolve(root, f)]);
  let started = Date.now();
  await cluster.api.must('POST', '/api/v1/namespaces', { metadata: { name: NAMESPACE } });
  helm(['install', RELEASE, chart, '--namespace', NAMESPACE, '--no-hooks', ...values]);
  // The node carries the labels the chart's pods select (the AKS user pool's, in production).
  const { nodeSelector = {} } = (await gateway()).spec.template.spec;
  await cluster.api.must('PATCH', '/api/v1/nodes/kwok-node-0', { metadata: { labels: nodeSelector } }, { 'content-type': 'application/merge-patch+json' });
  const first = await rollout('the gateway available after install');
  timings['install until available'] = Date.now() - started;
  const image = (p) => p.spec.containers.find((c) => c.name === 'gateway').image;
  const before_ = await gatewayPods();
  assert.equal(before_.length, first.wanted);
  const oldImage = image(before_[0]);
  for (const p of before_) {
    assert.ok(
      p.spec.containers.some((c) => c.name === 'daprd'),
      `${p.metadata.name}: no daprd`,
    );
    assert.ok(p.spec.nodeName, `${p.metadata.name}: not scheduled`);
  }

  started = Date.now();
  helm(['upgrade', RELEASE, chart, '--namespace', NAMESPACE, '--no-hooks', ...values, '--set', 'image.tag=rollout-check']);
  const update = await rollout('the gateway rolled to the new image');
  timings['rolling update'] = Date.now() - started;
  const updated = await gatewayPods();
  assert.ok(
    updated.every((p) => image(p).endsWith(':rollout-check')),
    updated.map(image).join(', '),
  );
  assert.ok(updated.every((p) => p.spec.containers.some((c) => c.name === 'daprd')));
  assert.ok(update.fewestAvailable >= update.wanted, `available replicas fell to ${update.fewestAvailable} of ${update.wanted} (maxUnavailable is 0)`);

  started = Date.now();
  helm(['rollback', RELEASE, '1', '--namespace', NAMESPACE, '--no-hooks']);
  const back = await rollout('the gateway rolled back');
  timings['rollback'] = Date.now() - started;
  const restored = await gatewayPods();
  assert.ok(
    restored.every((p) => image(p) === oldImage),
    restored.map(image).join(', '),
  );
  assert.ok(back.fewestAvailable >= back.wanted, `available replicas fell to ${back.fewestAvailable} during the rollback`);
  const sets = (await cluster.api.must('GET', `/apis/apps/v1/namespaces/${NAMESPACE}/replicasets?labelSelector=app.kubernetes.io%2Fname%3Dgateway`)).items;
  console.log(`gateway: ${first.wanted} replicas; image ${oldImage} → rollout-check → ${oldImage}; ${sets.length} ReplicaSets`);
});
