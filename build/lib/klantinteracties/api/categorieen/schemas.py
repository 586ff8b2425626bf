from __future__ import annotations

import datetime as dt

from pydantic import Field

from klantinteracties.core.schemas import FkRef
from klantinteracties.core.validation import InputModel


class Categorie(InputModel):
    """A label that partijen can be given (EXPERIMENTEEL)."""

    naam: str = Field(default="", max_length=80, description="Naam van de categorie.")


class CategorieRelatie(InputModel):
    """Links a partij to a categorie for a period (EXPERIMENTEEL)."""

    partij: FkRef | None = Field(default=None, description="De partij in deze categorie.")
    categorie: FkRef | None = Field(default=None, description="De categorie van de partij.")
    begin_datum: dt.date | None = Field(
        default=None, description="Vanaf wanneer de relatie geldt; standaard de dag van aanmaken."
    )
    eind_datum: dt.date | None = Field(default=None, description="Tot wanneer de relatie geldt.")
