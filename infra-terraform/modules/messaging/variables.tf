variable "name" {
  description = "Base name of the environment; namespaces are sb-<name> and evhns-<name> (components/azure use sb-healthsync-prod and evhns-healthsync-prod)."
  type        = string
}

variable "location" {
  description = "Azure region of the namespaces."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the namespaces."
  type        = string
}

variable "topics" {
  description = <<-EOT
    Service Bus topics (one per event type on the `events` pub/sub) and, for each, the Dapr app
    ids that subscribe to it. Every (topic, app) pair becomes a subscription named after the
    app: it must match the services' /dapr/subscribe answers, since the sidecars do not create
    entities (node scripts/check-deploy.mjs compares this with the services' subscriptions).
    `dead-letters` receives what the sidecars dead-letter after their retries.
  EOT
  type        = map(list(string))
  default = {
    "user-registered"         = ["health"]
    "user-profile-changed"    = ["health"]
    "user-deleted"            = ["health", "goal", "intelligence", "batch"]
    "inactive-account-notice" = ["batch"]
    "consent-withdrawn"       = ["health", "intelligence"]
    "health-checkup-imported" = ["intelligence"]
    "goal-set"                = ["batch"]
    "mission-completed"       = ["batch"]
    "mission-undone"          = ["batch"]
    "missions-reset"          = ["batch"]
    "celebration-earned"      = ["batch"]
    "dead-letters"            = ["batch"]
  }
}

variable "max_delivery_count" {
  description = "Deliveries of one message to a subscription before Service Bus dead-letters it (dapr/azure/resiliency.yaml is sized against 10)."
  type        = number
  default     = 10
}

variable "event_hubs" {
  description = "Event hubs of the `usage-stream` pub/sub: one per topic the services publish there."
  type        = list(string)
  default     = ["ai-usage"]
}

variable "event_hub_consumer_groups" {
  description = "Consumer groups on every event hub: one per subscribing app, named after its app id (the component's consumerID), and `analytics` for readers outside the services."
  type        = list(string)
  default     = ["usage-analytics", "analytics"]
}

variable "private_endpoint_subnet_id" {
  description = "Subnet of the namespaces' private endpoints."
  type        = string
}

variable "private_dns_zone_id" {
  description = "Private DNS zone privatelink.servicebus.windows.net (Service Bus and Event Hubs)."
  type        = string
}

variable "publishers" {
  description = "For each topic, the Dapr app ids allowed to send to it (Azure Service Bus Data Sender on that topic only). Subscribers also send to `dead-letters` (their sidecars dead-letter there); batch publishes a dead-lettered user-deleted again. A check compares this with the services' code."
  type        = map(list(string))
  default = {
    "user-registered"         = ["user"]
    "user-profile-changed"    = ["user"]
    "user-deleted"            = ["user", "batch"]
    "inactive-account-notice" = ["user"]
    "consent-withdrawn"       = ["user"]
    "health-checkup-imported" = ["health"]
    "goal-set"                = ["goal"]
    "mission-completed"       = ["goal"]
    "mission-undone"          = ["goal"]
    "missions-reset"          = ["goal"]
    "celebration-earned"      = ["goal"]
  }
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
