// A Kubernetes control plane for the deployment checks, on loopback, from binaries built from
// the Go module proxy (tools/kube, tools/dapr): etcd and kube-apiserver with certificates made
// at start, the Dapr CRDs from the Dapr module daprd is built from, and Dapr's Sentry, operator
// and sidecar injector as local processes. The injector is a real MutatingWebhookConfiguration
// the API server calls. Nothing here imitates a Kubernetes or Dapr part; what is not run (no
// kubelet, controllers or scheduler) is said in docs/reference/kube-check.md.
import { execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import path from 'node:path';

export const CONTROL_PLANE_NAMESPACE = 'dapr-system';
const TRUST_DOMAIN = 'cluster.local';
const SENTRY_ID = `spiffe://${TRUST_DOMAIN}/ns/${CONTROL_PLANE_NAMESPACE}/dapr-sentry`;
/** The sidecar image the injector writes into pods (never pulled here). */
export const SIDECAR_IMAGE = 'ghcr.io/dapr/daprd:1.18.3';
// Service IPs from a loopback block: the API server calls the injector's Service at its
// cluster IP, which on Linux reaches the injector listening on this machine.
const SERVICE_CIDR = '127.0.64.0/20';
const INJECTOR_CLUSTER_IP = '127.0.64.10';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function openssl(args, cwd) {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * A CA, the API server's serving certificate (127.0.0.1, localhost and the in-cluster names),
 * an admin client certificate (group system:masters) and the service-account signing key pair.
 */
function makeCertificates(dir) {
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl(
    [
      'req',
      '-x509',
      ...ecKey,
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '1',
      '-subj',
      '/CN=healthsync-check-ca',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  openssl(
    [
      'req',
      '-x509',
      ...ecKey,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-keyout',
      'apiserver.key',
      '-out',
      'apiserver.crt',
      '-days',
      '1',
      '-subj',
      '/CN=kube-apiserver',
      '-addext',
      'basicConstraints=critical,CA:FALSE',
      '-addext',
      'extendedKeyUsage=serverAuth',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local',
    ],
    dir,
  );
  openssl(
    [
      'req',
      '-x509',
      ...ecKey,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-keyout',
      'admin.key',
      '-out',
      'admin.crt',
      '-days',
      '1',
      '-subj',
      '/O=system:masters/CN=healthsync-check-admin',
      '-addext',
      'basicConstraints=critical,CA:FALSE',
      '-addext',
      'extendedKeyUsage=clientAuth',
    ],
    dir,
  );
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(path.join(dir, 'sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  fs.writeFileSync(path.join(dir, 'sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
}

/** Starts a process with its output in a log file; `stop()` ends it (SIGTERM, then SIGKILL). */
// Dapr's control plane refuses to run as root in Kubernetes mode, as in its pods: run as
// nobody when the check runs as root.
const NOBODY = 65534;
const dropRoot = process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {};

export function startProcess(name, command, args, { dir, env = {}, nonRoot = false }) {
  const logFile = path.join(dir, `${name}.log`);
  const out = fs.openSync(logFile, 'a');
  const child = spawn(command, args, { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', out, out], ...(nonRoot ? dropRoot : {}) });
  fs.closeSync(out);
  let exited = false;
  child.on('exit', () => (exited = true));
  return {
    name,
    logFile,
    get exited() {
      return exited;
    },
    log: () => fs.readFileSync(logFile, 'utf8'),
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      for (let i = 0; i < 50 && !exited; i += 1) await sleep(100);
      if (!exited) child.kill('SIGKILL');
    },
  };
}

export async function waitFor(what, check, { timeoutMs = 60_000, process: proc } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (proc?.exited) throw new Error(`${proc.name} exited while waiting for ${what}:\n${proc.log().slice(-4000)}`);
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (${last.message})` : ''}${proc ? `\n${proc.log().slice(-4000)}` : ''}`);
}

const httpOk = (url) =>
  new Promise((resolve) => {
    http
      .get(url, (res) => {
        res.resume();
        resolve(res.statusCode >= 200 && res.statusCode < 300);
      })
      .on('error', () => resolve(false));
  });

/** A client for the API server with the admin certificate. */
function apiClient(port, dir) {
  const agent = new https.Agent({
    ca: fs.readFileSync(path.join(dir, 'ca.crt')),
    cert: fs.readFileSync(path.join(dir, 'admin.crt')),
    key: fs.readFileSync(path.join(dir, 'admin.key')),
    keepAlive: true,
  });
  const request = (method, urlPath, body, headers = {}) =>
    new Promise((resolve, reject) => {
      const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      const req = https.request(
        {
          host: '127.0.0.1',
          port,
          method,
          path: urlPath,
          agent,
          headers: {
            accept: 'application/json',
            ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}),
            ...headers,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => {
            let json;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode, json, text });
          });
        },
      );
      req.on('error', reject);
      if (data) req.write(data);
      req.end();
    });
  const must = async (method, urlPath, body, headers) => {
    const res = await request(method, urlPath, body, headers);
    if (res.status >= 300) throw new Error(`${method} ${urlPath}: ${res.status} ${res.text.slice(0, 2000)}`);
    return res.json;
  };
  return { request, must, close: () => agent.destroy() };
}

/**
 * The REST path of a kind (from the API server's discovery): resource name and whether it is
 * namespaced, for `apiVersion`/`kind`.
 */
export function resourcePaths(api) {
  const cache = new Map();
  return async (apiVersion, kind) => {
    if (!cache.has(apiVersion)) {
      const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      const list = await api.must('GET', base);
      cache.set(apiVersion, { base, resources: list.resources.filter((r) => !r.name.includes('/')) });
    }
    const { base, resources } = cache.get(apiVersion);
    const resource = resources.find((r) => r.kind === kind);
    if (!resource) throw new Error(`the API server serves no ${kind} in ${apiVersion}`);
    return {
      collection: (namespace) => (resource.namespaced ? `${base}/namespaces/${namespace}/${resource.name}` : `${base}/${resource.name}`),
      namespaced: resource.namespaced,
    };
  };
}

/** Every YAML document of a file, as text (the API server parses YAML bodies itself). */
const yamlDocuments = (file) =>
  fs
    .readFileSync(file, 'utf8')
    .split(/^---\s*$/m)
    .filter((doc) => /^\s*kind:/m.test(doc));

/**
 * Starts the control plane. tools: { etcd, apiserver, sentry, operator, injector }; daprDir:
 * the Dapr module's source (its CRDs); ports: kubeCheckPorts. Returns the API client, the
 * kubeconfig path, and stop().
 */
export async function startCluster({ tools, daprDir, ports, dir }) {
  const processes = [];
  const stop = async () => {
    for (const p of processes.reverse()) await p.stop();
  };
  try {
    makeCertificates(dir);
    const file = (name) => path.join(dir, name);
    // The Dapr processes (nobody, see startProcess) read the kubeconfig's certificates and their tokens here.
    fs.chmodSync(dir, 0o755);
    for (const f of ['ca.crt', 'admin.crt', 'admin.key']) fs.chmodSync(file(f), 0o644);

    const etcd = startProcess(
      'etcd',
      tools.etcd,
      [
        '--name',
        'check',
        '--data-dir',
        file('etcd-data'),
        '--log-level',
        'warn',
        '--unsafe-no-fsync',
        '--listen-client-urls',
        `http://127.0.0.1:${ports.etcdClient}`,
        '--advertise-client-urls',
        `http://127.0.0.1:${ports.etcdClient}`,
        '--listen-peer-urls',
        `http://127.0.0.1:${ports.etcdPeer}`,
        '--initial-advertise-peer-urls',
        `http://127.0.0.1:${ports.etcdPeer}`,
        '--initial-cluster',
        `check=http://127.0.0.1:${ports.etcdPeer}`,
        '--listen-metrics-urls',
        '',
      ],
      { dir },
    );
    processes.push(etcd);
    await waitFor('etcd', () => httpOk(`http://127.0.0.1:${ports.etcdClient}/health`), { process: etcd });

    const apiserver = startProcess(
      'kube-apiserver',
      tools.apiserver,
      [
        '--etcd-servers',
        `http://127.0.0.1:${ports.etcdClient}`,
        '--bind-address',
        '127.0.0.1',
        '--advertise-address',
        '127.0.0.1',
        '--secure-port',
        String(ports.apiserver),
        '--tls-cert-file',
        file('apiserver.crt'),
        '--tls-private-key-file',
        file('apiserver.key'),
        '--client-ca-file',
        file('ca.crt'),
        '--service-account-issuer',
        'https://kubernetes.default.svc.cluster.local',
        '--service-account-key-file',
        file('sa.pub'),
        '--service-account-signing-key-file',
        file('sa.key'),
        '--service-cluster-ip-range',
        SERVICE_CIDR,
        '--endpoint-reconciler-type',
        'none',
        '--authorization-mode',
        'RBAC',
        '--profiling=false',
        '--enable-priority-and-fairness=false',
        '--cert-dir',
        file('apiserver-certs'),
      ],
      { dir },
    );
    processes.push(apiserver);
    const api = apiClient(ports.apiserver, dir);
    await waitFor('kube-apiserver /readyz', async () => (await api.request('GET', '/readyz')).status === 200, { process: apiserver, timeoutMs: 180_000 });

    const kubeconfig = file('kubeconfig');
    fs.writeFileSync(
      kubeconfig,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': 'check',
        clusters: [{ name: 'check', cluster: { server: `https://127.0.0.1:${ports.apiserver}`, 'certificate-authority': file('ca.crt') } }],
        users: [{ name: 'admin', user: { 'client-certificate': file('admin.crt'), 'client-key': file('admin.key') } }],
        contexts: [{ name: 'check', context: { cluster: 'check', user: 'admin' } }],
      }),
    );

    // The Dapr CRDs, as the Dapr chart of the same release installs them.
    const crdDir = path.join(daprDir, 'charts', 'dapr', 'crds');
    const crdNames = [];
    for (const name of fs
      .readdirSync(crdDir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()) {
      for (const doc of yamlDocuments(path.join(crdDir, name))) {
        const crd = await api.must('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', doc, { 'content-type': 'application/yaml' });
        crdNames.push(crd.metadata.name);
      }
    }
    for (const name of crdNames) {
      await waitFor(`CRD ${name} established`, async () => {
        const crd = await api.must('GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`);
        return crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True');
      });
    }

    // What the Dapr chart creates for its control plane: the namespace, the system
    // configuration (mTLS, the control plane's trust domain and Sentry's address) and the
    // empty trust bundle Secret and ConfigMap Sentry fills with the CA it generates.
    const ns = CONTROL_PLANE_NAMESPACE;
    await api.must('POST', '/api/v1/namespaces', { metadata: { name: ns } });
    await api.must('POST', `/apis/dapr.io/v1alpha1/namespaces/${ns}/configurations`, {
      apiVersion: 'dapr.io/v1alpha1',
      kind: 'Configuration',
      metadata: { name: 'daprsystem', namespace: ns },
      spec: {
        mtls: {
          enabled: true,
          workloadCertTTL: '24h',
          allowedClockSkew: '15m',
          controlPlaneTrustDomain: TRUST_DOMAIN,
          sentryAddress: `127.0.0.1:${ports.sentry}`,
        },
      },
    });
    await api.must('POST', `/api/v1/namespaces/${ns}/secrets`, { metadata: { name: 'dapr-trust-bundle', namespace: ns } });
    await api.must('POST', `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: 'dapr-trust-bundle', namespace: ns } });

    const daprEnv = { NAMESPACE: ns, KUBECONFIG: kubeconfig };
    // Sentry watches this folder even in Kubernetes mode (its CA lives in the Secret).
    fs.mkdirSync(file('sentry-credentials'));
    const sentry = startProcess(
      'sentry',
      tools.sentry,
      [
        '--mode',
        'kubernetes',
        '--kubeconfig',
        kubeconfig,
        '--trust-domain',
        TRUST_DOMAIN,
        '--port',
        String(ports.sentry),
        '--listen-address',
        '127.0.0.1',
        '--healthz-port',
        String(ports.sentryHealthz),
        '--healthz-listen-address',
        '127.0.0.1',
        '--metrics-port',
        String(ports.sentryMetrics),
        '--issuer-credentials',
        file('sentry-credentials'),
      ],
      { dir, env: daprEnv, nonRoot: true },
    );
    processes.push(sentry);
    await waitFor('Sentry healthz', () => httpOk(`http://127.0.0.1:${ports.sentryHealthz}/healthz`), { process: sentry, timeoutMs: 90_000 });
    const bundle = await api.must('GET', `/api/v1/namespaces/${ns}/secrets/dapr-trust-bundle`);
    const trustAnchors = Buffer.from(bundle.data['ca.crt'], 'base64');
    fs.writeFileSync(file('dapr-ca.crt'), trustAnchors);

    // The operator and the injector prove who they are to Sentry the Kubernetes way: a
    // service-account token bound to their pod, which Sentry reviews with the API server and
    // checks against the pod's control-plane annotation. Their pods exist as API objects (no
    // kubelet runs them); the processes run here with those pods' tokens.
    const identity = async (service, account) => {
      await api.must('POST', `/api/v1/namespaces/${ns}/serviceaccounts`, { metadata: { name: account, namespace: ns } });
      const pod = await api.must('POST', `/api/v1/namespaces/${ns}/pods`, {
        metadata: { name: account, namespace: ns, annotations: { 'dapr.io/control-plane': service } },
        spec: { serviceAccountName: account, containers: [{ name: service, image: `ghcr.io/dapr/${service}:1.18.3` }] },
      });
      const token = await api.must('POST', `/api/v1/namespaces/${ns}/serviceaccounts/${account}/token`, {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: {
          audiences: [SENTRY_ID],
          expirationSeconds: 3600,
          boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name, uid: pod.metadata.uid },
        },
      });
      const tokenFile = file(`${account}.token`);
      fs.writeFileSync(tokenFile, token.status.token);
      return tokenFile;
    };
    const operatorToken = await identity('operator', 'dapr-operator');
    const injectorToken = await identity('injector', 'dapr-injector');

    const operator = startProcess(
      'dapr-operator',
      tools.operator,
      [
        '--disable-leader-election',
        '--watch-interval',
        '0',
        '--trust-anchors-file',
        file('dapr-ca.crt'),
        '--port',
        String(ports.operator),
        '--listen-address',
        '127.0.0.1',
        '--healthz-port',
        String(ports.operatorHealthz),
        '--healthz-listen-address',
        '127.0.0.1',
        '--metrics-port',
        String(ports.operatorMetrics),
        '--webhook-server-port',
        String(ports.operatorWebhook),
        '--webhook-server-listen-address',
        '127.0.0.1',
      ],
      { dir, env: { ...daprEnv, DAPR_SENTRY_TOKEN_FILE: operatorToken }, nonRoot: true },
    );
    processes.push(operator);

    // The webhook as the Dapr chart registers it, but reaching the injector through a Service
    // whose cluster IP is on loopback; the API server checks the injector's certificate (issued
    // by Sentry for dapr-sidecar-injector.dapr-system.svc) against the caBundle, which the
    // injector itself keeps equal to Sentry's trust anchors.
    await api.must('POST', `/api/v1/namespaces/${ns}/services`, {
      metadata: { name: 'dapr-sidecar-injector', namespace: ns },
      spec: { clusterIP: INJECTOR_CLUSTER_IP, ports: [{ name: 'https', port: ports.injector, targetPort: ports.injector }] },
    });
    await api.must('POST', '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations', {
      metadata: { name: 'dapr-sidecar-injector' },
      webhooks: [
        {
          name: 'sidecar-injector.dapr.io',
          reinvocationPolicy: 'IfNeeded',
          clientConfig: {
            service: { namespace: ns, name: 'dapr-sidecar-injector', path: '/mutate', port: ports.injector },
            caBundle: trustAnchors.toString('base64'),
          },
          rules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], operations: ['CREATE'] }],
          // The Dapr chart's default is Ignore; here a pod the injector cannot see is refused, so
          // no check passes on a pod that was never mutated.
          failurePolicy: 'Fail',
          sideEffects: 'None',
          admissionReviewVersions: ['v1', 'v1beta1'],
        },
      ],
    });
    const injector = startProcess(
      'dapr-injector',
      tools.injector,
      [
        '--kubeconfig',
        kubeconfig,
        '--port',
        String(ports.injector),
        '--healthz-port',
        String(ports.injectorHealthz),
        '--healthz-listen-address',
        '127.0.0.1',
        '--metrics-port',
        String(ports.injectorMetrics),
      ],
      {
        dir,
        nonRoot: true,
        env: {
          ...daprEnv,
          DAPR_SENTRY_TOKEN_FILE: injectorToken,
          DAPR_TRUST_ANCHORS_FILE: file('dapr-ca.crt'),
          DAPR_CONTROL_PLANE_TRUST_DOMAIN: TRUST_DOMAIN,
          DAPR_SENTRY_ADDRESS: `127.0.0.1:${ports.sentry}`,
          SIDECAR_IMAGE,
          SIDECAR_IMAGE_PULL_POLICY: 'IfNotPresent',
          KUBE_CLUSTER_DOMAIN: 'cluster.local',
          // The Dapr chart's defaults for the sidecar's security context.
          SIDECAR_RUN_AS_NON_ROOT: 'true',
          SIDECAR_READ_ONLY_ROOT_FILESYSTEM: 'true',
          SIDECAR_DROP_ALL_CAPABILITIES: 'false',
        },
      },
    );
    processes.push(injector);
    await waitFor('operator healthz', () => httpOk(`http://127.0.0.1:${ports.operatorHealthz}/healthz`), { process: operator, timeoutMs: 90_000 });
    await waitFor('injector healthz', () => httpOk(`http://127.0.0.1:${ports.injectorHealthz}/healthz`), { process: injector, timeoutMs: 90_000 });

    return {
      api,
      kubeconfig,
      dir,
      // Processes pushed here are stopped with the rest.
      processes,
      stop: async () => {
        api.close();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
