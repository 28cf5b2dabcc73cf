output "client_ids" {
  description = "Client id of each workload's identity, by workload: the chart's services.<name>.workloadIdentity.clientId (not secret)."
  value       = { for workload, identity in azurerm_user_assigned_identity.this : workload => identity.client_id }
}

output "principal_ids" {
  description = "Principal (object) id of each workload's identity, by workload."
  value       = { for workload, identity in azurerm_user_assigned_identity.this : workload => identity.principal_id }
}
