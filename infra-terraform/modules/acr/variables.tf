variable "registry_name" {
  description = "Globally unique registry name (alphanumeric, 5-50 characters)."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9]{5,50}$", var.registry_name))
    error_message = "registry_name must be 5-50 alphanumeric characters."
  }
}

variable "location" {
  description = "Azure region of the registry's home replica."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the registry."
  type        = string
}

variable "replica_locations" {
  description = "Further regions the registry is geo-replicated to (the DR region)."
  type        = list(string)
  default     = []
}

variable "allowed_ip_ranges" {
  description = "Public CIDR ranges that may reach the registry (pipeline agents that push, operators)."
  type        = list(string)
}

variable "private_endpoint_subnet_id" {
  description = "Subnet of the registry's private endpoint (the cluster pulls through it)."
  type        = string
}

variable "private_dns_zone_id" {
  description = "Private DNS zone privatelink.azurecr.io."
  type        = string
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
