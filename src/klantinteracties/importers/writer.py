"""The bulk writer shared by every import source.

A batch of one step goes in in one transaction, together with the step's checkpoint, so an
interrupted run resumes exactly after the last committed batch. Per batch: rows with a value
longer than the contract allows are set aside first; the rest are compared with what is stored
under the same uuid: new rows are inserted at once (COPY on PostgreSQL, a multi-row INSERT on
SQLite), rows that differ are updated, equal rows are left alone. If the database refuses the
batch (a relation to a row that is not here, a unique constraint of ours the source did not
have), the rows whose relations are missing are set aside with the row they point at, and the
rest is written again row by row, each in a savepoint, so only the offending rows are refused.

A dry run does all of this inside one outer transaction that is rolled back at the end, so the
counts (constraint clashes included) are those of a real run, and nothing stays written.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import asyncpg
import orjson
from sqlalchemy import JSON, String, Table, and_, bindparam, delete, insert, select, text, update
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.schema import ColumnDefault

from klantinteracties.core.db import Database
from klantinteracties.db.models import import_checkpoint

from .report import Counts, Finding, Report
from .steps import Row, Step

# What the database says about a row (not about the connection): through SQLAlchemy, or from
# asyncpg directly for COPY.
REFUSABLE = (
    IntegrityError,
    DataError,
    asyncpg.IntegrityConstraintViolationError,
    asyncpg.DataError,
)
ABSENT = "is not here (refused, or not in the source)"


@dataclass
class Item:
    source_id: int
    values: Row
    notes: list[str]

    def key(self, step: Step) -> tuple[Any, ...]:
        return tuple(self.values[k] for k in step.key)

    def label(self, step: Step) -> str:
        return "/".join(str(v) for v in self.key(step))


@functools.cache
def limits(table: Table) -> tuple[tuple[str, int], ...]:
    return tuple(
        (c.name, c.type.length)
        for c in table.columns
        if isinstance(c.type, String) and c.type.length
    )


def too_long(table: Table, values: Row) -> str | None:
    """Our columns hold what the contract allows; the reference stores some as unbounded text."""
    for name, length in limits(table):
        value = values.get(name)
        if isinstance(value, str) and len(value) > length:
            return f"{name}: {len(value)} characters, the contract allows at most {length}"
    return None


def constraint_reason(exc: Exception) -> str:
    """Which rule the database applied, by name; never the DETAIL, which quotes the values."""
    orig = getattr(exc, "orig", None)
    cause = getattr(orig, "__cause__", None)
    name = getattr(cause, "constraint_name", None) or getattr(exc, "constraint_name", None)
    if name:
        return f"violates {name}"
    if isinstance(orig, sqlite3.Error):  # "UNIQUE constraint failed: table.column, ..."
        return str(orig).splitlines()[0]
    return f"refused by the database ({type(cause or orig or exc).__name__})"


def copy_columns(table: Table, first: Row) -> tuple[list[str], dict[str, Any]]:
    """The columns COPY gets: the row's, and those the row leaves to a Python-side default
    (which COPY, unlike an INSERT through SQLAlchemy, would not apply)."""
    defaults = {
        c.name: c.default.arg
        for c in table.columns
        if c.name not in first and isinstance(c.default, ColumnDefault) and c.default.is_scalar
    }
    return [*first, *defaults], defaults


async def copy_rows(conn: AsyncConnection, table: Table, rows: list[Row]) -> None:
    """COPY (binary) over the transaction's own asyncpg connection: no SQL text and no
    per-parameter processing, about twice as fast as a multi-row INSERT."""
    columns, defaults = copy_columns(table, rows[0])
    as_text = [c.name for c in table.columns if isinstance(c.type, JSON) and c.name in columns]
    if defaults or as_text:
        rows = [{**defaults, **row} for row in rows]
        for row in rows:
            for name in as_text:
                row[name] = orjson.dumps(row[name]).decode()
    pick = operator.itemgetter(*columns)
    records = [pick(row) for row in rows] if len(columns) > 1 else [(pick(r),) for r in rows]
    raw = await conn.get_raw_connection()
    driver: Any = raw.driver_connection
    await driver.copy_records_to_table(table.name, records=records, columns=columns)


class Writer:
    def __init__(
        self, db: Database, source: str, report: Report, dry_run: bool, steps: Sequence[Step]
    ) -> None:
        self.db = db
        self.source = source
        self.report = report
        self.dry_run = dry_run
        self._outer: AsyncConnection | None = None
        # Tables that an update-only step completes later: the uuids created in this run, so
        # that completing a row just created is not counted as a change of it.
        self.follow_up = {s.table.name for s in steps if s.update_only}
        self.created: dict[str, set[Any]] = {name: set() for name in self.follow_up}
        self.batches: dict[str, int] = {}

    def _new(self, step: Step, item: Item) -> bool:
        return step.update_only and item.values["uuid"] in self.created[step.table.name]

    async def open(self) -> None:
        if self.dry_run:
            self._outer = await self.db.write_engine.connect()
            await self._outer.begin()

    async def close(self) -> None:
        if self._outer is not None:
            await self._outer.rollback()
            await self._outer.close()
            self._outer = None

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[AsyncConnection]:
        if self._outer is not None:
            async with self._outer.begin_nested():
                yield self._outer
            return
        async with self.db.write_engine.begin() as conn:
            yield conn

    # ----- checkpoints ----------------------------------------------------------------------
    async def checkpoints(self) -> dict[str, int]:
        if self.dry_run:  # a dry run judges every row, as a fresh run would
            return {}
        t = import_checkpoint
        async with self.db.write_engine.connect() as conn:
            rows = await conn.execute(
                select(t.c.step, t.c.last_id).where(t.c.source == self.source)
            )
            return {r.step: r.last_id for r in rows}

    async def clear_checkpoints(self) -> None:
        if self.dry_run:
            return
        async with self.db.write_engine.begin() as conn:
            await conn.execute(
                delete(import_checkpoint).where(import_checkpoint.c.source == self.source)
            )

    async def _checkpoint(self, conn: AsyncConnection, step: Step, last_id: int) -> None:
        if self.dry_run:
            return
        t = import_checkpoint
        await conn.execute(delete(t).where(and_(t.c.source == self.source, t.c.step == step.name)))
        now = dt.datetime.now(dt.UTC)
        values = {"source": self.source, "step": step.name, "last_id": last_id, "updated_at": now}
        await conn.execute(insert(t).values(values))

    # ----- one batch ------------------------------------------------------------------------
    async def write_batch(self, step: Step, rows: Sequence[Row]) -> Counts:
        counts = Counts()
        refused: list[Finding] = []
        items = self._prepare(step, rows, refused)
        async with self._transaction() as conn:
            stored = await self._stored(conn, step, items)
            inserts, updates = [], []
            for item in items:
                current = stored.get(item.key(step))
                if current is None:
                    if step.update_only:
                        reason = (
                            f"{step.table.name} {item.label(step)} is not here (refused earlier)"
                        )
                        refused.append(Finding(step.resource, item.label(step), reason))
                    else:
                        inserts.append(item)
                elif any(current[k] != v for k, v in item.values.items()):
                    updates.append(item)
                elif not step.update_only:
                    counts.unchanged += 1
            written = await self._write(conn, step, inserts, updates, refused)
            created = [i for i in inserts if id(i) in written]
            counts.created += len(created)
            if step.table.name in self.follow_up:
                self.created[step.table.name].update(i.values["uuid"] for i in created)
            counts.changed += sum(1 for i in updates if id(i) in written and not self._new(step, i))
            if rows:
                await self._checkpoint(conn, step, int(rows[-1]["_id"]))
        counts.refused = len(refused)
        self.report.refused += refused
        self.report.warnings += [
            Finding(step.resource, i.label(step), note) for i in items for note in i.notes
        ]
        self.report.counts_of(step.resource).add(counts)
        await self._analyze(step)
        return counts

    async def _analyze(self, step: Step) -> None:
        """On PostgreSQL, fresh planner statistics after batch 1, 2, 4, 8, ... of a step: the
        lookup of stored rows is a prepared statement whose cached plan, made while the table
        was nearly empty, would otherwise scan the whole table for every batch (quadratic)."""
        self.batches[step.name] = n = self.batches.get(step.name, 0) + 1
        if self.db.sqlite or n & (n - 1):
            return
        async with self._transaction() as conn:
            await conn.execute(text(f'ANALYZE "{step.table.name}"'))

    def _prepare(self, step: Step, rows: Sequence[Row], refused: list[Finding]) -> list[Item]:
        items = []
        for row in rows:
            values = {k: v for k, v in row.items() if k != "_id"}
            values, notes = step.convert(values)
            item = Item(int(row["_id"]), values, notes)
            reason = too_long(step.table, values)
            if reason is None:
                items.append(item)
            else:
                refused.append(Finding(step.resource, item.label(step), reason))
        return items

    async def _check_refs(
        self, conn: AsyncConnection, step: Step, items: list[Item], refused: list[Finding]
    ) -> list[Item]:
        """A relation must name a row that is here (or, for a self-reference, in this batch)."""
        missing: dict[int, str] = {}
        for column, target in step.refs:
            wanted = {i.values[column] for i in items if i.values.get(column) is not None}
            if not wanted:
                continue
            present = await self._present(conn, target, wanted)
            if target is step.table:
                present |= {i.values["uuid"] for i in items}
            for i in items:
                value = i.values.get(column)
                if value is not None and value not in present and id(i) not in missing:
                    missing[id(i)] = f"{column}: {target.name} {value} {ABSENT}"
        for i in items:
            if id(i) in missing:
                refused.append(Finding(step.resource, i.label(step), missing[id(i)]))
        return [i for i in items if id(i) not in missing]

    @staticmethod
    async def _present(conn: AsyncConnection, table: Table, keys: set[Any]) -> set[Any]:
        rows = await conn.execute(select(table.c.uuid).where(table.c.uuid.in_(keys)))
        return {r[0] for r in rows}

    @staticmethod
    async def _stored(
        conn: AsyncConnection, step: Step, items: list[Item]
    ) -> dict[tuple[Any, ...], Any]:
        if not items:
            return {}
        columns = list(dict.fromkeys([*step.key, *items[0].values]))
        first = step.table.c[step.key[0]]
        wanted = {i.values[step.key[0]] for i in items}
        rows = await conn.execute(
            select(*(step.table.c[c] for c in columns)).where(first.in_(wanted))
        )
        out = {}
        for r in rows.mappings():
            out[tuple(r[k] for k in step.key)] = r
        return out

    async def _write(
        self,
        conn: AsyncConnection,
        step: Step,
        inserts: list[Item],
        updates: list[Item],
        refused: list[Finding],
    ) -> set[int]:
        """Everything at once; if the database refuses, row by row. Returns the ids written."""
        everything = {id(i) for i in [*inserts, *updates]}
        try:
            async with conn.begin_nested():
                await self._insert(conn, step, inserts)
                await self._update(conn, step, updates)
            return everything
        except REFUSABLE:
            pass
        # Only now look for rows whose relations are not here: the database's foreign keys
        # would refuse them too, but this names the row they point at.
        fine = {id(i) for i in await self._check_refs(conn, step, [*inserts, *updates], refused)}
        written: set[int] = set()
        pairs = [(i, True) for i in inserts] + [(i, False) for i in updates]
        for item, creating in (pair for pair in pairs if id(pair[0]) in fine):
            try:
                async with conn.begin_nested():
                    if creating:
                        await self._insert(conn, step, [item])
                    else:
                        await self._update(conn, step, [item])
                written.add(id(item))
            except REFUSABLE as exc:
                refused.append(Finding(step.resource, item.label(step), constraint_reason(exc)))
        return written

    @staticmethod
    async def _insert(conn: AsyncConnection, step: Step, items: list[Item]) -> None:
        if len(items) > 1 and conn.dialect.name == "postgresql":
            await copy_rows(conn, step.table, [i.values for i in items])
        elif items:
            await conn.execute(insert(step.table), [i.values for i in items])

    @staticmethod
    async def _update(conn: AsyncConnection, step: Step, items: list[Item]) -> None:
        if not items:
            return
        t = step.table
        where = and_(*(t.c[k] == bindparam(f"_key_{k}") for k in step.key))
        names = [c for c in items[0].values if c not in step.key]
        stmt = update(t).where(where).values({c: bindparam(f"_new_{c}") for c in names})
        params = [
            {
                **{f"_key_{k}": i.values[k] for k in step.key},
                **{f"_new_{c}": i.values[c] for c in names},
            }
            for i in items
        ]
        await conn.execute(stmt, params)
