output "cluster_id" {
  description = "ID of the AKS cluster."
  value       = azurerm_kubernetes_cluster.this.id
}

output "cluster_name" {
  description = "Name of the AKS cluster (az aks get-credentials -n <this>)."
  value       = azurerm_kubernetes_cluster.this.name
}

output "oidc_issuer_url" {
  description = "The cluster's OIDC issuer: the issuer of every federated identity credential."
  value       = azurerm_kubernetes_cluster.this.oidc_issuer_url
}

output "node_resource_group_id" {
  description = "ID of the resource group that holds the nodes (and disk snapshots of AKS backups)."
  value       = azurerm_kubernetes_cluster.this.node_resource_group_id
}

output "cluster_principal_id" {
  description = "Principal ID of the cluster's system-assigned identity."
  value       = azurerm_kubernetes_cluster.this.identity[0].principal_id
}

output "key_vault_secrets_provider_client_id" {
  description = "Client id of the Key Vault secrets provider add-on's identity (SecretProviderClass userAssignedIdentityID)."
  value       = azurerm_kubernetes_cluster.this.key_vault_secrets_provider[0].secret_identity[0].client_id
}

output "key_vault_secrets_provider_object_id" {
  description = "Object id of the Key Vault secrets provider add-on's identity (its Key Vault role assignments)."
  value       = azurerm_kubernetes_cluster.this.key_vault_secrets_provider[0].secret_identity[0].object_id
}
