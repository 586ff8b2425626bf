"""betrokkenen resource group."""
