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
  description = "Premium size per shard: 1 = P1 (6 GB) ... 5 = P5 (120 GB)."
  type        = number
  default     = 1
}

variable "shard_count" {
  description = "Number of shards (cluster mode). Must stay > 1 while the components say redisType: cluster."
  type        = number
  default     = 2

  validation {
    condition     = var.shard_count >= 2 && var.shard_count <= 10
    error_message = "shard_count must be between 2 and 10 (the Dapr components use the cluster protocol)."
  }
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
