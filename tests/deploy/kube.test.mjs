// The chart on a real Kubernetes control plane (tests/deploy/kube-cluster.mjs): etcd,
// kube-apiserver, the Dapr CRDs and Dapr's Sentry, operator and sidecar injector. `helm install`
// puts the chart in with the local values and with the production values (values-azure.yaml
// and Flux's ConfigMaps); the API server validates every object, the injector mutates every
// pod made from the Deployments' templates, and the API server evaluates the selectors of the
// HPAs, PDBs and NetworkPolicies. Runs under `node scripts/check-deploy.mjs`, or alone with
// `node --test tests/deploy/kube.test.mjs` once check-deploy has built the tools.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { kubeCheckPorts } from '../../scripts/lib/ports.mjs';
import { CONTROL_PLANE_NAMESPACE, SIDECAR_IMAGE, resourcePaths, startCluster } from './kube-cluster.mjs';
import { KUBERNETES_VERSION } from '../../scripts/lib/deploy-checks.mjs';
import { APPS, deployEnv, flaggerPrimary, parseYaml, productionValuesFiles, root } from './lib.mjs';

const HOOK = 'helm.sh/hook';
const releases = [
  { name: 'local', namespace: 'healthsync-local', values: () => [] },
  // What Flux gives the chart in production (see productionValuesFiles in lib.mjs).
  { name: 'production', namespace: 'healthsync', values: productionValuesFiles, flaggerPrimary: 'gateway' },
];

let ownEnvFile;
/** Tool paths: check-deploy's environment file, or the same paths when run alone. */
async function toolPaths() {
  if (!process.env.HEALTHSYNC_DEPLOY_ENV) {
    const { deployTools, daprModuleDir, ensureSchemaVenv } = await import('../../scripts/lib/deploy-checks.mjs');
    const { daprBinDir } = await import('../../scripts/lib/paths.mjs');
    const file = path.join(os.tmpdir(), `healthsync-kube-env-${process.pid}.json`);
    ownEnvFile = file;
    // PyYAML, which the shared helpers parse the chart's output with.
    const { python } = ensureSchemaVenv();
    fs.writeFileSync(file, JSON.stringify({ ...deployTools, python, daprBinDir, daprModuleDir: daprModuleDir() }));
    process.env.HEALTHSYNC_DEPLOY_ENV = file;
  }
  const env = deployEnv();
  const { kubeTools } = await import('../../scripts/lib/deploy-checks.mjs');
  const tools = { ...kubeTools, sentry: path.join(env.daprBinDir, 'sentry'), helm: env.helm };
  const missing = Object.values(tools).filter((t) => !fs.existsSync(t));
  if (missing.length > 0) throw new Error(`missing ${missing.join(', ')}: run \`node scripts/check-deploy.mjs\` (it builds them)`);
  return { tools, daprDir: env.daprModuleDir };
}

let cluster;
let api;
let pathOf;
let workDir;
const timings = {};
/** Per release: the rendered objects and the pods made from its Deployments, by Deployment name. */
const state = new Map();

function helm(args, kubeconfig) {
  const result = spawnSync(deployEnv().helm, args, {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      KUBECONFIG: kubeconfig,
      HELM_CACHE_HOME: path.join(workDir, 'helm', 'cache'),
      HELM_CONFIG_HOME: path.join(workDir, 'helm', 'config'),
      HELM_DATA_HOME: path.join(workDir, 'helm', 'data'),
    },
  });
  return { status: result.status, stdout: result.stdout, output: `${result.stdout}${result.stderr}` };
}

/** A label selector (matchLabels/matchExpressions) in the API's query syntax. */
function selectorQuery(selector) {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    if (operator === 'In') parts.push(`${key} in (${values.join(',')})`);
    else if (operator === 'NotIn') parts.push(`${key} notin (${values.join(',')})`);
    else if (operator === 'Exists') parts.push(key);
    else if (operator === 'DoesNotExist') parts.push(`!${key}`);
    else throw new Error(`unknown selector operator ${operator}`);
  }
  return parts.join(',');
}

/** Names of the pods the API server returns for a selector in a namespace. */
async function podsSelected(namespace, selector) {
  const list = await api.must('GET', `/api/v1/namespaces/${namespace}/pods?labelSelector=${encodeURIComponent(selectorQuery(selector))}`);
  return list.items.map((p) => p.metadata.name).sort();
}

