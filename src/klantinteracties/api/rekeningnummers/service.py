"""Rekeningnummers. The partij's voorkeursRekeningnummer is a flag on the row (``is_voorkeur``),
never shown here, and cleared whenever the rekeningnummer changes partij."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.core.context import Ctx
from klantinteracties.core.repository import TableRepository
from klantinteracties.core.service import CrudService, FkSpec
from klantinteracties.db.models import partij

from .filters import REKENINGNUMMER_FILTERS
from .repository import rekeningnummers
from .schemas import Rekeningnummer

partijen_repo = TableRepository(partij)


class RekeningnummerService(CrudService):
    scope = "partijen"
    collection = "rekeningnummers"
    repo = rekeningnummers
    input_model = Rekeningnummer
    required = ("iban",)
    filterset = REKENINGNUMMER_FILTERS
    fk_fields = {"partij": FkSpec(partijen_repo, "Partij")}

    async def represent(
        self, session: AsyncSession, ctx: Ctx, rows: Sequence[RowMapping]
    ) -> list[dict[str, Any]]:
        return [
            {
                "uuid": str(r["uuid"]),
                "url": ctx.url(self.collection, r["uuid"]),
                "partij": ctx.ref("partijen", r["partij_uuid"]),
                "iban": r["iban"],
                "bic": r["bic"],
            }
            for r in rows
        ]

    def values(self, obj: Any, current: RowMapping | None) -> dict[str, Any]:
        out = super().values(obj, current)
        if (
            current is not None
            and out.get("partij_uuid", current["partij_uuid"]) != (current["partij_uuid"])
        ):
            out["is_voorkeur"] = False  # the new (or no) partij has not chosen it
        return out


rekeningnummer_service = RekeningnummerService()
