from __future__ import annotations

import uuid as uuidlib

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.core.repository import TableRepository
from klantinteracties.db.models import vertegenwoordigden

t = vertegenwoordigden


class VertegenwoordigingRepository(TableRepository):
    async def pair_exists(
        self,
        session: AsyncSession,
        vertegenwoordigende: uuidlib.UUID,
        vertegenwoordigde: uuidlib.UUID,
        exclude: uuidlib.UUID | None = None,
    ) -> bool:
        """Whether another row already links this pair (``exclude``: the row being updated)."""
        stmt = select(t.c.id).where(
            t.c.vertegenwoordigende_partij_uuid == vertegenwoordigende,
            t.c.vertegenwoordigde_partij_uuid == vertegenwoordigde,
        )
        if exclude is not None:
            stmt = stmt.where(t.c.uuid != exclude)
        return (await session.execute(stmt.limit(1))).first() is not None


vertegenwoordigingen = VertegenwoordigingRepository(vertegenwoordigden)
