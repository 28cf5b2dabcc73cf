# The production environment: every box of the architecture (docs/reference/architecture.md),
# composed from ../../modules. Names are derived from prefix and environment; the names that
# must be unique across all of Azure (they become DNS names: registry, storage, vault, cache,
# Service Bus, Event Hubs, PostgreSQL) also carry name_suffix. The defaults give exactly the
# names components/azure/*.yaml and charts/healthsync/values-azure.yaml use
# (sb-healthsync-prod-k3x9, kv-healthsync-prod-k3x9, sthealthsyncprodk3x9, crhealthsyncprodk3x9, ...);
# a check compares them.

locals {
  name = "${var.prefix}-${var.environment}"
  # Globally unique names: <kind>-<prefix>-<environment>-<suffix> / <kind><prefix><environment><suffix>.
  global_name = "${local.name}-${var.name_suffix}"
  flat_name   = replace(local.global_name, "-", "")
  # The API host's certificate in Key Vault (name taken from its versionless secret id).
  tls_secret_name = element(split("/", var.tls_certificate_secret_id), 4)
  tags = merge(var.tags, {
    application = var.prefix
    environment = var.environment
    managed-by  = "opentofu"
  })

  # The Kubernetes service accounts the chart creates (charts/healthsync: healthsync-<name>).
  services = ["gateway", "user", "health", "goal", "intelligence", "batch", "usage-analytics"]
  # One PostgreSQL role per service schema (scripts/lib/databases.mjs): service => role. Each
  # service's connection string, as its own role, is its own Key Vault secret
  # postgres-url-<service>; the migration Job creates the role with that password and grants it
  # its schema only (docs/decisions/010-one-database-role-per-service.md).
  database_roles = {
    user              = "healthsync_user"
    health            = "healthsync_health"
    goal              = "healthsync_goal"
    intelligence      = "healthsync_intelligence"
    batch             = "healthsync_batch"
    "usage-analytics" = "healthsync_usage_analytics"
  }
  # The Key Vault secrets each app's sidecar resolves: its Dapr secret scope
  # (dapr/azure/<app>.yaml allowedSecrets) plus the secret references of the components scoped
  # to it (redis-password for the cache). Nothing else is readable by its identity. The
  # migration Job reads the admin connection string and every service's, whose passwords it sets.
  secret_reads = {
    gateway      = ["redis-password"]
    user         = ["postgres-url-user", "jwt-signing-key", "oidc-web-client-secret", "redis-password"]
    health       = ["postgres-url-health", "nhis-client-id", "nhis-client-secret", "redis-password"]
    goal         = ["postgres-url-goal", "redis-password"]
    intelligence = ["postgres-url-intelligence", "claude-api-key", "redis-password"]
    batch        = ["postgres-url-batch", "fcm-service-account", "redis-password"]
    # The Python reader of the usage stream: its database only (it uses no cache).
    "usage-analytics" = ["postgres-url-usage-analytics"]
    migrations        = ["postgres-admin-url", "postgres-url-user", "postgres-url-health", "postgres-url-goal", "postgres-url-intelligence", "postgres-url-batch", "postgres-url-usage-analytics"]
  }
}

data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "main" {
  name     = "rg-${local.name}"
  location = var.location
  tags     = local.tags
}

module "network" {
  source              = "../../modules/network"
  name                = local.name
  location            = var.location
  resource_group_name = azurerm_resource_group.main.name
  address_space       = var.vnet_address_space
  egress_fqdns = concat(var.egress_fqdns, [
    # The NHIS aggregator the health service calls.
    regex("^https://([^/:]+)", var.nhis_base_url)[0],
  ])
  tags = local.tags
}

module "observability" {
  source              = "../../modules/observability"
  name                = local.name
  location            = var.location
  resource_group_name = azurerm_resource_group.main.name
  alert_emails        = var.alert_emails
  tags                = local.tags
}

