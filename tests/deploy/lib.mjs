// Shared helpers of the deployment checks (tests/deploy/*.test.mjs). They run under
// `node scripts/check-deploy.mjs`, which builds the tools first and passes their paths in
// HEALTHSYNC_DEPLOY_ENV (a JSON file).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const APPS = ['gateway', 'user', 'health', 'goal', 'intelligence', 'batch', 'usage-analytics'];
/** Apps written in Python (services/<app>/<package>/*.py, requirements.txt) rather than TypeScript. */
export const PYTHON_APPS = ['usage-analytics'];
/** App ids that exist only for the local platform tests (tests/support/probe-app.ts). */
export const TEST_ONLY_APPS = ['platform-probe'];
export const NAMESPACE = 'healthsync';

let cachedEnv;
export function deployEnv() {
  if (cachedEnv) return cachedEnv;
  const file = process.env.HEALTHSYNC_DEPLOY_ENV;
  if (!file || !fs.existsSync(file)) throw new Error('Run these checks through `node scripts/check-deploy.mjs` (it builds the tools they use).');
  cachedEnv = JSON.parse(fs.readFileSync(file, 'utf8'));
  return cachedEnv;
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', cwd: root, maxBuffer: 256 * 1024 * 1024, ...options });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** Every YAML document in the given files (or in `text`), parsed strictly (no duplicate keys). */
export function parseYaml({ files = [], text } = {}) {
  const args = [path.join(root, 'tests', 'deploy', 'yaml_to_json.py'), ...(text === undefined ? files : ['-'])];
  const result = run(deployEnv().python, args, text === undefined ? {} : { input: text });
  if (result.status !== 0) throw new Error(`YAML parse failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

export const readYamlFile = (file) => parseYaml({ files: [file] }).map((d) => d.doc);

export function listFiles(dir, suffix = '.yaml') {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Components in a directory, by name. */
export function componentsIn(dir) {
  const out = new Map();
  for (const file of listFiles(dir)) {
    for (const doc of readYamlFile(file)) {
      if (doc.kind === 'Component') out.set(doc.metadata.name, { ...doc, file: path.relative(root, file) });
    }
  }
  return out;
}

export const secretRefsOf = (component) =>
  (component.spec.metadata ?? [])
    .filter((m) => m.secretKeyRef)
    .map((m) => `${m.name}=${m.secretKeyRef.name}/${m.secretKeyRef.key}`)
    .sort();

export const metadataValue = (component, name) => (component.spec.metadata ?? []).find((m) => m.name === name)?.value;

/** The Kubernetes version AKS runs (infra-terraform): the chart is validated against its schemas. */
export function aksKubernetesVersion() {
  const text = fs.readFileSync(path.join(root, 'infra-terraform', 'environments', 'prod', 'variables.tf'), 'utf8');
  const match = /variable "kubernetes_version" \{[^}]*default\s*=\s*"(\d+\.\d+)"/s.exec(text);
  if (!match) throw new Error('kubernetes_version default not found in infra-terraform/environments/prod/variables.tf');
  return `${match[1]}.0`;
}

const renders = new Map();
/** `helm template` of the chart with the given values files (cached per set), parsed. */
export function renderChart(valuesFiles = []) {
  const key = valuesFiles.join(',');
  if (renders.has(key)) return renders.get(key);
  const args = ['template', 'hs', path.join(root, 'charts', 'healthsync'), '--namespace', NAMESPACE, '--kube-version', aksKubernetesVersion()];
  for (const file of valuesFiles) args.push('--values', path.resolve(root, file));
  const result = run(deployEnv().helm, args);
  if (result.status !== 0) throw new Error(`helm template failed:\n${result.stderr}`);
  const rendered = { text: result.stdout, objects: parseYaml({ text: result.stdout }).map((d) => d.doc) };
  renders.set(key, rendered);
  return rendered;
}

export const byKind = (objects, kind) => objects.filter((o) => o.kind === kind);
export const find = (objects, kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name);

/** Structural equality with a readable first difference (path), for assertion messages. */
export function firstDifference(a, b, at = '') {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return `${at || '(root)'}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${at}: array vs object`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const diff = firstDifference(a[key], b[key], `${at}.${key}`);
    if (diff) return diff;
  }
  return undefined;
}

// -- Production render ---------------------------------------------------------------------------

const fluxDir = path.join(root, 'deploy', 'flux');
function yamlFilesUnder(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFilesUnder(full));
    else if (entry.name.endsWith('.yaml')) out.push(full);
  }
  return out.sort();
}
/** Every object of the Flux manifests under deploy/flux. */
export const fluxObjects = () => yamlFilesUnder(fluxDir).flatMap((file) => readYamlFile(file).map((doc) => ({ ...doc, file: path.relative(root, file) })));

/**
 * The values files Flux gives the chart in production, in Flux's order: the HelmRelease's
 * valuesFiles, then each valuesFrom ConfigMap's key. A ConfigMap kept in Git is taken from
 * deploy/flux; one created outside Git (the environment's ids, from `tofu output`) from
 * tests/deploy/fixtures/<name>.yaml, which stands in for it.
 */
export function productionValuesFiles() {
  const objects = fluxObjects();
  const release = objects.find((o) => o.kind === 'HelmRelease' && o.metadata.name === 'healthsync');
  if (!release) throw new Error('deploy/flux has no HelmRelease healthsync');
  const files = release.spec.chart.spec.valuesFiles.map((f) => path.normalize(f));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'healthsync-values-'));
  for (const ref of release.spec.valuesFrom ?? []) {
    if (ref.kind !== 'ConfigMap') throw new Error(`valuesFrom ${ref.kind} is not handled by the checks`);
    const inGit = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === ref.name);
    const fixture = path.join(root, 'tests', 'deploy', 'fixtures', `${ref.name}.yaml`);
    if (inGit) {
      const file = path.join(dir, `${ref.name}.yaml`);
      fs.writeFileSync(file, inGit.data[ref.valuesKey ?? 'values.yaml']);
      files.push(file);
    } else if (fs.existsSync(fixture)) {
      files.push(path.relative(root, fixture));
    } else if (!ref.optional) {
      throw new Error(`valuesFrom ConfigMap ${ref.name} is neither in deploy/flux nor a fixture`);
    }
  }
  return files;
}

/** The chart as Flux renders it in production (see productionValuesFiles). */
export const renderProduction = () => renderChart(productionValuesFiles());

// -- Kubernetes semantics the checks need ----------------------------------------------------------

/** Whether a label selector (matchLabels + matchExpressions) selects these labels. */
export function selects(selector, labels = {}) {
  if (!selector) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (labels[key] !== value) return false;
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, key);
    if (operator === 'In' && !(has && values.includes(labels[key]))) return false;
    if (operator === 'NotIn' && has && values.includes(labels[key])) return false;
    if (operator === 'Exists' && !has) return false;
    if (operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/**
 * Whether the NetworkPolicies let a connection in: to a pod (labels, namespace, named
 * container ports) on `port`, from a pod with `from.podLabels` in a namespace with
 * `from.namespaceLabels`. Kubernetes' rules: a pod no Ingress policy selects admits all; else
 * some rule of a selecting policy must match both peer and port.
 */
export function admits(policies, target, from, port) {
  const selecting = policies.filter(
    (p) => p.metadata.namespace === target.namespace && (p.spec.policyTypes ?? ['Ingress']).includes('Ingress') && selects(p.spec.podSelector, target.labels),
  );
  if (selecting.length === 0) return true;
  const samePodNamespace = from.namespaceLabels['kubernetes.io/metadata.name'] === target.namespace;
  const peerMatches = (peer) => {
    if (peer.ipBlock) return false;
    const namespaceOk = peer.namespaceSelector ? selects(peer.namespaceSelector, from.namespaceLabels) : samePodNamespace;
    const podOk = peer.podSelector ? selects(peer.podSelector, from.podLabels) : true;
    return namespaceOk && podOk;
  };
  const portMatches = (p) => {
    if (p.port === undefined) return true;
    const number = typeof p.port === 'number' ? p.port : target.namedPorts?.[p.port];
    return number === port;
  };
  return selecting.some((p) =>
    (p.spec.ingress ?? []).some((rule) => (!rule.from || rule.from.some(peerMatches)) && (!rule.ports || rule.ports.some(portMatches))),
  );
}

/** A pod of a Deployment as the NetworkPolicy checks see it. */
export function podOf(deployment) {
  const namedPorts = {};
  for (const c of deployment.spec.template.spec.containers) for (const p of c.ports ?? []) if (p.name) namedPorts[p.name] = p.containerPort;
  return { namespace: deployment.metadata.namespace, labels: deployment.spec.template.metadata.labels, namedPorts };
}

/**
 * The primary Deployment Flagger creates from a canary's target: named `<name>-primary`, and
 * in its selector and pod labels the selector label (app.kubernetes.io/name here) set to
 * `<name>-primary`; every other pod label is copied.
 */
export function flaggerPrimary(deployment, selectorLabel = 'app.kubernetes.io/name') {
  const primary = structuredClone(deployment);
  const name = `${deployment.metadata.name}-primary`;
  primary.metadata.name = name;
  primary.metadata.labels = { ...primary.metadata.labels, [selectorLabel]: name };
  primary.spec.selector.matchLabels = { ...primary.spec.selector.matchLabels, [selectorLabel]: name };
  primary.spec.template.metadata.labels = { ...primary.spec.template.metadata.labels, [selectorLabel]: name };
  return primary;
}

// -- Terraform as data -------------------------------------------------------------------------------

let terraformModel;
/**
 * The Terraform configuration parsed (tests/deploy/hcl_to_json.py), keyed by directory
 * relative to infra-terraform: `terraform()['modules/redis'].resource.azurerm_redis_cache.this`.
 */
export function terraform() {
  if (terraformModel) return terraformModel;
  const tfRoot = path.join(root, 'infra-terraform');
  const dirs = [path.join(tfRoot, 'environments', 'prod'), ...fs.readdirSync(path.join(tfRoot, 'modules')).map((m) => path.join(tfRoot, 'modules', m))];
  const result = run(deployEnv().python, [path.join(root, 'tests', 'deploy', 'hcl_to_json.py'), ...dirs]);
  if (result.status !== 0) throw new Error(`HCL parse failed: ${result.stderr}`);
  terraformModel = Object.fromEntries(Object.entries(JSON.parse(result.stdout)).map(([dir, model]) => [path.relative(tfRoot, dir), model]));
  return terraformModel;
}

/** A Terraform variable's default, from a parsed directory. */
export const tfDefault = (model, name) => {
  const variable = model.variable[name];
  if (!variable) throw new Error(`no variable ${name}`);
  return variable.default;
};
