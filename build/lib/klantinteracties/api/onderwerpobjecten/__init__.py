"""onderwerpobjecten resource group."""
