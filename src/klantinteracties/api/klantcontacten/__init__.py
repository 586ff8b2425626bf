"""klantcontacten resource group."""
