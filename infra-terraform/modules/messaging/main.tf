# Service Bus (Standard) for the `events` pub/sub and Event Hubs (Standard) for the
# `usage-stream`. Terraform owns every entity (the Dapr components run with entity
# management off): one topic per event type, one subscription per consuming service (named
# after its Dapr app id, the components' consumerID), bounded redelivery and dead-lettering.
# Entra ID only: shared access keys are disabled, so no connection string exists.

# Premium: the tier with network isolation (private endpoint, no public access).
resource "azurerm_servicebus_namespace" "this" {
  name                          = "sb-${var.name}"
  location                      = var.location
  resource_group_name           = var.resource_group_name
  sku                           = "Premium"
  capacity                      = 1
  premium_messaging_partitions  = 1
  local_auth_enabled            = false
  minimum_tls_version           = "1.2"
  public_network_access_enabled = false
  tags                          = var.tags

  network_rule_set {
    default_action                = "Deny"
    public_network_access_enabled = false
    trusted_services_allowed      = true
  }
}

resource "azurerm_servicebus_topic" "this" {
  for_each     = var.topics
  name         = each.key
  namespace_id = azurerm_servicebus_namespace.this.id

  default_message_ttl                     = "P14D"
  requires_duplicate_detection            = true
  duplicate_detection_history_time_window = "PT30M"
  max_size_in_megabytes                   = 1024
}

locals {
  subscriptions = merge([
    for topic, subscribers in var.topics : {
      for app in subscribers : "${topic}/${app}" => { topic = topic, app = app }
    }
  ]...)
}

resource "azurerm_servicebus_subscription" "this" {
  for_each = local.subscriptions
  name     = each.value.app
  topic_id = azurerm_servicebus_topic.this[each.value.topic].id

  # After this many deliveries Service Bus moves the message to the subscription's dead-
  # letter queue; dapr/azure/resiliency.yaml retries inside each delivery and is sized
  # against it.
  max_delivery_count                        = var.max_delivery_count
  lock_duration                             = "PT1M"
  default_message_ttl                       = "P14D"
  dead_lettering_on_message_expiration      = true
  dead_lettering_on_filter_evaluation_error = true
}

resource "azurerm_eventhub_namespace" "this" {
  name                          = "evhns-${var.name}"
  location                      = var.location
  resource_group_name           = var.resource_group_name
  sku                           = "Standard"
  capacity                      = 1
  auto_inflate_enabled          = true
  maximum_throughput_units      = 10
  local_authentication_enabled  = false
  minimum_tls_version           = "1.2"
  public_network_access_enabled = false
  tags                          = var.tags

  network_rulesets {
    default_action                 = "Deny"
    public_network_access_enabled  = false
    trusted_service_access_enabled = true
  }
}

resource "azurerm_eventhub" "this" {
  for_each          = toset(var.event_hubs)
  name              = each.value
  namespace_id      = azurerm_eventhub_namespace.this.id
  partition_count   = 4
  message_retention = 7
}

resource "azurerm_eventhub_consumer_group" "this" {
  for_each            = { for pair in setproduct(var.event_hubs, var.event_hub_consumer_groups) : "${pair[0]}/${pair[1]}" => { hub = pair[0], group = pair[1] } }
  name                = each.value.group
  namespace_name      = azurerm_eventhub_namespace.this.name
  eventhub_name       = azurerm_eventhub.this[each.value.hub].name
  resource_group_name = var.resource_group_name
}

# The sidecars reach both namespaces only over these private endpoints.
resource "azurerm_private_endpoint" "this" {
  for_each = {
    servicebus = azurerm_servicebus_namespace.this.id
    eventhubs  = azurerm_eventhub_namespace.this.id
  }
  name                = "pe-${each.key}-${var.name}"
  location            = var.location
  resource_group_name = var.resource_group_name
  subnet_id           = var.private_endpoint_subnet_id
  tags                = var.tags

  private_service_connection {
    name                           = each.key
    private_connection_resource_id = each.value
    subresource_names              = ["namespace"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = each.key
    private_dns_zone_ids = [var.private_dns_zone_id]
  }
}
