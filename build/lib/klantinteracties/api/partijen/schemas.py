"""Request bodies of ``/partijen``.

``partijIdentificatie`` is polymorphic: its shape depends on ``soortPartij``. The body model
therefore takes it as a plain object, and ``parse_identificatie`` validates it once the soort it
belongs to is known (from the same body, or for a PATCH without soort from the stored row).
"""

from __future__ import annotations

import re
import uuid as uuidlib
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator
from pydantic_core import PydanticCustomError

from klantinteracties.api.partij_identificatoren.schemas import PartijIdentificator
from klantinteracties.core.adres import Adres
from klantinteracties.core.contactnaam import Contactnaam
from klantinteracties.core.schemas import FkRef
from klantinteracties.core.validation import DIGITS_PATTERN, InputModel, reject_null, validate

SOORTEN = ("persoon", "organisatie", "contactpersoon")
SoortPartij = Literal["persoon", "organisatie", "contactpersoon"]
IDENTIFICATIE = "partijIdentificatie"

_DIGITS = re.compile(r"[0-9]+")


class PersoonIdentificatie(InputModel):
    """``partijIdentificatie`` of a persoon."""

    contactnaam: Contactnaam | None = Field(
        default=None, description="Naam die de persoon in contact met de gemeente gebruikt."
    )


class OrganisatieIdentificatie(InputModel):
    """``partijIdentificatie`` of an organisatie."""

    naam: str = Field(default="", max_length=200, description="Naam van de organisatie.")


class ContactpersoonIdentificatie(InputModel):
    """``partijIdentificatie`` of a contactpersoon (someone acting for an organisatie)."""

    uuid: uuidlib.UUID | None = Field(
        default=None,
        description="Identificatie van de contactpersoon; door de server toegekend, een "
        "meegestuurde waarde wordt genegeerd.",
    )
    werkte_voor_partij: FkRef | None = Field(
        default=None,
        description="De organisatie (een partij met soortPartij `organisatie`) waarvoor de "
        "contactpersoon werkte.",
    )
    contactnaam: Contactnaam | None = Field(
        default=None, description="Naam die de contactpersoon in contact met de gemeente gebruikt."
    )


Identificatie = PersoonIdentificatie | OrganisatieIdentificatie | ContactpersoonIdentificatie
IDENTIFICATIE_MODELS: dict[str, type[InputModel]] = {
    "persoon": PersoonIdentificatie,
    "organisatie": OrganisatieIdentificatie,
    "contactpersoon": ContactpersoonIdentificatie,
}


def parse_identificatie(soort: str, data: Any) -> Any:
    """Validate the sub-object for ``soort``; errors are named ``partijIdentificatie.<field>``."""
    return validate(IDENTIFICATIE_MODELS[soort], data, prefix=IDENTIFICATIE)


class Partij(InputModel):
    """A person, organisation or contact person the municipality has contact with."""

    nummer: str | None = Field(
        default=None,
        max_length=10,
        # Marked deprecated in the schema only: pydantic's own flag warns on every read.
        json_schema_extra={"deprecated": True, "pattern": DIGITS_PATTERN},
        description="Uniek nummer (alleen cijfers) om de partij tussen mensen aan te duiden.",
    )
    interne_notitie: str = Field(
        default="", max_length=1000, description="Aantekeningen over de partij voor intern gebruik."
    )
    digitale_adressen: list[FkRef] | None = Field(
        default=None,
        description="De digitale adressen van de partij. Meesturen vervangt de hele lijst: "
        "genoemde adressen gaan naar deze partij, niet genoemde laten los (null is een lege "
        "lijst).",
    )
    voorkeurs_digitaal_adres: FkRef | None = Field(
        default=None,
        description="Het digitale adres waarop de partij bij voorkeur benaderd wordt; moet een "
        "van haar digitale adressen zijn.",
    )
    rekeningnummers: list[FkRef] | None = Field(
        default=None,
        description="De rekeningnummers van de partij; meesturen vervangt de hele lijst.",
    )
    voorkeurs_rekeningnummer: FkRef | None = Field(
        default=None,
        description="Het rekeningnummer dat de partij bij voorkeur gebruikt; moet een van haar "
        "rekeningnummers zijn.",
    )
    partij_identificatoren: list[PartijIdentificator] | None = Field(
        default=None,
        description="De identificatoren van de partij. Een item met uuid werkt die identificator "
        "bij, een item zonder uuid maakt er een; bij PUT/PATCH worden niet genoemde "
        "identificatoren van de partij verwijderd. `identificeerdePartij` wordt automatisch gezet.",
    )
    soort_partij: Annotated[SoortPartij, BeforeValidator(reject_null)] = Field(
        default=None,  # type: ignore[arg-type]  # required-ness is checked by the service
        description="Welke soort partij dit is; bepaalt de vorm van `partijIdentificatie`.",
    )
    indicatie_geheimhouding: bool | None = Field(
        default=None, description="Of de partij heeft gevraagd haar gegevens geheim te houden."
    )
    voorkeurstaal: str = Field(
        default="", max_length=3, description="Voorkeurstaal als ISO 639-2/B code, bv. `nld`."
    )
    indicatie_actief: bool = Field(
        default=None,  # type: ignore[assignment]  # required-ness is checked by the service
        description="Of de contactgegevens van de partij nog gebruikt mogen worden.",
    )
    bezoekadres: Adres | None = Field(default=None, description="Adres voor bezoek.")
    correspondentieadres: Adres | None = Field(default=None, description="Adres voor post.")
    partij_identificatie: dict[str, Any] | None = Field(
        default=None,
        description="Gegevens die bij de soort partij horen: `persoon` {contactnaam}, "
        "`organisatie` {naam}, `contactpersoon` {werkteVoorPartij, contactnaam}. Zonder "
        "soortPartij in dezelfde aanvraag geldt de opgeslagen soort. Vervangt het hele object.",
    )

    @field_validator("nummer")
    @classmethod
    def _digits(cls, value: str | None) -> str | None:
        if value == "":
            return None  # an empty nummer means "no nummer", like null
        if value is not None and not _DIGITS.fullmatch(value):
            raise PydanticCustomError("invalid", "Een nummer bestaat alleen uit cijfers.")
        return value

    @field_validator("indicatie_actief", mode="before")
    @classmethod
    def _actief_not_null(cls, value: Any) -> Any:
        return reject_null(value)
