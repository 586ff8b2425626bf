"""Request body of ``/klantcontacten`` (also the ``klantcontact`` part of ``/maak-klantcontact``).

``metadata`` is taken as a plain object here and checked by ``check_metadata``: its errors must be
named ``metadata.<key>`` with the key exactly as sent, which Pydantic's field locations (camelCased
by the error translation) cannot express.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, Field, field_validator
from pydantic_core import PydanticCustomError

from klantinteracties.core.errors import InvalidParam
from klantinteracties.core.urls import is_url
from klantinteracties.core.validation import (
    DIGITS_PATTERN,
    NOT_NULL,
    InputModel,
    NonBlank,
    UtcDateTime,
    reject_null,
)

_DIGITS = re.compile(r"[0-9]+")
# The rule of core/urls.py, roughly, for the OpenAPI document: empty, or http(s)/ftp(s) with a
# host that has a dot, is localhost or a bracketed IPv6 address.
URL_OR_BLANK_PATTERN = (
    r"^(([hH][tT][tT][pP][sS]?|[fF][tT][pP][sS]?)://([^\s/?#@]+@)?"
    r"([^\s/?#:@]+\.[^\s/?#:@]+|[lL][oO][cC][aA][lL][hH][oO][sS][tT]|\[[0-9a-fA-F:.]+\])"
    r"(:[0-9]{1,5})?([/?#]\S*)?)?$"
)
METADATA_MAX_LENGTH = 255
NO_FURTHER_ACTION = "no-further-action-when-contact-succesful"


def _url_or_blank(value: str) -> str:
    """A URL by the reference's rules, or "" for "not given"."""
    if value == "" or is_url(value):
        return value
    raise PydanticCustomError("invalid", "Voer een geldige URL in.")


def _digits_or_none(value: str | None) -> str | None:
    if value == "":
        return None  # an empty nummer means "no nummer", like null
    if value is not None and not _DIGITS.fullmatch(value):
        raise PydanticCustomError("invalid", "Gebruik alleen cijfers.")
    return value


RequiredText = NonBlank


class Klantcontact(InputModel):
    """One contact between the municipality and one or more partijen (a call, a visit, a letter)."""

    nummer: str | None = Field(
        default=None,
        max_length=10,
        json_schema_extra={"deprecated": True, "pattern": DIGITS_PATTERN},
        description="Verouderd: gebruik `referentienummer`. Uniek nummer van alleen cijfers.",
    )
    referentienummer: str | None = Field(
        default=None,
        max_length=10,
        json_schema_extra={"pattern": DIGITS_PATTERN},
        description="Uniek nummer (alleen cijfers) waarmee mensen naar dit contact kunnen "
        "verwijzen.",
    )
    kanaal: RequiredText = Field(
        default=None,  # type: ignore[assignment]  # required-ness is checked by the service
        max_length=50,
        description="Het kanaal waarlangs het contact liep, bv. `telefoon` of `e-mail`.",
    )
    onderwerp: RequiredText = Field(
        default=None,  # type: ignore[assignment]
        max_length=200,
        description="Waar het contact over ging.",
    )
    inhoud: str = Field(
        default="", max_length=1000, description="Wat er tijdens het contact is besproken."
    )
    reactie: str = Field(
        default="", max_length=4000, description="Het antwoord dat tijdens het contact is gegeven."
    )
    indicatie_contact_gelukt: bool | None = Field(
        default=None, description="Of het lukte contact te krijgen; null als dat onbekend is."
    )
    hoofd_onderwerp_type: Annotated[str, AfterValidator(_url_or_blank)] = Field(
        default="",
        max_length=200,
        json_schema_extra={"pattern": URL_OR_BLANK_PATTERN},
        description="URL van het type onderwerp, bv. een zaaktype; leeg als er geen is.",
    )
    verdere_actie_ondernomen: bool = Field(
        default=False,
        description="Of het systeem zelf verdere actie onderneemt als de klant niet bereikt werd. "
        "Kan niet samen met `indicatieContactGelukt` true zijn. Wordt false als het bij "
        "aanmaken of bij een volledige update (PUT) ontbreekt.",
    )
    taal: RequiredText = Field(
        default=None,  # type: ignore[assignment]
        max_length=3,
        description="Taal van het contact als ISO 639-2/B code, bv. `nld`.",
    )
    vertrouwelijk: bool = Field(
        default=None,  # type: ignore[assignment]
        description="Of onderwerp en inhoud vertrouwelijk behandeld moeten worden.",
    )
    plaatsgevonden_op: UtcDateTime = Field(
        default=None,  # type: ignore[assignment]  # the service fills in "now" on create
        description="Wanneer het contact plaatsvond (standaard: het moment van aanmaken). "
        "Tijden met een tijdzone worden naar UTC omgerekend; zonder tijdzone gelden ze als UTC.",
    )
    metadata: dict[str, Any] = Field(
        default_factory=dict,
        json_schema_extra={"additionalProperties": {"type": "string", "maxLength": 255}},
        description="Vrije sleutel/waarde-gegevens; elke waarde is tekst van hoogstens 255 tekens "
        "(getallen worden als tekst opgeslagen).",
    )

    @field_validator("nummer", "referentienummer")
    @classmethod
    def _digits(cls, value: str | None) -> str | None:
        return _digits_or_none(value)

    @field_validator("metadata", mode="before")
    @classmethod
    def _metadata_not_null(cls, value: Any) -> Any:
        # Without this a null or a non-object would be reported as "metadata.nonFieldErrors";
        # the reference names them "metadata" (codes null and not_a_dict).
        reject_null(value)
        if not isinstance(value, dict):
            raise PydanticCustomError(
                "not_a_dict",
                'Verwacht een object met sleutels en waarden, ontvangen: "{kind}".',
                {"kind": type(value).__name__},
            )
        return value


def check_metadata(
    value: dict[str, Any], prefix: str = ""
) -> tuple[dict[str, str], list[InvalidParam]]:
    """The stored form of ``metadata`` (numbers become text) and the errors, per key."""
    clean: dict[str, str] = {}
    errors: list[InvalidParam] = []
    for key, item in value.items():
        name = f"{prefix}metadata.{key}"
        if isinstance(item, int | float) and not isinstance(item, bool):
            item = str(item)
        if item is None:
            errors.append(InvalidParam(name, "null", NOT_NULL))
        elif not isinstance(item, str):
            errors.append(InvalidParam(name, "invalid", "Geen geldige tekst."))
        elif len(item) > METADATA_MAX_LENGTH:
            reason = (
                f"Zorg ervoor dat dit veld niet meer dan {METADATA_MAX_LENGTH} karakters bevat."
            )
            errors.append(InvalidParam(name, "max_length", reason))
        else:
            clean[key] = item
    return clean, errors
