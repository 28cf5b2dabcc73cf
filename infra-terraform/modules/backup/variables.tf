variable "name" {
  description = "Base name of the environment."
  type        = string
}

variable "location" {
  description = "Primary Azure region."
  type        = string
}

variable "resource_group_name" {
  description = "Primary resource group (Backup vault, AKS backup policy)."
  type        = string
}

variable "resource_group_id" {
  description = "ID of the primary resource group (the Backup vault reads it)."
  type        = string
}

variable "postgres_server_id" {
  description = "PostgreSQL Flexible Server to back up long-term."
  type        = string
}

variable "aks_cluster_id" {
  description = "AKS cluster to back up."
  type        = string
}

variable "aks_cluster_principal_id" {
  description = "Principal of the cluster's identity (takes disk snapshots)."
  type        = string
}

variable "snapshot_resource_group_id" {
  description = "ID of the resource group that receives AKS volume snapshots (the node resource group)."
  type        = string
}

variable "snapshot_resource_group_name" {
  description = "Name of that resource group."
  type        = string
}

variable "storage_account_id" {
  description = "Storage account that holds AKS backup data."
  type        = string
}

variable "storage_account_name" {
  description = "Name of that storage account."
  type        = string
}

variable "storage_blob_endpoint" {
  description = "Blob endpoint of that account (https://<account>.blob.core.windows.net/): the backup extension reaches it with Entra ID (useAAD), since shared keys are disabled."
  type        = string
}

variable "backup_container_name" {
  description = "Blob container of AKS backup data."
  type        = string
  default     = "aks-backups"
}

variable "backup_namespaces" {
  description = "Kubernetes namespaces included in AKS backups."
  type        = list(string)
  default     = ["healthsync", "dapr-system", "flux-system"]
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
