"""What every command group needs: the configured database, checked, migrated and disposed of
(each subsystem's commands import this, never cli.py, which mounts them)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import typer
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncSession

from .core.db import Database
from .settings import get_settings

T = TypeVar("T")

DRIVERS = ("postgresql+asyncpg", "sqlite+aiosqlite")
URL_FORMS = (
    "postgresql+asyncpg://user:password@host:5432/database or sqlite+aiosqlite:///path/file.db"
)


def database_url() -> str:
    """The configured URL, or one line naming the accepted forms and exit code 2."""
    url = get_settings().resolved_database_url()
    try:
        driver = make_url(url).drivername
    except ArgumentError:
        driver = ""
    if driver not in DRIVERS:
        typer.echo(f"DATABASE_URL is not a supported database URL; use {URL_FORMS}.", err=True)
        raise typer.Exit(2)
    return url


def with_db(work: Callable[[Database], Awaitable[T]], migrate: bool = True) -> T:
    """Runs ``work`` on the configured database; first brings the schema up to date, as
    ``serve`` does, unless KLANTINTERACTIES_AUTO_MIGRATE is off (so a fresh data directory works
    for every command)."""
    from .migrate import upgrade

    url = database_url()

    async def run() -> T:
        db = Database(url)
        try:
            if migrate and get_settings().auto_migrate:
                await upgrade(db.write_engine)
            return await work(db)
        finally:
            await db.dispose()

    return asyncio.run(run())


def in_write_session(work: Callable[[AsyncSession], Awaitable[Any]]) -> Any:
    """``with_db`` for work done in one write session (which commits what it keeps)."""

    async def run(db: Database) -> Any:
        async with db.session(write=True) as session:
            return await work(session)

    return with_db(run)


def fail(message: str, code: int = 1) -> typer.Exit:
    """One clear line on stderr; raise what this returns."""
    typer.echo(message, err=True)
    return typer.Exit(code)