module "acr" {
  source                     = "../../modules/acr"
  registry_name              = "cr${local.flat_name}"
  location                   = var.location
  resource_group_name        = azurerm_resource_group.main.name
  replica_locations          = [var.dr_location]
  allowed_ip_ranges          = var.admin_ip_ranges
  private_endpoint_subnet_id = module.network.private_endpoints_subnet_id
  private_dns_zone_id        = module.network.private_dns_zone_ids["privatelink.azurecr.io"]
  tags                       = local.tags
}

module "aks" {
  source                     = "../../modules/aks"
  name                       = local.name
  location                   = var.location
  resource_group_name        = azurerm_resource_group.main.name
  tenant_id                  = var.tenant_id
  admin_group_object_ids     = var.aks_admin_group_object_ids
  kubernetes_version         = var.kubernetes_version
  subnet_id                  = module.network.aks_subnet_id
  acr_id                     = module.acr.id
  log_analytics_workspace_id = module.observability.log_analytics_workspace_id
  dapr_version               = var.dapr_version
  api_authorized_ip_ranges   = concat(var.admin_ip_ranges, ["${module.network.egress_public_ip}/32"])
  egress_route_id            = module.network.aks_egress_route_id
  tags                       = local.tags
}

module "storage" {
  source              = "../../modules/storage"
  account_name        = "st${local.flat_name}"
  location            = var.location
  resource_group_name = azurerm_resource_group.main.name
  allowed_subnet_ids  = [module.network.aks_subnet_id]
  admin_ip_ranges     = var.admin_ip_ranges
  tags                = local.tags
}

module "web" {
  source               = "../../modules/web"
  account_name         = "stweb${substr(local.flat_name, 0, 19)}"
  location             = var.location
  resource_group_name  = azurerm_resource_group.main.name
  admin_ip_ranges      = var.admin_ip_ranges
  publisher_object_ids = var.web_publisher_object_ids
  tags                 = local.tags
}

module "postgres" {
  source                         = "../../modules/postgres"
  name                           = local.global_name
  location                       = var.location
  resource_group_name            = azurerm_resource_group.main.name
  tenant_id                      = var.tenant_id
  subnet_id                      = module.network.postgres_subnet_id
  private_dns_zone_id            = module.network.private_dns_zone_ids["privatelink.postgres.database.azure.com"]
  administrator_password         = var.postgres_admin_password
  administrator_password_version = var.secrets_version
  tags                           = local.tags
}

module "redis" {
  source                         = "../../modules/redis"
  name                           = local.global_name
  location                       = var.location
  resource_group_name            = azurerm_resource_group.main.name
  subscription_id                = var.subscription_id
  persistence_storage_account_id = module.storage.id
  persistence_blob_endpoint      = module.storage.primary_blob_endpoint
  private_endpoint_subnet_id     = module.network.private_endpoints_subnet_id
  private_dns_zone_id            = module.network.private_dns_zone_ids["privatelink.redis.cache.windows.net"]
  tags                           = local.tags
}

module "messaging" {
  source                     = "../../modules/messaging"
  name                       = local.global_name
  location                   = var.location
  resource_group_name        = azurerm_resource_group.main.name
  private_endpoint_subnet_id = module.network.private_endpoints_subnet_id
  private_dns_zone_id        = module.network.private_dns_zone_ids["privatelink.servicebus.windows.net"]
  tags                       = local.tags
}

module "keyvault" {
  source                    = "../../modules/keyvault"
  vault_name                = "kv-${local.global_name}"
  location                  = var.location
  resource_group_name       = azurerm_resource_group.main.name
  tenant_id                 = var.tenant_id
  allowed_subnet_ids        = [module.network.aks_subnet_id]
  admin_ip_ranges           = var.admin_ip_ranges
  secret_officer_object_ids = var.operator_object_ids
  secrets_version           = var.secrets_version
  # The secrets the components and services read that Terraform can derive. Written
  # write-only: the values never land in state or plan.
  managed_secret_names = [
    "redis-password", "postgres-admin-url", "appinsights-connection-string",
    "postgres-url-user", "postgres-url-health", "postgres-url-goal", "postgres-url-intelligence", "postgres-url-batch",
    "postgres-url-usage-analytics",
  ]
  managed_secret_values = merge(
    {
      "redis-password"                = module.redis.primary_access_key
      "postgres-admin-url"            = "postgresql://${module.postgres.administrator_login}:${urlencode(var.postgres_admin_password)}@${module.postgres.fqdn}:5432/${module.postgres.database_name}?sslmode=require"
      "appinsights-connection-string" = module.observability.application_insights_connection_string
    },
    # Each service's own role, with a password generated here for that secret alone: uuid()
    # is at least 122 bits from the operating system's random source, new at every call, and reaches
    # nothing but this write-only secret (not the state, not the plan, no person). The
    # migration Job sets the role's password from the secret.
    { for service, role in local.database_roles : "postgres-url-${service}" => "postgresql://${role}:${uuid()}@${module.postgres.fqdn}:5432/${module.postgres.database_name}?sslmode=require" },
  )
  tags = local.tags
}

