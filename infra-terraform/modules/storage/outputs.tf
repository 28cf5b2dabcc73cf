output "id" {
  description = "ID of the storage account."
  value       = azurerm_storage_account.this.id
}

output "name" {
  description = "Name of the storage account."
  value       = azurerm_storage_account.this.name
}

output "primary_blob_endpoint" {
  description = "Blob endpoint (the health service's BLOB_ACCOUNT_URL)."
  value       = azurerm_storage_account.this.primary_blob_endpoint
}

output "primary_blob_host" {
  description = "Blob host name (Front Door's static-asset origin)."
  value       = azurerm_storage_account.this.primary_blob_host
}

output "container_ids" {
  description = "Container resource IDs by name (scopes for role assignments)."
  value       = { for name, container in azurerm_storage_container.this : name => container.id }
}
