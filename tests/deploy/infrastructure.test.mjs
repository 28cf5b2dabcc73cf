// The production Terraform read as data (tests/deploy/hcl_to_json.py): what each resource is
// given and what it is wired to, checked against what the chart, the components, the Dapr
// configuration and the services' code need from it.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { publishedTopics, subscribedTopics } from './code-usage.mjs';
import { APPS, componentsIn, readYamlFile, root, secretRefsOf, terraform } from './lib.mjs';

const tf = () => terraform();
const prod = () => tf()['environments/prod'];
const ref = (expression) => (typeof expression === 'string' ? expression.replace(/^\$\{|\}$/g, '') : expression);

test('when the app calls the API host name, then Front Door serves that custom domain with a certificate, routes it to the API and protects it with the WAF', () => {
  const edge = tf()['modules/edge'].resource;
  const domains = Object.entries(edge.azurerm_cdn_frontdoor_custom_domain ?? {});
  const api = domains.find(([, d]) => ref(d.host_name) === 'var.api_host_name');
  assert.ok(api, 'a Front Door custom domain for var.api_host_name');
  const [name, domain] = api;
  assert.ok(['ManagedCertificate', 'CustomerCertificate'].includes(domain.tls?.[0]?.certificate_type), 'the custom domain has a certificate');
  const id = `azurerm_cdn_frontdoor_custom_domain.${name}.id`;
  const route = edge.azurerm_cdn_frontdoor_route.api;
  assert.ok((route.cdn_frontdoor_custom_domain_ids ?? []).map(ref).includes(id), 'the API route answers on the custom domain');
  const association = Object.values(edge.azurerm_cdn_frontdoor_custom_domain_association ?? {}).find((a) => ref(a.cdn_frontdoor_custom_domain_id) === id);
  assert.ok(
    association && association.cdn_frontdoor_route_ids.map(ref).includes('azurerm_cdn_frontdoor_route.api.id'),
    'the domain is associated with the API route',
  );
  const wafDomains = edge.azurerm_cdn_frontdoor_security_policy.this.security_policies[0].firewall[0].association[0].domain.map((d) =>
    ref(d.cdn_frontdoor_domain_id),
  );
  assert.ok(wafDomains.includes(id), 'the WAF covers the custom domain');
  // Front Door sends the API host name to Application Gateway, whose listener answers it.
  assert.equal(ref(edge.azurerm_cdn_frontdoor_origin.appgw.origin_host_header), 'var.api_host_name');
  assert.equal(ref(edge.azurerm_application_gateway.this.http_listener[0].host_name), 'var.api_host_name');
});

test('when the AKS backup extension writes to the storage account, then it uses Entra ID, since the account has no shared keys', () => {
  const storage = tf()['modules/storage'].resource.azurerm_storage_account.this;
  const settings = tf()['modules/backup'].resource.azurerm_kubernetes_cluster_extension.backup.configuration_settings;
  // Not a condition that could skip the rest: the account's shared keys stay off (documents.test.mjs relies on it too).
  assert.equal(storage.shared_access_key_enabled, false, 'the storage account has shared keys disabled');
  assert.equal(settings['configuration.backupStorageLocation.config.useAAD'], 'true', 'useAAD');
  assert.equal(ref(settings['configuration.backupStorageLocation.config.storageAccountURI']), 'var.storage_blob_endpoint', 'storageAccountURI');
  assert.equal(ref(prod().module.backup.storage_blob_endpoint), 'module.storage.primary_blob_endpoint');
});

test('when disaster recovery is declared, then every recovery resource protects something (no Site Recovery without a protected item)', () => {
  const resources = Object.values(tf()).flatMap((m) => Object.keys(m.resource));
  const siteRecovery = resources.filter((type) => type.startsWith('azurerm_site_recovery_'));
  const protectedItems = siteRecovery.filter((type) => /replicated_vm|protected/.test(type));
  assert.ok(siteRecovery.length === 0 || protectedItems.length > 0, `Site Recovery set up (${siteRecovery.join(', ')}) with nothing replicated`);
  assert.ok(resources.includes('azurerm_data_protection_backup_instance_kubernetes_cluster'), 'the cluster is backed up');
  assert.ok(resources.includes('azurerm_data_protection_backup_instance_postgresql_flexible_server'), 'PostgreSQL is backed up');
});

