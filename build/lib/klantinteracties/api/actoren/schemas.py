"""Request bodies of ``/actoren``.

``actorIdentificatie`` is polymorphic: its shape depends on ``soortActor``. The body model takes
it as a plain object and ``parse_identificatie`` validates it against the schema of the soort it
belongs to, once that soort is known (same body, or the stored one for a PATCH without soort).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, PrivateAttr
from pydantic_core import PydanticCustomError

from klantinteracties.core.email import EMAIL_REASON, is_email
from klantinteracties.core.identificator import Identificator
from klantinteracties.core.phone import PHONE_PATTERN, phone_error
from klantinteracties.core.validation import (
    InputModel,
    NonBlank,
    reject_null,
    validate,
)

SOORTEN = ("medewerker", "geautomatiseerde_actor", "organisatorische_eenheid")
SoortActor = Literal["medewerker", "geautomatiseerde_actor", "organisatorische_eenheid"]
IDENTIFICATIE = "actorIdentificatie"


def _email(value: str) -> str:
    if value and not is_email(value):
        raise PydanticCustomError("invalid", EMAIL_REASON)
    return value


def _phone(value: str) -> str:
    reason = phone_error(value) if value else None
    if reason:
        raise PydanticCustomError("invalid", reason)
    return value


RequiredText = NonBlank
Email = Annotated[str, AfterValidator(_email)]
Phone = Annotated[str, AfterValidator(_phone)]
RequiredPhone = Annotated[NonBlank, AfterValidator(_phone)]


class Actoridentificator(Identificator):
    """Identifies the actor in an external register (e.g. a staff number)."""


_FUNCTIE = "Functie of werkzaamheden van de actor."
_EMAIL = "E-mailadres waarop de actor gewoonlijk bereikbaar is."
_TELEFOON = "Telefoonnummer waarop de actor gewoonlijk bereikbaar is."
_OMSCHRIJVING = "Omschrijving van de actor."


class MedewerkerIdentificatie(InputModel):
    """``actorIdentificatie`` of a medewerker (a person working for the municipality)."""

    functie: RequiredText = Field(max_length=40, description=_FUNCTIE)
    emailadres: Email = Field(default="", max_length=254, description=_EMAIL)
    telefoonnummer: RequiredPhone = Field(
        max_length=20, description=_TELEFOON, json_schema_extra={"pattern": PHONE_PATTERN}
    )


class GeautomatiseerdeActorIdentificatie(InputModel):
    """``actorIdentificatie`` of a geautomatiseerde actor (a system handling contacts)."""

    functie: RequiredText = Field(max_length=40, description=_FUNCTIE)
    omschrijving: str = Field(default="", max_length=200, description=_OMSCHRIJVING)


class OrganisatorischeEenheidIdentificatie(InputModel):
    """``actorIdentificatie`` of an organisatorische eenheid (a team or department)."""

    omschrijving: str = Field(default="", max_length=200, description=_OMSCHRIJVING)
    emailadres: Email = Field(default="", max_length=254, description=_EMAIL)
    faxnummer: str = Field(default="", max_length=20, description="Faxnummer.")
    telefoonnummer: Phone = Field(
        default="",
        max_length=20,
        description=_TELEFOON,
        json_schema_extra={"pattern": PHONE_PATTERN},
    )


IDENTIFICATIE_MODELS: dict[str, type[InputModel]] = {
    "medewerker": MedewerkerIdentificatie,
    "geautomatiseerde_actor": GeautomatiseerdeActorIdentificatie,
    "organisatorische_eenheid": OrganisatorischeEenheidIdentificatie,
}
# The stored columns of actorIdentificatie, whatever the soort.
IDENTIFICATIE_COLUMNS = ("functie", "emailadres", "telefoonnummer", "faxnummer", "omschrijving")


def parse_identificatie(soort: str, data: Any) -> InputModel:
    """Validate the sub-object for ``soort``; errors are named ``actorIdentificatie.<field>``.
    Keys of another soort's schema are ignored like any unknown key."""
    return validate(IDENTIFICATIE_MODELS[soort], data, prefix=IDENTIFICATIE)


class Actor(InputModel):
    """Someone or something that handles klantcontacten on behalf of the municipality."""

    naam: RequiredText = Field(default="", max_length=200, description="Naam van de actor.")
    soort_actor: Annotated[SoortActor, BeforeValidator(reject_null)] = Field(
        default=None,  # type: ignore[arg-type]  # required-ness is checked by the service
        description="Welke soort actor dit is; bepaalt de vorm van `actorIdentificatie`.",
    )
    indicatie_actief: bool = Field(
        default=True,
        description="Of de actor nog bij nieuwe klantcontacten betrokken mag worden.",
    )
    actoridentificator: Actoridentificator | None = Field(
        default=None,
        description="Identificatie van de actor in een extern register; meesturen vervangt "
        "het hele object.",
    )
    actor_identificatie: dict[str, Any] | None = Field(
        default=None,
        description="Gegevens die bij de soort actor horen: `medewerker` {functie, emailadres, "
        "telefoonnummer}, `geautomatiseerde_actor` {functie, omschrijving}, "
        "`organisatorische_eenheid` {omschrijving, emailadres, faxnummer, telefoonnummer}. "
        "Zonder soortActor in dezelfde aanvraag geldt de opgeslagen soort. Vervangt het hele "
        "object; null wist het.",
    )
    # The validated actorIdentificatie, set by the service once the soort is known.
    _identificatie: InputModel | None = PrivateAttr(default=None)
