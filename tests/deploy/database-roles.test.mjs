// Each service's database credential in production: one PostgreSQL role per service schema,
// whose connection string is a secret of its own that only that service (and the migration
// Job, which sets the role's password from it) may read. Checked where each part is decided:
// the services' code, scripts/lib/databases.mjs (what the migrations create and grant), the
// chart as Flux renders it (secret scopes, the migration Job, the local cluster's Secret
// readers) and the Terraform configuration (the secrets, their passwords, who reads them). That
// the roles really are confined is tried on PostgreSQL by
// services/shared/test/component/database-roles.test.ts.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { DATABASES, databaseSecretName } from '../../scripts/lib/databases.mjs';
import { databaseSecretOf, declaredSchemas } from './code-usage.mjs';
import { APPS, byKind, find, readYamlFile, renderChart, renderProduction, root, terraform } from './lib.mjs';

const SERVICES = Object.keys(DATABASES);
const DATABASE_SECRETS = SERVICES.map(databaseSecretName);
/** Credentials of the whole database: no service may read them. */
const SHARED_SECRETS = ['postgres-admin-url', 'postgres-url'];
const prod = () => terraform()['environments/prod'];

/** The database secrets in a list of secret names, and whether a shared one is there. */
const databaseSecretsIn = (names = []) => names.filter((n) => DATABASE_SECRETS.includes(n) || SHARED_SECRETS.includes(n)).sort();
const own = (app) => (DATABASES[app] ? [databaseSecretName(app)] : []);

test('when a service declares a schema, then the migrations give that schema to a role of its own, and it reads the connection string of that role', () => {
  const declared = declaredSchemas();
  assert.deepEqual(Object.keys(declared).sort(), SERVICES.slice().sort(), 'the services with a dbSchema are the ones the migrations set up');
  for (const service of SERVICES) {
    assert.equal(declared[service], DATABASES[service].schema, `${service}: dbSchema vs scripts/lib/databases.mjs`);
    assert.equal(databaseSecretOf(service), databaseSecretName(service), `${service}: the secret its code reads vs the one the migrations use`);
  }
  const roles = Object.values(DATABASES).map((d) => d.role);
  assert.equal(new Set(roles).size, roles.length, `roles shared: ${roles.join(', ')}`);
  assert.equal(new Set(DATABASE_SECRETS).size, DATABASE_SECRETS.length);
});

test("when production is rendered, then each service's secret scope admits its own database secret and no other service's", () => {
  const { objects } = renderProduction();
  for (const app of APPS) {
    const config = find(objects, 'Configuration', app);
    const scope = config.spec.secrets.scopes.find((s) => s.storeName === 'secretstore');
    assert.equal(scope.defaultAccess, 'deny', `${app}: secret scope denies by default`);
    assert.deepEqual(databaseSecretsIn(scope.allowedSecrets), own(app), `${app}: database secrets it may read`);
  }
  // The local run's configurations (dapr/local) are the same shape.
  for (const app of APPS) {
    const [config] = readYamlFile(path.join(root, 'dapr', 'local', `${app}.yaml`));
    const scope = config.spec.secrets.scopes.find((s) => s.storeName === 'secretstore');
    assert.deepEqual(databaseSecretsIn(scope.allowedSecrets), own(app), `dapr/local/${app}.yaml: database secrets it may read`);
  }
});

test('when the migration Job runs, then it gets the admin connection string and every service’s own, and nothing else', () => {
  const job = (objects) => byKind(objects, 'Job')[0].spec.template.spec.containers[0].env;
  // Production: everything from Key Vault, through the Job's identity (Terraform below).
  const production = job(renderProduction().objects);
  assert.deepEqual(
    production.map((e) => e.name),
    ['KEY_VAULT_URI'],
  );
  // A local cluster: each service's connection string from the Secret its own sidecar reads.
  const local = job(renderChart([]).objects);
  const fromSecrets = Object.fromEntries(local.map((e) => [e.name, e.valueFrom?.secretKeyRef]));
  assert.deepEqual(Object.keys(fromSecrets).sort(), ['POSTGRES_ADMIN_URL', ...SERVICES.map((s) => `POSTGRES_URL_${s.toUpperCase()}`)].sort());
  for (const service of SERVICES) {
    const secret = databaseSecretName(service);
    assert.deepEqual(fromSecrets[`POSTGRES_URL_${service.toUpperCase()}`], { name: secret, key: secret }, `${service}'s connection string`);
  }
});

