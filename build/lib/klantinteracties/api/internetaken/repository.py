"""SQL of ``/internetaken`` and its ordered actor assignment (``internetaak_actor``)."""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Sequence

from sqlalchemy import RowMapping, delete, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.core.repository import TableRepository, execute
from klantinteracties.db.models import actor, internetaak, internetaak_actor

t = internetaak
ia = internetaak_actor


class InterneTaakRepository(TableRepository):
    async def replace_assignment(
        self, session: AsyncSession, key: uuidlib.UUID, actoren: list[uuidlib.UUID]
    ) -> None:
        await execute(session, delete(ia).where(ia.c.internetaak_uuid == key))
        if actoren:
            rows = [
                {"internetaak_uuid": key, "actor_uuid": a, "volgorde": i}
                for i, a in enumerate(actoren)
            ]
            await execute(session, insert(ia), rows)

    async def existing_actors(
        self, session: AsyncSession, keys: list[uuidlib.UUID]
    ) -> set[uuidlib.UUID]:
        if not keys:
            return set()
        stmt = select(actor.c.uuid).where(actor.c.uuid.in_(keys))
        return set((await execute(session, stmt)).scalars().all())

    async def numbers_taken(
        self,
        session: AsyncSession,
        nummer: str | None,
        referentienummer: str | None,
        exclude: uuidlib.UUID | None,
    ) -> Sequence[RowMapping]:
        """Other tasks that already carry this nummer or referentienummer."""
        conditions = []
        if nummer is not None:
            conditions.append(t.c.nummer == nummer)
        if referentienummer is not None:
            conditions.append(t.c.referentienummer == referentienummer)
        if not conditions:
            return []
        stmt = select(t.c.nummer, t.c.referentienummer).where(or_(*conditions))
        if exclude is not None:
            stmt = stmt.where(t.c.uuid != exclude)
        return (await execute(session, stmt)).mappings().all()


internetaken = InterneTaakRepository(internetaak)
