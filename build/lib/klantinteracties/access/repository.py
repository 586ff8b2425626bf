"""All SQL of the processing log's readers: the audit API and the ``audit`` commands."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, delete, func, select
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from klantinteracties.db.models import processing_log

from .processing_log import Executor

PRUNE_FLAG = "klantinteracties.processing_log_prune"  # see migration 0005
T = processing_log
COLUMNS = [c for c in T.c if c.name != "id"]


@dataclass(frozen=True)
class Criteria:
    """What to look for; ``data_subject_id`` is the hash, never the identifier itself."""

    trace_id: str | None = None
    processing_activity_id: str | None = None
    data_subject_id: str | None = None
    data_subject_type: str | None = None
    since: dt.datetime | None = None  # start_time at or after
    until: dt.datetime | None = None  # start_time before

    def conditions(self) -> list[ColumnElement[bool]]:
        out: list[ColumnElement[bool]] = []
        for column, value in (
            (T.c.trace_id, self.trace_id),
            (T.c.processing_activity_id, self.processing_activity_id),
            (T.c.data_subject_id, self.data_subject_id),
            (T.c.data_subject_type, self.data_subject_type),
        ):
            if value is not None:
                out.append(column == value)
        if self.since is not None:
            out.append(T.c.start_time >= self.since)
        if self.until is not None:
            out.append(T.c.start_time < self.until)
        return out


def records(criteria: Criteria) -> Select[Any]:
    """Matching records in the order they started (the id breaks ties: insertion order)."""
    return select(*COLUMNS).where(*criteria.conditions()).order_by(T.c.start_time, T.c.id)


async def page(conn: Executor, criteria: Criteria, offset: int, limit: int) -> list[RowMapping]:
    result = await conn.execute(records(criteria).offset(offset).limit(limit))
    return list(result.mappings().all())


async def count(conn: Executor, criteria: Criteria) -> int:
    stmt = select(func.count()).select_from(T).where(*criteria.conditions())
    return int((await conn.execute(stmt)).scalar_one())


async def stream(engine: AsyncEngine, criteria: Criteria) -> AsyncIterator[RowMapping]:
    """Every matching record, fetched in batches (a server-side cursor on PostgreSQL), so that
    an export of the whole log never holds it in memory."""
    async with engine.connect() as conn:
        result = await conn.stream(records(criteria).execution_options(yield_per=1000))
        async for row in result.mappings():
            yield row


async def prune(conn: AsyncConnection, before: dt.datetime) -> int:
    """Delete the records that started before ``before``, in the caller's transaction. On
    PostgreSQL the append-only trigger lets this DELETE through only with the prune flag, set
    for this transaction alone."""
    if conn.dialect.name == "postgresql":
        await conn.execute(select(func.set_config(PRUNE_FLAG, "on", True)))
    result = await conn.execute(delete(T).where(T.c.start_time < before))
    return int(result.rowcount)
