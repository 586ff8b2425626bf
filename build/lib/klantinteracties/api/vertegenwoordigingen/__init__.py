"""vertegenwoordigingen resource group."""
