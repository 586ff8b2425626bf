"""The name group a person wants to be addressed by (``contactnaam``) and its full name."""

from __future__ import annotations

from pydantic import Field

from .schemas import Gegevensgroep


def volledige_naam(
    voornaam: str = "", voorvoegsel_achternaam: str = "", achternaam: str = ""
) -> str:
    """First name, prefix and surname joined by single spaces; initials are not part of it."""
    return " ".join(part for part in (voornaam, voorvoegsel_achternaam, achternaam) if part)


class Contactnaam(Gegevensgroep):
    """Name used in contact with the municipality; may differ from the name in the BRP."""

    voorletters: str = Field(default="", max_length=10, description="Voorletters, bv. `J.P.`.")
    voornaam: str = Field(default="", max_length=200, description="Voornaam.")
    voorvoegsel_achternaam: str = Field(
        default="", max_length=10, description="Voorvoegsel bij de achternaam, bv. `van der`."
    )
    achternaam: str = Field(default="", max_length=200, description="Achternaam.")
