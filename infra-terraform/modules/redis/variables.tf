variable "name" {
  description = "Base name of the environment; the cache is redis-<name> (components/azure use redis-healthsync-prod)."
  type        = string
}

variable "location" {
  description = "Azure region of the cache."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the cache."
  type        = string
}

variable "subscription_id" {
  description = "Subscription of the persistence storage account."
  type        = string
}

variable "capacity" {
  description = "Premium size: 1 = P1 (6 GB) ... 5 = P5 (120 GB). One primary and one replica; scale up by size, not by shards (see main.tf)."
  type        = number
  default     = 1
}

variable "zones" {
  description = "Availability zones of the cache's nodes."
  type        = list(string)
  default     = ["1", "2", "3"]
}

variable "persistence_storage_account_id" {
  description = "Storage account that receives RDB snapshots."
  type        = string
}

variable "persistence_blob_endpoint" {
  description = "Blob endpoint of that storage account (https://<account>.blob.core.windows.net/)."
  type        = string
}

variable "private_endpoint_subnet_id" {
  description = "Subnet of the cache's private endpoint."
  type        = string
}

variable "private_dns_zone_id" {
  description = "privatelink.redis.cache.windows.net zone."
  type        = string
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
