"""A reference (Open Klant 2.18) database to import from: the schema as shipped in
../shared/spec/openklant-schema.sql, filled with the rows of source_rows.py."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

from tests.conftest import POSTGRES_URL

from .source_rows import seed_rows

SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "spec" / "openklant-schema.sql"
if not SCHEMA.exists():  # the worktree may sit elsewhere; the spec folder is shared
    SCHEMA = Path("/work/shared/spec/openklant-schema.sql")


def admin_dsn(database: str = "postgres") -> str:
    url = make_url(POSTGRES_URL).set(drivername="postgresql", database=database)
    return url.render_as_string(hide_password=False)


def schema_sql() -> str:
    # psql meta-commands (\restrict, from pg_dump's security release) are not SQL.
    return "\n".join(line for line in SCHEMA.read_text().splitlines() if not line.startswith("\\"))


async def create_source() -> str:
    name = f"ok_source_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(admin_dsn())
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    conn = await asyncpg.connect(admin_dsn(name))
    try:
        await conn.execute(schema_sql())
    finally:
        await conn.close()
    return admin_dsn(name)


async def drop_source(dsn: str) -> None:
    name = make_url(dsn).database
    admin = await asyncpg.connect(admin_dsn())
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


class Inserter:
    """Inserts a row with every NOT NULL column the test does not name filled with its empty
    value ('' or false), as the reference stores omitted optional fields."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn
        self.columns: dict[str, list[tuple[str, str, bool]]] = {}

    async def __call__(self, table: str, **values: Any) -> None:
        if table not in self.columns:
            rows = await self.conn.fetch(
                "SELECT column_name, data_type, is_nullable = 'YES' AS nullable "
                "FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
                table,
            )
            self.columns[table] = [(r[0], r[1], r[2]) for r in rows]
        for name, kind, nullable in self.columns[table]:
            if name in values or nullable:
                continue
            if kind in ("character varying", "text"):
                values[name] = ""
            elif kind == "boolean":
                values[name] = False
            elif kind == "jsonb":
                values[name] = "{}"
        names = ", ".join(values)
        marks = ", ".join(f"${i + 1}" for i in range(len(values)))
        await self.conn.execute(
            f"INSERT INTO public.{table} ({names}) VALUES ({marks})", *values.values()
        )


async def seed(dsn: str) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        async with conn.transaction():  # the reference's foreign keys are deferred
            await seed_rows(Inserter(conn))
    finally:
        await conn.close()
