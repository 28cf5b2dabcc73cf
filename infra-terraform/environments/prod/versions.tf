terraform {
  # Write-only attributes and ephemeral variables (secrets never in state) need OpenTofu 1.11+.
  required_version = ">= 1.11.0"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 5.2"
    }
  }

  # State in a storage account of its own (created once by hand or a bootstrap stack);
  # details per environment in backend.hcl (see backend.hcl.example):
  #   tofu init -backend-config=backend.hcl
  backend "azurerm" {}

  # OpenTofu client-side state encryption: the state and plan files are AES-GCM encrypted
  # before they leave the machine, with a key derived from TF_VAR_state_passphrase (kept in
  # the pipeline's secret variables, never in Git). Even the provider attributes that are
  # secrets by nature (e.g. the Redis access key) are unreadable in the stored state.
  encryption {
    key_provider "pbkdf2" "state" {
      passphrase = var.state_passphrase
    }
    method "aes_gcm" "state" {
      keys = key_provider.pbkdf2.state
    }
    state {
      method   = method.aes_gcm.state
      enforced = true
    }
    plan {
      method   = method.aes_gcm.state
      enforced = true
    }
  }
}

provider "azurerm" {
  subscription_id = var.subscription_id
  # Containers and blobs through Entra ID: the storage account has no shared keys.
  storage_use_azuread = true

  resource_providers_to_register = [
    "Microsoft.Cache",
    "Microsoft.Cdn",
    "Microsoft.ContainerRegistry",
    "Microsoft.ContainerService",
    "Microsoft.DataProtection",
    "Microsoft.DBforPostgreSQL",
    "Microsoft.EventHub",
    "Microsoft.Insights",
    "Microsoft.KeyVault",
    "Microsoft.KubernetesConfiguration",
    "Microsoft.ManagedIdentity",
    "Microsoft.Network",
    "Microsoft.OperationalInsights",
    "Microsoft.RecoveryServices",
    "Microsoft.ServiceBus",
    "Microsoft.Storage",
  ]

  features {
    key_vault {
      # Purge protection is on; never purge on destroy.
      purge_soft_delete_on_destroy    = false
      recover_soft_deleted_key_vaults = true
    }
    resource_group {
      prevent_deletion_if_contains_resources = true
    }
  }
}
