// The cluster's add-ons are Flux objects in Git, so a fresh cluster converges to them with no
// manual step: every service the chart, the Dapr configuration and the canary depend on (the
// NGINX ingress class and namespace, Prometheus, the OpenTelemetry collector the sidecars
// export to, Flagger and its load tester) is installed by a HelmRelease, from a declared source,
// into the namespace and under the name the dependants use. The App Insights connection string
// Terraform writes into Key Vault is what the collector exports with.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { find, fluxObjects, readYamlFile, renderProduction, root, terraform } from './lib.mjs';

const objects = fluxObjects();
const releases = objects.filter((o) => o.kind === 'HelmRelease');
const installedIn = (release) => release.spec.targetNamespace ?? release.metadata.namespace;
const releaseNamed = (name) => releases.find((r) => (r.spec.releaseName ?? r.metadata.name) === name);

/** Whether a manifest file is applied by Flux: listed by a kustomization.yaml reached from the cluster root. */
function applied() {
  const files = new Set();
  const visit = (dir) => {
    const [k] = readYamlFile(path.join(dir, 'kustomization.yaml'));
    for (const resource of k.resources) {
      const full = path.resolve(dir, resource);
      if (fs.statSync(full).isDirectory()) visit(full);
      else files.add(path.relative(root, full));
    }
  };
  visit(path.join(root, 'deploy', 'flux', 'clusters', 'prod'));
  // Flux Kustomizations applied from there reconcile their own paths.
  for (const o of objects.filter((x) => x.kind === 'Kustomization' && x.apiVersion?.startsWith('kustomize.toolkit.fluxcd.io') && files.has(x.file)))
    visit(path.join(root, o.spec.path));
  return files;
}

test('when the cluster is bootstrapped from Git, then every add-on is a HelmRelease that Flux applies, from a source it declares', () => {
  const files = applied();
  for (const release of releases) {
    assert.ok(files.has(release.file), `${release.file} is not reached from deploy/flux/clusters/prod`);
    const source = release.spec.chart.spec.sourceRef;
    assert.ok(
      objects.some((o) => o.kind === source.kind && o.metadata.name === source.name && files.has(o.file)),
      `${release.metadata.name}: source ${source.kind}/${source.name}`,
    );
    if (installedIn(release) !== release.metadata.namespace || release.metadata.namespace !== 'flux-system') {
      const ns = installedIn(release);
      if (!['healthsync', 'flux-system'].includes(ns))
        assert.ok(
          objects.some((o) => o.kind === 'Namespace' && o.metadata.name === ns && files.has(o.file)),
          `${release.metadata.name}: namespace ${ns} is declared`,
        );
    }
  }
});

test('when the chart and the canary need the ingress controller, Prometheus, Flagger and its load tester, then Flux installs each where they look for it', () => {
  const { objects: chart } = renderProduction();
  const ingress = find(chart, 'Ingress', 'healthsync');
  const nginx = releases.find((r) => r.spec.chart.spec.chart === 'ingress-nginx');
  assert.ok(nginx, 'ingress-nginx HelmRelease');
  assert.equal(nginx.spec.values.controller.ingressClassResource.name, ingress.spec.ingressClassName, 'the Ingress class the chart uses');
  const [values] = readYamlFile(path.join(root, 'charts', 'healthsync', 'values.yaml'));
  assert.equal(installedIn(nginx), values.networkPolicy.ingressNamespace, 'the namespace the NetworkPolicy admits');
  const canary = objects.find((o) => o.kind === 'Canary');
  const flagger = releases.find((r) => r.spec.chart.spec.chart === 'flagger');
  assert.ok(flagger, 'Flagger HelmRelease');
  assert.equal(flagger.spec.values.meshProvider, canary.spec.provider, "Flagger runs the canary's provider");
  const [, loadTesterNamespace] = new URL(canary.spec.analysis.webhooks[0].url).hostname.split('.');
  const loadTester = releaseNamed(new URL(canary.spec.analysis.webhooks[0].url).hostname.split('.')[0]);
  assert.ok(loadTester, "the load tester the canary's webhook calls");
  assert.equal(installedIn(loadTester), loadTesterNamespace);
  const prometheusHost = new URL(flagger.spec.values.metricsServer).hostname;
  const prometheus = releases.find((r) => r.spec.chart.spec.chart === 'kube-prometheus-stack');
  assert.ok(prometheus, 'Prometheus HelmRelease');
  assert.equal(
    prometheusHost,
    `${prometheus.spec.values.fullnameOverride}-prometheus.${installedIn(prometheus)}`,
    'Flagger queries the Prometheus Flux installs',
  );
  assert.equal(installedIn(prometheus), values.networkPolicy.monitoringNamespace, 'Prometheus scrapes from the namespace the NetworkPolicy admits');
  assert.equal(prometheus.spec.values.grafana.sidecar.dashboards.label, values.metrics.grafanaDashboard.label, "Grafana picks up the chart's dashboard");
});

