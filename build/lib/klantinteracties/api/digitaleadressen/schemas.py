from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from klantinteracties.core.email import EMAIL_REASON, is_email
from klantinteracties.core.phone import phone_error
from klantinteracties.core.schemas import FkRef
from klantinteracties.core.validation import InputModel, NonBlank, reject_null

SOORTEN = ("email", "telefoonnummer", "overig")
SoortDigitaalAdres = Literal["email", "telefoonnummer", "overig"]

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
_SLUG = re.compile(SLUG_PATTERN)


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
        description="De betrokkene die dit adres bij een klantcontact opgaf, voor het vervolg "
        "op dat contact.",
    )
    verstrekt_door_partij: FkRef | None = Field(
        default=None, description="De partij die dit adres opgaf voor toekomstig contact."
    )
    adres: NonBlank = Field(
        default="",
        max_length=80,
        description="Het adres zelf; hoe het gecontroleerd wordt hangt af van "
        "`soortDigitaalAdres` (e-mailadres of telefoonnummer; 0800, 0900, 1400 en 140xx "
        "zijn als telefoonnummer niet toegestaan).",
    )
    soort_digitaal_adres: Annotated[SoortDigitaalAdres, BeforeValidator(reject_null)] = Field(
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
        json_schema_extra={"pattern": SLUG_PATTERN.replace("+", "*")},  # empty: none
    )
    verificatie_datum: dt.date | None = Field(
        default=None, description="Datum waarop het adres is gecontroleerd."
    )


# ----- adres checks that depend on soortDigitaalAdres -----------------------------------------
def adres_error(soort: str, adres: str) -> str | None:
    """Why ``adres`` is not acceptable for ``soort`` (None when it is)."""
    if soort == "email" and not is_email(adres):
        return EMAIL_REASON
    if soort == "telefoonnummer":
        return phone_error(adres)
    return None
