variable "name" {
  description = "Base name of the environment; the server is psql-<name>."
  type        = string
}

variable "location" {
  description = "Azure region of the server."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the server."
  type        = string
}

variable "tenant_id" {
  description = "Entra tenant for Entra ID authentication to the server."
  type        = string
}

variable "postgres_version" {
  description = "PostgreSQL major version."
  type        = string
  default     = "16"
}

variable "sku_name" {
  description = "Compute SKU (General Purpose is the smallest tier with zone-redundant HA)."
  type        = string
  default     = "GP_Standard_D4ds_v5"
}

variable "storage_mb" {
  description = "Initial storage in MB (grows automatically)."
  type        = number
  default     = 131072
}

variable "subnet_id" {
  description = "Subnet delegated to Microsoft.DBforPostgreSQL/flexibleServers."
  type        = string
}

variable "private_dns_zone_id" {
  description = "Private DNS zone (privatelink.postgres.database.azure.com) the server registers in."
  type        = string
}

variable "administrator_login" {
  description = "Administrator role name (used only by the migration Job)."
  type        = string
  default     = "healthsync_admin"
}

variable "administrator_password" {
  description = "Administrator password. Ephemeral and write-only: never stored in state or plan."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "administrator_password_version" {
  description = "Increase by one to push a changed administrator_password to the server."
  type        = number
  default     = 1
}

variable "database_name" {
  description = "The database all services share (each in its own schema)."
  type        = string
  default     = "healthsync"
}

variable "server_parameters" {
  description = "Server parameters (name => value)."
  type        = map(string)
  default = {
    "require_secure_transport"   = "on"
    "log_min_duration_statement" = "500"
    "timezone"                   = "UTC"
  }
}

variable "read_replica_enabled" {
  description = "Create the read replica."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
