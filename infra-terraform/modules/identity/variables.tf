variable "name" {
  description = "Base name of the environment; identities are id-<name>-<workload>."
  type        = string
}

variable "location" {
  description = "Azure region of the identities."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the identities."
  type        = string
}

variable "oidc_issuer_url" {
  description = "The AKS cluster's OIDC issuer URL."
  type        = string
}

variable "namespace" {
  description = "Kubernetes namespace the chart is installed in."
  type        = string
  default     = "healthsync"
}

variable "workloads" {
  description = "Workloads by name: the Kubernetes service account each runs as (the chart names them healthsync-<service>) and the roles its identity gets (role name, scope)."
  type = map(object({
    service_account = string
    roles = list(object({
      role  = string
      scope = string
    }))
  }))
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
