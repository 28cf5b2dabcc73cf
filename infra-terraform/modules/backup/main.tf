# Backup and disaster recovery, as in the drawing:
#  - PostgreSQL → Azure Backup: besides the server's own 35-day PITR and geo-redundant
#    backups, weekly long-term backups into a geo-redundant Backup vault (12 months).
#  - AKS → Azure Backup for AKS (cluster state and volumes, daily, via the backup extension
#    and trusted access), with the whole environment re-creatable in the DR region from this
#    Terraform and the GitOps repository.
#  - No Azure Site Recovery: it replicates virtual machines, and nothing here is one (AKS nodes
#    are disposable; the cluster is re-created in the DR region from this Terraform and the
#    GitOps repository, and its state restored from the AKS backup). A Recovery Services vault
#    with fabrics and a replication policy but no protected item would look like DR and protect
#    nothing, so there is none (docs/reference/azure-platform.md).
#  - PostgreSQL: geo-redundant backups (postgres module) restore in the paired region.
#  - Blob: the storage account is GRS (storage module).

data "azurerm_client_config" "current" {}

resource "azurerm_data_protection_backup_vault" "this" {
  name                         = "bvault-${var.name}"
  location                     = var.location
  resource_group_name          = var.resource_group_name
  datastore_type               = "VaultStore"
  redundancy                   = "GeoRedundant"
  cross_region_restore_enabled = true
  soft_delete                  = "On"
  retention_duration_in_days   = 14
  tags                         = var.tags

  identity {
    type = "SystemAssigned"
  }
}

# -- PostgreSQL long-term backups ----------------------------------------------------------------

resource "azurerm_role_assignment" "vault_postgres_ltr" {
  scope                = var.postgres_server_id
  role_definition_name = "PostgreSQL Flexible Server Long Term Retention Backup Role"
  principal_id         = azurerm_data_protection_backup_vault.this.identity[0].principal_id
}

resource "azurerm_role_assignment" "vault_postgres_reader" {
  scope                = var.resource_group_id
  role_definition_name = "Reader"
  principal_id         = azurerm_data_protection_backup_vault.this.identity[0].principal_id
}

resource "azurerm_data_protection_backup_policy_postgresql_flexible_server" "weekly" {
  name                            = "postgres-weekly"
  vault_id                        = azurerm_data_protection_backup_vault.this.id
  backup_repeating_time_intervals = ["R/2026-01-04T18:00:00+00:00/P1W"]
  time_zone                       = "Korea Standard Time"

  default_retention_rule {
    life_cycle {
      duration        = "P12M"
      data_store_type = "VaultStore"
    }
  }
}

resource "azurerm_data_protection_backup_instance_postgresql_flexible_server" "this" {
  name             = "postgres"
  location         = var.location
  vault_id         = azurerm_data_protection_backup_vault.this.id
  server_id        = var.postgres_server_id
  backup_policy_id = azurerm_data_protection_backup_policy_postgresql_flexible_server.weekly.id

  depends_on = [azurerm_role_assignment.vault_postgres_ltr, azurerm_role_assignment.vault_postgres_reader]
}

# -- AKS backup ----------------------------------------------------------------------------------

resource "azurerm_kubernetes_cluster_extension" "backup" {
  name              = "azure-aks-backup"
  cluster_id        = var.aks_cluster_id
  extension_type    = "Microsoft.DataProtection.Kubernetes"
  release_train     = "stable"
  release_namespace = "dataprotection-microsoft"

  configuration_settings = {
    "configuration.backupStorageLocation.bucket"                = var.backup_container_name
    "configuration.backupStorageLocation.config.resourceGroup"  = var.resource_group_name
    "configuration.backupStorageLocation.config.storageAccount" = var.storage_account_name
    "configuration.backupStorageLocation.config.subscriptionId" = data.azurerm_client_config.current.subscription_id
    "credentials.tenantId"                                      = data.azurerm_client_config.current.tenant_id
    # The account has shared keys disabled: the extension must use its Entra identity
    # (Storage Blob Data Contributor below) against the account's blob endpoint.
    "configuration.backupStorageLocation.config.useAAD"            = "true"
    "configuration.backupStorageLocation.config.storageAccountURI" = var.storage_blob_endpoint
  }
}

resource "azurerm_role_assignment" "extension_storage" {
  scope                = var.storage_account_id
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_kubernetes_cluster_extension.backup.aks_assigned_identity[0].principal_id
}

resource "azurerm_kubernetes_cluster_trusted_access_role_binding" "backup" {
  name                  = "backup-vault"
  kubernetes_cluster_id = var.aks_cluster_id
  roles                 = ["Microsoft.DataProtection/backupVaults/backup-operator"]
  source_resource_id    = azurerm_data_protection_backup_vault.this.id
}

resource "azurerm_role_assignment" "vault_cluster_reader" {
  scope                = var.aks_cluster_id
  role_definition_name = "Reader"
  principal_id         = azurerm_data_protection_backup_vault.this.identity[0].principal_id
}

resource "azurerm_role_assignment" "vault_snapshot_reader" {
  scope                = var.snapshot_resource_group_id
  role_definition_name = "Reader"
  principal_id         = azurerm_data_protection_backup_vault.this.identity[0].principal_id
}

resource "azurerm_role_assignment" "cluster_snapshot_contributor" {
  scope                = var.snapshot_resource_group_id
  role_definition_name = "Contributor"
  principal_id         = var.aks_cluster_principal_id
}

resource "azurerm_data_protection_backup_policy_kubernetes_cluster" "daily" {
  name                            = "aks-daily"
  resource_group_name             = var.resource_group_name
  vault_name                      = azurerm_data_protection_backup_vault.this.name
  backup_repeating_time_intervals = ["R/2026-01-01T17:00:00+00:00/P1D"]
  time_zone                       = "Korea Standard Time"

  default_retention_rule {
    life_cycle {
      duration        = "P14D"
      data_store_type = "OperationalStore"
    }
  }
}

resource "azurerm_data_protection_backup_instance_kubernetes_cluster" "this" {
  name                         = "aks"
  location                     = var.location
  vault_id                     = azurerm_data_protection_backup_vault.this.id
  kubernetes_cluster_id        = var.aks_cluster_id
  snapshot_resource_group_name = var.snapshot_resource_group_name
  backup_policy_id             = azurerm_data_protection_backup_policy_kubernetes_cluster.daily.id

  backup_datasource_parameters {
    included_namespaces              = var.backup_namespaces
    cluster_scoped_resources_enabled = true
    volume_snapshot_enabled          = true
  }

  depends_on = [
    azurerm_role_assignment.extension_storage,
    azurerm_kubernetes_cluster_trusted_access_role_binding.backup,
    azurerm_role_assignment.vault_cluster_reader,
    azurerm_role_assignment.vault_snapshot_reader,
    azurerm_role_assignment.cluster_snapshot_contributor,
  ]
}
