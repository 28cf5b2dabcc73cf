# Azure Cache for Redis Premium: the `cache` and `revocations` Dapr state stores. TLS only,
# NOT clustered, zone-redundant (primary and replica in different zones), RDB persistence to
# Blob with the cache's managed identity, private endpoint only.
#
# Why not clustered: with shards, the sidecars' Redis client (components-contrib, go-redis
# cluster mode) learns the shards from CLUSTER SLOTS as IP addresses and opens TLS to each
# IP with that IP as the server name; the cache's certificate names only host names, so the
# handshake fails and every sidecar fails at start-up (docs/reference/dapr-azure-components.md).
# A single primary speaks to the one host name the certificate carries (`redisType: node`).
# The cache holds derived, expiring data: P1's 6 GB is ample, and P2-P5 scale up in place. The access key goes to Key Vault (`redis-password`), where
# the sidecars read it; it is never an output.

resource "azurerm_redis_cache" "this" {
  name                          = "redis-${var.name}"
  location                      = var.location
  resource_group_name           = var.resource_group_name
  sku_name                      = "Premium"
  family                        = "P"
  capacity                      = var.capacity
  replicas_per_primary          = 1
  zones                         = var.zones
  redis_version                 = "6"
  non_ssl_port_enabled          = false
  minimum_tls_version           = "1.2"
  public_network_access_enabled = false
  tags                          = var.tags

  identity {
    type = "SystemAssigned"
  }

  redis_configuration {
    maxmemory_policy                       = "volatile-lru"
    rdb_backup_enabled                     = true
    rdb_backup_frequency                   = 60
    rdb_backup_max_snapshot_count          = 1
    data_persistence_authentication_method = "ManagedIdentity"
    rdb_storage_connection_string          = "BlobEndpoint=${var.persistence_blob_endpoint}"
    storage_account_subscription_id        = var.subscription_id
  }

  patch_schedule {
    day_of_week    = "Sunday"
    start_hour_utc = 17
  }
}

resource "azurerm_role_assignment" "persistence" {
  scope                = var.persistence_storage_account_id
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_redis_cache.this.identity[0].principal_id
}

resource "azurerm_private_endpoint" "this" {
  name                = "pe-redis-${var.name}"
  location            = var.location
  resource_group_name = var.resource_group_name
  subnet_id           = var.private_endpoint_subnet_id
  tags                = var.tags

  private_service_connection {
    name                           = "redis"
    private_connection_resource_id = azurerm_redis_cache.this.id
    subresource_names              = ["redisCache"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "redis"
    private_dns_zone_ids = [var.private_dns_zone_id]
  }
}
