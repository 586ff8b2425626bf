"""Query parameters of ``GET /internetaken``.

Filters over the assignment are ``uuid IN (SELECT internetaak_uuid FROM internetaak_actor ...)``:
the work queue ("open tasks of actor X") is then served by the (actor_uuid, internetaak_uuid)
index and the unique index on ``internetaak.uuid``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from klantinteracties.core.filters import Clause, Filter, FilterSet, eq
from klantinteracties.db.models import actor, internetaak, internetaak_actor, klantcontact

from .schemas import STATUSSEN

c = internetaak.c
ia = internetaak_actor.c
kc = klantcontact.c


def _assigned_to(actor_uuid: Any) -> Clause:
    return c.uuid.in_(select(ia.internetaak_uuid).where(ia.actor_uuid == actor_uuid))


def _assigned_to_naam(naam: str) -> Clause:
    actors = select(actor.c.uuid).where(actor.c.naam == naam)
    return c.uuid.in_(select(ia.internetaak_uuid).where(ia.actor_uuid.in_(actors)))


def _klantcontact_with(column: Any) -> Any:
    return lambda value: c.aanleidinggevend_klantcontact_uuid.in_(
        select(kc.uuid).where(column == value)
    )


_KLANTCONTACT = c.aanleidinggevend_klantcontact_uuid

INTERNETAAK_FILTERS = FilterSet(
    filters=(
        Filter("nummer", "string", eq(c.nummer), description="Nummer (exact).", deprecated=True),
        Filter(
            "referentienummer",
            "string",
            eq(c.referentienummer),
            description="Referentienummer (exact).",
        ),
        Filter("status", "enum", eq(c.status), enum=STATUSSEN, description="Status van de taak."),
        Filter(
            "toegewezenOp",
            "datetime",
            eq(c.toegewezen_op),
            description="Moment van toewijzing (exact).",
        ),
        Filter(
            "actoren__naam",
            "string",
            _assigned_to_naam,
            description="Toegewezen aan een actor met deze naam (exact).",
            reads=("actoren",),
        ),
        Filter(
            "klantcontact__uuid",
            "uuid",
            eq(_KLANTCONTACT),
            description="UUID van het aanleidinggevende klantcontact.",
        ),
        Filter(
            "klantcontact__nummer",
            "string",
            _klantcontact_with(kc.nummer),
            description="Nummer van het aanleidinggevende klantcontact.",
            deprecated=True,
            reads=("klantcontacten",),
        ),
        Filter(
            "klantcontact__referentienummer",
            "string",
            _klantcontact_with(kc.referentienummer),
            description="Referentienummer van het aanleidinggevende klantcontact.",
            reads=("klantcontacten",),
        ),
        Filter(
            "toegewezenAanActor__uuid",
            "uuid",
            _assigned_to,
            description="Toegewezen aan deze actor (op welke plaats in de toewijzing ook).",
        ),
        Filter(
            "toegewezenAanActor__url",
            "url",
            _assigned_to,
            description="Toegewezen aan de actor met deze URL (op welke plaats ook).",
        ),
        Filter(
            "aanleidinggevendKlantcontact__uuid",
            "uuid",
            eq(_KLANTCONTACT),
            description="UUID van het aanleidinggevende klantcontact.",
        ),
        Filter(
            "aanleidinggevendKlantcontact__url",
            "url",
            eq(_KLANTCONTACT),
            description="URL van het aanleidinggevende klantcontact.",
        ),
    )
)
