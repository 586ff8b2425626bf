"""maak_klantcontact resource group."""
