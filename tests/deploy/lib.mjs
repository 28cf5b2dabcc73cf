// Shared helpers of the deployment checks (tests/deploy/*.test.mjs). They run under
// `node scripts/check-deploy.mjs`, which builds the tools first and passes their paths in
// HEALTHSYNC_DEPLOY_ENV (a JSON file).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const APPS = ['gateway', 'user', 'health', 'goal', 'intelligence', 'batch'];
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
  return fs.readdirSync(dir).filter((f) => f.endsWith(suffix)).sort().map((f) => path.join(dir, f));
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
  (component.spec.metadata ?? []).filter((m) => m.secretKeyRef).map((m) => `${m.name}=${m.secretKeyRef.name}/${m.secretKeyRef.key}`).sort();

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
  for (const file of valuesFiles) args.push('--values', path.join(root, file));
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
