"""The confidentiality rules of the register, as SQL (the exact rules: docs/privacy.md).

- ``geheimhouding``: a partij with ``indicatieGeheimhouding: true`` exists only for applications
  with this privilege. Without it, the partij and every row that belongs to it are not there:
  its identificatoren, digitale adressen (given by the partij, or by one of its betrokkenen),
  rekeningnummers, categorie-relaties, vertegenwoordigingen (either side) and betrokkenen.
- ``vertrouwelijk``: a klantcontact with ``vertrouwelijk: true`` is shown to every reader, but
  without the privilege its ``onderwerp``, ``inhoud`` and ``reactie`` read as "" (everywhere:
  representations, expansions and substring filters) and its bijlagen are not there.

``install()`` registers the rules (core/view.py); the app calls it when it is made.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, select

from klantinteracties.core.view import RULES
from klantinteracties.db.models import betrokkene, klantcontact, partij

GEHEIMHOUDING = "geheimhouding"
VERTROUWELIJK = "vertrouwelijk"
MASKED_KLANTCONTACT_FIELDS = ("onderwerp", "inhoud", "reactie")

# Aliases of their own, and never correlated: a rule's subquery must not bind to a partij or
# betrokkene of the statement it is placed in.
_partij = partij.alias("vis_partij")
_betrokkene = betrokkene.alias("vis_betrokkene_of")
_klantcontact = klantcontact.alias("vis_klantcontact")


def secret(t: Any) -> ColumnElement[bool]:
    return t.c.indicatie_geheimhouding.is_(True)


def open_partij(key: ColumnElement[Any]) -> ColumnElement[bool]:
    """The partij ``key`` points at (if any) is not secret."""
    p = _partij
    hit = select(p.c.id).where(p.c.uuid == key, secret(p)).correlate_except(p)
    return ~hit.exists()


def open_betrokkene(key: ColumnElement[Any]) -> ColumnElement[bool]:
    """The betrokkene ``key`` points at (if any) is not of a secret partij."""
    b, p = _betrokkene, _partij
    hit = (
        select(b.c.id)
        .join(p, p.c.uuid == b.c.was_partij_uuid)
        .where(b.c.uuid == key, secret(p))
        .correlate_except(b, p)
    )
    return ~hit.exists()


def open_klantcontact(key: ColumnElement[Any]) -> ColumnElement[bool]:
    k = _klantcontact
    hit = select(k.c.id).where(k.c.uuid == key, k.c.vertrouwelijk.is_(True)).correlate_except(k)
    return ~hit.exists()


def _partij_of(column: str) -> Callable[[Any], ColumnElement[bool]]:
    return lambda t: open_partij(t.c[column])


def install() -> None:
    if RULES.hidden:
        return  # once per process
    RULES.hide("partij", GEHEIMHOUDING, lambda t: t.c.indicatie_geheimhouding.is_not(True))
    for table, column in (
        ("partij_identificator", "identificeerde_partij_uuid"),
        ("rekeningnummer", "partij_uuid"),
        ("categorie_relatie", "partij_uuid"),
        ("betrokkene", "was_partij_uuid"),
        ("vertegenwoordigden", "vertegenwoordigende_partij_uuid"),
        ("vertegenwoordigden", "vertegenwoordigde_partij_uuid"),
        ("digitaal_adres", "verstrekt_door_partij_uuid"),
    ):
        RULES.hide(table, GEHEIMHOUDING, _partij_of(column), guards=column)
    RULES.hide(
        "digitaal_adres",
        GEHEIMHOUDING,
        lambda t: open_betrokkene(t.c.verstrekt_door_betrokkene_uuid),
        guards="verstrekt_door_betrokkene_uuid",
    )
    RULES.hide(
        "bijlage",
        VERTROUWELIJK,
        lambda t: open_klantcontact(t.c.was_bijlage_van_klantcontact_uuid),
        guards="was_bijlage_van_klantcontact_uuid",
    )
    RULES.mask(
        "klantcontact",
        VERTROUWELIJK,
        lambda t: t.c.vertrouwelijk.is_(True),
        MASKED_KLANTCONTACT_FIELDS,
    )
