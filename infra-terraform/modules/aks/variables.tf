variable "name" {
  description = "Base name of the environment; the cluster is aks-<name>."
  type        = string
}

variable "location" {
  description = "Azure region of the cluster."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the cluster (its nodes go to rg-<name>-aks-nodes)."
  type        = string
}

variable "tenant_id" {
  description = "Microsoft Entra tenant for Kubernetes RBAC and workload identity."
  type        = string
}

variable "admin_group_object_ids" {
  description = "Entra groups whose members are cluster admins (Azure RBAC for Kubernetes)."
  type        = list(string)
  default     = []
}

variable "kubernetes_version" {
  description = "Kubernetes minor version (AKS picks the newest patch; patch upgrades are automatic). The chart is validated against this version's schemas."
  type        = string
  default     = "1.34"
}

variable "subnet_id" {
  description = "Subnet of the node pools."
  type        = string
}

variable "zones" {
  description = "Availability zones the node pools span."
  type        = list(string)
  default     = ["1", "2", "3"]
}

variable "system_vm_size" {
  description = "VM size of the system node pool (critical add-ons only)."
  type        = string
  default     = "Standard_D4ds_v5"
}

variable "apps_vm_size" {
  description = "VM size of the apps node pool (the HealthSync pods)."
  type        = string
  default     = "Standard_D4ds_v5"
}

variable "apps_min_count" {
  description = "Minimum nodes of the apps pool (cluster autoscaler)."
  type        = number
  default     = 3
}

variable "apps_max_count" {
  description = "Maximum nodes of the apps pool (cluster autoscaler)."
  type        = number
  default     = 12
}

variable "pod_cidr" {
  description = "Overlay address range for pods (not routed in the VNet)."
  type        = string
  default     = "10.244.0.0/16"
}

variable "service_cidr" {
  description = "Address range of Kubernetes Services; the cluster DNS takes its 10th address."
  type        = string
  default     = "10.0.0.0/16"
}

variable "acr_id" {
  description = "Container registry the kubelet identity may pull from."
  type        = string
}

variable "log_analytics_workspace_id" {
  description = "Log Analytics workspace for Container Insights and Defender."
  type        = string
}

variable "dapr_version" {
  description = "Version of the AKS Dapr extension (the Dapr runtime the services are built against: 1.18.x)."
  type        = string
  default     = "1.18.3"
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}

variable "api_authorized_ip_ranges" {
  description = "CIDR ranges allowed to reach the public API server (operators, pipeline agents, the cluster's egress IP)."
  type        = list(string)

  validation {
    condition     = length(var.api_authorized_ip_ranges) > 0 && !contains(var.api_authorized_ip_ranges, "0.0.0.0/0")
    error_message = "api_authorized_ip_ranges must list specific ranges (not empty, not 0.0.0.0/0)."
  }
}

variable "egress_route_id" {
  description = "ID of the AKS subnet's route-table association (network module): the cluster's outbound type userDefinedRouting needs it in place first."
  type        = string
}
