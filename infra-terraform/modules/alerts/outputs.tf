output "alert_ids" {
  description = "IDs of the metric alert rules, by name."
  value       = { for name, alert in azurerm_monitor_metric_alert.this : name => alert.id }
}
