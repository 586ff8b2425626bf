"""All tables. Importing this package registers every table on ``metadata``."""

from .base import metadata
from .partijen import (
    categorie,
    categorie_relatie,
    digitaal_adres,
    partij,
    partij_identificator,
    rekeningnummer,
    vertegenwoordigden,
)
from .tokens import api_token

__all__ = [
    "api_token",
    "categorie",
    "categorie_relatie",
    "digitaal_adres",
    "metadata",
    "partij",
    "partij_identificator",
    "rekeningnummer",
    "vertegenwoordigden",
]
