// The chart as production really runs it: rendered with the values Flux gives it
// (values.yaml, values-azure.yaml, the environment's and the release's ConfigMaps), and the
// objects Flagger derives from it for the gateway's canary releases, checked against the
// NetworkPolicies and PodDisruptionBudgets that must keep admitting and protecting them.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import {
  APPS,
  NAMESPACE,
  admits,
  aksKubernetesVersion,
  byKind,
  deployEnv,
  find,
  flaggerPrimary,
  fluxObjects,
  podOf,
  productionValuesFiles,
  readYamlFile,
  renderProduction,
  root,
  run,
  selects,
  terraform,
} from './lib.mjs';

const nsLabels = (name) => ({ 'kubernetes.io/metadata.name': name });
const NGINX = {
  namespaceLabels: nsLabels('ingress-nginx'),
  podLabels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
};

function canaries() {
  const list = fluxObjects().filter((o) => o.kind === 'Canary');
  assert.ok(list.length > 0, 'deploy/flux declares the gateway canary');
  return list;
}

test('when production values are rendered, then progressive delivery is on and each canary targets a rendered Deployment', () => {
  const { objects } = renderProduction();
  for (const canary of canaries()) {
    assert.ok(find(objects, 'Deployment', canary.spec.targetRef.name), `canary ${canary.metadata.name}: Deployment ${canary.spec.targetRef.name}`);
    // Flagger owns the target's Services; a chart Service of the same name would fight it.
    assert.equal(find(objects, 'Service', canary.spec.targetRef.name), undefined, 'progressive delivery is enabled in the production values');
  }
});

test('when Flagger runs the gateway as <name>-primary, then NGINX, the load tester and helm test still reach it, and nothing else does', () => {
  const { objects } = renderProduction();
  const policies = byKind(objects, 'NetworkPolicy');
  for (const canary of canaries()) {
    const target = find(objects, 'Deployment', canary.spec.targetRef.name);
    const primary = flaggerPrimary(target);
    assert.equal(primary.spec.template.metadata.labels['app.kubernetes.io/name'], `${target.metadata.name}-primary`);
    const port = canary.spec.service.targetPort;
    const loadTester = new URL(canary.spec.analysis.webhooks.find((w) => w.url.includes('loadtester')).url).hostname.split('.')[1];
    const smoke = find(objects, 'Pod', `healthsync-smoke-${target.metadata.name}`);
    for (const [label, deployment] of [
      ['primary', primary],
      ['canary', target],
    ]) {
      const pod = podOf(deployment);
      assert.ok(admits(policies, pod, NGINX, port), `${label}: the NGINX ingress controller reaches port ${port}`);
      assert.ok(
        admits(policies, pod, { namespaceLabels: nsLabels(loadTester), podLabels: { app: 'flagger-loadtester' } }, port),
        `${label}: Flagger's load tester (namespace ${loadTester}) reaches port ${port}`,
      );
      assert.ok(
        admits(policies, pod, { namespaceLabels: nsLabels(NAMESPACE), podLabels: smoke.metadata.labels }, port),
        `${label}: the helm test pod reaches port ${port}`,
      );
      assert.ok(
        !admits(policies, pod, { namespaceLabels: nsLabels('default'), podLabels: { app: 'anything' } }, port),
        `${label}: other namespaces are refused`,
      );
    }
  }
  for (const app of APPS.filter((a) => a !== 'gateway')) {
    const deployment = find(objects, 'Deployment', app);
    const appPort = deployment.spec.template.spec.containers[0].ports[0].containerPort;
    assert.ok(!admits(policies, podOf(deployment), NGINX, appPort), `${app} is not reachable from the ingress controller`);
  }
});

