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

output "topic_ids" {
  description = "Service Bus topic ids by name (per-topic Sender roles)."
  value       = { for name, topic in azurerm_servicebus_topic.this : name => topic.id }
}

output "subscription_ids" {
  description = "Service Bus subscription ids by topic/app (per-subscription Receiver roles)."
  value       = { for key, subscription in azurerm_servicebus_subscription.this : key => subscription.id }
}

output "publishers" {
  description = "Apps allowed to send to each topic."
  value       = var.publishers
}
