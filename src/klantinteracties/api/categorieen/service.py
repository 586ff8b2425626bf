from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.core.context import Ctx
from klantinteracties.core.service import CrudService, FkSpec
from klantinteracties.db.models import partij

from .filters import CATEGORIE_RELATIE_FILTERS
from .repository import TableRepository, categorie_relaties, categorieen
from .schemas import Categorie, CategorieRelatie

partijen_repo = TableRepository(partij)


class CategorieService(CrudService):
    scope = "partijen"
    collection = "categorieen"
    repo = categorieen
    input_model = Categorie

    async def represent(
        self, session: AsyncSession, ctx: Ctx, rows: Sequence[RowMapping]
    ) -> list[dict[str, Any]]:
        return [
            {"uuid": str(r["uuid"]), "url": ctx.url(self.collection, r["uuid"]), "naam": r["naam"]}
            for r in rows
        ]


def categorie_ref(ctx: Ctx, row: RowMapping) -> dict[str, Any] | None:
    if row["categorie_uuid"] is None:
        return None
    return {**ctx.ref("categorieen", row["categorie_uuid"]), "naam": row["categorie_naam"]}  # type: ignore[dict-item]


class CategorieRelatieService(CrudService):
    scope = "partijen"
    collection = "categorie-relaties"
    repo = categorie_relaties
    input_model = CategorieRelatie
    filterset = CATEGORIE_RELATIE_FILTERS
    fk_fields = {
        "partij": FkSpec(partijen_repo, "Partij"),
        "categorie": FkSpec(categorieen, "Categorie"),
    }

    async def represent(
        self, session: AsyncSession, ctx: Ctx, rows: Sequence[RowMapping]
    ) -> list[dict[str, Any]]:
        return [
            {
                "uuid": str(r["uuid"]),
                "url": ctx.url(self.collection, r["uuid"]),
                "partij": ctx.ref("partijen", r["partij_uuid"]),
                "categorie": categorie_ref(ctx, r),
                "beginDatum": r["begin_datum"],
                "eindDatum": r["eind_datum"],
            }
            for r in rows
        ]

    def values(self, obj: Any, current: RowMapping | None) -> dict[str, Any]:
        out = super().values(obj, current)
        if current is None and out.get("begin_datum") is None:
            out["begin_datum"] = dt.date.today()  # a relation starts the day it is made
        return out


categorie_service = CategorieService()
categorie_relatie_service = CategorieRelatieService()
