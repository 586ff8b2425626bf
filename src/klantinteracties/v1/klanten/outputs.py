"""The documented representation of a klant (the served OpenAPI document only; the service
builds the JSON, mapping.py). Field names, types and enums as the Open Klant 1.0 contract has
them; ``subjectIdentificatie`` is one of the three request models (schemas.py), as sent."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from klantinteracties.api.outputs.common import Url, UrlOrBlank, Weergave

from .schemas import NatuurlijkPersoon, NietNatuurlijkPersoon, SubjectType, Vestiging


class KlantAdres(Weergave):
    """Adresgegevens zoals opgegeven door de klant (kan ook een buitenlands adres zijn)."""

    REQUIRED: ClassVar[tuple[str, ...]] = ()
    straatnaam: str = Field(max_length=100)
    huisnummer: int | None = Field(ge=0, le=99999)
    huisletter: str = Field(max_length=1)
    huisnummertoevoeging: str = Field(max_length=4)
    postcode: str = Field(max_length=7)
    woonplaatsnaam: str = Field(max_length=80)
    landcode: str = Field(max_length=4, description="Landcode uit de Land/Gebied-tabel van de BRP.")


class Klant(Weergave):
    """Een klant (Klanten API 1.0.0); opgeslagen als partij met dezelfde uuid."""

    REQUIRED: ClassVar[tuple[str, ...]] = ("bronorganisatie", "klantnummer")
    url: Url = Field(
        description="URL-referentie naar dit object.", json_schema_extra={"readOnly": True}
    )
    bronorganisatie: str = Field(max_length=9, description="RSIN van de bronorganisatie.")
    klantnummer: str = Field(max_length=8, description="Uniek binnen de bronorganisatie.")
    bedrijfsnaam: str = Field(max_length=200)
    functie: str = Field(max_length=200)
    website_url: UrlOrBlank = Field(max_length=1000)
    voornaam: str = Field(max_length=200)
    voorvoegsel_achternaam: str = Field(max_length=10)
    achternaam: str = Field(max_length=200)
    telefoonnummer: str = Field(max_length=20)
    emailadres: str = Field(max_length=254, description="E-mailadres, of leeg.")
    adres: KlantAdres | None
    subject: UrlOrBlank = Field(max_length=1000)
    subject_type: SubjectType | None
    subject_identificatie: NatuurlijkPersoon | NietNatuurlijkPersoon | Vestiging | None = Field(
        description="Gegevens van het subject; de vorm hangt af van `subjectType`."
    )
    aanmaakkanaal: str = Field(max_length=50)
    geverifieerd: bool
