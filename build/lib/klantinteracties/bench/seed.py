"""``bench seed``: fill a migrated database with a tier of generated data, fast.

Rows go in with bulk operations, not through the API: COPY (asyncpg ``copy_records_to_table``) on
PostgreSQL and ``executemany`` inside one transaction per chunk on SQLite. Each chunk is
generated, written and dropped before the next, so memory stays bounded at every tier.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy import Table, delete, func, insert, select, text, update
from sqlalchemy.engine import make_url

from klantinteracties.core.auth import PRIVILEGES, TokenStore
from klantinteracties.core.db import Database
from klantinteracties.db import models
from klantinteracties.migrate import upgrade

from .generate import Chunk, Row, Tier, actor_rows, generate_chunk

TOKEN_IDENTIFIER = "bench"
# The tables the generator fills, in foreign-key order.
TABLES: tuple[Table, ...] = (
    models.actor,
    models.partij,
    models.partij_identificator,
    models.klantcontact,
    models.betrokkene,
    models.digitaal_adres,
    models.onderwerpobject,
    models.actorklantcontact,
    models.internetaak,
    models.internetaak_actor,
)
Progress = Callable[[int, int], None]  # (partijen done, rows written in this step)


class NotEmpty(Exception):
    """The database already holds partijen or klantcontacten (use reset)."""


@dataclass
class SeedResult:
    tier: str
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    token: str = ""


class SqliteWriter:
    """executemany through SQLAlchemy, so every column type is stored exactly as the API does."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def write(self, tables: list[tuple[Table, list[Row]]]) -> None:
        async with self.db.write_engine.begin() as conn:
            for table, rows in tables:
                await conn.execute(insert(table), rows)

    async def finish(self) -> None:
        async with self.db.write_engine.begin() as conn:
            await conn.execute(text("ANALYZE"))

    async def close(self) -> None:
        return None


class PostgresWriter:
    """COPY in binary format over a dedicated asyncpg connection."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    @classmethod
    async def connect(cls, url: str) -> PostgresWriter:
        dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        conn = await asyncpg.connect(dsn)
        # Bulk load: losing the last transactions on a crash is harmless here.
        await conn.execute("SET synchronous_commit = off")
        return cls(conn)

    async def write(self, tables: list[tuple[Table, list[Row]]]) -> None:
        async with self.conn.transaction():
            for table, rows in tables:
                columns = list(rows[0])
                records = [tuple(_pg_value(row[c]) for c in columns) for row in rows]
                await self.conn.copy_records_to_table(table.name, records=records, columns=columns)

    async def finish(self) -> None:
        # VACUUM sets the visibility map (index-only scans), ANALYZE the planner statistics:
        # the state autovacuum would reach on a database that has been in use for a while.
        for table in TABLES:
            await self.conn.execute(f'VACUUM (ANALYZE) "{table.name}"')

    async def close(self) -> None:
        await self.conn.close()


def _pg_value(value: Any) -> Any:
    # json columns go over COPY as text.
    return "{}" if value == {} and isinstance(value, dict) else value


async def is_empty(db: Database) -> bool:
    async with db.session() as session:
        for table in (models.partij, models.klantcontact, models.actor):
            count = (await session.execute(select(func.count()).select_from(table))).scalar_one()
            if count:
                return False
    return True


# Kept by a reset: the tokens, and the processing log, which only `audit prune` may delete from
# (on PostgreSQL a trigger refuses anything else), with its key.
KEPT = ("api_token", "application", "processing_log", "processing_log_key")


async def reset(db: Database) -> None:
    """Delete every row except the API tokens and the processing log."""
    tables = [t for t in reversed(models.metadata.sorted_tables) if t.name not in KEPT]
    async with db.write_engine.begin() as conn:
        if not db.sqlite:
            names = ", ".join(f'"{t.name}"' for t in tables)
            await conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            return
        for table in tables:
            # A self-reference with ON DELETE RESTRICT is checked row by row on SQLite: point
            # every row at itself first so that one DELETE can remove them all.
            own = {
                fk.parent.name: fk.column for fk in table.foreign_keys if fk.column.table is table
            }
            if own:
                await conn.execute(update(table).values(own))
            await conn.execute(delete(table))


def write_key_file(path: Path, key: str) -> None:
    """The key grants every right: only its owner may read the file (0600, also when it
    already existed with a wider mode)."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        os.fchmod(fd, 0o600)
        f.write(key + "\n")


async def create_token(db: Database) -> str:
    """A fresh all-rights token named ``bench`` (an older one of that name is replaced)."""
    async with db.session(write=True) as session:
        await session.execute(
            delete(models.api_token).where(models.api_token.c.identifier == TOKEN_IDENTIFIER)
        )
        await session.execute(
            delete(models.application).where(models.application.c.name == TOKEN_IDENTIFIER)
        )
        # Both privileges: the benchmark reads as a contact centre's main application would.
        return await TokenStore(models.api_token).create(
            session,
            TOKEN_IDENTIFIER,
            ["*"],
            "benchmark runs (klantinteracties bench)",
            privileges=PRIVILEGES,
        )


def _ordered(chunk: Chunk) -> list[tuple[Table, list[Row]]]:
    return [(t, chunk.tables[t.name]) for t in TABLES if chunk.tables.get(t.name)]


async def seed(
    db: Database,
    tier: Tier,
    *,
    reset_first: bool = False,
    token_file: Path | None = None,
    progress: Progress | None = None,
) -> SeedResult:
    """Migrate, (optionally) empty, and fill the database with ``tier``; returns row counts."""
    started = time.perf_counter()
    await upgrade(db.write_engine)
    if reset_first:
        await reset(db)
    elif not await is_empty(db):
        raise NotEmpty("the database already holds data; seed with --reset to replace it")
    writer: SqliteWriter | PostgresWriter = (
        SqliteWriter(db) if db.sqlite else await PostgresWriter.connect(db.url)
    )
    result = SeedResult(tier.name)
    try:
        actoren = actor_rows(tier)
        await writer.write([(models.actor, actoren)])
        result.rows["actor"] = len(actoren)
        for part in range(tier.chunks):
            chunk = generate_chunk(tier, part, actoren)
            await writer.write(_ordered(chunk))
            for name, rows in chunk.tables.items():
                result.rows[name] = result.rows.get(name, 0) + len(rows)
            if progress:
                progress(min((part + 1) * tier.chunk, tier.partijen), chunk.row_count)
        await writer.finish()
    finally:
        await writer.close()
    result.token = await create_token(db)
    if token_file is not None:
        await asyncio.to_thread(write_key_file, token_file, result.token)
    result.seconds = time.perf_counter() - started
    return result
