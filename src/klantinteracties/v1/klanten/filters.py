"""The list filters of ``GET /klanten`` (Open Klant 1.0 dialect) as SQL on the partij table.

A filter on a field that maps is answered from the v2 data (what a v1 read shows when v2 changed
it); a filter on a v1-only field from the side row's ``written`` document. Unknown parameters
are ignored, as v1 servers do. Every value is an exact match, as in the reference.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, not_, or_, select
from sqlalchemy.sql.elements import ColumnElement as Clause

from klantinteracties.core.errors import invalid
from klantinteracties.core.filters import ParsedQuery
from klantinteracties.db.models import digitaal_adres, partij, partij_identificator, v1_klant

from .mapping import BRP_LANDEN

p, k, pi, da = partij.c, v1_klant.c, partij_identificator.c, digitaal_adres.c


def _side(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    return p.uuid.in_(select(k.uuid).where(condition))


def _no_side() -> ColumnElement[bool]:
    return not_(p.uuid.in_(select(k.uuid)))


def _identificator(soorten: tuple[str, ...], value: str) -> ColumnElement[bool]:
    return exists().where(
        pi.identificeerde_partij_uuid == p.uuid,
        pi.code_soort_object_id.in_(soorten),
        pi.object_id == value,
    )


def _digitaal(soort: str, value: str) -> ColumnElement[bool]:
    return exists().where(
        da.verstrekt_door_partij_uuid == p.uuid,
        da.soort_digitaal_adres == soort,
        da.adres == value,
    )


def _has_vestigingsnummer() -> ColumnElement[bool]:
    return exists().where(
        pi.identificeerde_partij_uuid == p.uuid, pi.code_soort_object_id == "vestigingsnummer"
    )


def _subject_type(value: str) -> ColumnElement[bool]:
    if value == "natuurlijk_persoon":
        return p.soort_partij.in_(("persoon", "contactpersoon"))
    if value == "niet_natuurlijk_persoon":
        return and_(p.soort_partij == "organisatie", not_(_has_vestigingsnummer()))
    if value == "vestiging":
        return and_(p.soort_partij == "organisatie", _has_vestigingsnummer())
    raise invalid("subjectType", f"'{value}' is geen geldige keuze.", "invalid_choice")


def _written(*path: str) -> Any:
    return k.written[path].as_string()


def _geboortedatum(op: str) -> Callable[[str, str], ColumnElement[bool]]:
    def clause(value: str, default: str) -> ColumnElement[bool]:
        column = _written("subjectIdentificatie", "geboortedatum")
        compare = {"": column == value, "gt": column > value, "gte": column >= value}
        compare |= {"lt": column < value, "lte": column <= value}
        return _side(and_(column != "", compare[op]))

    return clause


def _bronorganisatie(value: str, default: str) -> ColumnElement[bool]:
    own = _side(k.bronorganisatie == value)
    return or_(own, _no_side()) if value == default else own


def _klantnummer(value: str, default: str) -> ColumnElement[bool]:
    return or_(_side(k.klantnummer == value), and_(_no_side(), p.nummer == value))


def _landcode(value: str, default: str) -> ColumnElement[bool]:
    land = BRP_LANDEN.get(value)
    by_v2 = p.bezoekadres_land == land if land else false()
    return or_(by_v2, _side(_written("adres", "landcode") == value))


def _v2(column: Any) -> Callable[[str, str], ColumnElement[bool]]:
    return lambda value, default: column == value


def _v1_only(*path: str) -> Callable[[str, str], ColumnElement[bool]]:
    return lambda value, default: _side(_written(*path) == value)


FILTERS: dict[str, Callable[[str, str], ColumnElement[bool]]] = {
    "bronorganisatie": _bronorganisatie,
    "klantnummer": _klantnummer,
    "bedrijfsnaam": lambda v, d: and_(p.soort_partij == "organisatie", p.organisatie_naam == v),
    "functie": _v1_only("functie"),
    "achternaam": _v2(p.contactnaam_achternaam),
    "telefoonnummer": lambda v, d: _digitaal("telefoonnummer", v),
    "emailadres": lambda v, d: _digitaal("email", v),
    "adres__straatnaam": _v2(p.bezoekadres_straatnaam),
    "adres__postcode": lambda v, d: or_(
        p.bezoekadres_postcode == v, _side(_written("adres", "postcode") == v)
    ),
    "adres__woonplaatsNaam": _v2(p.bezoekadres_stad),
    "adres__landcode": _landcode,
    "subject": _v1_only("subject"),
    "subjectType": lambda v, d: _subject_type(v),
    "subjectNatuurlijkPersoon__inpBsn": lambda v, d: _identificator(("bsn",), v.zfill(9)),
    "subjectNatuurlijkPersoon__anpIdentificatie": _v1_only(
        "subjectIdentificatie", "anpIdentificatie"
    ),
    "subjectNatuurlijkPersoon__inpA_nummer": _v1_only("subjectIdentificatie", "inpANummer"),
    "subjectNatuurlijkPersoon__geboortedatum": _geboortedatum(""),
    "subjectNatuurlijkPersoon__geboortedatum__gt": _geboortedatum("gt"),
    "subjectNatuurlijkPersoon__geboortedatum__gte": _geboortedatum("gte"),
    "subjectNatuurlijkPersoon__geboortedatum__lt": _geboortedatum("lt"),
    "subjectNatuurlijkPersoon__geboortedatum__lte": _geboortedatum("lte"),
    "subjectNietNatuurlijkPersoon__innNnpId": lambda v, d: _identificator(
        ("kvk_nummer", "rsin"), v
    ),
    "subjectNietNatuurlijkPersoon__annIdentificatie": _v1_only(
        "subjectIdentificatie", "annIdentificatie"
    ),
    "subjectVestiging__vestigingsNummer": lambda v, d: or_(
        _identificator(("vestigingsnummer",), v),
        _side(_written("subjectIdentificatie", "vestigingsNummer") == v),
    ),
}


def parse_list(params: Mapping[str, str], bronorganisatie: str) -> ParsedQuery:
    clauses: list[Clause[bool]] = []
    for name, make in FILTERS.items():
        value = params.get(name)
        if value is not None and value != "":  # an empty filter filters nothing (django-filter)
            clauses.append(make(value, bronorganisatie))
    return ParsedQuery(clauses=clauses, page=params.get("page"))
