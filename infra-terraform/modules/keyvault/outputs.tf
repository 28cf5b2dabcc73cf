output "id" {
  description = "ID of the vault (scope of the services' Key Vault Secrets User role)."
  value       = azurerm_key_vault.this.id
}

output "name" {
  description = "Name of the vault (vaultName in components/azure/secretstore.yaml)."
  value       = azurerm_key_vault.this.name
}

output "uri" {
  description = "Vault URI (the migration Job's KEY_VAULT_URI)."
  value       = azurerm_key_vault.this.vault_uri
}

output "managed_secret_ids" {
  description = "Versionless IDs of the secrets Terraform wrote, by name (scopes for per-secret role assignments)."
  value       = { for name, secret in azurerm_key_vault_secret.managed : name => secret.resource_versionless_id }
}
