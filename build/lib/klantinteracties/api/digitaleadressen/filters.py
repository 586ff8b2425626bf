from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from klantinteracties.api.partij_identificatoren.matching import identificator_filters
from klantinteracties.core.filters import (
    Clause,
    Filter,
    FilterSet,
    eq,
    icontains,
    is_null,
)
from klantinteracties.db.models import betrokkene, digitaal_adres, partij

from .schemas import SOORTEN

c = digitaal_adres.c

SOORTEN_PARTIJ = ("contactpersoon", "organisatie", "persoon")
ROLLEN = ("klant", "vertegenwoordiger")

_IDENTIFICATOR_FILTERS, _IDENTIFICATOR_GROUP = identificator_filters(
    "verstrektDoorPartij__partijIdentificator",
    lambda partijen: c.verstrekt_door_partij_uuid.in_(partijen),
    "Adressen van een partij",
)


def _by_soort_partij(value: str) -> Clause:
    owners = select(partij.c.uuid).where(partij.c.soort_partij == value)
    return c.verstrekt_door_partij_uuid.in_(owners)


def _by_rol_betrokkene(value: str) -> Clause:
    givers = select(betrokkene.c.uuid).where(betrokkene.c.rol == value)
    return c.verstrekt_door_betrokkene_uuid.in_(givers)


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
            reads=("klantcontacten",),
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
        *_IDENTIFICATOR_FILTERS,
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
    groups=(_IDENTIFICATOR_GROUP,),
    expand=(
        "verstrektDoorBetrokkene",
        "verstrektDoorBetrokkene.hadKlantcontact",
        "verstrektDoorBetrokkene.hadKlantcontact.leiddeTotInterneTaken",
    ),
)
