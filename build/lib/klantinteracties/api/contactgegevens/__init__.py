"""The Contactgegevens API (persoon, organisatie): not based on a standard, see DIGEST §2.2."""

from .router import contactgegevens_api

__all__ = ["contactgegevens_api"]
