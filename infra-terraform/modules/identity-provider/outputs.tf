output "oidc_issuer_url" {
  description = "Issuer URL for the user service's OIDC_ISSUER when B2C is used (null otherwise)."
  value       = var.b2c_enabled && local.tenant_id != null ? "https://${local.tenant_name}.b2clogin.com/${local.tenant_id}/v2.0/" : null
}

output "tenant_id" {
  description = "B2C tenant id (null when B2C is off)."
  value       = var.b2c_enabled ? local.tenant_id : null
}
