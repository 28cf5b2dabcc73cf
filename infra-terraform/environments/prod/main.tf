# The production environment: every box of the architecture (docs/reference/architecture.md), composed
# from ../../modules. Names are derived from prefix and environment, so the defaults give
# exactly the names components/azure/*.yaml and charts/healthsync/values-azure.yaml use
# (sb-healthsync-prod, evhns-healthsync-prod, redis-healthsync-prod, kv-healthsync-prod,
# sthealthsyncprod, crhealthsyncprod).

locals {
  name      = "${var.prefix}-${var.environment}"
  flat_name = replace(local.name, "-", "")
  tags = merge(var.tags, {
    application = var.prefix
    environment = var.environment
    managed-by  = "opentofu"
  })

  # The Kubernetes service accounts the chart creates (charts/healthsync: healthsync-<name>).
  services = ["gateway", "user", "health", "goal", "intelligence", "batch"]
  # Apps on the `events` pub/sub (components/azure/events.yaml scopes).
  event_apps = ["user", "health", "goal", "intelligence", "batch"]
}

data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "main" {
  name     = "rg-${local.name}"
  location = var.location
  tags     = local.tags
}

resource "azurerm_resource_group" "dr" {
  name     = "rg-${local.name}-dr"
  location = var.dr_location
  tags     = local.tags
}

module "network" {
  source              = "../../modules/network"
  name                = local.name
  location            = var.location
  resource_group_name = azurerm_resource_group.main.name
  address_space       = var.vnet_address_space
  tags                = local.tags
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
  source              = "../../modules/acr"
  registry_name       = "cr${local.flat_name}"
  location            = var.location
  resource_group_name = azurerm_resource_group.main.name
  replica_locations   = [var.dr_location]
  tags                = local.tags
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

module "postgres" {
  source                         = "../../modules/postgres"
  name                           = local.name
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
  name                           = local.name
  location                       = var.location
  resource_group_name            = azurerm_resource_group.main.name
  subscription_id                = var.subscription_id
  shard_count                    = var.redis_shard_count
  persistence_storage_account_id = module.storage.id
  persistence_blob_endpoint      = module.storage.primary_blob_endpoint
  private_endpoint_subnet_id     = module.network.private_endpoints_subnet_id
  private_dns_zone_id            = module.network.private_dns_zone_ids["privatelink.redis.cache.windows.net"]
  tags                           = local.tags
}

module "messaging" {
  source              = "../../modules/messaging"
  name                = local.name
  location            = var.location
  resource_group_name = azurerm_resource_group.main.name
  tags                = local.tags
}

module "keyvault" {
  source                    = "../../modules/keyvault"
  vault_name                = "kv-${local.name}"
  location                  = var.location
  resource_group_name       = azurerm_resource_group.main.name
  tenant_id                 = var.tenant_id
  allowed_subnet_ids        = [module.network.aks_subnet_id]
  admin_ip_ranges           = var.admin_ip_ranges
  secret_officer_object_ids = var.operator_object_ids
  secrets_version           = var.secrets_version
  # The secrets the components and services read that Terraform can derive. Written
  # write-only: the values never land in state or plan.
  managed_secret_names = ["redis-password", "postgres-url", "postgres-admin-url", "appinsights-connection-string"]
  managed_secret_values = {
    "redis-password"                = module.redis.primary_access_key
    "postgres-url"                  = "postgresql://${var.postgres_app_role}:${urlencode(var.postgres_app_password)}@${module.postgres.fqdn}:5432/${module.postgres.database_name}?sslmode=require"
    "postgres-admin-url"            = "postgresql://${module.postgres.administrator_login}:${urlencode(var.postgres_admin_password)}@${module.postgres.fqdn}:5432/${module.postgres.database_name}?sslmode=require"
    "appinsights-connection-string" = module.observability.application_insights_connection_string
  }
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
          # Every sidecar reads its secrets (and the Redis key of its state stores) from Key
          # Vault; which ones the app may read is narrowed by the Dapr secret scopes.
          [{ role = "Key Vault Secrets User", scope = module.keyvault.id }],
          contains(local.event_apps, service) ? [
            { role = "Azure Service Bus Data Sender", scope = module.messaging.servicebus_namespace_id },
            { role = "Azure Service Bus Data Receiver", scope = module.messaging.servicebus_namespace_id },
          ] : [],
          service == "health" ? [
            { role = "Storage Blob Data Contributor", scope = module.storage.container_ids["checkups"] },
          ] : [],
          service == "intelligence" ? [
            { role = "Azure Event Hubs Data Sender", scope = module.messaging.eventhub_namespace_id },
            { role = "Azure Event Hubs Data Receiver", scope = module.messaging.eventhub_namespace_id },
            { role = "Storage Blob Data Contributor", scope = module.storage.container_ids["usage-stream-checkpoints"] },
          ] : [],
        )
      }
    },
    {
      # The chart's migration Job: only the two connection strings it needs.
      migrations = {
        service_account = "healthsync-migrations"
        roles = [
          { role = "Key Vault Secrets User", scope = "${module.keyvault.id}/secrets/postgres-admin-url" },
          { role = "Key Vault Secrets User", scope = "${module.keyvault.id}/secrets/postgres-url" },
        ]
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
  }
  tags = local.tags
}

module "backup" {
  source                       = "../../modules/backup"
  name                         = local.name
  location                     = var.location
  resource_group_name          = azurerm_resource_group.main.name
  resource_group_id            = azurerm_resource_group.main.id
  dr_location                  = var.dr_location
  dr_resource_group_name       = azurerm_resource_group.dr.name
  postgres_server_id           = module.postgres.server_id
  aks_cluster_id               = module.aks.cluster_id
  aks_cluster_principal_id     = module.aks.cluster_principal_id
  snapshot_resource_group_id   = module.aks.node_resource_group_id
  snapshot_resource_group_name = "rg-${local.name}-aks-nodes"
  storage_account_id           = module.storage.id
  storage_account_name         = module.storage.name
  tags                         = local.tags
}
