# -- Subscription and naming -------------------------------------------------------------------

variable "subscription_id" {
  description = "Azure subscription everything is created in."
  type        = string
}

variable "tenant_id" {
  description = "Microsoft Entra tenant (Kubernetes RBAC, Key Vault, workload identity)."
  type        = string
}

variable "location" {
  description = "Primary Azure region."
  type        = string
  default     = "koreacentral"
}

variable "dr_location" {
  description = "Disaster-recovery region: ACR replica, Recovery Services vault, Site Recovery target (Korea Central's pair)."
  type        = string
  default     = "koreasouth"
}

variable "prefix" {
  description = "Application name used in every resource name."
  type        = string
  default     = "healthsync"
}

variable "environment" {
  description = "Environment name used in every resource name (the defaults make the names components/azure and values-azure.yaml expect)."
  type        = string
  default     = "prod"
}

variable "tags" {
  description = "Extra tags for every resource."
  type        = map(string)
  default     = {}
}

# -- Network and cluster -----------------------------------------------------------------------

variable "vnet_address_space" {
  description = "Address space of the VNet (a /16)."
  type        = string
  default     = "10.40.0.0/16"
}

variable "kubernetes_version" {
  description = "AKS Kubernetes minor version; the chart's offline validation (node scripts/check-deploy.mjs) uses the same version's schemas."
  type        = string
  default     = "1.34"
}

variable "dapr_version" {
  description = "Dapr runtime version of the AKS Dapr extension (the services are built and tested against 1.18.3)."
  type        = string
  default     = "1.18.3"
}

variable "kubernetes_namespace" {
  description = "Namespace the chart is installed in (the federated credentials name its service accounts)."
  type        = string
  default     = "healthsync"
}

variable "aks_admin_group_object_ids" {
  description = "Entra groups whose members administer the cluster."
  type        = list(string)
  default     = []
}

variable "ingress_private_ip" {
  description = "Static private IP for the NGINX ingress controller's internal load balancer, inside the AKS subnet (the Application Gateway's back end)."
  type        = string
}

# -- Edge --------------------------------------------------------------------------------------

variable "api_host_name" {
  description = "Public host name of the API (also the chart's ingress.host)."
  type        = string
}

variable "tls_certificate_secret_id" {
  description = "Versionless Key Vault secret id of the API host's TLS certificate, imported into the vault by an operator; the Application Gateway serves it."
  type        = string
}

# -- Data --------------------------------------------------------------------------------------

variable "redis_shard_count" {
  description = "Shards of Azure Cache for Redis Premium (cluster mode; the Dapr components say redisType: cluster)."
  type        = number
  default     = 2
}

variable "postgres_app_role" {
  description = "PostgreSQL role the services connect as (the migration Job creates it with DML rights only)."
  type        = string
  default     = "healthsync_app"
}

# -- Secrets (ephemeral: never in state or plan; pass as TF_VAR_* from a secret store) --------

variable "postgres_admin_password" {
  description = "Password of the PostgreSQL administrator. Ephemeral."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "postgres_app_password" {
  description = "Password of the services' PostgreSQL role (goes into the postgres-url secret). Ephemeral."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "secrets_version" {
  description = "Increase by one when a secret above changes, so the new values are written (write-only attributes are not compared)."
  type        = number
  default     = 1
}

variable "state_passphrase" {
  description = "Passphrase (16+ characters) from which the state and plan encryption key is derived (OpenTofu state encryption)."
  type        = string
  sensitive   = true
}

# -- Access ------------------------------------------------------------------------------------

variable "operator_object_ids" {
  description = "Entra object ids of the operators who set and rotate Key Vault secrets (the outside parties' keys)."
  type        = list(string)
  default     = []
}

variable "admin_ip_ranges" {
  description = "Public IP ranges (CIDR) admitted through the Key Vault and Storage firewalls (operators, pipeline agents)."
  type        = list(string)
  default     = []
}

variable "alert_emails" {
  description = "E-mail addresses Azure Monitor alerts go to."
  type        = list(string)
  default     = []
}

# -- Identity provider ---------------------------------------------------------------------------

variable "b2c_enabled" {
  description = "Use an Azure AD B2C tenant as the OIDC issuer option (Google remains the default)."
  type        = bool
  default     = false
}

variable "b2c_existing_tenant_id" {
  description = "Existing B2C tenant to reference instead of creating one."
  type        = string
  default     = null
}
