from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.core.context import Ctx
from klantinteracties.core.errors import InvalidParam, ValidationFailed
from klantinteracties.core.repository import TableRepository
from klantinteracties.core.service import FkSpec, PairService
from klantinteracties.db.models import partij

from .filters import VERTEGENWOORDIGING_FILTERS
from .repository import vertegenwoordigingen
from .schemas import Vertegenwoordiging

partijen_repo = TableRepository(partij)

SIDES = ("vertegenwoordigende_partij", "vertegenwoordigde_partij")
SELF_REASON = "Een partij kan niet haar eigen vertegenwoordiger zijn."
UNIQUE_REASON = "Deze partij vertegenwoordigt de andere partij al; elk paar mag maar één keer."


class VertegenwoordigingService(PairService):
    scope = "partijen"
    collection = "vertegenwoordigingen"
    repo = vertegenwoordigingen
    input_model = Vertegenwoordiging
    required = not_null = pair = SIDES
    pair_taken = UNIQUE_REASON
    filterset = VERTEGENWOORDIGING_FILTERS
    fk_fields = {side: FkSpec(partijen_repo, "Partij") for side in SIDES}

    async def represent(
        self, session: AsyncSession, ctx: Ctx, rows: Sequence[RowMapping]
    ) -> list[dict[str, Any]]:
        return [
            {
                "uuid": str(r["uuid"]),
                "url": ctx.url(self.collection, r["uuid"]),
                "vertegenwoordigendePartij": ctx.ref(
                    "partijen", r["vertegenwoordigende_partij_uuid"]
                ),
                "vertegenwoordigdePartij": ctx.ref("partijen", r["vertegenwoordigde_partij_uuid"]),
            }
            for r in rows
        ]

    async def check_pair(self, session: AsyncSession, first: Any, second: Any) -> None:
        if first == second:
            raise ValidationFailed(
                [InvalidParam("vertegenwoordigdePartij", "invalid", SELF_REASON)]
            )


vertegenwoordiging_service = VertegenwoordigingService()
