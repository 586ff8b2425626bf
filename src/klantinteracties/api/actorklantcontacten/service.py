from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.core.context import Ctx
from klantinteracties.core.repository import TableRepository
from klantinteracties.core.service import FkSpec, PairService
from klantinteracties.db.models import actor, klantcontact

from .filters import ACTORKLANTCONTACT_FILTERS
from .repository import actorklantcontacten
from .schemas import ActorKlantcontact

SIDES = ("actor", "klantcontact")
UNIQUE_REASON = "Deze actor is al aan dit klantcontact gekoppeld; elk paar mag maar één keer."


class ActorKlantcontactService(PairService):
    scope = "actoren"
    collection = "actorklantcontacten"
    repo = actorklantcontacten
    input_model = ActorKlantcontact
    required = not_null = pair = SIDES
    pair_taken = UNIQUE_REASON
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


actorklantcontact_service = ActorKlantcontactService()
