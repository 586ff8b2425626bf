"""Engines and sessions for SQLite (embedded) and PostgreSQL (production).

Reads and writes get separate session factories. On PostgreSQL both use one engine. On SQLite the
write engine opens its transactions with BEGIN IMMEDIATE: a deferred transaction that reads first
and writes later can fail with "database is locked" when a second writer is active, whereas an
immediate one waits (busy_timeout) for its turn.

Reads run without a transaction of their own (autocommit, as Django runs the reference): no BEGIN
and ROLLBACK round trips around what is mostly one or two statements, and on SQLite no read ever
queues behind another. The statements of one request may then see different commits: a list and
its count, or a row and its relations, can differ by a write that lands in between, as there.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from klantinteracties.access.hashing import register_sqlite_function


@dataclass
class StatementCounter:
    """Counts SQL statements sent to the database while active (used by tests and benchmarks)."""

    count: int = 0
    statements: list[str] = field(default_factory=list)
    active: bool = False


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def is_connection_error(exc: BaseException) -> bool:
    """The database could not be reached or the connection was lost: worth a retry, and a 503
    rather than a 500. SQLite's "database is locked" (busy beyond busy_timeout) counts too."""
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated or isinstance(exc, InterfaceError):
            return True
        orig = exc.orig
        if isinstance(orig, sqlite3.OperationalError):
            return "locked" in str(orig) or "busy" in str(orig)
        return isinstance(exc, OperationalError) or isinstance(orig, OSError)
    return isinstance(exc, OSError | PoolTimeout) or _is_asyncpg_connection_error(exc)


def _is_asyncpg_connection_error(exc: BaseException) -> bool:
    # Raised by asyncpg itself (not wrapped) when a connection breaks or is refused at start-up.
    name = type(exc).__name__
    return name in {"ConnectionDoesNotExistError", "CannotConnectNowError"} or (
        type(exc).__module__.startswith("asyncpg") and "Connection" in name
    )


def create_data_file(path: Path) -> None:
    """The embedded database holds personal data: its folder is made 0700 and the file 0600
    (SQLite gives its -wal and -shm files the database file's mode). Existing ones are left as
    they are: they were made on purpose."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
        path.parent.chmod(0o700)  # mkdir's mode is reduced by the umask
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        path.chmod(0o600)


def _sqlite_engine(url: str, begin_sql: str | None, echo: bool) -> AsyncEngine:
    """``begin_sql`` None: an engine without transactions (each statement commits itself)."""
    # hide_parameters: error messages (and so logs) never carry the values of a query.
    options: dict[str, Any] = {} if begin_sql else {"isolation_level": "AUTOCOMMIT"}
    engine = create_async_engine(url, echo=echo, hide_parameters=True, **options)

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event decide how a transaction starts (see module docstring).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.close()
        # The processing log hashes data subjects inside statements; PostgreSQL can do it in
        # SQL, SQLite needs the function from Python (access/hashing.py).
        register_sqlite_function(dbapi_conn)

    if begin_sql is not None:

        @event.listens_for(engine.sync_engine, "begin")
        def _on_begin(conn: Any) -> None:
            conn.exec_driver_sql(begin_sql)

    return engine


class Database:
    def __init__(
        self, url: str, *, echo: bool = False, pool_size: int = 20, max_overflow: int = 10
    ) -> None:
        self.url = url
        self.sqlite = is_sqlite(url)
        self.counter = StatementCounter()
        if self.sqlite:
            db_path = make_url(url).database
            if db_path and db_path != ":memory:":
                create_data_file(Path(db_path))
            self.read_engine = _sqlite_engine(url, None, echo)
            self.write_engine = _sqlite_engine(url, "BEGIN IMMEDIATE", echo)
            engines = [self.read_engine, self.write_engine]
        else:
            self.read_engine = create_async_engine(
                url,
                echo=echo,
                pool_size=pool_size,
                max_overflow=max_overflow,
                # No ping before every checkout: it is a round trip per request. A connection
                # the database dropped fails its first statement instead; reads are then tried
                # once more on a fresh connection, writes answer 503 (core/routing.py).
                pool_pre_ping=False,
                hide_parameters=True,
            )
            self.write_engine = self.read_engine
            engines = [self.read_engine]
        for engine in engines:
            event.listen(engine.sync_engine, "before_cursor_execute", self._count)
        reads = self.read_engine
        if not self.sqlite:  # the SQLite read engine is made without transactions
            reads = reads.execution_options(isolation_level="AUTOCOMMIT")
        self._read = async_sessionmaker(reads, expire_on_commit=False)
        self._write = async_sessionmaker(self.write_engine, expire_on_commit=False)

    def _count(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        # SQLite's explicit BEGIN is not counted so both backends report the same numbers
        # (PostgreSQL's driver begins transactions without a visible statement).
        if self.counter.active and not statement.startswith("BEGIN"):
            self.counter.count += 1
            self.counter.statements.append(statement)

    @contextmanager
    def count_statements(self) -> Iterator[StatementCounter]:
        self.counter = StatementCounter(active=True)
        try:
            yield self.counter
        finally:
            self.counter.active = False

    async def read_session(self) -> AsyncIterator[AsyncSession]:
        async with self._read() as session:
            yield session

    async def write_session(self) -> AsyncIterator[AsyncSession]:
        async with self._write() as session:
            yield session

    def session(self, write: bool = False) -> AsyncSession:
        return (self._write if write else self._read)()

    async def dispose(self) -> None:
        await self.read_engine.dispose()
        if self.write_engine is not self.read_engine:
            await self.write_engine.dispose()
