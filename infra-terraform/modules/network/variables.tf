variable "name" {
  description = "Base name of the environment (e.g. healthsync-prod); resources are named <kind>-<name>."
  type        = string
}

variable "location" {
  description = "Azure region of the network."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group the network resources are created in."
  type        = string
}

variable "address_space" {
  description = "Address space of the VNet, a /16: AKS nodes get the first /20, then the Application Gateway, private endpoint and PostgreSQL subnets a /24 each."
  type        = string
  default     = "10.40.0.0/16"

  validation {
    condition     = can(cidrnetmask(var.address_space)) && endswith(var.address_space, "/16")
    error_message = "address_space must be an IPv4 /16, e.g. 10.40.0.0/16."
  }
}

variable "private_dns_zones" {
  description = "Private DNS zones to create and link to the VNet (one per kind of private endpoint, plus PostgreSQL's)."
  type        = list(string)
  default = [
    "privatelink.redis.cache.windows.net",
    "privatelink.blob.core.windows.net",
    "privatelink.azurecr.io",
    "privatelink.postgres.database.azure.com",
    # Service Bus and Event Hubs share this zone.
    "privatelink.servicebus.windows.net",
  ]
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}

variable "zones" {
  description = "Availability zones of the firewall and its public IP."
  type        = list(string)
  default     = ["1", "2", "3"]
}

variable "egress_fqdns" {
  description = "Host names the workloads may reach through the firewall (HTTPS): the outside parties (Google sign-in, Anthropic, NHIS, FCM), Entra ID for workload identity, Azure Monitor, and the registries and Git/Helm sources of the cluster's add-ons."
  type        = list(string)
}
