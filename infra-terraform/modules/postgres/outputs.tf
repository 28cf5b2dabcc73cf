output "server_id" {
  description = "ID of the primary server."
  value       = azurerm_postgresql_flexible_server.primary.id
}

output "fqdn" {
  description = "Host name of the primary server (private)."
  value       = azurerm_postgresql_flexible_server.primary.fqdn
}

output "replica_fqdn" {
  description = "Host name of the read replica (null when disabled)."
  value       = one(azurerm_postgresql_flexible_server.replica[*].fqdn)
}

output "database_name" {
  description = "Name of the shared database."
  value       = azurerm_postgresql_flexible_server_database.healthsync.name
}

output "administrator_login" {
  description = "Administrator role name."
  value       = azurerm_postgresql_flexible_server.primary.administrator_login
}
