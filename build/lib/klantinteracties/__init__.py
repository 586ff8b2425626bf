"""Klantinteracties API (VNG 0.9.0) and Contactgegevens API (1.1.1)."""

__version__ = "0.1.0"
