# One user-assigned managed identity per workload (each service, the migration Job), federated
# with the workload's Kubernetes service account through the cluster's OIDC issuer, and the
# role assignments that workload needs: nothing else holds a credential.

resource "azurerm_user_assigned_identity" "this" {
  for_each            = var.workloads
  name                = "id-${var.name}-${each.key}"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags                = var.tags
}

resource "azurerm_federated_identity_credential" "this" {
  for_each                  = var.workloads
  name                      = "aks-${each.key}"
  user_assigned_identity_id = azurerm_user_assigned_identity.this[each.key].id
  audience                  = ["api://AzureADTokenExchange"]
  issuer                    = var.oidc_issuer_url
  subject                   = "system:serviceaccount:${var.namespace}:${each.value.service_account}"
}

locals {
  role_assignments = merge([
    for workload, spec in var.workloads : {
      for index, assignment in spec.roles : "${workload}/${index}" => {
        workload = workload
        role     = assignment.role
        scope    = assignment.scope
      }
    }
  ]...)
}

resource "azurerm_role_assignment" "this" {
  for_each                         = local.role_assignments
  scope                            = each.value.scope
  role_definition_name             = each.value.role
  principal_id                     = azurerm_user_assigned_identity.this[each.value.workload].principal_id
  skip_service_principal_aad_check = true
}
