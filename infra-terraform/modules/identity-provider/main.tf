# The OIDC issuer option besides Google: an Azure AD B2C tenant (the drawing's "Azure AD
# B2C"). Optional (b2c_enabled); when off the user service keeps Google as its issuer. The
# user service needs only the issuer URL and the client ids (chart: OIDC_ISSUER,
# OIDC_CLIENT_IDS); user flows and app registrations inside the tenant are configured there.
# Note: Microsoft stopped selling B2C to new customers in 2025; an existing tenant can be
# referenced instead (b2c_existing_tenant_id), or Microsoft Entra External ID used.

resource "azurerm_aadb2c_directory" "this" {
  count                   = var.b2c_enabled && var.b2c_existing_tenant_id == null ? 1 : 0
  display_name            = var.display_name
  domain_name             = var.domain_name
  country_code            = "KR"
  data_residency_location = "Asia Pacific"
  resource_group_name     = var.resource_group_name
  sku_name                = "PremiumP1"
  tags                    = var.tags
}

locals {
  tenant_id   = var.b2c_existing_tenant_id != null ? var.b2c_existing_tenant_id : one(azurerm_aadb2c_directory.this[*].tenant_id)
  tenant_name = split(".", var.domain_name)[0]
}
