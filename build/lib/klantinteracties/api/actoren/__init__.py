"""actoren resource group."""
