# The web client's static files (clients/web/dist): a storage account of their own with the
# static website feature, so `/` and every file are answered as a website (index.html). Front
# Door reaches it over Private Link (modules/edge); the public endpoint admits only the
# operators' and pipeline agents' ranges, which upload a release. The files are public by nature
# (HTML, JS, CSS); the checkup files stay in the main account, which never serves a website.

resource "azurerm_storage_account" "this" {
  name                            = var.account_name
  location                        = var.location
  resource_group_name             = var.resource_group_name
  account_kind                    = "StorageV2"
  account_tier                    = "Standard"
  account_replication_type        = var.replication_type
  access_tier                     = "Hot"
  min_tls_version                 = "TLS1_2"
  https_traffic_only_enabled      = true
  shared_access_key_enabled       = false
  default_to_oauth_authentication = true
  allow_nested_items_to_be_public = false
  public_network_access_enabled   = true
  tags                            = var.tags

  blob_properties {
    # A bad release is rolled back by uploading the previous files again; versions keep them.
    versioning_enabled = true

    delete_retention_policy {
      days = 7
    }
  }

  network_rules {
    default_action = "Deny"
    bypass         = ["AzureServices"]
    ip_rules       = var.admin_ip_ranges
  }
}

# index.html for `/`; an unknown path gets index.html too (the client routes it). Front Door
# rewrites app paths to /index.html before they reach here, so this is the fallback's fallback.
resource "azurerm_storage_account_static_website" "this" {
  storage_account_id = azurerm_storage_account.this.id
  index_document     = "index.html"
  error_404_document = "index.html"
}

# The pipeline's identity uploads releases with Entra ID (no shared keys).
resource "azurerm_role_assignment" "publisher" {
  for_each             = toset(var.publisher_object_ids)
  scope                = azurerm_storage_account.this.id
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = each.value
}
