// Tools and offline data for the deployment checks (node scripts/check-deploy.mjs): helm,
// kubeconform, OpenTofu and the azurerm provider built from the Go module proxy through the
// wrapper modules in tools/ (by ensureGoBuild in setup-steps.mjs, cached like the Dapr
// binaries), Kubernetes JSON schemas from PyPI's kubernetes-validate (in a venv
// under .tools/), and the Dapr CRD schemas from the Dapr module the runtime is built from.
// Nothing is downloaded at run time except through the Go module proxy and PyPI.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fail, log } from './log.mjs';
import { root, toolsDir } from './paths.mjs';
import { ensureGoBuild, goEnv } from './setup-steps.mjs';

export const deployToolsDir = path.join(toolsDir, 'deploy');
export const binDir = path.join(toolsDir, 'bin');

/** The azurerm provider's version as the wrapper pins it (tools/tofu/azurerm/go.mod). */
export const AZURERM_VERSION = '5.2.0';
/** kubernetes-validate release whose bundled schemas the chart is validated against. */
export const KUBERNETES_VALIDATE_VERSION = '1.37.0';
/** python-hcl2 release the checks read the Terraform files with (HCL to JSON). */
export const PYTHON_HCL2_VERSION = '8.1.4';

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) fail(`${command} could not be started: ${result.error.message}`);
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
}

