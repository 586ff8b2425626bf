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
from klantinteracties.db.models import partij

from .filters import VERTEGENWOORDIGING_FILTERS
from .repository import vertegenwoordigingen
from .schemas import Vertegenwoordiging

partijen_repo = TableRepository(partij)

SIDES = ("vertegenwoordigende_partij", "vertegenwoordigde_partij")
SELF_REASON = "Een partij kan niet haar eigen vertegenwoordiger zijn."
UNIQUE_REASON = "Deze partij vertegenwoordigt de andere partij al; elk paar mag maar één keer."


class VertegenwoordigingService(CrudService):
    collection = "vertegenwoordigingen"
    repo = vertegenwoordigingen
    input_model = Vertegenwoordiging
    required = SIDES
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

    async def validate(self, session: AsyncSession, obj: Any, current: RowMapping | None) -> None:
        # Both sides are always required: null is refused here (not by the model) so PATCH can
        # share the model and still not clear a side.
        errors = [
            InvalidParam(to_camel(side), "null", NOT_NULL)
            for side in SIDES
            if side in obj.model_fields_set and getattr(obj, side) is None
        ]
        errors += await self.check_fks(session, obj)
        if errors:
            raise ValidationFailed(errors)
        await self.check_pair(session, obj, current)

    async def check_pair(self, session: AsyncSession, obj: Any, current: RowMapping | None) -> None:
        """Rules on the resulting pair: a PATCH of one side is combined with the stored other."""
        by, of = (self._side(obj, current, side) for side in SIDES)
        if by is None or of is None:
            return
        if by == of:
            raise ValidationFailed(
                [InvalidParam("vertegenwoordigdePartij", "invalid", SELF_REASON)]
            )
        exclude = current["uuid"] if current is not None else None
        if await vertegenwoordigingen.pair_exists(session, by, of, exclude):
            raise ValidationFailed([InvalidParam("nonFieldErrors", "unique", UNIQUE_REASON)])

    @staticmethod
    def _side(obj: Any, current: RowMapping | None, side: str) -> uuidlib.UUID | None:
        if side in obj.model_fields_set:
            ref = getattr(obj, side)
            return ref.uuid if ref is not None else None
        return current[f"{side}_uuid"] if current is not None else None


vertegenwoordiging_service = VertegenwoordigingService()
