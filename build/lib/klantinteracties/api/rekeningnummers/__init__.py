"""rekeningnummers resource group."""
