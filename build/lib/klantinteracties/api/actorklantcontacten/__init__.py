"""actorklantcontacten resource group."""
