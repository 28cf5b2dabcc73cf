# -- Subscription and naming -------------------------------------------------------------------

variable "subscription_id" {
  description = "Azure subscription everything is created in."
  type        = string

  validation {
    condition     = can(regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", var.subscription_id)) && !can(regex("^[01-]+$", var.subscription_id))
    error_message = "subscription_id must be a real subscription GUID, not a placeholder."
  }
}

variable "tenant_id" {
  description = "Microsoft Entra tenant (Kubernetes RBAC, Key Vault, workload identity)."
  type        = string

  validation {
    condition     = can(regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", var.tenant_id)) && !can(regex("^[01-]+$", var.tenant_id))
    error_message = "tenant_id must be a real tenant GUID, not a placeholder."
  }
}

variable "location" {
  description = "Primary Azure region."
  type        = string
  default     = "koreacentral"
}

variable "dr_location" {
  description = "Disaster-recovery region (Korea Central's pair): ACR geo-replica; where the environment is re-created and PostgreSQL geo-restored in a regional outage."
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

variable "name_suffix" {
  description = "Four lowercase letters or digits appended to the globally unique names (registry, storage, Key Vault, Redis, Service Bus, Event Hubs, PostgreSQL). Change it when a name is taken; components/azure and values-azure.yaml must follow (node scripts/check-deploy.mjs lists the differences)."
  type        = string
  default     = "k3x9"

  validation {
    condition     = can(regex("^[a-z0-9]{4}$", var.name_suffix))
    error_message = "name_suffix must be exactly four lowercase letters or digits (Key Vault names allow 24 characters)."
  }
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

variable "web_host_name" {
  description = "Public host name of the web client (clients/web), served by Front Door from its own storage account; the gateway allows it by CORS (chart_environment_values)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$", var.web_host_name))
    error_message = "web_host_name must be a host name (no scheme, no path)."
  }
}

variable "web_publisher_object_ids" {
  description = "Object ids of the identities that upload web client releases (the pipeline's service connection): Storage Blob Data Contributor on the web account."
  type        = list(string)
  default     = []
}

variable "oidc_client_ids" {
  description = "Google OAuth client ids of the mobile apps (Android, iOS); the user service accepts ID tokens for these audiences (chart_environment_values)."
  type        = list(string)

  validation {
    condition     = length(var.oidc_client_ids) > 0 && alltrue([for id in var.oidc_client_ids : can(regex("^[0-9]+-[a-z0-9]+\\.apps\\.googleusercontent\\.com$", id))])
    error_message = "oidc_client_ids must list Google OAuth client ids (<number>-<id>.apps.googleusercontent.com)."
  }
}

variable "nhis_base_url" {
  description = "HTTPS base URL of the contracted NHIS data aggregator (chart_environment_values)."
  type        = string

  validation {
    condition     = startswith(var.nhis_base_url, "https://")
    error_message = "nhis_base_url must be an https:// URL."
  }
}

variable "tls_certificate_secret_id" {
  description = "Versionless Key Vault secret id of the API host's TLS certificate, imported into the vault by an operator; the Application Gateway serves it."
  type        = string
}

# -- Secrets (ephemeral: never in state or plan; pass as TF_VAR_* from a secret store) --------

variable "postgres_admin_password" {
  description = "Password of the PostgreSQL administrator. Ephemeral."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "secrets_version" {
  description = "Increase by one when a secret above changes, so the new values are written (write-only attributes are not compared); this also generates new passwords for the services' PostgreSQL roles, which the next release's migration Job sets."
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
  description = "Public IP ranges (CIDR) of the operators and the pipeline's agents: admitted to the AKS API server, ACR, Key Vault and Storage. The pipeline's Build and Release stages must run on agents with these addresses (a self-hosted or managed pool)."
  type        = list(string)

  validation {
    condition     = length(var.admin_ip_ranges) > 0 && !contains(var.admin_ip_ranges, "0.0.0.0/0")
    error_message = "admin_ip_ranges must list the operators' and agents' ranges (not empty, not 0.0.0.0/0)."
  }
}

variable "egress_fqdns" {
  description = "Host names the cluster's workloads may reach through the egress firewall over HTTPS (the NHIS aggregator's host is added from nhis_base_url)."
  type        = list(string)
  default = [
    # Google sign-in: ID token keys and metadata.
    "accounts.google.com", "www.googleapis.com", "oauth2.googleapis.com",
    # Firebase Cloud Messaging.
    "fcm.googleapis.com",
    # Anthropic (Claude).
    "api.anthropic.com",
    # Workload identity token exchange and Azure Monitor / Application Insights ingestion.
    "login.microsoftonline.com", "*.in.applicationinsights.azure.com", "*.monitor.azure.com",
    "*.ods.opinsights.azure.com", "*.oms.opinsights.azure.com",
    # Flux's Git source and the add-ons' charts and images.
    "github.com", "ghcr.io", "*.githubusercontent.com", "*.pkg.github.com", "registry.k8s.io", "*.pkg.dev", "quay.io", "*.quay.io",
    "kubernetes.github.io", "prometheus-community.github.io", "open-telemetry.github.io", "flagger.app",
  ]
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
