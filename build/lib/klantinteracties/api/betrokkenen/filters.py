from __future__ import annotations

from typing import Any

from sqlalchemy import select

from klantinteracties.api.partij_identificatoren.matching import identificator_filters
from klantinteracties.core.filters import Clause, Filter, FilterSet, eq
from klantinteracties.db.models import betrokkene, digitaal_adres, klantcontact, partij

c = betrokkene.c
da = digitaal_adres.c
kc = klantcontact.c

_IDENTIFICATOR_FILTERS, _IDENTIFICATOR_GROUP = identificator_filters(
    "wasPartij__partijIdentificator",
    lambda partijen: c.was_partij_uuid.in_(partijen),
    "Betrokkenen die een partij waren",
)


def _via_klantcontact(column: Any) -> Any:
    return lambda v: c.had_klantcontact_uuid.in_(select(kc.uuid).where(column == v))


def _via_digitaal_adres(column: Any) -> Any:
    return lambda v: c.uuid.in_(select(da.verstrekt_door_betrokkene_uuid).where(column == v))


def _via_partij_nummer(value: str) -> Clause:
    return c.was_partij_uuid.in_(select(partij.c.uuid).where(partij.c.nummer == value))


def _exact(name: str, column: Any, what: str) -> Filter:
    return Filter(name, "string", eq(column), description=f"{what}, exact gelijk.")


BETROKKENE_FILTERS = FilterSet(
    filters=(
        _exact("contactnaamVoorletters", c.contactnaam_voorletters, "Voorletters"),
        _exact("contactnaamVoornaam", c.contactnaam_voornaam, "Voornaam"),
        _exact(
            "contactnaamVoorvoegselAchternaam",
            c.contactnaam_voorvoegsel_achternaam,
            "Voorvoegsel van de achternaam",
        ),
        _exact("contactnaamAchternaam", c.contactnaam_achternaam, "Achternaam"),
        _exact("organisatienaam", c.organisatienaam, "Organisatienaam"),
        Filter(
            "hadKlantcontact__uuid",
            "uuid",
            eq(c.had_klantcontact_uuid),
            description="Betrokkenen bij het klantcontact met deze uuid.",
        ),
        Filter(
            "hadKlantcontact__url",
            "url",
            eq(c.had_klantcontact_uuid),
            description="Betrokkenen bij het klantcontact met deze URL.",
        ),
        Filter(
            "hadKlantcontact__nummer",
            "string",
            _via_klantcontact(kc.nummer),
            description="Betrokkenen bij het klantcontact met dit nummer.",
            deprecated=True,
        ),
        Filter(
            "hadKlantcontact__referentienummer",
            "string",
            _via_klantcontact(kc.referentienummer),
            description="Betrokkenen bij het klantcontact met dit referentienummer.",
        ),
        Filter(
            "verstrektedigitaalAdres__adres",
            "string",
            _via_digitaal_adres(da.adres),
            description="Betrokkenen die een digitaal adres met precies dit adres opgaven.",
            reads=("partijen",),  # digitale adressen, also those a betrokkene gave
        ),
        Filter(
            "verstrektedigitaalAdres__uuid",
            "uuid",
            _via_digitaal_adres(da.uuid),
            description="Betrokkenen die het digitale adres met deze uuid opgaven.",
            reads=("partijen",),
        ),
        Filter(
            "verstrektedigitaalAdres__url",
            "url",
            _via_digitaal_adres(da.uuid),
            description="Betrokkenen die het digitale adres met deze URL opgaven.",
            reads=("partijen",),
        ),
        Filter(
            "wasPartij__uuid",
            "uuid",
            eq(c.was_partij_uuid),
            description="Betrokkenen die de partij met deze uuid waren.",
        ),
        Filter(
            "wasPartij__url",
            "url",
            eq(c.was_partij_uuid),
            description="Betrokkenen die de partij met deze URL waren.",
        ),
        Filter(
            "wasPartij__nummer",
            "string",
            _via_partij_nummer,
            description="Betrokkenen die de partij met dit nummer waren.",
            deprecated=True,
            reads=("partijen",),
        ),
        *_IDENTIFICATOR_FILTERS,
    ),
    groups=(_IDENTIFICATOR_GROUP,),
    expand=("digitaleAdressen",),
)
