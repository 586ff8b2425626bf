"""Managing applications (the CLI now, the beheer UI later). Authentication itself is in
core/auth.py; every change here is announced through TokenStore.changed, so that it takes
effect in every server process within a second (core/token_cache.py)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.core.auth import TokenStore, utcnow

_DURATION = re.compile(r"^(\d+)([dhm])$")
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


def parse_moment(raw: str, now: dt.datetime | None = None) -> dt.datetime:
    """``90d``, ``12h``, ``30m`` from now, or an ISO date or date-time (naive means UTC).
    ValueError otherwise."""
    now = now or utcnow()
    match = _DURATION.match(raw.strip())
    if match:
        return now + dt.timedelta(**{_UNITS[match[2]]: int(match[1])})
    moment = dt.datetime.fromisoformat(raw.strip())
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def parse_duration(raw: str) -> dt.timedelta:
    match = _DURATION.match(raw.strip())
    if not match:
        raise ValueError(raw)
    return dt.timedelta(**{_UNITS[match[2]]: int(match[1])})


class ApplicationStore:
    def __init__(self, tokens: TokenStore) -> None:
        self.tokens = tokens
        self.table = tokens.applications

    async def create(
        self,
        session: AsyncSession,
        name: str,
        scopes: Iterable[str],
        privileges: Iterable[str] = (),
        description: str = "",
        processing_activity_id: str | None = None,
    ) -> None:
        await self.tokens.add_application(
            session,
            name,
            scopes,
            privileges,
            utcnow(),
            description=description,
            processing_activity_id=processing_activity_id,
        )
        await session.commit()

    async def list(self, session: AsyncSession) -> list[dict[str, Any]]:
        stmt = select(self.table).order_by(self.table.c.name)
        return [dict(r) for r in (await session.execute(stmt)).mappings().all()]

    async def get(self, session: AsyncSession, name: str) -> dict[str, Any] | None:
        stmt = select(self.table).where(self.table.c.name == name)
        row = (await session.execute(stmt)).mappings().first()
        return dict(row) if row is not None else None

    async def update(self, session: AsyncSession, name: str, **values: Any) -> bool:
        """Changes the given fields (scopes, privileges, description, processing_activity_id);
        False when there is no such application."""
        if "privileges" in values:
            values["privileges"] = sorted(set(values["privileges"]))
        stmt = (
            update(self.table)
            .where(self.table.c.name == name)
            .values(**values, updated_at=utcnow())
        )
        changed = bool((await session.execute(stmt)).rowcount)  # type: ignore[attr-defined]
        if changed:
            await self.tokens.changed(session, "application")
        await session.commit()
        if changed:
            self.tokens.forget()
        return changed

    async def delete(self, session: AsyncSession, name: str) -> bool:
        """Deletes the application and with it its tokens (they stop working at once)."""
        stmt = delete(self.table).where(self.table.c.name == name)
        deleted = bool((await session.execute(stmt)).rowcount)  # type: ignore[attr-defined]
        if deleted:
            await self.tokens.changed(session, "application")
        await session.commit()
        if deleted:
            self.tokens.forget()
        return deleted
