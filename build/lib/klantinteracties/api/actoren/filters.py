from __future__ import annotations

from klantinteracties.core.filters import Filter, FilterSet, eq, icontains
from klantinteracties.db.models import actor

from .schemas import SOORTEN

c = actor.c

ACTOR_FILTERS = FilterSet(
    filters=(
        Filter("naam", "string", icontains(c.naam), description="Naam bevat deze tekst."),
        Filter(
            "soortActor",
            "enum",
            eq(c.soort_actor),
            enum=tuple(sorted(SOORTEN)),
            description="Soort actor.",
        ),
        Filter(
            "indicatieActief", "bool", eq(c.indicatie_actief), description="Of de actor actief is."
        ),
        Filter(
            "actoridentificatorObjectId",
            "string",
            eq(c.actoridentificator_object_id),
            description="Object-id van de actoridentificator (exact).",
        ),
        Filter(
            "actoridentificatorCodeObjecttype",
            "string",
            eq(c.actoridentificator_code_objecttype),
            description="Objecttype van de actoridentificator (exact).",
        ),
        Filter(
            "actoridentificatorCodeRegister",
            "string",
            eq(c.actoridentificator_code_register),
            description="Register van de actoridentificator (exact).",
        ),
        Filter(
            "actoridentificatorCodeSoortObjectId",
            "string",
            eq(c.actoridentificator_code_soort_object_id),
            description="Soort object-id van de actoridentificator (exact).",
        ),
    )
)
