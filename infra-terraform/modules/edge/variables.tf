variable "name" {
  description = "Base name of the environment."
  type        = string
}

variable "location" {
  description = "Azure region of the Application Gateway."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the edge resources."
  type        = string
}

variable "zones" {
  description = "Availability zones of the Application Gateway and its public IP."
  type        = list(string)
  default     = ["1", "2", "3"]
}

variable "api_host_name" {
  description = "Public host name of the API (the chart's ingress.host): the Application Gateway listener, the Host header to the ingress, and Front Door's origin host header."
  type        = string
}

variable "appgw_subnet_id" {
  description = "Subnet dedicated to the Application Gateway."
  type        = string
}

variable "ingress_private_ip" {
  description = "Private IP of the NGINX ingress controller's internal load balancer, in the AKS subnet (set it on the controller's Service: service.beta.kubernetes.io/azure-load-balancer-ipv4)."
  type        = string
}

variable "key_vault_id" {
  description = "Key Vault holding the API host's TLS certificate."
  type        = string
}

variable "tls_certificate_secret_id" {
  description = "Versionless Key Vault secret id of the API host's TLS certificate (PFX), imported by an operator."
  type        = string
}

variable "static_storage_account_id" {
  description = "Storage account whose `static` container Front Door serves and caches."
  type        = string
}

variable "static_blob_host" {
  description = "Blob host name of that storage account."
  type        = string
}

variable "web_host_name" {
  description = "Public host name of the web client (its own Front Door custom domain); the gateway's CORS_ORIGINS names it."
  type        = string
}

variable "web_storage_account_id" {
  description = "Storage account whose static website holds the web client (modules/web)."
  type        = string
}

variable "web_origin_host" {
  description = "Static website host name of that account (primary_web_host)."
  type        = string
}

variable "rate_limit_per_minute" {
  description = "Requests per client IP per minute Front Door's WAF allows before blocking."
  type        = number
  default     = 1200
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
