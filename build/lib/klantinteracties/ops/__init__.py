"""Running it for real: health endpoints and the health check command (docs/operations.md)."""
