// Terraform (OpenTofu): formatting, `validate` against the real azurerm provider schema,
// documentation of every variable and output, no secrets in outputs, every box of the
// drawing covered, and the names the Dapr components and the chart rely on.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { subscribedTopics } from './code-usage.mjs';
import { componentsIn, deployEnv, metadataValue, root, run } from './lib.mjs';

const tfRoot = path.join(root, 'infra-terraform');

function tfFiles(dir = tfRoot) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tfFiles(full));
    else if (entry.name.endsWith('.tf')) out.push(full);
  }
  return out;
}
const allTf = () => tfFiles().map((f) => fs.readFileSync(f, 'utf8')).join('\n');

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
    assert.deepEqual(problems.filter((p) => p.startsWith('error')), []);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});

test('when any Terraform variable or output is declared, then it has a description', () => {
  for (const file of tfFiles()) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^(variable|output) "([^"]+)" \{\n([\s\S]*?)^\}/gm)) {
      assert.match(m[3], /^\s+description\s*=/m, `${path.relative(root, file)}: ${m[1]} ${m[2]} has no description`);
    }
  }
});

test('when the environment\'s outputs are read, then none is a secret and secret inputs are ephemeral', () => {
  const outputs = fs.readFileSync(path.join(tfRoot, 'environments', 'prod', 'outputs.tf'), 'utf8');
  assert.doesNotMatch(outputs, /sensitive\s*=\s*true/, 'a secret output would be stored in state and printed');
  assert.doesNotMatch(outputs, /primary_access_key|connection_string|password/i);
  const variables = fs.readFileSync(path.join(tfRoot, 'environments', 'prod', 'variables.tf'), 'utf8');
  for (const name of ['postgres_admin_password', 'postgres_app_password']) {
    const block = new RegExp(`variable "${name}" \\{[^}]*\\}`, 's').exec(variables)?.[0] ?? '';
    assert.match(block, /ephemeral\s*=\s*true/, `${name} must be ephemeral (never in state or plan)`);
  }
  const keyvault = fs.readFileSync(path.join(tfRoot, 'modules', 'keyvault', 'main.tf'), 'utf8');
  assert.match(keyvault, /value_wo\s*=/, 'Key Vault secrets are written write-only');
  assert.doesNotMatch(keyvault, /^\s*value\s*=/m);
});

