"""Generic SQL for one table keyed by ``uuid``. Domain repositories add their own queries."""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    RowMapping,
    Select,
    Table,
    delete,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession

from .view import View, view_of

# The planner's row estimate (what EXPLAIN would say: rows per page as of the last ANALYZE,
# times the table's current pages), and the exact count only when that is below the limit:
# PostgreSQL runs the uncorrelated count subquery only if the CASE reaches it.
ESTIMATED_COUNT_SQL = """
SELECT CASE WHEN e.n >= :limit THEN e.n ELSE (SELECT count(*) FROM {table}) END
FROM (
    SELECT CASE WHEN c.reltuples <= 0 OR c.relpages = 0 THEN 0
        ELSE (c.reltuples / c.relpages
              * (pg_relation_size(c.oid) / current_setting('block_size')::int))::bigint
    END AS n
    FROM pg_class c WHERE c.oid = '{table}'::regclass
) AS e
"""


async def execute(session: AsyncSession, stmt: Any, params: Any = None) -> CursorResult[Any]:
    """Run a Core statement on the session's connection (in its transaction). Through the
    session itself it would first pass the ORM's machinery, which a Core statement never needs
    and which costs more than the statement's own compilation."""
    return await (await session.connection()).execute(stmt, params)


class TableRepository:
    def __init__(self, table: Table, order_by: Sequence[Any] | None = None) -> None:
        self.table = table
        self.order_by = list(order_by) if order_by is not None else [table.c.id.desc()]

    def select_rows(self) -> Select[Any]:
        """The columns a row is read with; a subclass may add joined columns."""
        return select(self.table)

    def visible(
        self, view: View, clauses: Sequence[ColumnElement[bool]] = ()
    ) -> list[ColumnElement[bool]]:
        """The list's filters as the view may apply them, and the view's rules for this table
        (core/view.py): every statement that reads rows for a client goes through here."""
        return [*view.restrict(clauses, self.table), *view.visible(self.table)]

    def count_statement(self, view: View, clauses: Sequence[ColumnElement[bool]]) -> Select[Any]:
        return select(func.count()).select_from(self.table).where(*self.visible(view, clauses))

    def page_ids_statement(
        self, where: Sequence[ColumnElement[bool]], limit: int, offset: int
    ) -> Select[Any]:
        """The ids of one page of the list, in its order (the JSON statement's row choice);
        ``where`` is ``visible(view, clauses)``."""
        stmt = select(self.table.c.id).where(*where).order_by(*self.order_by)
        return stmt.limit(limit).offset(offset)

    def key_ids(self, view: View, key: uuidlib.UUID) -> Select[Any]:
        """The id of the row with this uuid, if the view sees it."""
        return select(self.table.c.id).where(self.table.c.uuid == key, *self.visible(view))

    async def get(self, session: AsyncSession, key: uuidlib.UUID) -> RowMapping | None:
        where = [self.table.c.uuid == key, *self.visible(view_of(session))]
        return (await execute(session, self.select_rows().where(*where))).mappings().first()

    async def get_many(self, session: AsyncSession, keys: list[Any]) -> Sequence[RowMapping]:
        if not keys:
            return []
        where = [self.table.c.uuid.in_(keys), *self.visible(view_of(session))]
        stmt = self.select_rows().where(*where).order_by(*self.order_by)
        return (await execute(session, stmt)).mappings().all()

    async def exists(self, session: AsyncSession, key: uuidlib.UUID) -> bool:
        """Whether the row is there for the session's view (relations are checked with this:
        a row the client may not see does not exist for it)."""
        stmt = self.key_ids(view_of(session), key)
        return (await execute(session, stmt)).first() is not None

    async def exists_other(
        self, session: AsyncSession, values: dict[str, Any], exclude: uuidlib.UUID | None
    ) -> bool:
        """Whether a row other than ``exclude`` has all these column values (uniqueness checks)."""
        stmt = select(self.table.c.id).where(
            *(self.table.c[name] == value for name, value in values.items())
        )
        if exclude is not None:
            stmt = stmt.where(self.table.c.uuid != exclude)
        return (await execute(session, stmt.limit(1))).first() is not None

    async def count(
        self,
        session: AsyncSession,
        clauses: Sequence[ColumnElement[bool]],
        estimate_from: int = 0,
    ) -> int:
        """The number of rows the clauses select. Without clauses, on PostgreSQL, a table the
        planner believes holds ``estimate_from`` rows or more is not counted: its count is the
        planner's estimate (docs/compatibility.md), in the same single statement. The estimate
        is of the whole table, rows hidden from the view included: it is an estimate, whose
        error is far larger than the few rows any rule hides (docs/privacy.md)."""
        stmt: Any = self.count_statement(view_of(session), clauses)
        dialect = (await session.connection()).dialect.name
        if not clauses and estimate_from > 0 and dialect == "postgresql":
            # The table name is our own (metadata), never a client's.
            stmt = text(ESTIMATED_COUNT_SQL.format(table=self.table.name)).bindparams(
                limit=estimate_from
            )
        return int((await execute(session, stmt)).scalar_one())

    async def insert(self, session: AsyncSession, values: dict[str, Any]) -> uuidlib.UUID:
        key = values.setdefault("uuid", uuidlib.uuid4())
        await execute(session, insert(self.table).values(**values))
        return key

    async def update(
        self, session: AsyncSession, key: uuidlib.UUID, values: dict[str, Any]
    ) -> None:
        if values:
            await execute(
                session, update(self.table).where(self.table.c.uuid == key).values(**values)
            )

    async def delete(self, session: AsyncSession, key: uuidlib.UUID) -> None:
        await execute(session, delete(self.table).where(self.table.c.uuid == key))
