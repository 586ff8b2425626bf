"""SQL of ``/partijen``: the partij rows and everything hanging off a partij.

Every reader takes the keys of a whole page at once (``IN (...)``), so rendering 2 or 500
partijen costs the same number of statements.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Sequence
from typing import Any

from sqlalchemy import RowMapping, Table, and_, case, delete, exists, false, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.core.repository import TableRepository, execute
from klantinteracties.db.models import (
    digitaal_adres,
    partij,
    partij_identificator,
    rekeningnummer,
)

pi = partij_identificator.c


class PartijRepository(TableRepository):
    async def nummer_taken(
        self, session: AsyncSession, nummer: str, exclude: uuidlib.UUID | None
    ) -> bool:
        stmt = select(partij.c.id).where(partij.c.nummer == nummer)
        if exclude is not None:
            stmt = stmt.where(partij.c.uuid != exclude)
        return (await execute(session, stmt.limit(1))).first() is not None

    async def soort_of(self, session: AsyncSession, key: uuidlib.UUID) -> str | None:
        stmt = select(partij.c.soort_partij).where(partij.c.uuid == key)
        return (await execute(session, stmt)).scalar_one_or_none()


partijen = PartijRepository(partij)


class LinkedRows:
    """Rows (digitale adressen, rekeningnummers) that a partij holds through ``<fk>_uuid`` and
    of which it may prefer one (``is_voorkeur``; at most one per partij, by unique index)."""

    def __init__(self, table: Table, fk: str) -> None:
        self.table = table
        self.fk = table.c[fk]
        self.repo = TableRepository(table)

    async def of_partijen(self, session: AsyncSession, keys: list[Any]) -> Sequence[RowMapping]:
        """uuid, owner and voorkeur flag of every row held by these partijen."""
        if not keys:
            return []
        c = self.table.c
        stmt = (
            select(c.uuid, self.fk.label("partij_uuid"), c.is_voorkeur)
            .where(self.fk.in_(keys))
            .order_by(c.id)
        )
        return (await execute(session, stmt)).mappings().all()

    async def full_rows(self, session: AsyncSession, keys: list[Any]) -> Sequence[RowMapping]:
        return await self.repo.get_many(session, keys)

    async def link(
        self, session: AsyncSession, owner: uuidlib.UUID, keys: list[Any], unlink_others: bool
    ) -> None:
        """Give ``keys`` to ``owner``; with ``unlink_others`` the owner keeps nothing else.

        A row that changes owner loses its voorkeur flag: the new owner has not chosen it (and
        the old one no longer has it). Unlinked rows lose it too.
        """
        c = self.table.c
        if unlink_others:
            stmt = update(self.table).where(self.fk == owner)
            if keys:
                stmt = stmt.where(c.uuid.not_in(keys))
            await execute(session, stmt.values({self.fk.key: None, **self._on_leave()}))
        if keys:
            moved = case((self.fk == owner, c.is_voorkeur), else_=false())
            values = {self.fk.key: owner, "is_voorkeur": moved, **self._on_move(owner)}
            await execute(session, update(self.table).where(c.uuid.in_(keys)).values(values))

    def _on_leave(self) -> dict[str, Any]:
        return {"is_voorkeur": False}

    def _on_move(self, owner: uuidlib.UUID) -> dict[str, Any]:
        return {}

    async def set_voorkeur(
        self, session: AsyncSession, owner: uuidlib.UUID, key: uuidlib.UUID | None
    ) -> None:
        """Make ``key`` the owner's only preferred row (None: no preference)."""
        c = self.table.c
        clear = update(self.table).where(self.fk == owner, c.is_voorkeur.is_(True))
        await execute(session, clear.values(is_voorkeur=False))
        if key is not None:
            stmt = update(self.table).where(c.uuid == key, self.fk == owner)
            await execute(session, stmt.values(is_voorkeur=True))


class DigitaleAdressenLinks(LinkedRows):
    """A standaard address needs a partij, and the standaard of the previous partij says
    nothing about the new one, so an address that leaves or changes partij stops being it."""

    def _on_leave(self) -> dict[str, Any]:
        return {"is_voorkeur": False, "is_standaard_adres": False}

    def _on_move(self, owner: uuidlib.UUID) -> dict[str, Any]:
        c = self.table.c
        return {"is_standaard_adres": case((self.fk == owner, c.is_standaard_adres), else_=false())}


digitale_adres_links = DigitaleAdressenLinks(digitaal_adres, "verstrekt_door_partij_uuid")
rekeningnummer_links = LinkedRows(rekeningnummer, "partij_uuid")


class IdentificatorWrites:
    """The writes of ``Partij.partijIdentificatoren`` (rules live in the identificator group)."""

    async def of_partij(self, session: AsyncSession, owner: uuidlib.UUID) -> list[uuidlib.UUID]:
        stmt = select(pi.uuid).where(pi.identificeerde_partij_uuid == owner).order_by(pi.id)
        return list((await execute(session, stmt)).scalars().all())

    async def with_outside_children(
        self, session: AsyncSession, keys: list[uuidlib.UUID]
    ) -> list[uuidlib.UUID]:
        """Which of ``keys`` are the subIdentificatorVan of an identificator not in ``keys``."""
        if not keys:
            return []
        child = partij_identificator.alias("child")
        stmt = select(pi.uuid).where(
            pi.uuid.in_(keys),
            exists().where(
                child.c.sub_identificator_van_uuid == pi.uuid, child.c.uuid.not_in(keys)
            ),
        )
        return list((await execute(session, stmt)).scalars().all())

    async def delete_all(self, session: AsyncSession, keys: list[uuidlib.UUID]) -> None:
        """Delete identificatoren that may be each other's parent: children first, as the
        database refuses to delete a parent that still has a child."""
        remaining = set(keys)
        while remaining:
            child = partij_identificator.alias("child")
            has_child = exists().where(
                and_(
                    child.c.sub_identificator_van_uuid == pi.uuid,
                    child.c.uuid.in_(list(remaining)),
                )
            )
            stmt = select(pi.uuid).where(pi.uuid.in_(list(remaining)), ~has_child)
            leaves = set((await execute(session, stmt)).scalars().all())
            if not leaves:
                return  # a cycle cannot be stored; nothing left that can go
            await execute(session, delete(partij_identificator).where(pi.uuid.in_(list(leaves))))
            remaining -= leaves


identificator_writes = IdentificatorWrites()
