// The production Dapr configuration (dapr/azure): per-app Configuration mirroring the local
// access rules, API allow-lists covering what the code calls, secret scopes, tracing and
// metrics settings, and a Resiliency spec with the properties the issue asks for.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { codeUsage } from './code-usage.mjs';
import { APPS, NAMESPACE, componentsIn, metadataValue, readYamlFile, root, terraform } from './lib.mjs';

const configOf = (set, app) => readYamlFile(path.join(root, 'dapr', set, `${app}.yaml`)).find((d) => d.kind === 'Configuration');
const resiliency = readYamlFile(path.join(root, 'dapr', 'azure', 'resiliency.yaml')).find((d) => d.kind === 'Resiliency');
const usage = codeUsage();

/** Secrets the code reads locally that production deliberately does not grant, and why. */
const PRODUCTION_SECRET_EXCEPTIONS = {
  // In Azure the health service reaches Blob with its managed identity (BLOB_AUTH=managed-identity).
  health: ['blob-connection-string'],
};

const policyView = (policy) => ({
  appId: policy.appId,
  defaultAction: policy.defaultAction,
  trustDomain: policy.trustDomain,
  operations: (policy.operations ?? []).map((o) => ({ name: o.name, httpVerb: [...o.httpVerb].sort(), action: o.action })),
});

test('when each app is looked up, then dapr/azure has its Configuration under its app id', () => {
  for (const app of APPS) assert.equal(configOf('azure', app)?.metadata.name, app);
});

test('when production access control is compared with local, then the same callers may call the same routes', () => {
  for (const app of APPS) {
    const prod = configOf('azure', app).spec.accessControl;
    const dev = configOf('local', app).spec.accessControl;
    assert.equal(prod.defaultAction, 'deny', `${app}: default deny`);
    assert.equal(prod.trustDomain, dev.trustDomain, `${app}: trust domain`);
    assert.deepEqual((prod.policies ?? []).map(policyView), (dev.policies ?? []).map(policyView), `${app}: policies`);
    for (const policy of prod.policies ?? []) {
      assert.equal(policy.namespace, NAMESPACE, `${app}: policy for ${policy.appId} names the chart's namespace`);
      assert.equal(policy.defaultAction, 'deny', `${app}: policy for ${policy.appId} defaults to deny`);
    }
  }
});

test('when the gateway calls a service, then only public routes (and the OpenAPI fragment) are allowed', () => {
  for (const app of APPS) {
    for (const policy of configOf('azure', app).spec.accessControl.policies ?? []) {
      if (policy.appId !== 'gateway') continue;
      for (const op of policy.operations) {
        assert.ok(op.name.startsWith('/api/') || op.name === '/internal/openapi', `${app} lets the gateway call ${op.name}`);
      }
    }
  }
  const callers = (app) => (configOf('azure', app).spec.accessControl.policies ?? []).map((p) => p.appId).sort();
  assert.deepEqual(callers('health'), ['gateway', 'intelligence']);
  assert.deepEqual(callers('intelligence'), ['batch', 'gateway', 'goal', 'health']);
  assert.deepEqual(callers('goal'), ['batch', 'gateway', 'health']);
  assert.deepEqual(callers('batch'), ['gateway', 'health']);
  // Batch asks the user service only who holds a consent (the bulk query before the morning's AI texts).
  assert.deepEqual(callers('user'), ['batch', 'gateway', 'health', 'intelligence']);
  const batchOnUser = configOf('azure', 'user').spec.accessControl.policies.find((p) => p.appId === 'batch');
  assert.deepEqual(
    batchOnUser.operations.map((o) => [o.name, o.httpVerb]),
    [['/internal/consents/**', ['POST']]],
  );
  assert.deepEqual(callers('gateway'), []);
});

