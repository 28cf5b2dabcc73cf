# The way in, as in the drawing: mobile app → Front Door (global entry, TLS, DDoS, WAF, CDN
# caching of static assets) → Application Gateway WAF_v2 (regional WAF) → the AKS internal
# load balancer of the NGINX ingress controller → gateway pod.
#
# The Application Gateway accepts traffic only from this Front Door profile: its NSG admits
# the AzureFrontDoor.Backend service tag, and its WAF policy blocks requests without this
# profile's X-Azure-FDID header.

# -- Front Door (Premium: managed WAF rule sets and Private Link origins) ----------------------

resource "azurerm_cdn_frontdoor_profile" "this" {
  name                     = "afd-${var.name}"
  resource_group_name      = var.resource_group_name
  sku_name                 = "Premium_AzureFrontDoor"
  response_timeout_seconds = 120
  tags                     = var.tags
}

resource "azurerm_cdn_frontdoor_endpoint" "this" {
  name                     = "fde-${var.name}"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.this.id
  tags                     = var.tags
}

# The API's own host name at the edge: without it Front Door answers only its
# *.azurefd.net name and refuses the host the apps call. Front Door manages and renews the
# certificate after the domain is validated: create the TXT record
# `_dnsauth.<api_host_name>` with `tofu output frontdoor_domain_validation_token`, and CNAME
# the host name to `tofu output frontdoor_endpoint_host_name`.
resource "azurerm_cdn_frontdoor_custom_domain" "api" {
  name                     = "api"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.this.id
  host_name                = var.api_host_name

  tls {
    certificate_type = "ManagedCertificate"
  }
}

resource "azurerm_cdn_frontdoor_custom_domain_association" "api" {
  cdn_frontdoor_custom_domain_id = azurerm_cdn_frontdoor_custom_domain.api.id
  cdn_frontdoor_route_ids        = [azurerm_cdn_frontdoor_route.api.id, azurerm_cdn_frontdoor_route.static.id]
}

resource "azurerm_cdn_frontdoor_origin_group" "api" {
  name                     = "api"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.this.id
  session_affinity_enabled = false

  load_balancing {
    sample_size                 = 4
    successful_samples_required = 3
  }

  health_probe {
    path                = "/healthz"
    protocol            = "Https"
    request_type        = "GET"
    interval_in_seconds = 30
  }
}

resource "azurerm_cdn_frontdoor_origin" "appgw" {
  name                           = "application-gateway"
  cdn_frontdoor_origin_group_id  = azurerm_cdn_frontdoor_origin_group.api.id
  enabled                        = true
  host_name                      = azurerm_public_ip.appgw.fqdn
  origin_host_header             = var.api_host_name
  certificate_name_check_enabled = true
  http_port                      = 80
  https_port                     = 443
  priority                       = 1
  weight                         = 1000
}

resource "azurerm_cdn_frontdoor_origin_group" "static" {
  name                     = "static"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.this.id

  load_balancing {}
}

# Static assets from the storage account's `static` container, over Private Link (the
# account has no public blob access).
resource "azurerm_cdn_frontdoor_origin" "static" {
  name                           = "static-blob"
  cdn_frontdoor_origin_group_id  = azurerm_cdn_frontdoor_origin_group.static.id
  enabled                        = true
  host_name                      = var.static_blob_host
  origin_host_header             = var.static_blob_host
  certificate_name_check_enabled = true
  priority                       = 1
  weight                         = 1000

  private_link {
    request_message        = "Front Door access to HealthSync static assets"
    target_type            = "blob"
    location               = var.location
    private_link_target_id = var.static_storage_account_id
  }
}

resource "azurerm_cdn_frontdoor_route" "api" {
  name                            = "api"
  cdn_frontdoor_endpoint_id       = azurerm_cdn_frontdoor_endpoint.this.id
  cdn_frontdoor_origin_group_id   = azurerm_cdn_frontdoor_origin_group.api.id
  cdn_frontdoor_origin_ids        = [azurerm_cdn_frontdoor_origin.appgw.id]
  patterns_to_match               = ["/api/*", "/healthz"]
  supported_protocols             = ["Https"]
  forwarding_protocol             = "HttpsOnly"
  https_redirect_enabled          = false
  cdn_frontdoor_custom_domain_ids = [azurerm_cdn_frontdoor_custom_domain.api.id]
  link_to_default_domain          = true
}

