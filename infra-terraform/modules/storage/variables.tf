variable "account_name" {
  description = "Globally unique storage account name (3-24 lowercase letters and digits)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]{3,24}$", var.account_name))
    error_message = "account_name must be 3-24 lowercase letters and digits."
  }
}

variable "location" {
  description = "Azure region of the account."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the account."
  type        = string
}

variable "replication_type" {
  description = "Redundancy: GRS copies every blob to the paired region (the drawing's geo-redundant storage); RAGRS adds read access there."
  type        = string
  default     = "GRS"

  validation {
    condition     = contains(["GRS", "RAGRS", "GZRS", "RAGZRS"], var.replication_type)
    error_message = "replication_type must be geo-redundant: GRS, RAGRS, GZRS or RAGZRS."
  }
}

variable "containers" {
  description = "Blob containers to create."
  type        = list(string)
  default     = ["checkups", "exports", "usage-stream-checkpoints", "static", "redis-persistence", "aks-backups"]
}

variable "previous_version_days" {
  description = "Days after which previous versions and snapshots of checkup files are deleted (an erased user's files included)."
  type        = number
  default     = 7

  validation {
    condition     = var.previous_version_days >= 1 && var.previous_version_days <= 30
    error_message = "previous_version_days must be between 1 and 30."
  }
}

variable "allowed_subnet_ids" {
  description = "Subnets admitted through the account's firewall (service endpoints)."
  type        = list(string)
}

variable "admin_ip_ranges" {
  description = "Public IP ranges (CIDR) admitted through the firewall, e.g. the pipeline's agents."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
