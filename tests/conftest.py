"""Test fixtures. Every test runs once per database backend: SQLite and PostgreSQL.

``KI_TEST_DATABASES`` picks the backends (default ``sqlite,postgresql``). Each test session gets
its own fresh PostgreSQL database (created on the server named by ``KI_TEST_POSTGRES_URL``), so
parallel runs never see each other's rows. The schema is built by the real migrations.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from klantinteracties.app import create_app
from klantinteracties.core.auth import PRIVILEGES, TokenStore
from klantinteracties.core.db import Database, StatementCounter
from klantinteracties.db.models import api_token, metadata
from klantinteracties.migrate import upgrade
from klantinteracties.settings import Settings

BACKENDS = [b.strip() for b in os.environ.get("KI_TEST_DATABASES", "sqlite,postgresql").split(",")]
POSTGRES_URL = os.environ.get(
    "KI_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
BASE = "http://testserver.local/klantinteracties/api/v1"


async def _create_pg_database() -> str:
    name = f"ki_test_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


async def _drop_pg_database(url: str) -> None:
    name = make_url(url).database
    admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    await admin.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
async def database(
    request: pytest.FixtureRequest, tmp_path_factory: Any
) -> AsyncIterator[Database]:
    backend = request.param
    if backend == "sqlite":
        path = Path(tmp_path_factory.mktemp("db")) / "test.db"
        url = f"sqlite+aiosqlite:///{path}"
    elif backend == "postgresql":
        url = await _create_pg_database()
    else:
        raise ValueError(f"unknown test backend {backend!r}")
    db = Database(url)
    await upgrade(db.write_engine)
    try:
        yield db
    finally:
        await db.dispose()
        if backend == "postgresql":
            await _drop_pg_database(url)


@pytest.fixture(scope="session")
async def app(database: Database) -> AsyncIterator[Any]:
    """The app with its lifespan running (so on PostgreSQL the token cache listens). Its cached
    tokens do not expire, so that statement counts never depend on how long a test took; a
    revocation through TokenStore still reaches it at once (tests/core/test_token_cache.py)."""
    settings = Settings(
        database_url=database.url, token_cache_seconds=3600, token_cache_notified_seconds=3600
    )
    app = create_app(settings, database)
    async with app.router.lifespan_context(app):
        yield app


async def _clear(db: Database) -> None:
    async with db.session(write=True) as session:
        if not db.sqlite:  # the processing log's trigger lets only a prune delete (0005)
            flag = "klantinteracties.processing_log_prune"
            await session.execute(select(func.set_config(flag, "on", True)))
        for table in reversed(metadata.sorted_tables):
            if table.name == "processing_log_key":
                continue  # kept, as in production: each app caches the key it first read
            # A self-reference with ON DELETE RESTRICT (partij_identificator) is checked row by
            # row, so a parent cannot go in the same DELETE as its children. Pointing every row
            # at itself first lets them all go (NULL instead could clash with unique indexes).
            own = {
                fk.parent.name: fk.column for fk in table.foreign_keys if fk.column.table is table
            }
            if own:
                await session.execute(update(table).values(own))
            await session.execute(delete(table))
        await session.commit()


@pytest.fixture
async def token(database: Database) -> str:
    await _clear(database)
    async with database.session(write=True) as session:
        # Both privileges: the tests of the resources see everything; tests/access checks what
        # a token without them sees.
        return await TokenStore(api_token).create(session, "tests", ["*"], privileges=PRIVILEGES)


@pytest.fixture
async def client(app: Any, token: str) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Token {token}"}
    async with httpx.AsyncClient(transport=transport, base_url=BASE, headers=headers) as c:
        yield c


@pytest.fixture
async def anon(app: Any, token: str) -> AsyncIterator[httpx.AsyncClient]:
    """A client without credentials (the database is cleared all the same)."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=BASE) as c:
        yield c


@pytest.fixture
async def as_token(app: Any, database: Database, token: str) -> AsyncIterator[Any]:
    """``await as_token(scope, ...)``: a client whose token has exactly these scopes."""
    opened: list[httpx.AsyncClient] = []

    async def make(*scopes: str) -> httpx.AsyncClient:
        async with database.session(write=True) as session:
            key = await TokenStore(api_token).create(session, uuid.uuid4().hex, scopes)
        c = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url=BASE,
            headers={"Authorization": f"Token {key}"},
        )
        opened.append(c)
        return c

    yield make
    for c in opened:
        await c.aclose()


@pytest.fixture
def count_statements(database: Database) -> Any:
    def counter() -> Iterator[StatementCounter]:
        return database.count_statements()  # type: ignore[return-value]

    # A read of a partij's data logs it (docs/privacy.md): on PostgreSQL in the read's own
    # statement, on SQLite with an INSERT of its own.
    counter.logged = 1 if database.sqlite else 0  # type: ignore[attr-defined]
    return counter
