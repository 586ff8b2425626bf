"""SQL of the v1 side table ``v1_klant`` (the only table v1 touches directly; the partij and
its relations are written through the v2 services)."""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Sequence
from typing import Any

from sqlalchemy import RowMapping, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.core.repository import execute
from klantinteracties.db.models import v1_klant

k = v1_klant.c


async def get(session: AsyncSession, key: uuidlib.UUID) -> RowMapping | None:
    stmt = select(v1_klant).where(k.uuid == key)
    return (await execute(session, stmt)).mappings().first()


async def get_many(session: AsyncSession, keys: Sequence[Any]) -> dict[uuidlib.UUID, RowMapping]:
    if not keys:
        return {}
    stmt = select(v1_klant).where(k.uuid.in_(list(keys)))
    return {r["uuid"]: r for r in (await execute(session, stmt)).mappings().all()}


async def klantnummer_taken(
    session: AsyncSession, bronorganisatie: str, klantnummer: str, exclude: uuidlib.UUID | None
) -> bool:
    stmt = select(k.id).where(k.bronorganisatie == bronorganisatie, k.klantnummer == klantnummer)
    if exclude is not None:
        stmt = stmt.where(k.uuid != exclude)
    return (await execute(session, stmt.limit(1))).first() is not None


async def highest_klantnummer(session: AsyncSession, bronorganisatie: str) -> str | None:
    """The highest klantnummer of the bronorganisatie made of digits only (the generator
    continues after it)."""
    stmt = (
        select(k.klantnummer)
        .where(k.bronorganisatie == bronorganisatie, k.klantnummer.regexp_match("^[0-9]+$"))
        .order_by(func.length(k.klantnummer).desc(), k.klantnummer.desc())
        .limit(1)
    )
    return (await execute(session, stmt)).scalar_one_or_none()


async def save(
    session: AsyncSession,
    key: uuidlib.UUID,
    bronorganisatie: str,
    klantnummer: str,
    written: dict[str, Any],
    derived: dict[str, Any],
) -> None:
    values = dict(
        bronorganisatie=bronorganisatie, klantnummer=klantnummer, written=written, derived=derived
    )
    result = await execute(session, update(v1_klant).where(k.uuid == key).values(**values))
    if not result.rowcount:
        await execute(session, insert(v1_klant).values(uuid=key, **values))


async def remove(session: AsyncSession, key: uuidlib.UUID) -> None:
    await execute(session, delete(v1_klant).where(k.uuid == key))