/** Creates a pod from a Deployment's template, as its ReplicaSet would (the injector mutates it). */
async function podFromTemplate(deployment) {
  const { template } = deployment.spec;
  return api.must('POST', `/api/v1/namespaces/${deployment.metadata.namespace}/pods`, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${deployment.metadata.name}-admitted`, labels: template.metadata.labels, annotations: template.metadata.annotations },
    spec: template.spec,
  });
}

before(async () => {
  const { tools, daprDir } = await toolPaths();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'healthsync-kube-'));
  let started = Date.now();
  cluster = await startCluster({ tools, daprDir, ports: kubeCheckPorts, dir: workDir });
  timings['control plane up'] = Date.now() - started;
  api = cluster.api;
  pathOf = resourcePaths(api);

  for (const release of releases) {
    started = Date.now();
    const valuesArgs = release.values().flatMap((file) => ['--values', path.resolve(root, file)]);
    const chart = path.join(root, 'charts', 'healthsync');
    // The namespace with its `default` service account, which the controller manager would add.
    await api.must('POST', '/api/v1/namespaces', { metadata: { name: release.namespace } });
    await api.must('POST', `/api/v1/namespaces/${release.namespace}/serviceaccounts`, { metadata: { name: 'default' } });
    const install = helm(['install', release.name, chart, '--namespace', release.namespace, '--no-hooks', ...valuesArgs], cluster.kubeconfig);
    // The objects as helm renders them for this release (its name and namespace in the labels).
    const template = helm(
      ['template', release.name, chart, '--namespace', release.namespace, '--kube-version', KUBERNETES_VERSION, ...valuesArgs],
      cluster.kubeconfig,
    );
    if (template.status !== 0) throw new Error(`helm template failed: ${template.output}`);
    const rendered = parseYaml({ text: template.stdout }).map((d) => d.doc);
    // Hooks (the migration Job and its RBAC, the `helm test` pod) are submitted as server-side
    // dry runs (validated and admitted, the injector included, but not stored): helm would
    // wait for the Job, and no controller runs it here.
    const hooks = [];
    if (install.status === 0) {
      for (const hook of rendered.filter((o) => o.metadata.annotations?.[HOOK])) {
        const { collection } = await pathOf(hook.apiVersion, hook.kind);
        hooks.push({ object: hook, response: await api.request('POST', `${collection(release.namespace)}?dryRun=All`, hook) });
      }
    }
    const pods = new Map();
    if (install.status === 0) {
      const deployments = (await api.must('GET', `/apis/apps/v1/namespaces/${release.namespace}/deployments`)).items;
      if (release.flaggerPrimary) {
        // Flagger's primary copy of the canary's target, as Flagger makes it.
        const target = deployments.find((d) => d.metadata.name === release.flaggerPrimary);
        const primary = flaggerPrimary(target);
        for (const key of ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields']) delete primary.metadata[key];
        delete primary.status;
        deployments.push(await api.must('POST', `/apis/apps/v1/namespaces/${release.namespace}/deployments`, primary));
      }
      for (const deployment of deployments) pods.set(deployment.metadata.name, { deployment, pod: await podFromTemplate(deployment) });
    }
    timings[`helm install ${release.name} + admitted pods`] = Date.now() - started;
    state.set(release.name, { install, rendered, hooks, pods });
  }
});

after(async () => {
  await cluster?.stop();
  const total = Object.values(timings).reduce((a, b) => a + b, 0);
  console.log(
    `kube check timings: ${Object.entries(timings)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
      .join('; ')}; total ${(total / 1000).toFixed(1)} s`,
  );
  if (workDir && !process.env.HEALTHSYNC_KEEP_KUBE_CHECK) fs.rmSync(workDir, { recursive: true, force: true });
  if (ownEnvFile) fs.rmSync(ownEnvFile, { force: true });
});

test('the API server runs with the Dapr CRDs, and Sentry, the operator and the injector are up with certificates from Sentry', async () => {
  const crds = (await api.must('GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions')).items.map((c) => c.metadata.name);
  for (const name of ['components.dapr.io', 'configurations.dapr.io', 'resiliencies.dapr.io', 'subscriptions.dapr.io'])
    assert.ok(crds.includes(name), `${name} not installed`);
  // The injector replaced the webhook's caBundle with Sentry's trust anchors once it had its certificate.
  const webhook = await api.must('GET', '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations/dapr-sidecar-injector');
  const bundle = await api.must('GET', `/api/v1/namespaces/${CONTROL_PLANE_NAMESPACE}/secrets/dapr-trust-bundle`);
  assert.equal(webhook.webhooks[0].clientConfig.caBundle, bundle.data['ca.crt']);
  const version = await api.must('GET', '/version');
  console.log(`kube-apiserver ${version.gitVersion}; Dapr CRDs: ${crds.filter((c) => c.endsWith('dapr.io')).join(', ')}`);
});

test("a Component against its CRD's schema is refused, so acceptance below means the schema was checked", async () => {
  const res = await api.request('POST', '/apis/dapr.io/v1alpha1/namespaces/default/components?dryRun=All', {
    apiVersion: 'dapr.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'bad' },
    spec: { type: 'state.redis', version: 'v1', metadata: 'not-a-list' },
  });
  assert.equal(res.status, 422, res.text);
});

for (const release of releases) {
  describe(`the chart installed with the ${release.name} values`, () => {
    const s = () => state.get(release.name);

    test('helm install succeeds and every rendered object, hooks included, is on the API server', async () => {
      const { install, rendered, hooks } = s();
      assert.equal(install.status, 0, install.output);
      assert.ok(hooks.length > 0, 'the chart renders no hook');
      for (const { object, response } of hooks)
        assert.ok(response.status < 300, `hook ${object.kind}/${object.metadata.name}: ${response.status} ${response.text.slice(0, 1000)}`);
      const missing = [];
      for (const object of rendered.filter((o) => !o.metadata.annotations?.[HOOK])) {
        const { collection } = await pathOf(object.apiVersion, object.kind);
        const res = await api.request('GET', `${collection(object.metadata.namespace ?? release.namespace)}/${object.metadata.name}`);
        if (res.status !== 200) missing.push(`${object.kind}/${object.metadata.name} (${res.status})`);
      }
      assert.deepEqual(missing, []);
      const kinds = {};
      for (const o of rendered) kinds[o.kind] = (kinds[o.kind] ?? 0) + 1;
      console.log(
        `${release.name}: ${rendered.length} objects accepted (${hooks.length} hooks as dry runs): ${Object.entries(kinds)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')}`,
      );
    });

    test('every Dapr Component, Configuration and Resiliency is accepted by its CRD', async () => {
      const { rendered } = s();
      for (const kind of ['Component', 'Configuration', 'Resiliency']) {
        const want = rendered
          .filter((o) => o.kind === kind)
          .map((o) => o.metadata.name)
          .sort();
        assert.ok(want.length > 0, `the chart renders no ${kind}`);
        const { collection } = await pathOf('dapr.io/v1alpha1', kind);
        const got = (await api.must('GET', collection(release.namespace))).items.map((o) => o.metadata.name).sort();
        assert.deepEqual(got, want, kind);
      }
    });

    test("every Deployment's pod, once admitted, carries a daprd container with its app id, configuration, resources and token secrets", async () => {
      const { pods } = s();
      const names = [...pods.keys()].filter((n) => !n.endsWith('-primary'));
      assert.deepEqual(names.sort(), [...APPS].sort());
      for (const [name, { deployment, pod }] of pods) {
        const a = deployment.spec.template.metadata.annotations;
        const app = a['dapr.io/app-id'];
        assert.equal(app, name.replace(/-primary$/, ''));
        const daprd = pod.spec.containers.find((c) => c.name === 'daprd');
        assert.ok(daprd, `${name}: no daprd container (containers: ${pod.spec.containers.map((c) => c.name).join(', ')})`);
        assert.equal(daprd.image, SIDECAR_IMAGE);
        const flag = (f) => daprd.args[daprd.args.indexOf(f) + 1];
        assert.equal(flag('--app-id'), app, `${name}: --app-id`);
        assert.equal(flag('--config'), a['dapr.io/config'], `${name}: --config`);
        const config = await api.request('GET', `/apis/dapr.io/v1alpha1/namespaces/${release.namespace}/configurations/${a['dapr.io/config']}`);
        assert.equal(config.status, 200, `${name}: its Dapr Configuration ${a['dapr.io/config']} is not installed`);
        assert.equal(flag('--app-port'), a['dapr.io/app-port'], `${name}: --app-port`);
        assert.equal(flag('--mode'), 'kubernetes');
        assert.deepEqual(
          daprd.resources,
          {
            requests: { cpu: a['dapr.io/sidecar-cpu-request'], memory: a['dapr.io/sidecar-memory-request'] },
            limits: { cpu: a['dapr.io/sidecar-cpu-limit'], memory: a['dapr.io/sidecar-memory-limit'] },
          },
          `${name}: sidecar resources`,
        );
        const env = Object.fromEntries(daprd.env.map((e) => [e.name, e]));
        for (const [variable, annotation] of [
          ['DAPR_API_TOKEN', 'dapr.io/api-token-secret'],
          ['APP_API_TOKEN', 'dapr.io/app-token-secret'],
        ]) {
          assert.deepEqual(env[variable]?.valueFrom?.secretKeyRef, { name: a[annotation], key: 'token' }, `${name}: ${variable}`);
          const secret = await api.request('GET', `/api/v1/namespaces/${release.namespace}/secrets/${a[annotation]}`);
          assert.equal(secret.status, 200, `${name}: secret ${a[annotation]} is not installed`);
        }
        assert.equal(env.GOMEMLIMIT?.value, a['dapr.io/env'].replace('GOMEMLIMIT=', ''), `${name}: GOMEMLIMIT`);
        // Not checked: the projected Sentry token volume. The injector adds it only when its own
        // pod has one (it looks for the file), which a local process has not (docs/reference/kube-check.md §5).
      }
      console.log(`${release.name}: ${pods.size} pods admitted with daprd (${[...pods.keys()].join(', ')})`);
    });

    test("PDBs and HPAs select the pods of their service, Flagger's primary included where the chart means it", async () => {
      const { pods, rendered } = s();
      const podsOf = (service) =>
        [...pods.entries()]
          .filter(([d]) => d === service || d === `${service}-primary`)
          .map(([, p]) => p.pod.metadata.name)
          .sort();
      const pdbs = (await api.must('GET', `/apis/policy/v1/namespaces/${release.namespace}/poddisruptionbudgets`)).items;
      assert.equal(pdbs.length, rendered.filter((o) => o.kind === 'PodDisruptionBudget').length);
      for (const pdb of pdbs) assert.deepEqual(await podsSelected(release.namespace, pdb.spec.selector), podsOf(pdb.metadata.name), `PDB ${pdb.metadata.name}`);
      const hpas = (await api.must('GET', `/apis/autoscaling/v2/namespaces/${release.namespace}/horizontalpodautoscalers`)).items;
      assert.equal(hpas.length, rendered.filter((o) => o.kind === 'HorizontalPodAutoscaler').length);
      for (const hpa of hpas) {
        const target = pods.get(hpa.spec.scaleTargetRef.name);
        assert.ok(target, `HPA ${hpa.metadata.name} targets ${hpa.spec.scaleTargetRef.name}, which is not a Deployment of the chart`);
        // The Deployment's own selector picks its pod and not the primary's (Flagger scales that one with its own HPA).
        assert.deepEqual(await podsSelected(release.namespace, target.deployment.spec.selector), [target.pod.metadata.name], `HPA ${hpa.metadata.name}`);
      }
      if (release.flaggerPrimary) {
        const primary = pods.get(`${release.flaggerPrimary}-primary`);
        assert.deepEqual(await podsSelected(release.namespace, primary.deployment.spec.selector), [primary.pod.metadata.name]);
      }
    });

    test("NetworkPolicies select the release's pods, and the public one only the public service's, primary included", async () => {
      const { pods } = s();
      const all = [...pods.values()].map((p) => p.pod.metadata.name).sort();
      const policies = (await api.must('GET', `/apis/networking.k8s.io/v1/namespaces/${release.namespace}/networkpolicies`)).items;
      assert.ok(policies.length > 0, 'no NetworkPolicy');
      for (const policy of policies) {
        const selected = await podsSelected(release.namespace, policy.spec.podSelector);
        const publicService = /^healthsync-ingress-to-(.+)$/.exec(policy.metadata.name)?.[1];
        const want = publicService ? all.filter((p) => p === `${publicService}-admitted` || p === `${publicService}-primary-admitted`) : all;
        assert.deepEqual(selected, want, `NetworkPolicy ${policy.metadata.name}`);
        // Peers in the same namespace: sidecar-to-sidecar traffic must be allowed from every pod of the release.
        for (const rule of policy.spec.ingress ?? []) {
          for (const peer of rule.from ?? []) {
            // (The `helm test` pod's peer selects that pod only; it is not stored here.)
            if (!peer.podSelector || peer.namespaceSelector || peer.podSelector.matchLabels?.['healthsync.io/smoke-test']) continue;
            const peers = await podsSelected(release.namespace, peer.podSelector);
            assert.deepEqual(peers, all, `NetworkPolicy ${policy.metadata.name}: peer ${selectorQuery(peer.podSelector)}`);
          }
        }
      }
    });
  });
}
