from __future__ import annotations

import uuid as uuidlib

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.core.repository import TableRepository
from klantinteracties.db.models import actorklantcontact

t = actorklantcontact


class ActorKlantcontactRepository(TableRepository):
    async def pair_exists(
        self,
        session: AsyncSession,
        actor: uuidlib.UUID,
        klantcontact: uuidlib.UUID,
        exclude: uuidlib.UUID | None = None,
    ) -> bool:
        """Whether another row already links this pair (``exclude``: the row being updated)."""
        stmt = select(t.c.id).where(t.c.actor_uuid == actor, t.c.klantcontact_uuid == klantcontact)
        if exclude is not None:
            stmt = stmt.where(t.c.uuid != exclude)
        return (await session.execute(stmt.limit(1))).first() is not None


actorklantcontacten = ActorKlantcontactRepository(actorklantcontact)