test("when the cluster's API server is public, then only listed ranges (operators, agents, the cluster's own egress) reach it", () => {
  const aks = tf()['modules/aks'];
  const profile = aks.resource.azurerm_kubernetes_cluster.this.api_server_access_profile?.[0];
  assert.ok(profile, 'api_server_access_profile');
  assert.equal(ref(profile.authorized_ip_ranges), 'var.api_authorized_ip_ranges');
  assert.ok(aks.variable.api_authorized_ip_ranges.validation, 'the ranges are validated (not empty, not 0.0.0.0/0)');
  const ranges = ref(prod().module.aks.api_authorized_ip_ranges);
  assert.match(ranges, /var\.admin_ip_ranges/);
  assert.match(ranges, /module\.network\.egress_public_ip/, "the nodes' egress address (through the firewall)");
  assert.equal(prod().variable.admin_ip_ranges.default, undefined, 'admin_ip_ranges has no empty default');
});

test('when the sidecars reach Service Bus, Event Hubs and ACR, then those are closed to the internet and reached over private endpoints', () => {
  const messaging = tf()['modules/messaging'].resource;
  const bus = messaging.azurerm_servicebus_namespace.this;
  assert.equal(bus.public_network_access_enabled, false, 'Service Bus public access');
  assert.equal(bus.sku, 'Premium', 'network isolation needs Service Bus Premium');
  assert.equal(bus.network_rule_set[0].default_action, 'Deny');
  const hubs = messaging.azurerm_eventhub_namespace.this;
  assert.equal(hubs.public_network_access_enabled, false, 'Event Hubs public access');
  assert.equal(hubs.network_rulesets[0].default_action, 'Deny');
  const endpoints = messaging.azurerm_private_endpoint.this.for_each;
  assert.deepEqual(Object.values(endpoints).map(ref).sort(), ['azurerm_eventhub_namespace.this.id', 'azurerm_servicebus_namespace.this.id']);
  const acr = tf()['modules/acr'].resource;
  assert.equal(acr.azurerm_container_registry.this.network_rule_set[0].default_action, 'Deny', 'ACR firewall');
  assert.equal(ref(acr.azurerm_private_endpoint.this.private_service_connection[0].private_connection_resource_id), 'azurerm_container_registry.this.id');
  const zones = tf()['modules/network'].variable.private_dns_zones.default;
  for (const zone of ['privatelink.servicebus.windows.net', 'privatelink.azurecr.io']) assert.ok(zones.includes(zone), `private DNS zone ${zone}`);
});

test('when a pod opens a connection to the internet, then it leaves through Azure Firewall, which admits the outside parties the services call', () => {
  const network = tf()['modules/network'].resource;
  const aks = tf()['modules/aks'].resource.azurerm_kubernetes_cluster.this;
  assert.equal(aks.network_profile[0].outbound_type, 'userDefinedRouting');
  const route = network.azurerm_route_table.aks.route.find((r) => r.address_prefix === '0.0.0.0/0');
  assert.equal(route?.next_hop_type, 'VirtualAppliance');
  assert.equal(ref(route.next_hop_in_ip_address), 'azurerm_firewall.egress.ip_configuration[0].private_ip_address');
  assert.equal(ref(network.azurerm_subnet_route_table_association.aks.subnet_id), 'azurerm_subnet.aks.id');
  // The hosts the production values point the services at are on the firewall's allow-list.
  const fqdns = prod().variable.egress_fqdns.default;
  const [values] = readYamlFile(path.join(root, 'charts', 'healthsync', 'values-azure.yaml'));
  for (const [service, key] of [
    ['intelligence', 'CLAUDE_BASE_URL'],
    ['user', 'OIDC_ISSUER'],
  ]) {
    const host = new URL(values.services[service].env[key]).hostname;
    assert.ok(fqdns.includes(host), `${service} calls ${host}, which the firewall does not admit`);
  }
  assert.match(ref(prod().module.network.egress_fqdns), /var\.nhis_base_url/, "the NHIS aggregator's host is admitted");
});

