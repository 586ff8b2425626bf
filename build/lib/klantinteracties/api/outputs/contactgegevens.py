"""Response models of the Contactgegevens API."""

from __future__ import annotations

from typing import Annotated, Literal

from klantinteracties.core.sources import Group

from .common import Adres, Datum, Url, Uuid, Weergave, veld


class Persoon(Weergave):
    """Contactgegevens van een natuurlijk persoon."""

    REQUIRED = ("uuid", "url", "geboortedatum", "geslachtsnaam")
    uuid: Uuid = veld("Unieke identificatie van de persoon.")
    url: Url = veld("Volledige URL van de persoon.")
    geboortedatum: Datum = veld("Geboortedatum.")
    overlijdensdatum: Datum | None = veld("Overlijdensdatum.")
    geslachtsnaam: str = veld("Geslachtsnaam zonder voorvoegsels.")
    geslacht: Literal["m", "v", "o", ""] = veld("`m`, `v`, `o` (onbekend) of leeg.")
    voorvoegsel: str = veld("Voorvoegsel van de geslachtsnaam.")
    voornamen: str = veld("Voornamen.")
    adres: Annotated[Adres | None, Group("adres")] = veld("Adres.")


class Organisatie(Weergave):
    """Contactgegevens van een organisatie."""

    REQUIRED = ("uuid", "url", "handelsnaam")
    uuid: Uuid = veld("Unieke identificatie van de organisatie.")
    url: Url = veld("Volledige URL van de organisatie.")
    handelsnaam: str = veld("Naam waaronder de organisatie handelt.")
    oprichtingsdatum: Datum | None = veld("Oprichtingsdatum.")
    opheffingsdatum: Datum | None = veld("Opheffingsdatum.")
    adres: Annotated[Adres | None, Group("adres")] = veld("Adres.")
