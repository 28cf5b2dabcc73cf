output "id" {
  description = "ID of the cache."
  value       = azurerm_redis_cache.this.id
}

output "host" {
  description = "TLS endpoint host:port the Dapr components use (redisHost)."
  value       = "${azurerm_redis_cache.this.hostname}:${azurerm_redis_cache.this.ssl_port}"
}

output "primary_access_key" {
  description = "Access key, only for writing it into Key Vault within the same apply. Sensitive."
  value       = azurerm_redis_cache.this.primary_access_key
  sensitive   = true
}
