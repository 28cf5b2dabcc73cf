output "id" {
  description = "ID of the container registry."
  value       = azurerm_container_registry.this.id
}

output "login_server" {
  description = "Registry host name images are pushed to and pulled from (<name>.azurecr.io)."
  value       = azurerm_container_registry.this.login_server
}
