// Terraform (OpenTofu): formatting, `validate` against the real azurerm provider schema,
// documentation of every variable and output, no secrets in outputs, every box of the
// drawing covered, and the names the Dapr components and the chart rely on.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { subscribedTopics } from './code-usage.mjs';
import { componentsIn, deployEnv, root, run, terraform } from './lib.mjs';

const tfRoot = path.join(root, 'infra-terraform');

function tofu(args, cwd) {
  const env = deployEnv();
  return run(env.tofu, args, {
    cwd,
    env: {
      ...process.env,
      TF_CLI_CONFIG_FILE: env.tofuCliConfig,
      TF_IN_AUTOMATION: '1',
      CHECKPOINT_DISABLE: '1',
      // The state encryption key provider needs a passphrase to be configured; validate never
      // encrypts anything.
      TF_VAR_state_passphrase: 'validate-only-not-a-secret',
    },
  });
}

test('when the Terraform files are checked with `tofu fmt -check`, then they are formatted', () => {
  const result = tofu(['fmt', '-check', '-recursive', '-diff', '-no-color', tfRoot], root);
  assert.equal(result.status, 0, `unformatted files:\n${result.stdout}${result.stderr}`);
});

test('when the prod environment is validated with OpenTofu and the azurerm provider, then it is valid', () => {
  // A copy, so the checks leave no .terraform directory or lock file in the repository.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'healthsync-tofu-'));
  try {
    fs.cpSync(tfRoot, work, { recursive: true, filter: (src) => !/[/\\](\.terraform|\.terraform\.lock\.hcl|terraform\.tfstate)/.test(src) });
    const env = path.join(work, 'environments', 'prod');
    const init = tofu(['init', '-backend=false', '-input=false', '-no-color', `-plugin-dir=${deployEnv().tofuPluginDir}`], env);
    assert.equal(init.status, 0, `tofu init:\n${init.stdout}${init.stderr}`);
    const validate = tofu(['validate', '-json', '-no-color'], env);
    const report = JSON.parse(validate.stdout);
    const problems = report.diagnostics.map((d) => `${d.severity}: ${d.summary} ${d.detail ?? ''} (${d.range?.filename}:${d.range?.start?.line})`);
    assert.equal(report.valid, true, problems.join('\n'));
    assert.deepEqual(
      problems.filter((p) => p.startsWith('error')),
      [],
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});

test('when any Terraform variable or output is declared, then it has a description', () => {
  for (const [dir, model] of Object.entries(terraform())) {
    for (const kind of ['variable', 'output']) {
      for (const [name, block] of Object.entries(model[kind])) assert.ok(block.description?.trim(), `${dir}: ${kind} ${name} has no description`);
    }
  }
});

test("when the environment's outputs are read, then none is a secret and secret inputs are ephemeral", () => {
  const outputs = fs.readFileSync(path.join(tfRoot, 'environments', 'prod', 'outputs.tf'), 'utf8');
  assert.doesNotMatch(outputs, /sensitive\s*=\s*true/, 'a secret output would be stored in state and printed');
  assert.doesNotMatch(outputs, /primary_access_key|connection_string|password/i);
  const variables = fs.readFileSync(path.join(tfRoot, 'environments', 'prod', 'variables.tf'), 'utf8');
  for (const name of ['postgres_admin_password']) {
    const block = new RegExp(`variable "${name}" \\{[^}]*\\}`, 's').exec(variables)?.[0] ?? '';
    assert.match(block, /ephemeral\s*=\s*true/, `${name} must be ephemeral (never in state or plan)`);
  }
  const keyvault = fs.readFileSync(path.join(tfRoot, 'modules', 'keyvault', 'main.tf'), 'utf8');
  assert.match(keyvault, /value_wo\s*=/, 'Key Vault secrets are written write-only');
  assert.doesNotMatch(keyvault, /^\s*value\s*=/m);
});

test('when the modules are read, then every box of the drawing is provisioned, with the settings that make it that box', () => {
  const resources = {};
  for (const model of Object.values(terraform()))
    for (const [type, byName] of Object.entries(model.resource)) (resources[type] ??= []).push(...Object.values(byName));
  const one = (type) => {
    assert.ok(resources[type]?.length, `missing: ${type}`);
    return resources[type][0];
  };
  one('azurerm_resource_group');
  one('azurerm_virtual_network');
  const aks = one('azurerm_kubernetes_cluster');
  assert.equal(aks.workload_identity_enabled, true, 'AKS with workload identity');
  assert.equal(aks.default_node_pool[0].auto_scaling_enabled, true, 'AKS autoscaling');
  assert.ok(aks.default_node_pool[0].zones, 'AKS over availability zones');
  assert.ok(
    resources.azurerm_kubernetes_cluster_extension.some((e) => e.extension_type === 'Microsoft.Dapr'),
    'Dapr on AKS',
  );
  one('azurerm_container_registry');
  const postgres = resources.azurerm_postgresql_flexible_server ?? [];
  assert.ok(
    postgres.some((p) => p.high_availability?.[0]?.mode === 'ZoneRedundant' && p.backup_retention_days === 35 && p.geo_redundant_backup_enabled === true),
    'PostgreSQL with zone-redundant HA, 35-day PITR and geo-redundant backup',
  );
  assert.ok(
    postgres.some((p) => p.create_mode === 'Replica'),
    'PostgreSQL read replica',
  );
  assert.equal(one('azurerm_redis_cache').sku_name, 'Premium', 'Azure Cache for Redis Premium');
  assert.equal(one('azurerm_storage_account').access_tier, 'Hot');
  assert.ok(terraform()['modules/storage'].variable.containers.default.includes('checkups'), 'checkup container');
  one('azurerm_servicebus_namespace');
  const subscription = one('azurerm_servicebus_subscription');
  assert.ok(subscription.max_delivery_count && subscription.dead_lettering_on_message_expiration === true, 'per-service subscriptions with dead-lettering');
  one('azurerm_eventhub_namespace');
  const vault = one('azurerm_key_vault');
  assert.equal(vault.rbac_authorization_enabled, true);
  assert.equal(vault.purge_protection_enabled, true);
  one('azurerm_aadb2c_directory');
  one('azurerm_application_insights');
  one('azurerm_log_analytics_workspace');
  one('azurerm_monitor_metric_alert');
  one('azurerm_cdn_frontdoor_firewall_policy');
  assert.ok(terraform()['modules/edge'].resource.azurerm_cdn_frontdoor_route.static.cache?.length, 'CDN caching of static assets');
  assert.equal(one('azurerm_application_gateway').sku[0].name, 'WAF_v2');
  one('azurerm_data_protection_backup_instance_postgresql_flexible_server');
  one('azurerm_data_protection_backup_instance_kubernetes_cluster');
  one('azurerm_federated_identity_credential');
  one('azurerm_firewall');
});

test('when Service Bus subscriptions are declared, then each subscriber is an app scoped on the events component', () => {
  const topics = terraform()['modules/messaging'].variable.topics.default;
  const scopes = componentsIn(path.join(root, 'components', 'azure')).get('events').scopes;
  for (const [topic, apps] of Object.entries(topics)) {
    for (const app of apps) assert.ok(scopes.includes(app), `topic ${topic}: subscriber ${app} is not scoped on the events component`);
  }
});

test("when a service subscribes to a topic in its code, then Terraform creates exactly that topic and the service's subscription", () => {
  const declared = new Map(Object.entries(terraform()['modules/messaging'].variable.topics.default));
  const used = subscribedTopics([...declared.keys()]);
  assert.ok(used.batch.includes('user-deleted'), 'the subscription scan found nothing: the scan is broken or the code changed');
  for (const [app, topics] of Object.entries(used)) {
    for (const topic of topics) {
      assert.ok(declared.has(topic), `${app} subscribes to ${topic}, which Terraform does not create`);
      assert.ok(declared.get(topic).includes(app), `${app} subscribes to ${topic}, but Terraform creates no subscription ${topic}/${app}`);
    }
  }
  // And the other way: a subscription nobody reads fills up until its messages expire.
  for (const [topic, apps] of declared) {
    for (const app of apps) assert.ok(used[app]?.includes(topic), `Terraform subscription ${topic}/${app} has no subscriber in ${app}'s code`);
  }
});
