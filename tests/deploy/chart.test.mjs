// The Helm chart: renders for the local-cluster values and for values-azure.yaml, every
// rendered object validates offline against the Kubernetes schemas of the AKS version (and
// the Dapr CRDs), and the rendered objects are the ones the issue lists, with the Dapr parts
// identical to components/azure and dapr/azure.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { bundledSchemaDir, writeDaprSchemas, writeStandaloneSchemas } from '../../scripts/lib/deploy-checks.mjs';
import {
  APPS,
  NAMESPACE,
  admits,
  TEST_ONLY_APPS,
  aksKubernetesVersion,
  byKind,
  componentsIn,
  deployEnv,
  find,
  firstDifference,
  podOf,
  productionValuesFiles,
  readYamlFile,
  renderChart,
  root,
  run,
} from './lib.mjs';

const LOCAL = [];
// What Flux gives the chart in production (values.yaml, values-azure.yaml, the environment's
// and the release's ConfigMaps): see productionValuesFiles.
const AZURE = productionValuesFiles();
const ISTIO = [...AZURE, 'tests/deploy/fixtures/values-istio.yaml'];
let schemaDir;

before(() => {
  schemaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'healthsync-schemas-'));
  const kinds = new Map();
  for (const values of [LOCAL, AZURE, ISTIO]) {
    for (const o of renderChart(values).objects) kinds.set(`${o.apiVersion}/${o.kind}`, { kind: o.kind, apiVersion: o.apiVersion });
  }
  const env = deployEnv();
  writeStandaloneSchemas(bundledSchemaDir(env.python, aksKubernetesVersion()), schemaDir, [...kinds.values()]);
  writeDaprSchemas(env.python, env.daprModuleDir, schemaDir);
});

after(() => fs.rmSync(schemaDir, { recursive: true, force: true }));

function kubeconform(text) {
  const result = run(
    deployEnv().kubeconform,
    [
      '-strict',
      '-summary',
      '-output',
      'json',
      '-kubernetes-version',
      aksKubernetesVersion(),
      '-schema-location',
      path.join(schemaDir, '{{.ResourceKind}}{{.KindSuffix}}.json'),
      '-',
    ],
    { input: text },
  );
  return { ...result, report: JSON.parse(result.stdout || '{}') };
}

test('when the chart is linted strictly with the local and the Azure values, then helm reports no problem', () => {
  for (const values of [LOCAL, AZURE]) {
    const args = ['lint', '--strict', path.join(root, 'charts', 'healthsync'), '--kube-version', aksKubernetesVersion()];
    for (const file of values) args.push('--values', path.resolve(root, file));
    const result = run(deployEnv().helm, args);
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
  }
});

for (const [label, values] of [
  ['local', LOCAL],
  ['Azure', AZURE],
  ['Azure with Istio', ISTIO],
]) {
  test(`when the chart is rendered with the ${label} values, then every object validates against the offline schemas`, () => {
    const rendered = renderChart(values);
    const { status, report, stderr } = kubeconform(rendered.text);
    const problems = (report.resources ?? []).filter((r) => r.status !== 'statusValid').map((r) => `${r.kind}/${r.name}: ${r.status} ${r.msg ?? ''}`);
    assert.deepEqual(problems, [], `kubeconform: ${stderr}`);
    assert.equal(status, 0);
    assert.equal(report.summary.valid, rendered.objects.length, 'every rendered object was validated (none skipped for a missing schema)');
    assert.equal(report.summary.skipped, 0);
  });
}

test('when the chart is rendered for Azure, then each service has a Dapr-enabled Deployment with probes, resources and a service account', () => {
  const { objects } = renderChart(AZURE);
  const injectorSource = fs.readFileSync(path.join(deployEnv().daprModuleDir, 'pkg', 'injector', 'patcher', 'sidecar.go'), 'utf8');
  const knownAnnotations = new Set([...injectorSource.matchAll(/annotation:"(dapr\.io\/[a-z0-9-]+)"/g)].map((m) => m[1]));
  for (const app of APPS) {
    const deployment = find(objects, 'Deployment', app);
    assert.ok(deployment, `Deployment ${app}`);
    const pod = deployment.spec.template;
    const a = pod.metadata.annotations;
    assert.equal(a['dapr.io/enabled'], 'true');
    assert.equal(a['dapr.io/app-id'], app);
    assert.equal(a['dapr.io/config'], app);
    assert.equal(a['dapr.io/log-as-json'], 'true');
    assert.equal(a['dapr.io/enable-app-health-check'], 'true');
    for (const key of [
      'dapr.io/app-port',
      'dapr.io/sidecar-cpu-request',
      'dapr.io/sidecar-cpu-limit',
      'dapr.io/sidecar-memory-request',
      'dapr.io/sidecar-memory-limit',
      'dapr.io/graceful-shutdown-seconds',
    ]) {
      assert.ok(a[key], `${app}: ${key}`);
    }
    for (const key of Object.keys(a).filter((k) => k.startsWith('dapr.io/')))
      assert.ok(knownAnnotations.has(key), `${app}: ${key} is not an annotation Dapr's injector reads`);
    assert.ok(Number(a['dapr.io/graceful-shutdown-seconds']) < pod.spec.terminationGracePeriodSeconds, `${app}: sidecar drains before the pod is killed`);
    assert.equal(a['prometheus.io/scrape'], 'true');
    const [container] = pod.spec.containers;
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) assert.ok(container[probe]?.httpGet?.path, `${app}: ${probe}`);
    assert.equal(container.readinessProbe.httpGet.path, '/readyz');
    assert.ok(container.resources.requests && container.resources.limits, `${app}: resources`);
    assert.equal(pod.spec.securityContext.runAsNonRoot, true);
    assert.equal(pod.metadata.labels['azure.workload.identity/use'], 'true');
    const account = find(objects, 'ServiceAccount', pod.spec.serviceAccountName);
    assert.ok(account?.metadata.annotations['azure.workload.identity/client-id'], `${app}: service account with a workload identity`);
  }
});

