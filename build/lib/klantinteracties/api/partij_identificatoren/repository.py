from __future__ import annotations

import uuid as uuidlib
from collections.abc import Collection
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.core.repository import TableRepository, execute
from klantinteracties.db.models import partij, partij_identificator

t = partij_identificator.c


class PartijIdentificatorRepository(TableRepository):
    """Adds the lookups the uniqueness and sub-identificator rules need."""

    async def find_same(
        self,
        session: AsyncSession,
        group: dict[str, Any],
        parent: uuidlib.UUID | None,
        exclude: Collection[uuidlib.UUID],
    ) -> bool:
        """Is there another identificator with these four values under the same parent?"""
        parent_clause = (
            t.sub_identificator_van_uuid.is_(None)
            if parent is None
            else t.sub_identificator_van_uuid == parent
        )
        stmt = select(t.id).where(
            parent_clause, *(t[name] == value for name, value in group.items())
        )
        return await self._any(session, stmt, exclude)

    async def soort_taken(
        self,
        session: AsyncSession,
        partij_uuid: uuidlib.UUID,
        soort: str,
        exclude: Collection[uuidlib.UUID],
    ) -> bool:
        """Does the partij already have another identificator of this codeSoortObjectId?"""
        stmt = select(t.id).where(
            t.identificeerde_partij_uuid == partij_uuid, t.code_soort_object_id == soort
        )
        return await self._any(session, stmt, exclude)

    async def has_children(self, session: AsyncSession, key: uuidlib.UUID) -> bool:
        stmt = select(t.id).where(t.sub_identificator_van_uuid == key).limit(1)
        return (await execute(session, stmt)).first() is not None

    async def _any(
        self, session: AsyncSession, stmt: Any, exclude: Collection[uuidlib.UUID]
    ) -> bool:
        if exclude:
            stmt = stmt.where(t.uuid.not_in(list(exclude)))
        return (await execute(session, stmt.limit(1))).first() is not None


partij_identificatoren = PartijIdentificatorRepository(partij_identificator)
partijen_repo = TableRepository(partij)
