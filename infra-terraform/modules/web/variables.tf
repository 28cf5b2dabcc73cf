variable "account_name" {
  description = "Name of the web client's storage account (3-24 lowercase letters and digits, globally unique)."
  type        = string
}

variable "location" {
  description = "Azure region."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the account."
  type        = string
}

variable "replication_type" {
  description = "Replication of the account (the files are rebuilt from Git, so zone redundancy is enough)."
  type        = string
  default     = "ZRS"
}

variable "admin_ip_ranges" {
  description = "Public CIDR ranges (operators, pipeline agents) that may upload releases; Front Door comes over Private Link."
  type        = list(string)
}

variable "publisher_object_ids" {
  description = "Object ids of the identities that upload releases (the pipeline's service connection)."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