test('when Application Gateway forwards to the ingress controller, then that hop is HTTPS too', () => {
  const gateway = tf()['modules/edge'].resource.azurerm_application_gateway.this;
  const settings = gateway.backend_http_settings[0];
  assert.equal(settings.protocol, 'Https');
  assert.equal(settings.port, 443);
  assert.equal(ref(settings.host_name), 'var.api_host_name', 'the certificate NGINX serves is checked against the API host');
  assert.equal(gateway.probe[0].protocol, 'Https');
});

test("when each workload's identity reads Key Vault, then it may read exactly the secrets its sidecar resolves, one by one", () => {
  const reads = prod().locals.secret_reads;
  const azure = componentsIn(path.join(root, 'components', 'azure'));
  for (const app of APPS) {
    const [config] = readYamlFile(path.join(root, 'dapr', 'azure', `${app}.yaml`));
    const scope = config.spec.secrets.scopes.find((s) => s.storeName === 'secretstore').allowedSecrets;
    const refs = [...azure.values()].filter((c) => c.scopes.includes(app)).flatMap((c) => secretRefsOf(c).map((r) => r.split('=')[1].split('/')[0]));
    assert.deepEqual([...reads[app]].sort(), [...new Set([...scope, ...refs])].sort(), `${app}: Key Vault secrets its identity may read`);
  }
  const workloads = prod().module.identity.workloads;
  assert.doesNotMatch(workloads, /role = "Key Vault Secrets User", scope = module\.keyvault\.id\s*\}/, 'no identity reads the whole vault');
  assert.match(
    workloads,
    /for secret in local\.secret_reads\[service\] : \{\s*role = "Key Vault Secrets User", scope = "\$\{module\.keyvault\.id\}\/secrets\/\$\{secret\}"\s*\}/,
  );
  const appgw = tf()['modules/edge'].resource.azurerm_role_assignment.appgw_certificate;
  assert.match(ref(appgw.scope), /\/secrets\//, 'Application Gateway reads its certificate only');
});

test('when a service publishes an event, then only that service may send to its topic (user-deleted: the user service, and the batch service replaying a dead-lettered one)', () => {
  const messaging = tf()['modules/messaging'];
  const publishers = messaging.variable.publishers.default;
  const topics = messaging.variable.topics.default;
  // Who publishes what, from the code: the event contracts each service's sources (outside its
  // subscriptions) publish with.
  const published = {};
  for (const [app, names] of Object.entries(publishedTopics('events'))) for (const topic of names) (published[topic] ??= []).push(app);
  for (const topic of Object.keys(published)) assert.ok(topic in topics, `the code publishes ${topic}, which Terraform does not create`);
  for (const topic of Object.keys(topics).filter((t) => t !== 'dead-letters')) {
    assert.deepEqual(
      publishers[topic],
      published[topic],
      `senders of ${topic}: Terraform ${JSON.stringify(publishers[topic])}, code ${JSON.stringify(published[topic])}`,
    );
  }
  // The user service announces a deletion; the batch service publishes a dead-lettered one again.
  assert.deepEqual(publishers['user-deleted'], ['user', 'batch']);
  const subscribers = subscribedTopics(Object.keys(topics));
  assert.ok(Object.values(subscribers).flat().length > 0, 'the subscription scan found nothing');
  const workloads = prod().module.identity.workloads;
  assert.doesNotMatch(
    workloads,
    /Azure Service Bus Data (Sender|Receiver)", scope = module\.messaging\.servicebus_namespace_id/,
    'no namespace-wide Service Bus role',
  );
  assert.match(workloads, /\{\s*role = "Azure Service Bus Data Sender", scope = module\.messaging\.topic_ids\[topic\]\s*\} if contains\(apps, service\)/);
  assert.match(workloads, /\{\s*role = "Azure Service Bus Data Receiver", scope = id\s*\} if endswith\(key, "\/\$\{service\}"\)/);
});

