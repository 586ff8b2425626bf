"""partij-identificatoren resource group."""
