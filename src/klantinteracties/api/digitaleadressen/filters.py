from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from klantinteracties.core.filters import (
    Clause,
    Filter,
    FilterGroup,
    FilterSet,
    eq,
    icontains,
    is_null,
)
from klantinteracties.db.models import betrokkene, digitaal_adres, partij, partij_identificator

from .schemas import SOORTEN

c = digitaal_adres.c
pi = partij_identificator.c

SOORTEN_PARTIJ = ("contactpersoon", "organisatie", "persoon")
ROLLEN = ("klant", "vertegenwoordiger")

PARTIJ_IDENTIFICATOR = "verstrektDoorPartij__partijIdentificator__"
_IDENTIFICATOR_COLUMNS = {
    f"{PARTIJ_IDENTIFICATOR}codeObjecttype": pi.code_objecttype,
    f"{PARTIJ_IDENTIFICATOR}codeSoortObjectId": pi.code_soort_object_id,
    f"{PARTIJ_IDENTIFICATOR}objectId": pi.object_id,
    f"{PARTIJ_IDENTIFICATOR}codeRegister": pi.code_register,
}


def _by_identificator(values: dict[str, Any]) -> Clause:
    # All given values must hold for one and the same identificator: "BSN 123" must not match
    # a partij that merely has some BSN and, elsewhere, some identificator with object id 123.
    conditions = [_IDENTIFICATOR_COLUMNS[name] == value for name, value in values.items()]
    owners = select(pi.identificeerde_partij_uuid).where(*conditions)
    return c.verstrekt_door_partij_uuid.in_(owners)


def _by_soort_partij(value: str) -> Clause:
    owners = select(partij.c.uuid).where(partij.c.soort_partij == value)
    return c.verstrekt_door_partij_uuid.in_(owners)


def _by_rol_betrokkene(value: str) -> Clause:
    givers = select(betrokkene.c.uuid).where(betrokkene.c.rol == value)
    return c.verstrekt_door_betrokkene_uuid.in_(givers)


def _identificator_filter(name: str, what: str) -> Filter:
    return Filter(
        name,
        "string",
        group="partij_identificator",
        description=f"Adressen van een partij met een identificator met deze {what}. Samen "
        "opgegeven moeten deze filters voor dezelfde identificator gelden.",
    )


def _datum_filter(suffix: str, compare: Callable[[Any, Any], Any], what: str) -> Filter:
    column = c.verificatie_datum
    return Filter(
        f"verificatieDatum{suffix}",
        "date",
        lambda v: compare(column, v),
        description=f"Verificatiedatum {what} deze datum.",
    )


DIGITAAL_ADRES_FILTERS = FilterSet(
    filters=(
        Filter(
            "verstrektDoorBetrokkene__uuid",
            "uuid",
            eq(c.verstrekt_door_betrokkene_uuid),
            description="Adressen opgegeven door de betrokkene met deze uuid.",
        ),
        Filter(
            "verstrektDoorBetrokkene__url",
            "url",
            eq(c.verstrekt_door_betrokkene_uuid),
            description="Adressen opgegeven door de betrokkene met deze URL.",
        ),
        Filter(
            "verstrektDoorBetrokkene__rol",
            "enum",
            _by_rol_betrokkene,
            enum=ROLLEN,
            description="Adressen opgegeven door een betrokkene met deze rol.",
        ),
        Filter(
            "verstrektDoorPartij__uuid",
            "uuid",
            eq(c.verstrekt_door_partij_uuid),
            description="Adressen van de partij met deze uuid.",
        ),
        Filter(
            "verstrektDoorPartij__url",
            "url",
            eq(c.verstrekt_door_partij_uuid),
            description="Adressen van de partij met deze URL.",
        ),
        Filter(
            "verstrektDoorPartij__soortPartij",
            "enum",
            _by_soort_partij,
            enum=SOORTEN_PARTIJ,
            description="Adressen van partijen van deze soort.",
        ),
        _identificator_filter(f"{PARTIJ_IDENTIFICATOR}codeObjecttype", "objecttype"),
        _identificator_filter(f"{PARTIJ_IDENTIFICATOR}codeSoortObjectId", "soort object-id"),
        _identificator_filter(f"{PARTIJ_IDENTIFICATOR}objectId", "object-id"),
        _identificator_filter(f"{PARTIJ_IDENTIFICATOR}codeRegister", "register"),
        Filter("adres", "string", eq(c.adres), description="Adres, exact gelijk."),
        Filter(
            "adres__icontains",
            "string",
            icontains(c.adres),
            description="Adres bevat deze tekst (hoofdletters tellen niet).",
        ),
        Filter(
            "soortDigitaalAdres",
            "enum",
            eq(c.soort_digitaal_adres),
            enum=SOORTEN,
            description="Soort digitaal adres.",
        ),
        Filter(
            "isStandaardAdres",
            "bool",
            eq(c.is_standaard_adres),
            description="Wel (true) of niet (false) het standaardadres.",
        ),
        Filter(
            "omschrijving",
            "string",
            icontains(c.omschrijving),
            description="Omschrijving bevat deze tekst (hoofdletters tellen niet).",
        ),
        Filter("referentie", "string", eq(c.referentie), description="Referentie, exact gelijk."),
        Filter(
            "isGeverifieerd",
            "bool",
            is_null(c.verificatie_datum),
            description="Met (true) of zonder (false) verificatiedatum.",
        ),
        _datum_filter("", operator.eq, "gelijk aan"),
        _datum_filter("__gt", operator.gt, "na"),
        _datum_filter("__gte", operator.ge, "op of na"),
        _datum_filter("__lt", operator.lt, "voor"),
        _datum_filter("__lte", operator.le, "op of voor"),
    ),
    groups=(FilterGroup("partij_identificator", _by_identificator),),
    expand=(
        "verstrektDoorBetrokkene",
        "verstrektDoorBetrokkene.hadKlantcontact",
        "verstrektDoorBetrokkene.hadKlantcontact.leiddeTotInterneTaken",
    ),
)