resource "azurerm_cdn_frontdoor_route" "static" {
  name                            = "static"
  cdn_frontdoor_endpoint_id       = azurerm_cdn_frontdoor_endpoint.this.id
  cdn_frontdoor_origin_group_id   = azurerm_cdn_frontdoor_origin_group.static.id
  cdn_frontdoor_origin_ids        = [azurerm_cdn_frontdoor_origin.static.id]
  patterns_to_match               = ["/static/*"]
  supported_protocols             = ["Http", "Https"]
  forwarding_protocol             = "HttpsOnly"
  https_redirect_enabled          = true
  cdn_frontdoor_custom_domain_ids = [azurerm_cdn_frontdoor_custom_domain.api.id]
  link_to_default_domain          = true

  # The CDN part of the drawing: static assets are cached at the edge.
  cache {
    query_string_caching_behavior = "IgnoreQueryString"
    compression_enabled           = true
    content_types_to_compress     = ["text/css", "text/html", "application/javascript", "application/json", "image/svg+xml"]
  }
}

# -- The web client (clients/web): static files on its own host name ------------------------------
#
# Front Door serves the storage account's static website (modules/web) over Private Link and
# caches it. The rule set below is the hosting policy clients/web/hosting.mjs states (and the
# local server applies): hashed files under /assets/ are cached for a year and immutable;
# index.html, config.json and every app path (rewritten to /index.html) are never cached at the
# edge and revalidated by browsers; every answer carries the page's security headers. The web
# client calls the API on api_host_name (CORS: the gateway's CORS_ORIGINS names this host).

resource "azurerm_cdn_frontdoor_custom_domain" "web" {
  name                     = "web"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.this.id
  host_name                = var.web_host_name

  tls {
    certificate_type = "ManagedCertificate"
  }
}

resource "azurerm_cdn_frontdoor_custom_domain_association" "web" {
  cdn_frontdoor_custom_domain_id = azurerm_cdn_frontdoor_custom_domain.web.id
  cdn_frontdoor_route_ids        = [azurerm_cdn_frontdoor_route.web.id]
}

resource "azurerm_cdn_frontdoor_origin_group" "web" {
  name                     = "web"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.this.id

  load_balancing {}
}

resource "azurerm_cdn_frontdoor_origin" "web" {
  name                           = "web-static-website"
  cdn_frontdoor_origin_group_id  = azurerm_cdn_frontdoor_origin_group.web.id
  enabled                        = true
  host_name                      = var.web_origin_host
  origin_host_header             = var.web_origin_host
  certificate_name_check_enabled = true
  priority                       = 1
  weight                         = 1000

  private_link {
    request_message        = "Front Door access to the HealthSync web client"
    target_type            = "web"
    location               = var.location
    private_link_target_id = var.web_storage_account_id
  }
}

resource "azurerm_cdn_frontdoor_rule_set" "web" {
  name                     = "webclient"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.this.id
}

# An app path (no file extension: /, /missions, /auth/callback) is the page itself.
resource "azurerm_cdn_frontdoor_rule" "web_app_paths" {
  name                      = "apppaths"
  cdn_frontdoor_rule_set_id = azurerm_cdn_frontdoor_rule_set.web.id
  order                     = 1
  match_processing_behavior = "Continue"

  conditions {
    url_file_extension_condition {
      operator     = "LessThan"
      match_values = ["1"]
    }
  }

  actions {
    url_rewrite_action {
      source_pattern          = "/"
      destination             = "/index.html"
      preserve_unmatched_path = false
    }

    route_configuration_override_action {
      cache_behavior = "Disabled"
    }

    response_header_action {
      header_action = "Overwrite"
      header_name   = "Cache-Control"
      value         = "no-cache"
    }
  }

  depends_on = [azurerm_cdn_frontdoor_origin_group.web, azurerm_cdn_frontdoor_origin.web]
}

# The page and its configuration by name: never kept at the edge, revalidated by browsers.
resource "azurerm_cdn_frontdoor_rule" "web_documents" {
  name                      = "documents"
  cdn_frontdoor_rule_set_id = azurerm_cdn_frontdoor_rule_set.web.id
  order                     = 2
  match_processing_behavior = "Continue"

  conditions {
    url_path_condition {
      operator     = "Equal"
      match_values = ["index.html", "config.json"]
    }
  }

  actions {
    route_configuration_override_action {
      cache_behavior = "Disabled"
    }

    response_header_action {
      header_action = "Overwrite"
      header_name   = "Cache-Control"
      value         = "no-cache"
    }
  }

  depends_on = [azurerm_cdn_frontdoor_origin_group.web, azurerm_cdn_frontdoor_origin.web]
}

# Files whose names carry their content hash: cached at the edge and in browsers for a year.
resource "azurerm_cdn_frontdoor_rule" "web_hashed_assets" {
  name                      = "hashedassets"
  cdn_frontdoor_rule_set_id = azurerm_cdn_frontdoor_rule_set.web.id
  order                     = 3
  match_processing_behavior = "Continue"

  conditions {
    url_path_condition {
      operator     = "BeginsWith"
      match_values = ["assets/"]
    }
  }

  actions {
    route_configuration_override_action {
      query_string_caching_behavior = "IgnoreQueryString"
      compression_enabled           = true
      cache_behavior                = "OverrideAlways"
      cache_duration                = "365.00:00:00"
    }

    response_header_action {
      header_action = "Overwrite"
      header_name   = "Cache-Control"
      value         = "public, max-age=31536000, immutable"
    }
  }

  depends_on = [azurerm_cdn_frontdoor_origin_group.web, azurerm_cdn_frontdoor_origin.web]
}

