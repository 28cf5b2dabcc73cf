# Azure Container Registry: the pipeline pushes the service images here; AKS pulls with its
# kubelet identity. Premium for zone redundancy, geo-replication to the DR region and
# private access.

resource "azurerm_container_registry" "this" {
  name                    = var.registry_name
  location                = var.location
  resource_group_name     = var.resource_group_name
  sku                     = "Premium"
  admin_enabled           = false
  anonymous_pull_enabled  = false
  zone_redundancy_enabled = true
  # Public access only for the pipeline agents' and operators' ranges (they push); the
  # cluster pulls over the private endpoint below.
  public_network_access_enabled = true
  network_rule_bypass_option    = "AzureServices"
  retention_policy_in_days      = 30
  tags                          = var.tags

  network_rule_set {
    default_action = "Deny"

    dynamic "ip_rule" {
      for_each = var.allowed_ip_ranges
      content {
        action   = "Allow"
        ip_range = ip_rule.value
      }
    }
  }

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

resource "azurerm_private_endpoint" "this" {
  name                = "pe-acr-${var.registry_name}"
  location            = var.location
  resource_group_name = var.resource_group_name
  subnet_id           = var.private_endpoint_subnet_id
  tags                = var.tags

  private_service_connection {
    name                           = "registry"
    private_connection_resource_id = azurerm_container_registry.this.id
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "registry"
    private_dns_zone_ids = [var.private_dns_zone_id]
  }
}