test('when the chart is rendered, then each service has its own Dapr API token and app token, used by its sidecar and its app alike', () => {
  const { objects } = renderChart(AZURE);
  const seen = new Set();
  for (const app of APPS) {
    const pod = find(objects, 'Deployment', app).spec.template;
    const a = pod.metadata.annotations;
    const env = Object.fromEntries(pod.spec.containers[0].env.map((e) => [e.name, e.valueFrom?.secretKeyRef?.name]));
    assert.equal(a['dapr.io/api-token-secret'], `healthsync-${app}-dapr-api-token`);
    assert.equal(a['dapr.io/app-token-secret'], `healthsync-${app}-app-api-token`);
    assert.equal(env.DAPR_API_TOKEN, a['dapr.io/api-token-secret'], `${app}: the app presents the token its sidecar expects`);
    assert.equal(env.APP_API_TOKEN, a['dapr.io/app-token-secret'], `${app}: the app expects the token its sidecar presents`);
    for (const name of [env.DAPR_API_TOKEN, env.APP_API_TOKEN]) {
      assert.ok(find(objects, 'Secret', name)?.data?.token, `${app}: Secret ${name} is rendered`);
      assert.ok(!seen.has(name), `${name} is shared`);
      seen.add(name);
    }
  }
});

test('when the chart is rendered for Azure, then autoscaling, disruption budgets and the single batch replica are in place', () => {
  const { objects } = renderChart(AZURE);
  for (const app of APPS) {
    assert.ok(find(objects, 'PodDisruptionBudget', app), `PodDisruptionBudget ${app}`);
    const hpa = find(objects, 'HorizontalPodAutoscaler', app);
    if (app === 'batch') {
      assert.equal(hpa, undefined, 'batch is never autoscaled (the cron fires in every replica)');
      assert.equal(find(objects, 'Deployment', 'batch').spec.replicas, 1);
    } else {
      assert.ok(hpa && hpa.spec.minReplicas >= 2, `HPA ${app} keeps at least two replicas`);
    }
  }
});

test('when the chart is rendered, then only the gateway is reachable from outside: one Ingress to it, and every pod isolated by network policies', () => {
  for (const values of [LOCAL, AZURE]) {
    const { objects } = renderChart(values);
    const ingresses = byKind(objects, 'Ingress');
    assert.equal(ingresses.length, 1);
    assert.equal(ingresses[0].spec.ingressClassName, 'nginx');
    const backends = ingresses[0].spec.rules.flatMap((r) => r.http.paths.map((p) => p.backend.service.name));
    assert.deepEqual([...new Set(backends)], ['gateway']);
    // Locally the chart renders the gateway's Service; in production (progressive delivery)
    // Flagger creates it, so the chart renders none.
    const services = byKind(objects, 'Service').map((s) => s.metadata.name);
    assert.deepEqual(services, values === LOCAL ? ['gateway'] : []);
    const policies = byKind(objects, 'NetworkPolicy');
    const stranger = { namespaceLabels: { 'kubernetes.io/metadata.name': 'default' }, podLabels: {} };
    for (const deployment of byKind(objects, 'Deployment')) {
      const pod = podOf(deployment);
      for (const port of Object.values(pod.namedPorts))
        assert.ok(!admits(policies, pod, stranger, port), `${deployment.metadata.name}: port ${port} is closed to other namespaces`);
    }
  }
});