# The page's security headers on every answer (as clients/web/hosting.mjs states them).
resource "azurerm_cdn_frontdoor_rule" "web_security_headers" {
  name                      = "securityheaders"
  cdn_frontdoor_rule_set_id = azurerm_cdn_frontdoor_rule_set.web.id
  order                     = 4
  match_processing_behavior = "Continue"

  actions {
    response_header_action {
      header_action = "Overwrite"
      header_name   = "Content-Security-Policy"
      value         = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self' https://${var.api_host_name}; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    response_header_action {
      header_action = "Overwrite"
      header_name   = "X-Content-Type-Options"
      value         = "nosniff"
    }

    response_header_action {
      header_action = "Overwrite"
      header_name   = "X-Frame-Options"
      value         = "DENY"
    }

    response_header_action {
      header_action = "Overwrite"
      header_name   = "Referrer-Policy"
      value         = "no-referrer"
    }

    response_header_action {
      header_action = "Overwrite"
      header_name   = "Strict-Transport-Security"
      value         = "max-age=31536000; includeSubDomains"
    }
  }

  depends_on = [azurerm_cdn_frontdoor_origin_group.web, azurerm_cdn_frontdoor_origin.web]
}

resource "azurerm_cdn_frontdoor_route" "web" {
  name                            = "web"
  cdn_frontdoor_endpoint_id       = azurerm_cdn_frontdoor_endpoint.this.id
  cdn_frontdoor_origin_group_id   = azurerm_cdn_frontdoor_origin_group.web.id
  cdn_frontdoor_origin_ids        = [azurerm_cdn_frontdoor_origin.web.id]
  cdn_frontdoor_rule_set_ids      = [azurerm_cdn_frontdoor_rule_set.web.id]
  patterns_to_match               = ["/*"]
  supported_protocols             = ["Http", "Https"]
  forwarding_protocol             = "HttpsOnly"
  https_redirect_enabled          = true
  cdn_frontdoor_custom_domain_ids = [azurerm_cdn_frontdoor_custom_domain.web.id]
  # Only on the web host: the endpoint's own name keeps /api/* and /static/*.
  link_to_default_domain = false

  cache {
    query_string_caching_behavior = "IgnoreQueryString"
    compression_enabled           = true
    content_types_to_compress     = ["text/html", "text/css", "text/javascript", "application/javascript", "application/json", "image/svg+xml"]
  }
}

resource "azurerm_cdn_frontdoor_firewall_policy" "this" {
  name                              = replace("waf${var.name}fd", "-", "")
  resource_group_name               = var.resource_group_name
  sku_name                          = azurerm_cdn_frontdoor_profile.this.sku_name
  enabled                           = true
  mode                              = "Prevention"
  custom_block_response_status_code = 403
  tags                              = var.tags

  # Per client IP: a burst above this is blocked for a minute (the gateway's own per-user
  # rate limit applies behind it).
  custom_rule {
    name                           = "RateLimitPerIp"
    enabled                        = true
    priority                       = 10
    type                           = "RateLimitRule"
    action                         = "Block"
    rate_limit_duration_in_minutes = 1
    rate_limit_threshold           = var.rate_limit_per_minute

    match_condition {
      match_variable = "RequestUri"
      operator       = "RegEx"
      match_values   = [".*"]
    }
  }

  managed_rule {
    type    = "Microsoft_DefaultRuleSet"
    version = "2.1"
    action  = "Block"
  }

  managed_rule {
    type    = "Microsoft_BotManagerRuleSet"
    version = "1.1"
    action  = "Block"
  }
}

resource "azurerm_cdn_frontdoor_security_policy" "this" {
  name                     = "waf"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.this.id

  security_policies {
    firewall {
      cdn_frontdoor_firewall_policy_id = azurerm_cdn_frontdoor_firewall_policy.this.id

      association {
        domain {
          cdn_frontdoor_domain_id = azurerm_cdn_frontdoor_endpoint.this.id
        }
        domain {
          cdn_frontdoor_domain_id = azurerm_cdn_frontdoor_custom_domain.api.id
        }
        domain {
          cdn_frontdoor_domain_id = azurerm_cdn_frontdoor_custom_domain.web.id
        }
        patterns_to_match = ["/*"]
      }
    }
  }
}

# -- Application Gateway WAF_v2 ----------------------------------------------------------------

