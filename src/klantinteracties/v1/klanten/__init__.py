"""The Klanten API 1.0.0 (Open Klant 1.0 dialect) at /klanten/api/v1."""
