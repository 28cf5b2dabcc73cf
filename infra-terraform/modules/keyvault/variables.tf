variable "vault_name" {
  description = "Globally unique vault name, 3-24 characters (components/azure/secretstore.yaml uses kv-healthsync-prod)."
  type        = string
}

variable "location" {
  description = "Azure region of the vault."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the vault."
  type        = string
}

variable "tenant_id" {
  description = "Entra tenant that authorizes access to the vault."
  type        = string
}

variable "allowed_subnet_ids" {
  description = "Subnets admitted through the vault's firewall (the AKS subnet)."
  type        = list(string)
}

variable "admin_ip_ranges" {
  description = "Public IP ranges (CIDR) admitted through the firewall: operators and the pipeline's agents."
  type        = list(string)
  default     = []
}

variable "secret_officer_object_ids" {
  description = "Entra object ids (operators, groups) allowed to set and rotate secrets."
  type        = list(string)
  default     = []
}

variable "managed_secret_names" {
  description = "Names of the secrets whose values Terraform supplies (keys of managed_secret_values)."
  type        = list(string)
}

variable "managed_secret_values" {
  description = "Values of those secrets. Write-only into Key Vault: never in state or plan."
  type        = map(string)
  sensitive   = true
  ephemeral   = true
}

variable "secrets_version" {
  description = "Increase by one to push changed managed_secret_values to the vault."
  type        = number
  default     = 1
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
