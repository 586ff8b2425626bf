"""Bijlagen: objects (usually documents) that came with a klantcontact."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.core.context import Ctx
from klantinteracties.core.service import CrudService, FkSpec

from .filters import BIJLAGE_FILTERS
from .repository import bijlagen, klantcontacten_repo
from .schemas import Bijlage, BijlageIdentificator

COLLECTION = "bijlagen"
IDENTIFICATOR = "bijlageidentificator"


class BijlageService(CrudService):
    scope = "klantcontacten"
    collection = COLLECTION
    repo = bijlagen
    input_model = Bijlage
    filterset = BIJLAGE_FILTERS
    fk_fields = {"was_bijlage_van_klantcontact": FkSpec(klantcontacten_repo, "Klantcontact")}
    group_fields = {IDENTIFICATOR: BijlageIdentificator}

    async def represent(
        self, session: AsyncSession, ctx: Ctx, rows: Sequence[RowMapping]
    ) -> list[dict[str, Any]]:
        return [
            {
                "uuid": str(r["uuid"]),
                "url": ctx.url(self.collection, r["uuid"]),
                "wasBijlageVanKlantcontact": ctx.ref(
                    "klantcontacten", r["was_bijlage_van_klantcontact_uuid"]
                ),
                IDENTIFICATOR: BijlageIdentificator.output(IDENTIFICATOR, r),
            }
            for r in rows
        ]


bijlage_service = BijlageService()
