output "vnet_id" {
  description = "ID of the virtual network."
  value       = azurerm_virtual_network.this.id
}

output "aks_subnet_id" {
  description = "ID of the AKS node subnet (also where the NGINX ingress controller's internal load balancer gets its IP)."
  value       = azurerm_subnet.aks.id
}

output "aks_subnet_cidr" {
  description = "Address prefix of the AKS node subnet."
  value       = one(azurerm_subnet.aks.address_prefixes)
}

output "appgw_subnet_id" {
  description = "ID of the Application Gateway subnet."
  value       = azurerm_subnet.appgw.id
}

output "private_endpoints_subnet_id" {
  description = "ID of the subnet that holds private endpoints."
  value       = azurerm_subnet.private_endpoints.id
}

output "postgres_subnet_id" {
  description = "ID of the subnet delegated to PostgreSQL Flexible Server."
  value       = azurerm_subnet.postgres.id
}

output "private_dns_zone_ids" {
  description = "Private DNS zone IDs by zone name."
  value       = { for name, zone in azurerm_private_dns_zone.this : name => zone.id }
}

output "egress_public_ip" {
  description = "Public IP every outbound connection of the cluster leaves from (the firewall's); admitted to the AKS API server."
  value       = azurerm_public_ip.firewall.ip_address
}

output "aks_egress_route_id" {
  description = "The AKS subnet's association with the route table through the firewall (the cluster must be created after it)."
  value       = azurerm_subnet_route_table_association.aks.id
}