test('when an app calls a Dapr API in its code, then its production sidecar allows that API, over HTTP and gRPC alike', () => {
  for (const app of APPS) {
    const allowed = configOf('azure', app).spec.api.allowed;
    const http = allowed
      .filter((a) => a.protocol === 'http')
      .map((a) => a.name)
      .sort();
    const grpc = allowed
      .filter((a) => a.protocol === 'grpc')
      .map((a) => a.name)
      .sort();
    assert.deepEqual(grpc, http, `${app}: the gRPC list must not be wider or narrower than HTTP`);
    for (const api of usage[app].apis) assert.ok(http.includes(api), `${app} calls the ${api} API, not in api.allowed`);
    for (const entry of allowed) assert.equal(entry.version, 'v1.0', `${app}: ${entry.name} version`);
  }
  // The edge-facing gateway's sidecar serves exactly what its code calls: no secrets, publish or
  // metadata API, here and in the local configuration.
  for (const set of ['azure', 'local']) {
    const gateway = [...new Set(configOf(set, 'gateway').spec.api.allowed.map((a) => a.name))].sort();
    assert.deepEqual(gateway, usage.gateway.apis, `${set}: the gateway sidecar allows only what the gateway calls`);
  }
  assert.deepEqual(usage.gateway.apis, ['invoke', 'state']);
});

test('when an app reads a secret in its code, then its secret scope allows it (locally always, in production unless documented)', () => {
  for (const app of APPS) {
    const scope = (set) => configOf(set, app).spec.secrets.scopes.find((s) => s.storeName === 'secretstore');
    const prod = scope('azure');
    const dev = scope('local');
    assert.equal(prod.defaultAccess, 'deny', `${app}: secrets default deny`);
    for (const secret of usage[app].secrets) {
      assert.ok(dev.allowedSecrets.includes(secret), `${app} reads ${secret}, not allowed in dapr/local/${app}.yaml`);
      if (!(PRODUCTION_SECRET_EXCEPTIONS[app] ?? []).includes(secret)) {
        assert.ok(prod.allowedSecrets.includes(secret), `${app} reads ${secret}, not allowed in dapr/azure/${app}.yaml`);
      }
    }
    for (const secret of prod.allowedSecrets) assert.ok(dev.allowedSecrets.includes(secret), `${app}: production grants ${secret}, which local does not`);
  }
});

test('when mTLS is looked for, then the cluster-wide Dapr control plane enables it', () => {
  const aks = fs.readFileSync(path.join(root, 'infra-terraform', 'modules', 'aks', 'main.tf'), 'utf8');
  assert.match(aks, /"global\.mtls\.enabled"\s*=\s*"true"/);
  for (const app of APPS) assert.equal(configOf('azure', app).spec.mtls, undefined, `${app}: an app-level mtls block would be rejected by the CRD`);
});

test('when the production configurations are read, then tracing goes to OTLP at a low rate and metrics keep low cardinality', () => {
  for (const app of APPS) {
    const spec = configOf('azure', app).spec;
    const rate = Number(spec.tracing.samplingRate);
    assert.ok(rate > 0 && rate <= 0.1, `${app}: sampling rate ${spec.tracing.samplingRate}`);
    assert.ok(spec.tracing.otel?.endpointAddress, `${app}: OTLP endpoint`);
    assert.equal(spec.metrics.enabled, true);
    assert.equal(spec.metrics.http.increasedCardinality, false, `${app}: one series per raw path is off`);
    for (const pattern of spec.metrics.http.pathMatching ?? []) assert.match(pattern, /^\/.*\{\w+\}/, `${app}: ${pattern} folds an id`);
    assert.ok(spec.components.deny.includes('secretstores.local.file'), `${app}: the local file secret store is denied`);
  }
});

test('when the Resiliency spec is read, then every app and component has a timeout and apps a circuit breaker', () => {
  const { targets, policies } = resiliency.spec;
  for (const app of APPS) {
    const target = targets.apps[app];
    assert.ok(target, `no target for app ${app}`);
    assert.ok(policies.timeouts[target.timeout], `${app}: timeout policy`);
    assert.ok(policies.circuitBreakers[target.circuitBreaker], `${app}: circuit breaker`);
    assert.ok(policies.retries[target.retry], `${app}: retry`);
  }
  const azure = componentsIn(path.join(root, 'components', 'azure'));
  for (const [name, component] of azure) {
    if (component.spec.type.startsWith('bindings.cron')) continue;
    const target = targets.components[name];
    assert.ok(target?.outbound?.timeout, `component ${name}: outbound timeout`);
    assert.ok(policies.timeouts[target.outbound.timeout], `component ${name}: timeout policy exists`);
  }
  for (const name of ['events', 'secretstore']) {
    assert.ok(policies.circuitBreakers[targets.components[name].outbound.circuitBreaker], `${name}: circuit breaker (Service Bus / Key Vault)`);
  }
});

