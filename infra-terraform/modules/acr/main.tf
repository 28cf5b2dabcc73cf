# Azure Container Registry: the pipeline pushes the service images here; AKS pulls with its
# kubelet identity. Premium for zone redundancy, geo-replication to the DR region and
# private access.

resource "azurerm_container_registry" "this" {
  name                          = var.registry_name
  location                      = var.location
  resource_group_name           = var.resource_group_name
  sku                           = "Premium"
  admin_enabled                 = false
  anonymous_pull_enabled        = false
  zone_redundancy_enabled       = true
  public_network_access_enabled = true
  retention_policy_in_days      = 30
  tags                          = var.tags

  dynamic "georeplications" {
    for_each = var.replica_locations
    content {
      location                        = georeplications.value
      zone_redundancy_enabled         = false
      global_endpoint_routing_enabled = true
      tags                            = var.tags
    }
  }
}
