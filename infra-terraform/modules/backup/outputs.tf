output "backup_vault_id" {
  description = "ID of the Backup vault (PostgreSQL long-term and AKS backups)."
  value       = azurerm_data_protection_backup_vault.this.id
}
