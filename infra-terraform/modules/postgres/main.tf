# PostgreSQL Flexible Server: the one database of every service (a schema each), zone-
# redundant HA, 35 days of point-in-time restore, geo-redundant backups, a read replica, and
# private access only (delegated subnet + private DNS).

resource "azurerm_postgresql_flexible_server" "primary" {
  name                          = "psql-${var.name}"
  location                      = var.location
  resource_group_name           = var.resource_group_name
  version                       = var.postgres_version
  sku_name                      = var.sku_name
  storage_mb                    = var.storage_mb
  auto_grow_enabled             = true
  zone                          = "1"
  delegated_subnet_id           = var.subnet_id
  private_dns_zone_id           = var.private_dns_zone_id
  public_network_access_enabled = false

  administrator_login = var.administrator_login
  # Write-only: the password reaches Azure but never the Terraform state or plan.
  administrator_password_wo         = var.administrator_password
  administrator_password_wo_version = var.administrator_password_version

  # Point-in-time restore window, and backups copied to the paired region.
  backup_retention_days        = 35
  geo_redundant_backup_enabled = true

  high_availability {
    mode                      = "ZoneRedundant"
    standby_availability_zone = "2"
  }

  authentication {
    active_directory_auth_enabled = true
    password_auth_enabled         = true
    tenant_id                     = var.tenant_id
  }

  maintenance_window {
    day_of_week  = 0
    start_hour   = 18
    start_minute = 0
  }

  tags = var.tags

  lifecycle {
    ignore_changes = [zone, high_availability[0].standby_availability_zone]
  }
}

resource "azurerm_postgresql_flexible_server_database" "healthsync" {
  name      = var.database_name
  server_id = azurerm_postgresql_flexible_server.primary.id
  charset   = "UTF8"
  collation = "en_US.utf8"

  lifecycle {
    prevent_destroy = true
  }
}

resource "azurerm_postgresql_flexible_server_configuration" "settings" {
  for_each  = var.server_parameters
  name      = each.key
  server_id = azurerm_postgresql_flexible_server.primary.id
  value     = each.value
}

# Read replica for read-heavy queries and as a warm copy (promotable).
resource "azurerm_postgresql_flexible_server" "replica" {
  count                         = var.read_replica_enabled ? 1 : 0
  name                          = "psql-${var.name}-replica"
  location                      = var.location
  resource_group_name           = var.resource_group_name
  version                       = var.postgres_version
  sku_name                      = var.sku_name
  storage_mb                    = var.storage_mb
  zone                          = "3"
  create_mode                   = "Replica"
  source_server_id              = azurerm_postgresql_flexible_server.primary.id
  delegated_subnet_id           = var.subnet_id
  private_dns_zone_id           = var.private_dns_zone_id
  public_network_access_enabled = false
  tags                          = var.tags

  depends_on = [azurerm_postgresql_flexible_server_configuration.settings]
}