test('when the modules are read, then every box of the drawing is provisioned', () => {
  const tf = allTf();
  const boxes = {
    'resource group': /resource "azurerm_resource_group"/,
    'virtual network': /resource "azurerm_virtual_network"/,
    'AKS with workload identity': /workload_identity_enabled\s*=\s*true/,
    'AKS autoscaling over availability zones': /auto_scaling_enabled\s*=\s*true[\s\S]*zones/,
    'Dapr on AKS': /extension_type\s*=\s*"Microsoft\.Dapr"/,
    'Azure Container Registry': /resource "azurerm_container_registry"/,
    'PostgreSQL Flexible Server with HA': /mode\s*=\s*"ZoneRedundant"/,
    'PostgreSQL point-in-time restore and geo-redundant backup': /backup_retention_days\s*=\s*35[\s\S]*geo_redundant_backup_enabled\s*=\s*true/,
    'PostgreSQL read replica': /create_mode\s*=\s*"Replica"/,
    'Azure Cache for Redis Premium': /resource "azurerm_redis_cache"[\s\S]*sku_name\s*=\s*"Premium"/,
    'Storage hot and geo-redundant': /access_tier\s*=\s*"Hot"/,
    'checkup container': /"checkups"/,
    'Service Bus Standard': /resource "azurerm_servicebus_namespace"[\s\S]*?sku\s*=\s*"Standard"/,
    'per-service subscriptions with dead-lettering': /resource "azurerm_servicebus_subscription"[\s\S]*max_delivery_count[\s\S]*dead_lettering_on_message_expiration\s*=\s*true/,
    'Event Hubs': /resource "azurerm_eventhub_namespace"/,
    'Key Vault with RBAC and purge protection': /rbac_authorization_enabled\s*=\s*true[\s\S]*purge_protection_enabled\s*=\s*true/,
    'Azure AD B2C': /resource "azurerm_aadb2c_directory"/,
    'Application Insights': /resource "azurerm_application_insights"/,
    'Log Analytics': /resource "azurerm_log_analytics_workspace"/,
    'Azure Monitor alerts': /resource "azurerm_monitor_metric_alert"/,
    'Front Door with WAF': /resource "azurerm_cdn_frontdoor_firewall_policy"/,
    'CDN caching of static assets': /resource "azurerm_cdn_frontdoor_route" "static"[\s\S]*cache \{/,
    'Application Gateway WAF_v2': /name\s*=\s*"WAF_v2"/,
    'Azure Backup': /resource "azurerm_data_protection_backup_instance_postgresql_flexible_server"/,
    'AKS backup': /resource "azurerm_data_protection_backup_instance_kubernetes_cluster"/,
    'Recovery Services vault': /resource "azurerm_recovery_services_vault"/,
    'Site Recovery': /resource "azurerm_site_recovery_replication_policy"/,
    'federated identity credentials': /resource "azurerm_federated_identity_credential"/,
  };
  for (const [box, pattern] of Object.entries(boxes)) assert.match(tf, pattern, `missing: ${box}`);
});

test('when Terraform names the resources, then they are the names components/azure and the chart use', () => {
  const variables = fs.readFileSync(path.join(tfRoot, 'environments', 'prod', 'variables.tf'), 'utf8');
  const def = (name) => new RegExp(`variable "${name}" \\{[^}]*default\\s*=\\s*"([^"]+)"`, 's').exec(variables)[1];
  const name = `${def('prefix')}-${def('environment')}`;
  const flat = name.replaceAll('-', '');
  const azure = componentsIn(path.join(root, 'components', 'azure'));
  assert.equal(metadataValue(azure.get('events'), 'namespaceName'), `sb-${name}.servicebus.windows.net`);
  assert.equal(metadataValue(azure.get('usage-stream'), 'eventHubNamespace'), `evhns-${name}`);
  assert.equal(metadataValue(azure.get('usage-stream'), 'storageAccountName'), `st${flat}`);
  assert.equal(metadataValue(azure.get('secretstore'), 'vaultName'), `kv-${name}`);
  for (const store of ['cache', 'revocations']) assert.equal(metadataValue(azure.get(store), 'redisHost'), `redis-${name}.redis.cache.windows.net:6380`);
  const main = fs.readFileSync(path.join(tfRoot, 'environments', 'prod', 'main.tf'), 'utf8');
  assert.match(main, /registry_name\s*=\s*"cr\$\{local\.flat_name\}"/);
  assert.match(main, /account_name\s*=\s*"st\$\{local\.flat_name\}"/);
  assert.match(main, /service_account = "healthsync-\$\{service\}"/, 'federated subjects are the chart\'s service accounts');
  assert.match(main, /service_account = "healthsync-migrations"/);
});

test('when Service Bus subscriptions are declared, then each subscriber is an app scoped on the events component', () => {
  const messaging = fs.readFileSync(path.join(tfRoot, 'modules', 'messaging', 'variables.tf'), 'utf8');
  const block = /variable "topics" \{[\s\S]*?default = \{([\s\S]*?)\n  \}/.exec(messaging)[1];
  const scopes = componentsIn(path.join(root, 'components', 'azure')).get('events').scopes;
  for (const m of block.matchAll(/"([a-z-]+)"\s*=\s*\[([^\]]*)\]/g)) {
    for (const app of [...m[2].matchAll(/"([a-z-]+)"/g)].map((a) => a[1])) {
      assert.ok(scopes.includes(app), `topic ${m[1]}: subscriber ${app} is not scoped on the events component`);
    }
  }
});

test('when a service subscribes to a topic in its code, then Terraform creates that topic and the service\'s subscription', (t) => {
  const messaging = fs.readFileSync(path.join(tfRoot, 'modules', 'messaging', 'variables.tf'), 'utf8');
  const block = /variable "topics" \{[\s\S]*?default = \{([\s\S]*?)\n  \}/.exec(messaging)[1];
  const declared = new Map([...block.matchAll(/"([a-z-]+)"\s*=\s*\[([^\]]*)\]/g)].map((m) => [m[1], [...m[2].matchAll(/"([a-z-]+)"/g)].map((a) => a[1])]));
  const used = subscribedTopics([...declared.keys()]);
  assert.ok(used.batch.includes('user-deleted'), 'the subscription scan found nothing: the scan is broken or the code changed');
  for (const [app, topics] of Object.entries(used)) {
    for (const topic of topics) {
      assert.ok(declared.has(topic), `${app} subscribes to ${topic}, which Terraform does not create`);
      assert.ok(declared.get(topic).includes(app), `${app} subscribes to ${topic}, but Terraform creates no subscription ${topic}/${app}`);
    }
  }
  for (const [topic, apps] of declared) {
    for (const app of apps) {
      if (topic !== 'dead-letters' && !used[app]?.includes(topic)) t.diagnostic(`Terraform subscription ${topic}/${app} has no subscriber in the code (messages expire after 14 days)`);
    }
  }
});