module "identity" {
  source              = "../../modules/identity"
  name                = local.name
  location            = var.location
  resource_group_name = azurerm_resource_group.main.name
  oidc_issuer_url     = module.aks.oidc_issuer_url
  namespace           = var.kubernetes_namespace
  workloads = merge(
    {
      for service in local.services : service => {
        service_account = "healthsync-${service}"
        roles = concat(
          # Key Vault: each secret the app's sidecar resolves, one by one (a check compares
          # this with dapr/azure and components/azure).
          [for secret in local.secret_reads[service] : { role = "Key Vault Secrets User", scope = "${module.keyvault.id}/secrets/${secret}" }],
          # Service Bus: send only to the topics the app publishes (and `dead-letters` when it
          # subscribes), receive only from its own subscriptions.
          [for topic, apps in module.messaging.publishers : { role = "Azure Service Bus Data Sender", scope = module.messaging.topic_ids[topic] } if contains(apps, service)],
          length([for key in keys(module.messaging.subscription_ids) : key if endswith(key, "/${service}")]) > 0 ? [
            { role = "Azure Service Bus Data Sender", scope = module.messaging.topic_ids["dead-letters"] },
          ] : [],
          [for key, id in module.messaging.subscription_ids : { role = "Azure Service Bus Data Receiver", scope = id } if endswith(key, "/${service}")],
          service == "health" ? [
            { role = "Storage Blob Data Contributor", scope = module.storage.container_ids["checkups"] },
            # The users' data exports (docs/decisions/021-download-my-data.md).
            { role = "Storage Blob Data Contributor", scope = module.storage.container_ids["exports"] },
          ] : [],
          service == "intelligence" ? [
            { role = "Azure Event Hubs Data Sender", scope = module.messaging.eventhub_namespace_id },
            { role = "Azure Event Hubs Data Receiver", scope = module.messaging.eventhub_namespace_id },
            { role = "Storage Blob Data Contributor", scope = module.storage.container_ids["usage-stream-checkpoints"] },
          ] : [],
          # Reads the usage stream with its own consumer group (named after its app id, the
          # component's consumerID) and keeps its checkpoints in the checkpoint container.
          service == "usage-analytics" ? [
            { role = "Azure Event Hubs Data Receiver", scope = module.messaging.eventhub_namespace_id },
            { role = "Storage Blob Data Contributor", scope = module.storage.container_ids["usage-stream-checkpoints"] },
          ] : [],
        )
      }
    },
    {
      # The chart's migration Job: only the connection strings it needs.
      migrations = {
        service_account = "healthsync-migrations"
        roles           = [for secret in local.secret_reads["migrations"] : { role = "Key Vault Secrets User", scope = "${module.keyvault.id}/secrets/${secret}" }]
      }
    },
  )
  tags = local.tags

  depends_on = [module.keyvault]
}

module "identity_provider" {
  source                 = "../../modules/identity-provider"
  b2c_enabled            = var.b2c_enabled
  b2c_existing_tenant_id = var.b2c_existing_tenant_id
  resource_group_name    = azurerm_resource_group.main.name
  tags                   = local.tags
}