function output(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Where tofu finds the locally built provider (`tofu init -plugin-dir`). */
export const tofuPluginDir = path.join(deployToolsDir, 'tofu-plugins');
const azurermBinary = path.join(
  tofuPluginDir,
  'registry.opentofu.org',
  'hashicorp',
  'azurerm',
  AZURERM_VERSION,
  'linux_amd64',
  `terraform-provider-azurerm_v${AZURERM_VERSION}`,
);

export const deployTools = {
  helm: path.join(binDir, 'helm'),
  kubeconform: path.join(binDir, 'kubeconform'),
  tofu: path.join(binDir, 'tofu'),
  azurerm: azurermBinary,
};

/** The Kubernetes release the chart is installed on (tools/kube pins it, with etcd). */
export const KUBERNETES_VERSION = '1.37.2';
const kubeStamp = ['gitVersion=v1.37.2', 'gitMajor=1', 'gitMinor=37', 'gitTreeState=clean']
  .flatMap((v) => [`-X k8s.io/component-base/version.${v}`, `-X k8s.io/client-go/pkg/version.${v}`])
  .join(' ');

/** The control plane the kube check runs: API server and etcd, and Dapr's operator and injector. */
export const kubeTools = {
  apiserver: path.join(binDir, 'kube-apiserver'),
  etcd: path.join(binDir, 'etcd'),
  operator: path.join(binDir, 'dapr-operator'),
  injector: path.join(binDir, 'dapr-injector'),
  controllerManager: path.join(binDir, 'kube-controller-manager'),
  scheduler: path.join(binDir, 'kube-scheduler'),
  kwok: path.join(binDir, 'kwok'),
};
/** kwok's module, for its Stage definitions (how simulated nodes and pods change state). */
export const KWOK_MODULE = 'sigs.k8s.io/kwok@v0.8.0';

const BUILDS = [
  {
    name: 'helm 3.22.0',
    module: 'tools/helm',
    packages: ['helm.sh/helm/v3/cmd/helm'],
    ldflags: '-s -w -X helm.sh/helm/v3/internal/version.version=v3.22.0 -X helm.sh/helm/v3/internal/version.gitTreeState=clean',
    outputs: [deployTools.helm],
  },
  {
    name: 'kubeconform 0.8.0',
    module: 'tools/kubeconform',
    packages: ['github.com/yannh/kubeconform/cmd/kubeconform'],
    ldflags: '-s -w -X main.version=v0.8.0',
    outputs: [deployTools.kubeconform],
  },
  {
    name: 'OpenTofu 1.12.6',
    module: 'tools/tofu',
    packages: ['github.com/opentofu/opentofu/cmd/tofu'],
    ldflags: '-s -w -X github.com/opentofu/opentofu/version.dev=no',
    outputs: [deployTools.tofu],
  },
  {
    name: `azurerm provider ${AZURERM_VERSION}`,
    module: 'tools/tofu/azurerm',
    packages: ['github.com/hashicorp/terraform-provider-azurerm'],
    ldflags: `-s -w -X github.com/hashicorp/terraform-provider-azurerm/version.ProviderVersion=${AZURERM_VERSION}`,
    rename: { 'terraform-provider-azurerm': path.basename(azurermBinary) },
    outputs: [deployTools.azurerm],
  },
  {
    name: `kube-apiserver ${KUBERNETES_VERSION} and etcd 3.7.0`,
    module: 'tools/kube',
    packages: ['k8s.io/kubernetes/cmd/kube-apiserver', 'go.etcd.io/etcd/server/v3'],
    ldflags: `-s -w ${kubeStamp} -X go.etcd.io/etcd/api/v3/version.GitSHA=v3.7.0`,
    // The etcd server module's main package is its root (go.etcd.io/etcd/server/v3): go build
    // names the binary after the last path element before the major version, `server`.
    rename: { server: 'etcd' },
    outputs: [kubeTools.apiserver, kubeTools.etcd],
    // Measured on a quiet 2-core machine, and on one shared with other builds (2181 packages).
    usual: 'about 5 min (15 when the machine is busy)',
  },
  {
    name: `kube-controller-manager and kube-scheduler ${KUBERNETES_VERSION}`,
    module: 'tools/kube',
    cacheName: 'kube-controllers',
    packages: ['k8s.io/kubernetes/cmd/kube-controller-manager', 'k8s.io/kubernetes/cmd/kube-scheduler'],
    ldflags: `-s -w ${kubeStamp}`,
    outputs: [kubeTools.controllerManager, kubeTools.scheduler],
    // Measured after the API server's build (364 more packages).
    usual: 'about 5 min after kube-apiserver',
  },
  {
    name: 'kwok 0.8.0',
    module: 'tools/kwok',
    packages: ['sigs.k8s.io/kwok/cmd/kwok'],
    ldflags: '-s -w',
    outputs: [kubeTools.kwok],
    usual: 'about 4 min after kube-apiserver',
  },
  {
    // From the same wrapper module and release as daprd (its own cache entry beside daprd's).
    name: 'dapr operator and sidecar injector 1.18.3',
    module: 'tools/dapr',
    cacheName: 'dapr-control-plane',
    packages: ['github.com/dapr/dapr/cmd/operator', 'github.com/dapr/dapr/cmd/injector'],
    ldflags:
      '-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=1.18.3 -X github.com/dapr/dapr/pkg/buildinfo.gitversion=v1.18.3 ' +
      '-X github.com/dapr/dapr/pkg/buildinfo.gitcommit=2dcf2e35 -X github.com/dapr/kit/logger.DaprVersion=1.18.3',
    rename: { operator: 'dapr-operator', injector: 'dapr-injector' },
    outputs: [kubeTools.operator, kubeTools.injector],
    // After daprd's build most packages come from Go's build cache.
    usual: 'about 1 min after daprd',
  },
];

/**
 * Builds (or copies from the cache) helm, kubeconform, tofu and the azurerm provider, and the
 * control-plane tools. Returns the names of the tools it had to build or copy (none when warm).
 */
export async function ensureDeployTools() {
  const prepared = [];
  for (const build of BUILDS) if ((await ensureGoBuild(build)) !== 'present') prepared.push(build.name);
  return prepared;
}

/**
 * A Python venv under .tools with kubernetes-validate (its bundled Kubernetes schemas),
 * PyYAML (its dependency; the checks parse YAML with it) and python-hcl2 (the checks read the
 * Terraform files as data with it). Returns the venv's python and whether it was installed now.
 */
export function ensureSchemaVenv() {
  const venv = path.join(deployToolsDir, 'venv');
  const python = path.join(venv, 'bin', 'python');
  const stamp = path.join(venv, '.stamp');
  const want = `kubernetes-validate==${KUBERNETES_VALIDATE_VERSION} python-hcl2==${PYTHON_HCL2_VERSION}`;
  if (fs.existsSync(python) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) {
    log.step(`Kubernetes schemas: ${want} installed`);
    return { python, installed: false };
  }
  const system = ['python3', 'python'].find((p) => output(p, ['--version']) !== undefined);
  if (!system) fail('Python 3 is needed for the Kubernetes schemas (PyPI kubernetes-validate).');
  log.step(`Kubernetes schemas: installing ${want} from PyPI into ${path.relative(root, venv)}`);
  fs.rmSync(venv, { recursive: true, force: true });
  run(system, ['-m', 'venv', venv]);
  run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...want.split(' ')]);
  fs.writeFileSync(stamp, want);
  return { python, installed: true };
}

/** Directory of kubernetes-validate's schemas for one Kubernetes version (x.y.z). */
export function bundledSchemaDir(python, kubernetesVersion) {
  const pkg = output(python, ['-c', 'import kubernetes_validate, os; print(os.path.dirname(kubernetes_validate.__file__))']);
  if (!pkg) fail('kubernetes-validate is not importable from the venv.');
  const dir = path.join(pkg, 'kubernetes-json-schema', `v${kubernetesVersion}-local-strict`);
  if (!fs.existsSync(dir)) fail(`kubernetes-validate ${KUBERNETES_VALIDATE_VERSION} has no schemas for Kubernetes ${kubernetesVersion}.`);
  return dir;
}

/** A module's source in the Go module cache, at the version tools/dapr builds daprd with. */
function daprBuildModuleDir(module) {
  const json = output('go', ['mod', 'download', '-json', module], { cwd: path.join(root, 'tools', 'dapr'), env: goEnv() });
  const dir = json ? JSON.parse(json).Dir : undefined;
  if (!dir || !fs.existsSync(dir)) fail(`${module} (tools/dapr) is not in the Go module cache; run \`npm run setup\` first.`);
  return dir;
}

