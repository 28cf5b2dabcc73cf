output "frontdoor_profile_id" {
  description = "ID of the Front Door profile."
  value       = azurerm_cdn_frontdoor_profile.this.id
}

output "frontdoor_endpoint_host_name" {
  description = "Front Door endpoint host name: point the API's DNS name (CNAME) here."
  value       = azurerm_cdn_frontdoor_endpoint.this.host_name
}

output "frontdoor_id" {
  description = "Front Door profile's resource GUID (the X-Azure-FDID header value the Application Gateway requires)."
  value       = azurerm_cdn_frontdoor_profile.this.resource_guid
}

output "application_gateway_id" {
  description = "ID of the Application Gateway."
  value       = azurerm_application_gateway.this.id
}

output "application_gateway_public_ip" {
  description = "Public IP address of the Application Gateway (reachable from Front Door only)."
  value       = azurerm_public_ip.appgw.ip_address
}

output "frontdoor_domain_validation_token" {
  description = "Value of the DNS TXT record _dnsauth.<api_host_name> that proves the custom domain to Front Door."
  value       = azurerm_cdn_frontdoor_custom_domain.api.validation_token
}

output "web_domain_validation_token" {
  description = "Value of the DNS TXT record _dnsauth.<web_host_name> that proves the web client's domain to Front Door."
  value       = azurerm_cdn_frontdoor_custom_domain.web.validation_token
}

output "frontdoor_profile_name" {
  description = "Name of the Front Door profile (the pipeline purges the web client's page from its cache)."
  value       = azurerm_cdn_frontdoor_profile.this.name
}

output "frontdoor_endpoint_name" {
  description = "Name of the Front Door endpoint."
  value       = azurerm_cdn_frontdoor_endpoint.this.name
}
