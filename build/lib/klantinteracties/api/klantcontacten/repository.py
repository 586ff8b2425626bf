"""SQL of ``/klantcontacten`` beyond the generic table statements."""

from __future__ import annotations

import uuid as uuidlib

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.core.repository import TableRepository, execute
from klantinteracties.db.models import klantcontact

k = klantcontact.c


class KlantcontactRepository(TableRepository):
    async def taken(
        self, session: AsyncSession, column: str, value: str, exclude: uuidlib.UUID | None
    ) -> bool:
        """Whether another klantcontact already has this nummer/referentienummer."""
        stmt = select(k.id).where(k[column] == value)
        if exclude is not None:
            stmt = stmt.where(k.uuid != exclude)
        return (await execute(session, stmt.limit(1))).first() is not None


# Newest contact first; the index ix_klantcontact_order serves this order read backwards.
klantcontacten = KlantcontactRepository(
    klantcontact, order_by=[k.plaatsgevonden_op.desc(), k.id.desc()]
)