test("when a local cluster's sidecars read Kubernetes Secrets, then each service's account may read its own database Secret and no other's", () => {
  const { objects } = renderChart([]);
  const roles = byKind(objects, 'Role');
  const bindings = byKind(objects, 'RoleBinding');
  for (const app of APPS) {
    const account = find(objects, 'Deployment', app).spec.template.spec.serviceAccountName;
    const readable = bindings
      .filter((b) => b.subjects.some((s) => s.kind === 'ServiceAccount' && s.name === account))
      .flatMap((b) => roles.find((r) => r.metadata.name === b.roleRef.name)?.rules ?? [])
      .filter((rule) => rule.resources.includes('secrets') && rule.verbs.includes('get'))
      .flatMap((rule) => {
        assert.ok(rule.resourceNames?.length, `${app}: a rule on every Secret`);
        return rule.resourceNames;
      });
    assert.deepEqual(databaseSecretsIn(readable), own(app), `${app}: database Secrets its service account may read`);
  }
});

/**
 * The secrets of the Key Vault module's `managed_secret_values` (a merge of maps, and of a
 * `for` over local.database_roles), each with the expression of its value as Terraform would
 * evaluate it per element: `${role}` and `${service}` substituted, calls left as written.
 */
function managedSecretValues() {
  const expression = prod().module.keyvault.managed_secret_values;
  const out = {};
  const forRoles = /\{for (\w+), (\w+) in local\.database_roles : "([^"]*)" => "([^"]*)"\}/g;
  for (const [, k, v, key, value] of expression.matchAll(forRoles)) {
    for (const [service, role] of Object.entries(prod().locals.database_roles)) {
      const put = (template) => template.replaceAll(`\${${k}}`, service).replaceAll(`\${${v}}`, role);
      assert.ok(!(put(key) in out), `${put(key)} is written twice`);
      out[put(key)] = put(value);
    }
  }
  for (const [, key, value] of expression.replace(forRoles, '').matchAll(/"([a-z0-9-]+)" = ("[^"]*"|[\w.[\]"]+)/g)) out[key] = value;
  return out;
}

test('when Terraform writes the services’ database credentials, then each is its own secret, for its own role, with a password generated for that secret alone', () => {
  assert.deepEqual(
    prod().locals.database_roles,
    Object.fromEntries(SERVICES.map((s) => [s, DATABASES[s].role])),
    'Terraform and the migrations agree on the roles',
  );
  const names = prod().module.keyvault.managed_secret_names;
  const values = managedSecretValues();
  assert.deepEqual(Object.keys(values).sort(), [...names].sort(), 'every managed secret has a value, and only those');
  for (const shared of ['postgres-url', 'postgres_app_password', 'postgres_app_role']) {
    assert.ok(!names.includes(shared) && !(shared in prod().variable), `no shared service credential: ${shared}`);
  }
  for (const service of SERVICES) {
    const secret = databaseSecretName(service);
    assert.ok(names.includes(secret), `${secret} is written by Terraform`);
    const url = /^"postgresql:\/\/([^:@]+):([^@]+)@\$\{module\.postgres\.fqdn\}:5432\/\$\{module\.postgres\.database_name\}\?sslmode=require"$/.exec(
      `"${values[secret]}"`,
    );
    assert.ok(url, `${secret}: a connection string to the server's database: ${values[secret]}`);
    const [, user, password] = url;
    assert.equal(user, DATABASES[service].role, `${secret}: connects as ${service}'s role`);
    // Generated in the apply, once per secret: a call of an impure function, not a variable or
    // local that every secret would share (and that would sit in a variable file or the state).
    assert.equal(password, '${uuid()}', `${secret}: password generated for this secret alone`);
  }
});

test('when identities read Key Vault, then each service reads its own database secret and no other, and only the migration Job reads them all', () => {
  const reads = prod().locals.secret_reads;
  for (const app of APPS) assert.deepEqual(databaseSecretsIn(reads[app]), own(app), `${app}: database secrets its identity may read`);
  assert.deepEqual(databaseSecretsIn(reads.migrations), ['postgres-admin-url', ...DATABASE_SECRETS].sort(), 'the migration Job');
  const workloads = prod().module.identity.workloads;
  // Every identity's Key Vault roles are made from secret_reads, one secret at a time.
  assert.match(
    workloads,
    /for secret in local\.secret_reads\[service\] : \{\s*role = "Key Vault Secrets User", scope = "\$\{module\.keyvault\.id\}\/secrets\/\$\{secret\}"\s*\}/,
  );
  assert.match(
    workloads,
    /migrations = \{service_account = "healthsync-migrations", roles = \[for secret in local\.secret_reads\["migrations"\] : \{role = "Key Vault Secrets User", scope = "\$\{module\.keyvault\.id\}\/secrets\/\$\{secret\}"\}\]\}/,
  );
  assert.doesNotMatch(workloads, /scope = "\$\{module\.keyvault\.id\}\/secrets\/postgres-/, 'no database secret granted outside secret_reads');
});
