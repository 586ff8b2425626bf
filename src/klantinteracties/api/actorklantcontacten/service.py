from __future__ import annotations

import uuid as uuidlib
from collections.abc import Sequence
from typing import Any

from pydantic.alias_generators import to_camel
from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.core.context import Ctx
from klantinteracties.core.errors import InvalidParam, ValidationFailed
from klantinteracties.core.repository import TableRepository
from klantinteracties.core.service import CrudService, FkSpec
from klantinteracties.core.validation import NOT_NULL
from klantinteracties.db.models import actor, klantcontact

from .filters import ACTORKLANTCONTACT_FILTERS
from .repository import actorklantcontacten
from .schemas import ActorKlantcontact

SIDES = ("actor", "klantcontact")
UNIQUE_REASON = "Deze actor is al aan dit klantcontact gekoppeld; elk paar mag maar één keer."


class ActorKlantcontactService(CrudService):
    collection = "actorklantcontacten"
    repo = actorklantcontacten
    input_model = ActorKlantcontact
    required = SIDES
    filterset = ACTORKLANTCONTACT_FILTERS
    fk_fields = {
        "actor": FkSpec(TableRepository(actor), "Actor"),
        "klantcontact": FkSpec(TableRepository(klantcontact), "Klantcontact"),
    }

    async def represent(
        self, session: AsyncSession, ctx: Ctx, rows: Sequence[RowMapping]
    ) -> list[dict[str, Any]]:
        return [
            {
                "uuid": str(r["uuid"]),
                "url": ctx.url(self.collection, r["uuid"]),
                "actor": ctx.ref("actoren", r["actor_uuid"]),
                "klantcontact": ctx.ref("klantcontacten", r["klantcontact_uuid"]),
            }
            for r in rows
        ]

    async def validate(self, session: AsyncSession, obj: Any, current: RowMapping | None) -> None:
        # Both sides are always required: null is refused here (not by the model) so that PATCH
        # can share the model without being able to clear a side.
        errors = [
            InvalidParam(to_camel(side), "null", NOT_NULL)
            for side in SIDES
            if side in obj.model_fields_set and getattr(obj, side) is None
        ]
        errors += await self.check_fks(session, obj)
        if errors:
            raise ValidationFailed(errors)
        actor_key, klantcontact_key = (self._side(obj, current, side) for side in SIDES)
        if actor_key is None or klantcontact_key is None:
            return
        own = current["uuid"] if current is not None else None
        if await actorklantcontacten.pair_exists(session, actor_key, klantcontact_key, own):
            raise ValidationFailed([InvalidParam("nonFieldErrors", "unique", UNIQUE_REASON)])

    @staticmethod
    def _side(obj: Any, current: RowMapping | None, side: str) -> uuidlib.UUID | None:
        if side in obj.model_fields_set:
            ref = getattr(obj, side)
            return ref.uuid if ref is not None else None
        return current[f"{side}_uuid"] if current is not None else None


actorklantcontact_service = ActorKlantcontactService()
