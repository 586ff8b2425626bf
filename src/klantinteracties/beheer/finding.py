"""The one search box: which partijen a term finds. A term of digits (spaces, dots and dashes
ignored) is looked up as an identificator (BSN, KvK-nummer, ...) and in phone numbers; any
other term in names, addresses and digitale adressen (e-mail, phone), case-insensitively.

This is only the condition: the partijen list of the API applies it, with the view and the
processing log of every other read (reading.py)."""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, and_, or_, select

from klantinteracties.core.filters import contains_pattern
from klantinteracties.db.models import digitaal_adres, partij, partij_identificator
from klantinteracties.db.models.base import ADRES_FIELDS

MAX_TERM = 200
_SEPARATORS = re.compile(r"[\s.\-]")
_NAMES = (
    "contactnaam_voornaam",
    "contactnaam_achternaam",
    "contactnaam_voorvoegsel_achternaam",
    "organisatie_naam",
)
_ADDRESS = [
    f"{group}_{name}"
    for group in ("bezoekadres", "correspondentieadres")
    for name, _ in ADRES_FIELDS
    if name not in ("nummeraanduiding_id", "land")
]


def normalized(term: str) -> str:
    return " ".join(term.split())[:MAX_TERM]


def _like(column: ColumnElement[str], term: str) -> ColumnElement[bool]:
    return column.ilike(contains_pattern(term), escape="\\")


def matching(term: str) -> ColumnElement[bool]:
    """The condition on ``partij`` for ``term`` (already ``normalized``, not empty)."""
    digits = _SEPARATORS.sub("", term)
    adressen = select(digitaal_adres.c.verstrekt_door_partij_uuid)
    if digits.isdigit():
        identified = select(partij_identificator.c.identificeerde_partij_uuid).where(
            partij_identificator.c.object_id == digits
        )
        return or_(
            partij.c.uuid.in_(identified),
            partij.c.uuid.in_(adressen.where(_like(digitaal_adres.c.adres, digits))),
        )
    # Every word of a name in some name field: "Jan Jansen" finds voornaam Jan, achternaam
    # Jansen; an address or digitaal adres holds the whole term.
    in_names = and_(*(or_(*(_like(partij.c[c], w) for c in _NAMES)) for w in term.split(" ")))
    return or_(
        in_names,
        *(_like(partij.c[c], term) for c in _ADDRESS),
        partij.c.uuid.in_(adressen.where(_like(digitaal_adres.c.adres, term))),
    )