test('when resources get globally unique names, then they carry a validated suffix and the components and chart use exactly those names', () => {
  const variables = prod().variable;
  const suffix = variables.name_suffix.default;
  assert.ok(variables.name_suffix.validation, 'name_suffix is validated');
  assert.match(suffix, /^[a-z0-9]{4}$/);
  const name = `${variables.prefix.default}-${variables.environment.default}-${suffix}`;
  const flat = name.replaceAll('-', '');
  assert.equal(prod().locals.global_name, '${local.name}-${var.name_suffix}');
  for (const [module, argument, expected] of [
    ['acr', 'registry_name', 'cr${local.flat_name}'],
    ['storage', 'account_name', 'st${local.flat_name}'],
    ['keyvault', 'vault_name', 'kv-${local.global_name}'],
    ['redis', 'name', '${local.global_name}'],
    ['messaging', 'name', '${local.global_name}'],
    ['postgres', 'name', '${local.global_name}'],
  ]) {
    assert.equal(prod().module[module][argument], expected, `${module}.${argument} carries the suffix`);
  }
  const azure = componentsIn(path.join(root, 'components', 'azure'));
  const value = (c, n) => azure.get(c).spec.metadata.find((m) => m.name === n)?.value;
  assert.equal(value('events', 'namespaceName'), `sb-${name}.servicebus.windows.net`);
  assert.equal(value('usage-stream', 'eventHubNamespace'), `evhns-${name}`);
  assert.equal(value('usage-stream', 'storageAccountName'), `st${flat}`);
  assert.equal(value('secretstore', 'vaultName'), `kv-${name}`);
  for (const store of ['cache', 'revocations']) assert.equal(value(store, 'redisHost'), `redis-${name}.redis.cache.windows.net:6380`);
  assert.ok(`kv-${name}`.length <= 24, 'Key Vault names have at most 24 characters');
  const [values] = readYamlFile(path.join(root, 'charts', 'healthsync', 'values-azure.yaml'));
  assert.equal(values.image.registry, `cr${flat}.azurecr.io`);
  assert.equal(values.migrations.keyVaultUri, `https://kv-${name}.vault.azure.net/`);
  assert.equal(values.services.health.env.BLOB_ACCOUNT_URL, `https://st${flat}.blob.core.windows.net/`);
});

/** The env module calls whose source module declares one of these resource types. */
function callsHolding(types) {
  return Object.entries(prod().module)
    .filter(([, call]) => {
      const dir = path.normalize(path.join('environments/prod', call.source));
      return Object.keys(tf()[dir]?.resource ?? {}).some((t) => types.includes(t));
    })
    .map(([name]) => name);
}

test('when a data store exists, then its logs go to Log Analytics and a delete lock guards it', () => {
  const diagnostics = Object.values(prod().module.alerts.diagnostic_targets).map(ref).join('\n');
  for (const call of callsHolding([
    'azurerm_redis_cache',
    'azurerm_storage_account',
    'azurerm_container_registry',
    'azurerm_key_vault',
    'azurerm_postgresql_flexible_server',
    'azurerm_servicebus_namespace',
  ])) {
    assert.match(diagnostics, new RegExp(`module\\.${call}\\.`), `module ${call}: no diagnostic setting`);
  }
  assert.match(diagnostics, /module\.storage\.id\}?\/blobServices\/default/, 'Blob logs (the storage account itself has none)');
  const lock = prod().resource.azurerm_management_lock?.data;
  assert.ok(lock, 'azurerm_management_lock on the data stores');
  assert.equal(lock.lock_level, 'CanNotDelete');
  assert.equal(ref(lock.for_each), 'local.data_stores');
  const locked = Object.values(prod().locals.data_stores).map(ref).join('\n');
  for (const call of callsHolding([
    'azurerm_redis_cache',
    'azurerm_storage_account',
    'azurerm_key_vault',
    'azurerm_postgresql_flexible_server',
    'azurerm_servicebus_namespace',
    'azurerm_data_protection_backup_vault',
  ])) {
    assert.match(locked, new RegExp(`module\\.${call}\\.`), `module ${call}: no delete lock`);
  }
});

test('when ids are given to Terraform, then placeholders are refused', () => {
  for (const name of ['subscription_id', 'tenant_id']) {
    const validation = prod().variable[name].validation?.[0];
    assert.ok(validation, `${name} is validated`);
    assert.match(validation.condition, /\^\[01-\]\+\$/, `${name}: the nil GUID is refused`);
  }
});
