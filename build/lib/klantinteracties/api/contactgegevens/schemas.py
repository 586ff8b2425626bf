from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from klantinteracties.core.adres import Adres
from klantinteracties.core.validation import InputModel

Geslacht = Literal["m", "v", "o", ""]


# The services refuse a name that is empty or only spaces (``not_blank``); for the document.
NAME_PATTERN = r"\S"


class Persoon(InputModel):
    """A natural person's contact details (no relation to the Klantinteracties API).

    Fields typed ``X | None`` but not nullable in the contract (geboortedatum, geslacht) accept
    ``null`` here only so that the service can report it as ``null`` instead of a type error.
    """

    geboortedatum: dt.date | None = Field(
        default=None, description="Geboortedatum (JJJJ-MM-DD); niet in de toekomst."
    )
    overlijdensdatum: dt.date | None = Field(
        default=None,
        description="Overlijdensdatum (JJJJ-MM-DD); niet in de toekomst en niet vóór de "
        "geboortedatum.",
    )
    geslachtsnaam: str = Field(
        default="",
        max_length=200,
        description="Geslachtsnaam zonder voorvoegsels.",
        json_schema_extra={"pattern": NAME_PATTERN},
    )
    geslacht: Geslacht | None = Field(
        default="", description="`m` (man), `v` (vrouw), `o` (onbekend) of leeg."
    )
    voorvoegsel: str = Field(
        default="", max_length=10, description="Voorvoegsel van de geslachtsnaam, bv. `van der`."
    )
    voornamen: str = Field(
        default="", max_length=200, description="Voornamen, door spaties gescheiden."
    )
    adres: Adres | None = Field(
        default=None, description="Adres; `null` of weglaten bij aanmaken geeft een leeg adres."
    )


class Organisatie(InputModel):
    """An organisation's contact details (no relation to the Klantinteracties API)."""

    handelsnaam: str = Field(
        default="",
        max_length=255,
        description="Naam waaronder de organisatie handelt.",
        json_schema_extra={"pattern": NAME_PATTERN},
    )
    oprichtingsdatum: dt.date | None = Field(
        default=None, description="Oprichtingsdatum (JJJJ-MM-DD); niet in de toekomst."
    )
    opheffingsdatum: dt.date | None = Field(
        default=None,
        description="Opheffingsdatum (JJJJ-MM-DD); mag in de toekomst liggen (een geplande "
        "opheffing), maar niet vóór de oprichtingsdatum.",
    )
    adres: Adres | None = Field(
        default=None, description="Adres; `null` of weglaten bij aanmaken geeft een leeg adres."
    )
