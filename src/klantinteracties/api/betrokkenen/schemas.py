from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from klantinteracties.core.adres import Adres
from klantinteracties.core.contactnaam import Contactnaam
from klantinteracties.core.schemas import FkRef
from klantinteracties.core.validation import NOT_NULL, InputModel

ROLLEN = ("vertegenwoordiger", "klant")
Rol = Literal["vertegenwoordiger", "klant"]


def not_null(value: Any) -> Any:
    # Without this a null relation or choice would be reported as a malformed object or an
    # invalid choice; clients expect the plain "null" error on the field itself.
    if value is None:
        raise PydanticCustomError("null", NOT_NULL)
    return value


class Betrokkene(InputModel):
    """A person or organisation that took part in one klantcontact."""

    was_partij: FkRef | None = Field(
        default=None, description="De partij die deze betrokkene was, als die bekend is."
    )
    # The None default only marks "not sent"; required-ness is checked by the service.
    had_klantcontact: Annotated[FkRef, BeforeValidator(not_null)] = Field(  # type: ignore[assignment]
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
    rol: Annotated[Rol, BeforeValidator(not_null)] = Field(
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
