from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from klantinteracties.core.adres import Adres
from klantinteracties.core.contactnaam import Contactnaam
from klantinteracties.core.schemas import FkRef
from klantinteracties.core.validation import InputModel, reject_null

ROLLEN = ("vertegenwoordiger", "klant")
Rol = Literal["vertegenwoordiger", "klant"]


class Betrokkene(InputModel):
    """A person or organisation that took part in one klantcontact."""

    was_partij: FkRef | None = Field(
        default=None, description="De partij die deze betrokkene was, als die bekend is."
    )
    # The None default only marks "not sent"; required-ness is checked by the service.
    had_klantcontact: Annotated[FkRef, BeforeValidator(reject_null)] = Field(  # type: ignore[assignment]
        default=None,
        description="Het klantcontact waarbij deze persoon of organisatie betrokken was.",
    )
    bezoekadres: Adres | None = Field(
        default=None,
        description="Adres voor bezoeken naar aanleiding van dit contact; mag afwijken van een "
        "adres uit een basisregistratie.",
    )
    correspondentieadres: Adres | None = Field(
        default=None,
        description="Adres voor post naar aanleiding van dit contact; mag afwijken van een "
        "adres uit een basisregistratie.",
    )
    contactnaam: Contactnaam | None = Field(
        default=None,
        description="Naam waarmee de betrokkene bij de vervolgstappen van dit contact "
        "aangesproken wil worden; mag afwijken van de naam in de BRP.",
    )
    rol: Annotated[Rol, BeforeValidator(reject_null)] = Field(
        default=None,  # type: ignore[arg-type]
        description="Welke rol de betrokkene bij dit contact had.",
    )
    organisatienaam: str = Field(
        default="",
        max_length=200,
        description="Naam van de organisatie namens of bij welke de betrokkene optrad.",
    )
    initiator: bool = Field(
        default=None,  # type: ignore[assignment]
        description="Of deze betrokkene het contact begon.",
    )