resource "azurerm_public_ip" "appgw" {
  name                = "pip-${var.name}-appgw"
  location            = var.location
  resource_group_name = var.resource_group_name
  allocation_method   = "Static"
  sku                 = "Standard"
  zones               = var.zones
  domain_name_label   = "${var.name}-appgw"
  tags                = var.tags
}

resource "azurerm_web_application_firewall_policy" "appgw" {
  name                = "waf-${var.name}-appgw"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags                = var.tags

  # Only this Front Door profile may use the gateway.
  custom_rules {
    name      = "OnlyOurFrontDoor"
    priority  = 1
    rule_type = "MatchRule"
    action    = "Block"

    match_conditions {
      match_variables {
        variable_name = "RequestHeaders"
        selector      = "X-Azure-FDID"
      }
      operator           = "Equal"
      negation_condition = true
      match_values       = [azurerm_cdn_frontdoor_profile.this.resource_guid]
    }
  }

  policy_settings {
    enabled                     = true
    mode                        = "Prevention"
    request_body_check          = true
    max_request_body_size_in_kb = 2000
    file_upload_limit_in_mb     = 10
  }

  managed_rules {
    managed_rule_set {
      type    = "Microsoft_DefaultRuleSet"
      version = "2.1"
    }

    managed_rule_set {
      type    = "Microsoft_BotManagerRuleSet"
      version = "1.1"
    }
  }
}

# Reads the TLS certificate of the API host from Key Vault.
resource "azurerm_user_assigned_identity" "appgw" {
  name                = "id-${var.name}-appgw"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags                = var.tags
}

# That one secret, not the vault.
resource "azurerm_role_assignment" "appgw_certificate" {
  scope                = "${var.key_vault_id}/secrets/${element(split("/", var.tls_certificate_secret_id), 4)}"
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.appgw.principal_id
}

locals {
  gateway_ip_configuration = "gateway-ip"
  frontend_ip              = "public"
  frontend_port            = "https"
  certificate              = "api"
  listener                 = "api-https"
  backend_pool             = "aks-ingress"
  backend_settings         = "aks-ingress-https"
  probe                    = "gateway-healthz"
}

resource "azurerm_application_gateway" "this" {
  name                = "agw-${var.name}"
  location            = var.location
  resource_group_name = var.resource_group_name
  zones               = var.zones
  firewall_policy_id  = azurerm_web_application_firewall_policy.appgw.id
  http2_enabled       = true
  tags                = var.tags

  sku {
    name = "WAF_v2"
    tier = "WAF_v2"
  }

  autoscale_configuration {
    min_capacity = 2
    max_capacity = 10
  }

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.appgw.id]
  }

  gateway_ip_configuration {
    name      = local.gateway_ip_configuration
    subnet_id = var.appgw_subnet_id
  }

  frontend_ip_configuration {
    name                 = local.frontend_ip
    public_ip_address_id = azurerm_public_ip.appgw.id
  }

  frontend_port {
    name = local.frontend_port
    port = 443
  }

  ssl_certificate {
    name                = local.certificate
    key_vault_secret_id = var.tls_certificate_secret_id
  }

  ssl_policy {
    policy_type = "Predefined"
    policy_name = "AppGwSslPolicy20220101S"
  }

  http_listener {
    name                           = local.listener
    frontend_ip_configuration_name = local.frontend_ip
    frontend_port_name             = local.frontend_port
    protocol                       = "Https"
    ssl_certificate_name           = local.certificate
    host_name                      = var.api_host_name
  }

  # The NGINX ingress controller's internal load balancer (Azure Load Balancer in the drawing).
  backend_address_pool {
    name         = local.backend_pool
    ip_addresses = [var.ingress_private_ip]
  }

  # The hop to the ingress controller is TLS too: NGINX serves the API host's certificate
  # (synced from Key Vault, deploy/flux/infrastructure), which Application Gateway verifies
  # against the host name below (a public CA's certificate needs no trusted root here).
  probe {
    name                = local.probe
    protocol            = "Https"
    host                = var.api_host_name
    path                = "/healthz"
    interval            = 15
    timeout             = 5
    unhealthy_threshold = 3

    match {
      status_code = ["200"]
    }
  }

  backend_http_settings {
    name                  = local.backend_settings
    protocol              = "Https"
    port                  = 443
    cookie_based_affinity = "Disabled"
    request_timeout       = 130
    host_name             = var.api_host_name
    probe_name            = local.probe
  }

  request_routing_rule {
    name                       = "api"
    priority                   = 100
    rule_type                  = "Basic"
    http_listener_name         = local.listener
    backend_address_pool_name  = local.backend_pool
    backend_http_settings_name = local.backend_settings
  }

  depends_on = [azurerm_role_assignment.appgw_certificate]
}
