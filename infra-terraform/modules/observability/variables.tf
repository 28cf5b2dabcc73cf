variable "name" {
  description = "Base name of the environment."
  type        = string
}

variable "location" {
  description = "Azure region of the workspace and Application Insights."
  type        = string
}

variable "resource_group_name" {
  description = "Resource group of the observability resources."
  type        = string
}

variable "log_retention_days" {
  description = "Days Log Analytics keeps logs."
  type        = number
  default     = 30
}

variable "alert_emails" {
  description = "E-mail addresses the on-call action group notifies."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
