output "servicebus_namespace_id" {
  description = "ID of the Service Bus namespace (scope of the services' sender/receiver roles)."
  value       = azurerm_servicebus_namespace.this.id
}

output "servicebus_namespace_fqdn" {
  description = "Host name the `events` component's namespaceName must equal."
  value       = "${azurerm_servicebus_namespace.this.name}.servicebus.windows.net"
}

output "eventhub_namespace_id" {
  description = "ID of the Event Hubs namespace."
  value       = azurerm_eventhub_namespace.this.id
}

output "eventhub_namespace_name" {
  description = "Name the `usage-stream` component's eventHubNamespace must equal."
  value       = azurerm_eventhub_namespace.this.name
}

output "subscriptions" {
  description = "Service Bus subscriptions created, as topic/app."
  value       = keys(local.subscriptions)
}
