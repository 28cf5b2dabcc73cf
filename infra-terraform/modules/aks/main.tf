# AKS: workload identity (OIDC issuer + federated service accounts), Azure RBAC, autoscaling
# node pools spread over availability zones, Cilium network policy, Container Insights, and
# the Dapr control plane as the AKS Dapr extension (mTLS on, HA).

resource "azurerm_kubernetes_cluster" "this" {
  name                = "aks-${var.name}"
  location            = var.location
  resource_group_name = var.resource_group_name
  dns_prefix          = var.name
  kubernetes_version  = var.kubernetes_version
  sku_tier            = "Standard"
  node_resource_group = "rg-${var.name}-aks-nodes"

  automatic_upgrade_channel = "patch"
  node_os_upgrade_channel   = "NodeImage"

  oidc_issuer_enabled       = true
  workload_identity_enabled = true
  local_account_disabled    = true
  azure_policy_enabled      = true

  # The public API server answers only the operators' and pipeline agents' ranges and the
  # cluster's own egress address (nodes reach it through the firewall).
  api_server_access_profile {
    authorized_ip_ranges = var.api_authorized_ip_ranges
  }

  # Syncs the API host's TLS certificate from Key Vault for the ingress controller
  # (Application Gateway → NGINX is HTTPS).
  key_vault_secrets_provider {
    secret_rotation_enabled = true
  }

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled     = true
    tenant_id              = var.tenant_id
    admin_group_object_ids = var.admin_group_object_ids
  }

  default_node_pool {
    name                         = "system"
    vm_size                      = var.system_vm_size
    vnet_subnet_id               = var.subnet_id
    zones                        = var.zones
    auto_scaling_enabled         = true
    min_count                    = 3
    max_count                    = 5
    os_sku                       = "AzureLinux"
    only_critical_addons_enabled = true
    temporary_name_for_rotation  = "systemtmp"

    upgrade_settings {
      max_surge = "33%"
    }
  }

  node_provisioning_profile {
    mode = "Manual"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_data_plane  = "cilium"
    network_policy      = "cilium"
    load_balancer_sku   = "standard"
    # Egress through Azure Firewall (network module's route table on the subnet).
    outbound_type  = "userDefinedRouting"
    pod_cidr       = var.pod_cidr
    service_cidr   = var.service_cidr
    dns_service_ip = cidrhost(var.service_cidr, 10)
  }

  auto_scaler_profile {
    balance_similar_node_groups = true
    expander                    = "least-waste"
  }

  # Container Insights (the Azure Monitor agent): container logs and metrics to Log
  # Analytics, the drawing's "FluentD → Azure Monitor" path.
  oms_agent {
    log_analytics_workspace_id      = var.log_analytics_workspace_id
    msi_auth_for_monitoring_enabled = true
  }

  microsoft_defender {
    log_analytics_workspace_id = var.log_analytics_workspace_id
  }

  maintenance_window_auto_upgrade {
    frequency   = "Weekly"
    interval    = 1
    day_of_week = "Sunday"
    duration    = 4
    start_time  = "02:00"
    utc_offset  = "+09:00"
  }

  tags = var.tags

  lifecycle {
    ignore_changes = [kubernetes_version, default_node_pool[0].node_count]

    precondition {
      condition     = var.egress_route_id != ""
      error_message = "The AKS subnet must route through the firewall before the cluster is created."
    }
  }
}

# The services run here; the system pool keeps only critical add-ons.
resource "azurerm_kubernetes_cluster_node_pool" "apps" {
  name                  = "apps"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.this.id
  vm_size               = var.apps_vm_size
  vnet_subnet_id        = var.subnet_id
  zones                 = var.zones
  mode                  = "User"
  os_sku                = "AzureLinux"
  auto_scaling_enabled  = true
  min_count             = var.apps_min_count
  max_count             = var.apps_max_count
  node_labels = {
    "healthsync.io/pool" = "apps"
  }

  upgrade_settings {
    max_surge = "33%"
  }

  tags = var.tags

  lifecycle {
    ignore_changes = [node_count]
  }
}

# The cluster's identity creates the ingress controller's internal load balancer in the
# node subnet.
resource "azurerm_role_assignment" "network" {
  scope                = var.subnet_id
  role_definition_name = "Network Contributor"
  principal_id         = azurerm_kubernetes_cluster.this.identity[0].principal_id
}

# Nodes pull images from ACR with the kubelet identity (no pull secrets).
resource "azurerm_role_assignment" "acr_pull" {
  scope                            = var.acr_id
  role_definition_name             = "AcrPull"
  principal_id                     = azurerm_kubernetes_cluster.this.kubelet_identity[0].object_id
  skip_service_principal_aad_check = true
}

# The Dapr control plane (sentry, operator, injector, placement, scheduler) as a managed
# extension, pinned to the runtime the services are built and tested against.
resource "azurerm_kubernetes_cluster_extension" "dapr" {
  name              = "dapr"
  cluster_id        = azurerm_kubernetes_cluster.this.id
  extension_type    = "Microsoft.Dapr"
  release_train     = "Stable"
  version           = var.dapr_version
  release_namespace = "dapr-system"

  configuration_settings = {
    "global.ha.enabled"                      = "true"
    "global.mtls.enabled"                    = "true"
    "global.logAsJson"                       = "true"
    "global.nodeSelector.kubernetes\\.io/os" = "linux"
  }
}
