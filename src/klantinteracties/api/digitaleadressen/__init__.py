"""digitaleadressen resource group."""