test('when retries are read, then they are bounded, exponential for remote calls, and service invocation retries only 429/5xx', () => {
  const { retries } = resiliency.spec.policies;
  for (const [name, retry] of Object.entries(retries)) {
    assert.ok(Number.isInteger(retry.maxRetries) && retry.maxRetries >= 0 && retry.maxRetries <= 10, `${name}: bounded maxRetries`);
  }
  for (const app of APPS) {
    const retry = retries[resiliency.spec.targets.apps[app].retry];
    assert.equal(retry.policy, 'exponential', `${app}: exponential back-off`);
    const codes = retry.matching?.httpStatusCodes?.split(',') ?? [];
    assert.ok(codes.length > 0, `${app}: retries must be limited to listed status codes`);
    for (const code of codes) assert.ok(code === '429' || /^5\d\d(-5\d\d)?$/.test(code), `${app}: retries on ${code}`);
  }
});

/**
 * The longest one policy run can take in daprd: every attempt runs out its timeout (Dapr
 * applies the timeout per attempt) and waits the longest back-off between attempts. An
 * exponential policy waits InitialInterval (0.5 s) × 1.5ⁿ, capped at maxInterval, with up to
 * +50 % jitter, and ignores `duration`; a constant one waits `duration`
 * (docs/reference/dapr-azure-components.md).
 */
function worstCaseSeconds(timeout, retry) {
  const seconds = (d) => {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(d);
    if (!m) throw new Error(`duration ${d}`);
    return Number(m[1]) * { ms: 0.001, s: 1, m: 60 }[m[2]];
  };
  let waited = 0;
  for (let i = 0; i < retry.maxRetries; i++) {
    waited += retry.policy === 'exponential' ? Math.min(0.5 * 1.5 ** i, seconds(retry.maxInterval ?? '60s')) * 1.5 : seconds(retry.duration);
  }
  return (retry.maxRetries + 1) * seconds(timeout) + waited;
}

test("when a message is delivered, then every inbound attempt and back-off ends before Service Bus's handler timeout, so it can reach `dead-letters`", () => {
  const { targets, policies } = resiliency.spec;
  const inbound = targets.components.events.inbound;
  const worst = worstCaseSeconds(policies.timeouts[inbound.timeout], policies.retries[inbound.retry]);
  const handlerTimeout = Number(metadataValue(componentsIn(path.join(root, 'components', 'azure')).get('events'), 'handlerTimeoutInSec'));
  assert.ok(Number.isFinite(handlerTimeout), 'components/azure/events.yaml sets handlerTimeoutInSec');
  assert.ok(
    worst < handlerTimeout,
    `one delivery can take ${worst.toFixed(1)} s (attempts × timeout + back-off), more than the ${handlerTimeout} s handler timeout: Service Bus would redeliver instead of Dapr dead-lettering`,
  );
});

test('when dead letters are produced, then the dead-letter topic exists in Service Bus with a consumer', () => {
  const topics = terraform()['modules/messaging'].variable.topics.default;
  assert.deepEqual(topics['dead-letters'], ['batch']);
});

/** Seconds of a Dapr duration (`500ms`, `20s`, `2m`). */
const durationSeconds = (d) => {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(d);
  if (!m) throw new Error(`duration ${d}`);
  return Number(m[1]) * { ms: 0.001, s: 1, m: 60 }[m[2]];
};

/** A setting's default in a service's config.ts (`NAME: ….default(15_000)`), in ms. */
function configDefaultMs(service, name) {
  const source = fs.readFileSync(path.join(root, 'services', service, 'src', 'config.ts'), 'utf8');
  const match = new RegExp(`${name}:[^\\n]*?(?:default\\(|, )([\\d_]+)\\)`).exec(source);
  if (!match) throw new Error(`no default for ${name} in services/${service}/src/config.ts`);
  return Number(match[1].replaceAll('_', ''));
}

