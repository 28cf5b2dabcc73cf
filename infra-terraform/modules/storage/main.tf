# Storage account (StorageV2, hot tier, geo-redundant): checkup files uploaded by the health
# service, the usage stream's checkpoints, static assets behind Front Door, Redis RDB
# snapshots and AKS backups. Entra ID only (no shared keys), no public blobs, firewall
# admitting the AKS subnet and trusted Azure services.

resource "azurerm_storage_account" "this" {
  name                            = var.account_name
  location                        = var.location
  resource_group_name             = var.resource_group_name
  account_kind                    = "StorageV2"
  account_tier                    = "Standard"
  account_replication_type        = var.replication_type
  access_tier                     = "Hot"
  min_tls_version                 = "TLS1_2"
  https_traffic_only_enabled      = true
  shared_access_key_enabled       = false
  default_to_oauth_authentication = true
  allow_nested_items_to_be_public = false
  public_network_access_enabled   = true
  tags                            = var.tags

  blob_properties {
    versioning_enabled  = true
    change_feed_enabled = true

    # Soft-deleted blobs (and versions) are kept this long for recovery, then gone: an erased
    # account's files leave Storage at most this many days after the erasure deleted them.
    delete_retention_policy {
      days = 7
    }

    container_delete_retention_policy {
      days = 30
    }
  }

  network_rules {
    default_action             = "Deny"
    bypass                     = ["AzureServices"]
    virtual_network_subnet_ids = var.allowed_subnet_ids
    ip_rules                   = var.admin_ip_ranges
  }
}

resource "azurerm_storage_container" "this" {
  for_each              = toset(var.containers)
  name                  = each.value
  storage_account_id    = azurerm_storage_account.this.id
  container_access_type = "private"
}

# Checkup files older than the retention are moved to cool, then archive. Versioning keeps a previous
# version of every blob that is overwritten or deleted (an erased user's files among them): previous
# versions and snapshots are deleted after a week, whatever the health service's erasure did.
resource "azurerm_storage_management_policy" "this" {
  storage_account_id = azurerm_storage_account.this.id

  rule {
    name    = "checkups-tiering"
    enabled = true

    filters {
      blob_types   = ["blockBlob"]
      prefix_match = ["checkups/"]
    }

    actions {
      base_blob {
        tier_to_cool_after_days_since_modification_greater_than    = 90
        tier_to_archive_after_days_since_modification_greater_than = 365
      }

      version {
        delete_after_days_since_creation = var.previous_version_days
      }

      snapshot {
        delete_after_days_since_creation_greater_than = var.previous_version_days
      }
    }
  }

  # Data exports (docs/decisions/021-download-my-data.md): the health service deletes each ZIP when it
  # expires (7 days); this deletes any it missed (a replica that died between upload and marking it
  # ready) and their previous versions, so no export outlives two weeks.
  rule {
    name    = "exports-expiry"
    enabled = true

    filters {
      blob_types   = ["blockBlob"]
      prefix_match = ["exports/"]
    }

    actions {
      base_blob {
        delete_after_days_since_modification_greater_than = 14
      }

      version {
        delete_after_days_since_creation = var.previous_version_days
      }

      snapshot {
        delete_after_days_since_creation_greater_than = var.previous_version_days
      }
    }
  }
}
