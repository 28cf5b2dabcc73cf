# Key Vault: every secret the services and the Dapr components read (the `secretstore`
# component). RBAC authorization (no access policies), purge protection, Premium (HSM-backed
# keys), firewall admitting only the AKS subnet, trusted services and the operators' ranges,
# audit logs to Log Analytics (observability module).
#
# Secrets Terraform knows (redis-password, postgres-url, postgres-admin-url,
# appinsights-connection-string) are written here with write-only values: they reach the
# vault but never the Terraform state or plan. Secrets from outside parties (claude-api-key,
# nhis-client-id, nhis-client-secret, fcm-service-account, jwt-signing-key) are set by an operator (README).

data "azurerm_client_config" "current" {}

resource "azurerm_key_vault" "this" {
  name                          = var.vault_name
  location                      = var.location
  resource_group_name           = var.resource_group_name
  tenant_id                     = var.tenant_id
  sku_name                      = "premium"
  rbac_authorization_enabled    = true
  purge_protection_enabled      = true
  soft_delete_retention_days    = 90
  public_network_access_enabled = true
  tags                          = var.tags

  network_acls {
    default_action             = "Deny"
    bypass                     = "AzureServices"
    virtual_network_subnet_ids = var.allowed_subnet_ids
    ip_rules                   = var.admin_ip_ranges
  }
}

# Whoever runs Terraform writes the secrets it owns.
resource "azurerm_role_assignment" "deployer" {
  scope                = azurerm_key_vault.this.id
  role_definition_name = "Key Vault Secrets Officer"
  principal_id         = data.azurerm_client_config.current.object_id
}

resource "azurerm_role_assignment" "operators" {
  for_each             = toset(var.secret_officer_object_ids)
  scope                = azurerm_key_vault.this.id
  role_definition_name = "Key Vault Secrets Officer"
  principal_id         = each.value
}

resource "azurerm_key_vault_secret" "managed" {
  for_each         = toset(var.managed_secret_names)
  name             = each.value
  key_vault_id     = azurerm_key_vault.this.id
  value_wo         = var.managed_secret_values[each.value]
  value_wo_version = var.secrets_version
  content_type     = "text/plain"

  depends_on = [azurerm_role_assignment.deployer]
}