test('when a caller gives up on a service, then no sidecar has sent its request again: every app timeout outlasts the callers’ own deadlines', () => {
  // Dapr retries a timed-out attempt whatever the retry's `matching` lists (a timeout has no
  // status code); a sidecar timeout shorter than the caller's deadline re-sends a request the app
  // may still be working on. The caller's own deadline cancels the sidecar's attempts instead.
  const callers = {
    'gateway UPSTREAM_TIMEOUT_MS': configDefaultMs('gateway', 'UPSTREAM_TIMEOUT_MS'),
    'gateway STREAM_TIMEOUT_MS (intelligence only)': configDefaultMs('gateway', 'STREAM_TIMEOUT_MS'),
    'the services’ invoke default (shared/src/dapr.ts)': 10_000,
    'batch BATCH_AI_TIMEOUT_MS (intelligence only)': configDefaultMs('batch', 'BATCH_AI_TIMEOUT_MS'),
    'batch BATCH_GENERATION_TIMEOUT_MS (intelligence only)': configDefaultMs('batch', 'BATCH_GENERATION_TIMEOUT_MS'),
    'batch BATCH_CONSENT_TIMEOUT_MS (user only)': configDefaultMs('batch', 'BATCH_CONSENT_TIMEOUT_MS'),
  };
  const chart = readYamlFile(path.join(root, 'charts', 'healthsync', 'values.yaml'))[0].dapr.resiliency.spec;
  const specs = {
    'dapr/local/resiliency.yaml': readYamlFile(path.join(root, 'dapr', 'local', 'resiliency.yaml')).find((d) => d.kind === 'Resiliency').spec,
    'dapr/azure/resiliency.yaml': resiliency.spec,
    'charts/healthsync/values.yaml': chart,
  };
  for (const [file, spec] of Object.entries(specs)) {
    for (const app of APPS.filter((a) => spec.targets.apps[a])) {
      const seconds = durationSeconds(spec.policies.timeouts[spec.targets.apps[app].timeout]);
      for (const [caller, ms] of Object.entries(callers)) {
        const only = / \((\w+) only\)$/.exec(caller)?.[1];
        if (only && app !== only) continue;
        assert.ok(
          seconds > ms / 1000,
          `${file}: ${app}'s ${seconds} s timeout fires before ${caller} (${ms / 1000} s): the sidecar would re-send a request still in progress`,
        );
      }
    }
  }
});

/**
 * The shortest time a policy's retries can take: the back-off between attempts (0.5 s × 1.5ⁿ,
 * capped at maxInterval) at its lowest jitter (−50 %); a crashed app refuses at once.
 */
function shortestRetrySeconds(retry) {
  let waited = 0;
  for (let i = 0; i < retry.maxRetries; i++) waited += Math.min(0.5 * 1.5 ** i, durationSeconds(retry.maxInterval ?? '60s')) * 0.5;
  return waited;
}

test('when an app crashes, then its sidecar notices before the delivery retries of a message run out, so the message waits for the restart instead of going to dead letters', () => {
  // An unhealthy app makes daprd close its subscriptions; a delivery that fails after that is
  // left to the broker (redelivered later), one that fails before is published to `dead-letters`.
  const chart = readYamlFile(path.join(root, 'charts', 'healthsync', 'values.yaml'))[0];
  const runFile = readYamlFile(path.join(root, 'dapr.yaml'))[0];
  const local = readYamlFile(path.join(root, 'dapr', 'local', 'resiliency.yaml')).find((d) => d.kind === 'Resiliency').spec;
  const probe = chart.dapr.sidecar.appHealthCheck;
  const cases = {
    'production (chart appHealthCheck, dapr/azure/resiliency.yaml)': {
      detect: probe.intervalSeconds * probe.threshold + probe.timeoutMilliseconds / 1000,
      retry: resiliency.spec.policies.retries[resiliency.spec.targets.components.events.inbound.retry],
    },
    'production (chart appHealthCheck, chart resiliency)': {
      detect: probe.intervalSeconds * probe.threshold + probe.timeoutMilliseconds / 1000,
      retry: chart.dapr.resiliency.spec.policies.retries[chart.dapr.resiliency.spec.targets.components.events.inbound.retry],
    },
    // Dapr's defaults: a probe every 5 s, 3 failures, 500 ms timeout.
    'local (dapr.yaml, dapr/local/resiliency.yaml)': {
      detect: (runFile.common.appHealthProbeInterval ?? 5) * (runFile.common.appHealthThreshold ?? 3) + (runFile.common.appHealthProbeTimeout ?? 500) / 1000,
      retry: local.policies.retries[local.targets.components.events.inbound.retry],
    },
  };
  for (const [where, { detect, retry }] of Object.entries(cases)) {
    const retrying = shortestRetrySeconds(retry);
    assert.ok(detect < retrying, `${where}: the app health check needs up to ${detect} s, the delivery retries may end after ${retrying.toFixed(1)} s`);
  }
  for (const app of runFile.apps) assert.equal(app.enableAppHealthCheck, true, `dapr.yaml: ${app.appID} has its app health check`);
});
