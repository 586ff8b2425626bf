"""Categorieën and categorie-relaties (EXPERIMENTEEL in the contract)."""