/** The Dapr runtime module's source (the one tools/dapr builds daprd from), for its CRDs and injector. */
export const daprModuleDir = () => daprBuildModuleDir('github.com/dapr/dapr');
/** components-contrib as daprd is built with it: each component's metadata.yaml (fields, allowed values). */
export const contribModuleDir = () => daprBuildModuleDir('github.com/dapr/components-contrib');

/**
 * Standalone JSON schemas in kubeconform's layout: kubernetes-validate's per-kind files
 * reference a shared `_definitions.json` by an absolute URL (https://kubernetes.io/api/...),
 * which kubeconform would try to download. Each kind's file gets the definitions it needs
 * inlined instead (`#/$defs/...`). Only the kinds asked for are written.
 */
export function writeStandaloneSchemas(bundledDir, outDir, kinds) {
  const definitions = JSON.parse(fs.readFileSync(path.join(bundledDir, '_definitions.json'), 'utf8')).$defs;
  const prefix = '/api/_definitions.json#/$defs/';
  fs.mkdirSync(outDir, { recursive: true });
  const written = [];
  for (const { kind, apiVersion } of kinds) {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    const groupPart = group ? `-${group.split('.')[0]}` : '';
    const file = `${kind.toLowerCase()}${groupPart}-${version}.json`;
    const source = path.join(bundledDir, file);
    if (!fs.existsSync(source)) continue;
    const schema = JSON.parse(fs.readFileSync(source, 'utf8'));
    const needed = new Map();
    const rewrite = (node) => {
      if (Array.isArray(node)) return node.map(rewrite);
      if (node && typeof node === 'object') {
        const out = {};
        for (const [k, v] of Object.entries(node)) {
          // The kind's file points into _definitions.json by URL; the definitions point at
          // each other by fragment. Both become fragments of this file.
          const local = '#/$defs/';
          if (k === '$ref' && typeof v === 'string' && (v.startsWith(prefix) || v.startsWith(local))) {
            const name = v.slice(v.startsWith(prefix) ? prefix.length : local.length);
            if (!(name in definitions)) throw new Error(`${file}: unknown definition ${name}`);
            if (!needed.has(name)) {
              needed.set(name, null);
              needed.set(name, rewrite(definitions[name]));
            }
            out[k] = `#/$defs/${name}`;
          } else {
            out[k] = rewrite(v);
          }
        }
        return out;
      }
      return node;
    };
    const standalone = rewrite(schema);
    delete standalone.$id;
    standalone.$defs = Object.fromEntries(needed);
    fs.writeFileSync(path.join(outDir, file), JSON.stringify(standalone));
    written.push(file);
  }
  return written;
}

/**
 * JSON schemas for the Dapr custom resources (Component, Configuration, Resiliency,
 * Subscription) from the CRDs in the Dapr module, in the same layout. The CRDs' OpenAPI
 * schemas are made strict (no unknown fields) where they declare properties.
 */
export function writeDaprSchemas(python, daprDir, outDir) {
  const crds = ['components.yaml', 'configuration.yaml', 'resiliency.yaml', 'subscription.yaml'].map((f) => path.join(daprDir, 'charts', 'dapr', 'crds', f));
  const script = `
import json, sys, yaml, os
out = sys.argv[1]
def strict(node):
    if isinstance(node, dict):
        if node.get('type') == 'object' and 'properties' in node and 'additionalProperties' not in node and not node.get('x-kubernetes-preserve-unknown-fields'):
            node['additionalProperties'] = False
        for value in node.values():
            strict(value)
    elif isinstance(node, list):
        for value in node:
            strict(value)
    return node
written = []
for path in sys.argv[2:]:
    for doc in yaml.safe_load_all(open(path)):
        if not doc or doc.get('kind') != 'CustomResourceDefinition':
            continue
        kind = doc['spec']['names']['kind'].lower()
        group = doc['spec']['group'].split('.')[0]
        for version in doc['spec']['versions']:
            schema = strict(version['schema']['openAPIV3Schema'])
            props = schema.setdefault('properties', {})
            props['apiVersion'] = {'type': 'string', 'enum': [doc['spec']['group'] + '/' + version['name']]}
            props['kind'] = {'type': 'string', 'enum': [doc['spec']['names']['kind']]}
            name = f"{kind}-{group}-{version['name']}.json"
            json.dump(schema, open(os.path.join(out, name), 'w'))
            written.append(name)
print(json.dumps(written))
`;
  fs.mkdirSync(outDir, { recursive: true });
  const result = spawnSync(python, ['-c', script, outDir, ...crds], { encoding: 'utf8' });
  if (result.status !== 0) fail(`could not convert the Dapr CRDs: ${result.stderr}`);
  return JSON.parse(result.stdout);
}
