"""bijlagen resource group."""
