variable "b2c_enabled" {
  description = "Use an Azure AD B2C tenant as an OIDC issuer."
  type        = bool
  default     = false
}

variable "b2c_existing_tenant_id" {
  description = "Tenant id of an existing B2C tenant to reference instead of creating one (null: create)."
  type        = string
  default     = null
}

variable "display_name" {
  description = "Display name of the B2C tenant."
  type        = string
  default     = "HealthSync"
}

variable "domain_name" {
  description = "Initial domain of the B2C tenant (<name>.onmicrosoft.com)."
  type        = string
  default     = "healthsyncb2c.onmicrosoft.com"
}

variable "user_flow" {
  description = "Name of the sign-in user flow (policy) whose issuer the user service trusts."
  type        = string
  default     = "B2C_1_signin"
}

variable "resource_group_name" {
  description = "Resource group of the B2C directory resource."
  type        = string
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