test('when the chart is rendered for Azure, then migrations run as a pre-install/pre-upgrade hook Job with its own identity', () => {
  const { objects } = renderChart(AZURE);
  const job = byKind(objects, 'Job')[0];
  assert.ok(job, 'migration Job');
  assert.equal(job.metadata.annotations['helm.sh/hook'], 'pre-install,pre-upgrade');
  assert.equal(job.spec.template.metadata.annotations['dapr.io/enabled'], 'false');
  assert.ok(job.spec.template.spec.containers[0].env.some((e) => e.name === 'KEY_VAULT_URI'));
  const account = find(objects, 'ServiceAccount', job.spec.template.spec.serviceAccountName);
  assert.equal(account.metadata.annotations['helm.sh/hook'], 'pre-install,pre-upgrade');
  assert.ok(account.metadata.annotations['azure.workload.identity/client-id']);
});

test('when the chart is rendered for Azure, then its Dapr components are exactly components/azure', () => {
  const rendered = new Map(byKind(renderChart(AZURE).objects, 'Component').map((c) => [c.metadata.name, c]));
  const files = componentsIn(path.join(root, 'components', 'azure'));
  assert.deepEqual([...rendered.keys()].sort(), [...files.keys()].sort());
  for (const [name, file] of files) {
    const chart = rendered.get(name);
    const view = (c) => ({ spec: c.spec, auth: c.auth ?? null, scopes: c.scopes });
    assert.equal(firstDifference(view(chart), view(file)), undefined, `component ${name}: values-azure.yaml and ${file.file} differ`);
  }
});

test('when the chart is rendered for Azure, then its Dapr configurations and resiliency are exactly dapr/azure', () => {
  const { objects } = renderChart(AZURE);
  for (const app of APPS) {
    const file = readYamlFile(path.join(root, 'dapr', 'azure', `${app}.yaml`))[0];
    const chart = find(objects, 'Configuration', app);
    assert.equal(firstDifference(chart.spec, file.spec), undefined, `configuration ${app}: the chart and dapr/azure/${app}.yaml differ`);
  }
  const resiliency = readYamlFile(path.join(root, 'dapr', 'azure', 'resiliency.yaml'))[0];
  const chart = byKind(objects, 'Resiliency')[0];
  assert.equal(firstDifference(chart.spec, resiliency.spec), undefined, 'resiliency: the chart and dapr/azure/resiliency.yaml differ');
});

test('when the chart is rendered with the local values, then its components and access rules match components/local and dapr/local', () => {
  const { objects } = renderChart(LOCAL);
  const rendered = new Map(byKind(objects, 'Component').map((c) => [c.metadata.name, c]));
  const files = componentsIn(path.join(root, 'components', 'local'));
  assert.deepEqual([...rendered.keys()].sort(), [...files.keys()].sort());
  for (const [name, file] of files) {
    assert.deepEqual([...rendered.get(name).scopes].sort(), file.scopes.filter((s) => !TEST_ONLY_APPS.includes(s)).sort(), `scopes of ${name}`);
  }
  const rules = (spec) => (spec.accessControl.policies ?? []).map((p) => ({ appId: p.appId, operations: p.operations.map((o) => o.name) }));
  for (const app of APPS) {
    const local = readYamlFile(path.join(root, 'dapr', 'local', `${app}.yaml`))[0];
    const chart = find(objects, 'Configuration', app);
    assert.deepEqual(rules(chart.spec), rules(local.spec), `access rules of ${app}`);
    for (const p of chart.spec.accessControl.policies ?? []) assert.equal(p.namespace, NAMESPACE);
  }
});

test('when Istio is enabled, then its sidecar is injected and Dapr keeps its own port and mTLS', () => {
  const { objects } = renderChart(ISTIO);
  for (const app of APPS) {
    const a = find(objects, 'Deployment', app).spec.template.metadata.annotations;
    assert.equal(a['sidecar.istio.io/inject'], 'true');
    assert.match(a['traffic.sidecar.istio.io/excludeInboundPorts'], /\b50002\b/);
    assert.match(a['traffic.sidecar.istio.io/excludeOutboundPorts'], /\b50002\b/);
  }
  assert.equal(find(renderChart(AZURE).objects, 'Deployment', 'user').spec.template.metadata.annotations['sidecar.istio.io/inject'], 'false');
});

test('when the Grafana dashboard is rendered, then it is valid JSON whose panels query the services and sidecars', () => {
  const { objects } = renderChart(AZURE);
  const configMap = find(objects, 'ConfigMap', 'healthsync-grafana-dashboard');
  assert.equal(configMap.metadata.labels.grafana_dashboard, '1');
  const dashboard = JSON.parse(configMap.data['healthsync.json']);
  const queries = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)).join('\n');
  for (const metric of ['http_server_request_duration_seconds', 'pubsub_messages_total', 'outbox_pending_events', 'dapr_']) {
    assert.ok(queries.includes(metric), `a panel uses ${metric}`);
  }
});