module "edge" {
  source                    = "../../modules/edge"
  name                      = local.name
  location                  = var.location
  resource_group_name       = azurerm_resource_group.main.name
  api_host_name             = var.api_host_name
  appgw_subnet_id           = module.network.appgw_subnet_id
  ingress_private_ip        = var.ingress_private_ip
  key_vault_id              = module.keyvault.id
  tls_certificate_secret_id = var.tls_certificate_secret_id
  static_storage_account_id = module.storage.id
  static_blob_host          = module.storage.primary_blob_host
  web_host_name             = var.web_host_name
  web_storage_account_id    = module.web.id
  web_origin_host           = module.web.primary_web_host
  tags                      = local.tags
}

module "alerts" {
  source                     = "../../modules/alerts"
  name                       = local.name
  resource_group_name        = azurerm_resource_group.main.name
  action_group_id            = module.observability.action_group_id
  log_analytics_workspace_id = module.observability.log_analytics_workspace_id
  servicebus_namespace_id    = module.messaging.servicebus_namespace_id
  postgres_server_id         = module.postgres.server_id
  redis_id                   = module.redis.id
  application_gateway_id     = module.edge.application_gateway_id
  frontdoor_profile_id       = module.edge.frontdoor_profile_id
  aks_cluster_id             = module.aks.cluster_id
  diagnostic_targets = {
    key-vault           = module.keyvault.id
    aks                 = module.aks.cluster_id
    service-bus         = module.messaging.servicebus_namespace_id
    event-hubs          = module.messaging.eventhub_namespace_id
    application-gateway = module.edge.application_gateway_id
    front-door          = module.edge.frontdoor_profile_id
    postgres            = module.postgres.server_id
    redis               = module.redis.id
    # Blob logs live on the blob service; the account itself has metrics only.
    storage-blob       = "${module.storage.id}/blobServices/default"
    container-registry = module.acr.id
    web-blob           = "${module.web.id}/blobServices/default"
  }
  tags = local.tags
}

module "backup" {
  source                       = "../../modules/backup"
  name                         = local.name
  location                     = var.location
  resource_group_name          = azurerm_resource_group.main.name
  resource_group_id            = azurerm_resource_group.main.id
  postgres_server_id           = module.postgres.server_id
  aks_cluster_id               = module.aks.cluster_id
  aks_cluster_principal_id     = module.aks.cluster_principal_id
  snapshot_resource_group_id   = module.aks.node_resource_group_id
  snapshot_resource_group_name = "rg-${local.name}-aks-nodes"
  storage_account_id           = module.storage.id
  storage_account_name         = module.storage.name
  storage_blob_endpoint        = module.storage.primary_blob_endpoint
  tags                         = local.tags
}

# -- Locks on the data stores ---------------------------------------------------------------------
# A mistaken `tofu destroy`, a deleted resource group or a portal click cannot delete what holds
# user data or the secrets to it; removing a lock is a deliberate, separate act.
locals {
  data_stores = {
    postgres     = module.postgres.server_id
    redis        = module.redis.id
    storage      = module.storage.id
    key-vault    = module.keyvault.id
    service-bus  = module.messaging.servicebus_namespace_id
    event-hubs   = module.messaging.eventhub_namespace_id
    backup-vault = module.backup.backup_vault_id
    web          = module.web.id
  }
}

resource "azurerm_management_lock" "data" {
  for_each   = local.data_stores
  name       = "keep-${each.key}"
  scope      = each.value
  lock_level = "CanNotDelete"
  notes      = "Holds HealthSync user data or its secrets; remove this lock deliberately before deleting."
}

# The Key Vault secrets provider add-on reads exactly the secrets the cluster's add-ons mount
# (deploy/flux/infrastructure/addons): the API host's TLS certificate for the ingress
# controller and the Application Insights connection string for the OpenTelemetry collector.
resource "azurerm_role_assignment" "addon_secret_reader" {
  for_each             = toset([local.tls_secret_name, "appinsights-connection-string"])
  scope                = "${module.keyvault.id}/secrets/${each.value}"
  role_definition_name = "Key Vault Secrets User"
  principal_id         = module.aks.key_vault_secrets_provider_object_id
}
