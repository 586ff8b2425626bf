"""Building blocks of the response models, which declare every representation.

A model names the fields of a response in wire order, with their types and descriptions (the
served OpenAPI document), and where each value comes from (core/shape.py, which builds the JSON
in the database from it). They are never used to validate a response. Every field is
documented as the published contract has it (name, type, nullability, enum values).
``REQUIRED`` lists the fields the contract marks as required in a response; the others are
always present too, but clients generated from the contract do not rely on that, so the
document says no more than the contract does.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema
from pydantic.alias_generators import to_camel

from klantinteracties.core.sources import Lookup

Url = Annotated[str, WithJsonSchema({"type": "string", "format": "uri"})]
# A URL that may not have been given: "" then, which is no "uri".
UrlOrBlank = Annotated[str, WithJsonSchema({"type": "string", "description": "URL, of leeg."})]
Uuid = uuidlib.UUID
Datum = dt.date
Tijdstip = dt.datetime


def _required(schema: dict[str, Any], cls: Any) -> None:
    names = [cls.model_fields[name].alias or name for name in cls.REQUIRED]
    if names:
        schema["required"] = names
    else:
        schema.pop("required", None)


class Weergave(BaseModel):
    """Base of the response models: camelCase names, ``REQUIRED`` as the required list."""

    model_config = ConfigDict(
        alias_generator=to_camel, validate_by_name=True, json_schema_extra=_required
    )
    REQUIRED: ClassVar[tuple[str, ...]] = ("uuid", "url")


def veld(description: str, **kwargs: Any) -> Any:
    """A documented field (no default: the required list comes from ``REQUIRED``)."""
    return Field(description=description, **kwargs)


class Verwijzing(Weergave):
    """Verwijzing naar een andere resource: haar uuid en haar volledige URL."""

    uuid: Uuid = veld("Unieke identificatie van de resource waarnaar verwezen wordt.")
    url: Url = veld("Volledige URL van die resource.")


class CategorieVerwijzing(Verwijzing):
    """Verwijzing naar een categorie, met haar naam."""

    REQUIRED = ("uuid", "url", "naam")
    naam: str = veld("Naam van de categorie.")


class CategorieRelatieVerwijzing(Verwijzing):
    """Verwijzing naar een categorie-relatie, met de naam van de categorie en de looptijd."""

    REQUIRED = ("uuid", "url", "categorie_naam")
    categorie_naam: Annotated[str | None, Lookup("categorie", "categorie_uuid", "naam")] = veld(
        "Naam van de gekoppelde categorie (leeg zonder categorie)."
    )
    begin_datum: Datum | None = veld("Datum waarop de relatie ingaat.")
    eind_datum: Datum | None = veld("Datum waarop de relatie eindigt.")


class Adres(Weergave):
    """Een adres: BAG-nummeraanduiding, Nederlands adres zonder BAG-id of vrije regels. Lege
    onderdelen zijn een lege tekst (huisnummer: null)."""

    REQUIRED = ()
    nummeraanduiding_id: str = veld("Identificatie van de nummeraanduiding in de BAG.")
    straatnaam: str = veld("Straatnaam.")
    huisnummer: int | None = veld("Huisnummer.")
    huisnummertoevoeging: str = veld("Toevoeging bij het huisnummer.")
    postcode: str = veld("Postcode, bv. `1234 AB`.")
    stad: str = veld("Woonplaats.")
    adresregel1: str = veld("Eerste vrije adresregel.")
    adresregel2: str = veld("Tweede vrije adresregel.")
    adresregel3: str = veld("Derde vrije adresregel.")
    land: str = veld("Landcode volgens ISO 3166-1 alpha-2.")


class Contactnaam(Weergave):
    """De naam waarmee iemand in contact met de gemeente aangesproken wil worden."""

    REQUIRED = ()
    voorletters: str = veld("Voorletters.")
    voornaam: str = veld("Voornaam.")
    voorvoegsel_achternaam: str = veld("Voorvoegsel van de achternaam, bv. `van`.")
    achternaam: str = veld("Achternaam.")


class ObjectIdentificator(Weergave):
    """Verwijzing naar een object in een ander register (vrije tekst)."""

    REQUIRED = ()
    object_id: str = veld("Identificatie van het object in dat register.")
    code_objecttype: str = veld("Soort object, bv. `zaak`.")
    code_register: str = veld("Register waarin het object staat.")
    code_soort_object_id: str = veld("Soort identificatie, bv. `uuid`.")
