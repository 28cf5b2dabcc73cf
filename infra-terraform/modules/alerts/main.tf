# Azure Monitor alerts on what users would feel and on lost messages, and diagnostic settings
# that send every box's logs to Log Analytics.

locals {
  alerts = {
    servicebus-dead-letters = {
      description = "Messages were dead-lettered in Service Bus (a subscriber failed 10 deliveries, or a message expired)."
      scope       = var.servicebus_namespace_id
      namespace   = "Microsoft.ServiceBus/namespaces"
      metric      = "DeadletteredMessages"
      aggregation = "Maximum"
      operator    = "GreaterThan"
      threshold   = 0
      severity    = 1
    }
    postgres-cpu = {
      description = "PostgreSQL CPU above 80 % for 15 minutes."
      scope       = var.postgres_server_id
      namespace   = "Microsoft.DBforPostgreSQL/flexibleServers"
      metric      = "cpu_percent"
      aggregation = "Average"
      operator    = "GreaterThan"
      threshold   = 80
      severity    = 2
    }
    postgres-storage = {
      description = "PostgreSQL storage above 85 %."
      scope       = var.postgres_server_id
      namespace   = "Microsoft.DBforPostgreSQL/flexibleServers"
      metric      = "storage_percent"
      aggregation = "Maximum"
      operator    = "GreaterThan"
      threshold   = 85
      severity    = 1
    }
    redis-server-load = {
      description = "Redis server load above 80 % (the cache will slow every read)."
      scope       = var.redis_id
      namespace   = "Microsoft.Cache/Redis"
      metric      = "allserverLoad"
      aggregation = "Maximum"
      operator    = "GreaterThan"
      threshold   = 80
      severity    = 2
    }
    appgw-unhealthy-backends = {
      description = "Application Gateway sees an unhealthy ingress back end."
      scope       = var.application_gateway_id
      namespace   = "Microsoft.Network/applicationGateways"
      metric      = "UnhealthyHostCount"
      aggregation = "Maximum"
      operator    = "GreaterThan"
      threshold   = 0
      severity    = 1
    }
    frontdoor-5xx = {
      description = "More than 5 % of requests through Front Door answer 5xx."
      scope       = var.frontdoor_profile_id
      namespace   = "Microsoft.Cdn/profiles"
      metric      = "Percentage5XX"
      aggregation = "Average"
      operator    = "GreaterThan"
      threshold   = 5
      severity    = 1
    }
    aks-node-cpu = {
      description = "AKS nodes above 85 % CPU (the autoscaler is at its limit or too slow)."
      scope       = var.aks_cluster_id
      namespace   = "Microsoft.ContainerService/managedClusters"
      metric      = "node_cpu_usage_percentage"
      aggregation = "Average"
      operator    = "GreaterThan"
      threshold   = 85
      severity    = 2
    }
  }
}

resource "azurerm_monitor_metric_alert" "this" {
  for_each            = local.alerts
  name                = "alert-${var.name}-${each.key}"
  resource_group_name = var.resource_group_name
  scopes              = [each.value.scope]
  description         = each.value.description
  severity            = each.value.severity
  frequency           = "PT5M"
  window_size         = "PT15M"
  tags                = var.tags

  criteria {
    metric_namespace = each.value.namespace
    metric_name      = each.value.metric
    aggregation      = each.value.aggregation
    operator         = each.value.operator
    threshold        = each.value.threshold
  }

  action {
    action_group_id = var.action_group_id
  }
}

resource "azurerm_monitor_diagnostic_setting" "this" {
  for_each                   = var.diagnostic_targets
  name                       = "diag-to-log-analytics"
  target_resource_id         = each.value
  log_analytics_workspace_id = var.log_analytics_workspace_id

  enabled_log {
    category_group = "allLogs"
  }

  # The blob service reports its metrics as Transaction; everything else as AllMetrics.
  enabled_metric {
    category = endswith(each.value, "/blobServices/default") ? "Transaction" : "AllMetrics"
  }
}