test('when the sidecars export traces, then the collector at their OTLP endpoint exists and exports with the App Insights connection string from Key Vault', () => {
  const [gateway] = readYamlFile(path.join(root, 'dapr', 'azure', 'gateway.yaml'));
  const [host, port] = gateway.spec.tracing.otel.endpointAddress.split(':');
  const [service, namespace] = host.split('.');
  const collector = releases.find((r) => r.spec.chart.spec.chart === 'opentelemetry-collector');
  assert.ok(collector, 'OpenTelemetry collector HelmRelease');
  assert.equal(collector.spec.values.fullnameOverride, service);
  assert.equal(installedIn(collector), namespace);
  assert.equal(String(collector.spec.values.ports.otlp.servicePort), port);
  const config = collector.spec.values.config;
  assert.ok(config.receivers.otlp.protocols.grpc, 'an OTLP gRPC receiver');
  assert.ok(config.service.pipelines.traces.exporters.includes('azuremonitor'), 'traces go to Application Insights');
  // The connection string: env from a Secret that a SecretProviderClass syncs from the Key
  // Vault secret Terraform writes.
  const env = collector.spec.values.extraEnvs.find((e) => /APPLICATIONINSIGHTS_CONNECTION_STRING/.test(e.name));
  const secretName = env.valueFrom.secretKeyRef.name;
  const spc = objects.find(
    (o) => o.kind === 'SecretProviderClass' && o.metadata.namespace === namespace && o.spec.secretObjects.some((s) => s.secretName === secretName),
  );
  assert.ok(spc, `a SecretProviderClass syncs Secret ${secretName}`);
  const objectName = spc.spec.secretObjects.find((s) => s.secretName === secretName).data[0].objectName;
  const managed = terraform()['environments/prod'].module.keyvault.managed_secret_names;
  assert.ok(managed.includes(objectName), `Terraform writes Key Vault secret ${objectName}`);
  assert.ok(
    collector.spec.values.extraVolumes.some((v) => v.csi?.volumeAttributes?.secretProviderClass === spc.metadata.name),
    'the collector mounts it (the sync needs a mounting pod)',
  );
  assert.match(
    terraform()['environments/prod'].resource.azurerm_role_assignment.addon_secret_reader.for_each,
    new RegExp(objectName),
    'the add-on identity may read it',
  );
});

test("when Application Gateway connects over HTTPS, then NGINX serves the API host's certificate synced from Key Vault", () => {
  const nginx = releases.find((r) => r.spec.chart.spec.chart === 'ingress-nginx');
  const [namespace, secret] = nginx.spec.values.controller.extraArgs['default-ssl-certificate'].split('/');
  const spc = objects.find(
    (o) =>
      o.kind === 'SecretProviderClass' &&
      o.metadata.namespace === namespace &&
      o.spec.secretObjects.some((s) => s.secretName === secret && s.type === 'kubernetes.io/tls'),
  );
  assert.ok(spc, `Secret ${namespace}/${secret} is synced from Key Vault`);
  assert.ok(
    nginx.spec.values.controller.extraVolumes.some((v) => v.csi?.volumeAttributes?.secretProviderClass === spc.metadata.name),
    'the controller mounts it',
  );
  assert.equal(
    nginx.spec.values.controller.service.annotations['service.beta.kubernetes.io/azure-load-balancer-internal'],
    'true',
    "an internal load balancer (Application Gateway's back end)",
  );
});
