variable "name" {
  description = "Base name of the environment."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the alert rules."
  type        = string
}

variable "action_group_id" {
  description = "Action group every alert notifies."
  type        = string
}

variable "log_analytics_workspace_id" {
  description = "Workspace the diagnostic settings send to."
  type        = string
}

variable "servicebus_namespace_id" {
  description = "Service Bus namespace (dead-letter alert)."
  type        = string
}

variable "postgres_server_id" {
  description = "PostgreSQL primary server (CPU and storage alerts)."
  type        = string
}

variable "redis_id" {
  description = "Azure Cache for Redis (server load alert)."
  type        = string
}

variable "application_gateway_id" {
  description = "Application Gateway (unhealthy back-end alert)."
  type        = string
}

variable "frontdoor_profile_id" {
  description = "Front Door profile (5xx alert)."
  type        = string
}

variable "aks_cluster_id" {
  description = "AKS cluster (node CPU alert)."
  type        = string
}

variable "diagnostic_targets" {
  description = "Resources whose logs and metrics go to Log Analytics, by a short name."
  type        = map(string)
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
