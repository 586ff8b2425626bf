"""internetaken resource group."""