test('when Flagger runs the gateway as <name>-primary, then sidecars and Prometheus still reach its Dapr and metrics ports', () => {
  const { objects } = renderProduction();
  const policies = byKind(objects, 'NetworkPolicy');
  const user = podOf(find(objects, 'Deployment', 'user'));
  const annotations = find(objects, 'Deployment', 'gateway').spec.template.metadata.annotations;
  for (const canary of canaries()) {
    const primary = podOf(flaggerPrimary(find(objects, 'Deployment', canary.spec.targetRef.name)));
    assert.ok(admits(policies, primary, { namespaceLabels: nsLabels(NAMESPACE), podLabels: user.labels }, 50002), 'sidecar to sidecar (Dapr internal gRPC)');
    assert.ok(
      admits(policies, primary, { namespaceLabels: nsLabels('monitoring'), podLabels: {} }, Number(annotations['dapr.io/metrics-port'])),
      'Prometheus to the sidecar metrics',
    );
  }
});

test("when Flagger runs the gateway as <name>-primary, then a PodDisruptionBudget protects the primary pods like every other Deployment's", () => {
  const { objects } = renderProduction();
  const pdbs = byKind(objects, 'PodDisruptionBudget');
  const deployments = [...byKind(objects, 'Deployment'), ...canaries().map((c) => flaggerPrimary(find(objects, 'Deployment', c.spec.targetRef.name)))];
  for (const deployment of deployments) {
    const covering = pdbs.filter((p) => selects(p.spec.selector, deployment.spec.template.metadata.labels));
    assert.equal(covering.length, 1, `${deployment.metadata.name}: pods covered by exactly one PodDisruptionBudget (found ${covering.length})`);
  }
});

function template(valuesFiles, sets = []) {
  const args = ['template', 'hs', path.join(root, 'charts', 'healthsync'), '--namespace', NAMESPACE, '--kube-version', aksKubernetesVersion()];
  for (const file of valuesFiles) args.push('--values', path.resolve(root, file));
  for (const set of sets) args.push('--set-string', set);
  return run(deployEnv().helm, args);
}

test("when the environment's ids are missing or placeholders, then the chart refuses to render instead of deploying them", () => {
  const production = productionValuesFiles();
  assert.equal(template(production).status, 0, 'the production values render');
  const withoutEnvironment = template(['charts/healthsync/values-azure.yaml']);
  assert.notEqual(withoutEnvironment.status, 0, 'values-azure.yaml alone (no environment ConfigMap) must not render');
  for (const key of [
    'workloadIdentity.tenantId',
    'services.gateway.workloadIdentity.clientId',
    'migrations.workloadIdentity.clientId',
    'services.user.env.OIDC_CLIENT_IDS',
    'services.health.env.NHIS_BASE_URL',
    'ingress.host',
  ]) {
    assert.match(withoutEnvironment.stderr, new RegExp(key.replaceAll('.', '\\.')), `names the missing ${key}`);
  }
  for (const placeholder of [
    'workloadIdentity.tenantId=00000000-0000-0000-0000-000000000000',
    'services.user.workloadIdentity.clientId=11111111-0000-0000-0000-000000000002',
    'services.user.env.OIDC_CLIENT_IDS=REPLACE-android.apps.googleusercontent.com',
    'services.health.env.NHIS_BASE_URL=https://REPLACE-nhis-aggregator.example.com',
    'ingress.host=api.healthsync.example.com',
    'image.registry=registry.example.com',
  ]) {
    const result = template(production, [placeholder]);
    assert.notEqual(result.status, 0, `${placeholder} must not render`);
    assert.match(result.stderr, /placeholder|must be a GUID/, `${placeholder}: a clear message`);
  }
});

test("when the environment ConfigMap is made from Terraform's output, then it has the keys the checks stand in for", () => {
  const output = terraform()['environments/prod'].output.chart_environment_values.value;
  const [fixture] = readYamlFile(path.join(root, 'tests', 'deploy', 'fixtures', 'healthsync-environment.yaml'));
  const leaves = (node, at = []) => (node && typeof node === 'object' ? Object.entries(node).flatMap(([k, v]) => leaves(v, [...at, k])) : [at]);
  for (const leaf of leaves(fixture)) {
    const key = leaf.at(-1);
    assert.ok(new RegExp(`\\b${key}\\s*=`).test(output), `the fixture's ${leaf.join('.')} is not set by chart_environment_values`);
  }
  for (const service of APPS) assert.ok(fixture.services[service]?.workloadIdentity?.clientId, `${service}: client id`);
});
