from __future__ import annotations

import datetime as dt
import ipaddress
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from klantinteracties.core.schemas import FkRef
from klantinteracties.core.validation import NOT_NULL, InputModel

SOORTEN = ("email", "telefoonnummer", "overig")
SoortDigitaalAdres = Literal["email", "telefoonnummer", "overig"]

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
_SLUG = re.compile(SLUG_PATTERN)


def _not_null(value: Any) -> Any:
    # A choice field would otherwise report null as an invalid choice; clients expect "null".
    if value is None:
        raise PydanticCustomError("null", NOT_NULL)
    return value


def _not_blank(value: str) -> str:
    if value == "":
        raise PydanticCustomError("blank", "Dit veld mag niet leeg zijn.")
    return value


def _slug_or_blank(value: str) -> str:
    if value and not _SLUG.match(value):
        raise PydanticCustomError(
            "invalid", "Gebruik alleen letters, cijfers, koppeltekens en liggende streepjes."
        )
    return value


class DigitaalAdres(InputModel):
    """An e-mail address, phone number or other digital address of a partij."""

    verstrekt_door_betrokkene: FkRef | None = Field(
        default=None,
        description="De betrokkene die dit adres bij een klantcontact opgaf (nog niet "
        "ondersteund: alleen null).",
    )
    verstrekt_door_partij: FkRef | None = Field(
        default=None, description="De partij die dit adres opgaf voor toekomstig contact."
    )
    adres: Annotated[str, AfterValidator(_not_blank)] = Field(
        default="",
        max_length=80,
        description="Het adres zelf; hoe het gecontroleerd wordt hangt af van "
        "`soortDigitaalAdres` (e-mailadres of telefoonnummer; 0800, 0900, 1400 en 140xx "
        "zijn als telefoonnummer niet toegestaan).",
    )
    soort_digitaal_adres: Annotated[SoortDigitaalAdres, BeforeValidator(_not_null)] = Field(
        default=None,  # type: ignore[arg-type]  # required-ness is checked by the service
        description="Via welk kanaal dit adres bereikt wordt.",
    )
    is_standaard_adres: bool = Field(
        default=False,
        description="Het standaardadres van deze soort voor de partij. Zet je dit op true, "
        "dan vervalt het standaardadres van dezelfde soort bij de andere adressen van de partij.",
    )
    omschrijving: str = Field(default="", max_length=40, description="Omschrijving van het adres.")
    referentie: Annotated[str, AfterValidator(_slug_or_blank)] = Field(
        default="",
        max_length=50,
        description="Machineleesbaar label, uniek per partij en soort.",
        json_schema_extra={"pattern": SLUG_PATTERN},
    )
    verificatie_datum: dt.date | None = Field(
        default=None, description="Datum waarop het adres is gecontroleerd."
    )


# ----- adres checks that depend on soortDigitaalAdres -----------------------------------------
# Service numbers (0800/0900) and municipal short numbers (14 0xx) reach an organisation, not a
# person, so they are refused as a partij's phone number.
_BLOCKED_PHONE_PREFIXES = ("0800", "0900", "140")
_PHONE = re.compile(r"^(0[1-9][0-9]{8}|\+[0-9]{9,15}|00[0-9]{7,13})$")
_LOCAL_PART = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
_TOP_LABEL = re.compile(r"^([A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$")


def _is_ip_literal(domain: str) -> bool:
    if not (domain.startswith("[") and domain.endswith("]")):
        return False
    inner = domain[1:-1]
    if inner[:5].lower() == "ipv6:":
        inner = inner[5:]
    try:
        ipaddress.ip_address(inner)
    except ValueError:
        return False
    return True


def is_email(value: str) -> bool:
    local, _, domain = value.rpartition("@")
    if not local or not _LOCAL_PART.match(local) or len(local) > 64:
        return False
    if _is_ip_literal(domain):
        return True
    try:
        ascii_domain = domain.encode("idna").decode("ascii")  # international domain names
    except UnicodeError:
        return False
    if ascii_domain == "localhost":
        return True
    labels = ascii_domain.split(".")
    return (
        len(labels) >= 2
        and all(_LABEL.match(label) for label in labels)
        and bool(_TOP_LABEL.match(labels[-1]))
    )


def adres_error(soort: str, adres: str) -> str | None:
    """Why ``adres`` is not acceptable for ``soort`` (None when it is)."""
    if soort == "email" and not is_email(adres):
        return "Dit is geen geldig e-mailadres."
    if soort == "telefoonnummer":
        if adres.startswith(_BLOCKED_PHONE_PREFIXES):
            return (
                "Telefoonnummers die met 0800, 0900, 1400 of 140xx beginnen kunnen hier niet "
                "worden opgegeven."
            )
        if not _PHONE.match(adres):
            return (
                "Dit is geen geldig telefoonnummer; gebruik bijvoorbeeld 0612345678, "
                "+31612345678 of 0031612345678."
            )
    return None
