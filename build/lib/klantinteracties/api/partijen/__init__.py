"""partijen resource group."""
