"""Rules of ``/actoren``: the polymorphic ``actorIdentificatie``.

Deliberate difference from the reference implementation: a PATCH that sends ``actorIdentificatie``
without ``soortActor`` applies it to the stored soort instead of silently ignoring it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.api.outputs import actoren as outputs_actoren
from klantinteracties.core.repository import TableRepository
from klantinteracties.core.service import CrudService
from klantinteracties.db.models import actor

from .filters import ACTOR_FILTERS
from .schemas import IDENTIFICATIE_COLUMNS, Actor, Actoridentificator, parse_identificatie

actoren = TableRepository(actor)

# Every column of actorIdentificatie: all reset whenever the sub-object changes, so that nothing
# of an earlier sub-object (or of another soort) lingers.
EMPTY_IDENTIFICATIE: dict[str, Any] = {
    "identificatie_soort": None,
    **{name: "" for name in IDENTIFICATIE_COLUMNS},
}


class ActorService(CrudService):
    scope = "actoren"
    collection = "actoren"
    repo = actoren
    representation = outputs_actoren.ActorBasis
    input_model = Actor
    required = ("naam", "soort_actor")
    filterset = ACTOR_FILTERS
    group_fields = {"actoridentificator": Actoridentificator}

    async def validate(self, session: AsyncSession, obj: Any, current: RowMapping | None) -> None:
        """The sub-object can only be checked once its soort is known: from the body, or for a
        PATCH without soortActor the stored one. The parsed result is kept for ``values``."""
        if "actor_identificatie" not in obj.model_fields_set or obj.actor_identificatie is None:
            return
        obj._identificatie = parse_identificatie(self._soort(obj, current), obj.actor_identificatie)

    def values(self, obj: Any, current: RowMapping | None) -> dict[str, Any]:
        out = super().values(obj, current)
        sent = obj.model_fields_set
        soort = self._soort(obj, current)
        if "actor_identificatie" in sent:
            out.update(EMPTY_IDENTIFICATIE)
            sub = obj._identificatie
            if sub is not None:
                out["identificatie_soort"] = soort
                out.update({name: getattr(sub, name) for name in type(sub).model_fields})
        elif current is not None and soort != current["soort_actor"]:
            # A new soort without a new sub-object: the old one no longer describes this actor.
            out.update(EMPTY_IDENTIFICATIE)
        return out

    @staticmethod
    def _soort(obj: Any, current: RowMapping | None) -> str:
        if "soort_actor" in obj.model_fields_set or current is None:
            return str(obj.soort_actor)
        return str(current["soort_actor"])


actor_service = ActorService()
