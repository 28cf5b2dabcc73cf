output "id" {
  description = "ID of the web client's storage account (Front Door's Private Link target)."
  value       = azurerm_storage_account.this.id
}

output "name" {
  description = "Name of the account: the pipeline uploads to its $web container."
  value       = azurerm_storage_account.this.name
}

output "primary_web_host" {
  description = "Static website host name (Front Door's origin for the web client)."
  value       = azurerm_storage_account.this.primary_web_host
}
