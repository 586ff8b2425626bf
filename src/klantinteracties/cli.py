"""Command line: ``klantinteracties serve | db upgrade | token create|list|revoke | bench ...``."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

import typer
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError

from .access.audit_cli import audit_app
from .bench.cli import bench_app
from .core.auth import GROUPS, TokenStore, unknown_scopes
from .core.db import Database
from .db.models import api_token
from .settings import get_settings

app = typer.Typer(help="Klantinteracties API and Contactgegevens API server.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens (Authorization: Token <key>).", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(token_app, name="token")
app.add_typer(bench_app, name="bench")
app.add_typer(audit_app, name="audit")

T = TypeVar("T")


DRIVERS = ("postgresql+asyncpg", "sqlite+aiosqlite")
URL_FORMS = "postgresql+asyncpg://user:password@host:5432/database or sqlite+aiosqlite:///path/file.db"


def _database_url() -> str:
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


def _with_db(work: Callable[[Database], Awaitable[T]], migrate: bool = True) -> T:
    """Runs ``work`` on the configured database; first brings the schema up to date, as
    ``serve`` does, unless KLANTINTERACTIES_AUTO_MIGRATE is off (so a fresh data directory works
    for every command)."""
    from .migrate import upgrade

    url = _database_url()

    async def run() -> T:
        db = Database(url)
        try:
            if migrate and get_settings().auto_migrate:
                await upgrade(db.write_engine)
            return await work(db)
        finally:
            await db.dispose()

    return asyncio.run(run())


def _upgrade() -> None:
    from .migrate import upgrade

    _with_db(lambda db: upgrade(db.write_engine), migrate=False)


def _upgrade_in_child() -> None:
    """Migrate in a process of its own: the migration machinery (alembic and every migration
    script) would otherwise stay in the serving process's memory for good, about 14 MB."""
    import multiprocessing

    child = multiprocessing.get_context("spawn").Process(target=_upgrade)
    child.start()
    child.join()
    if child.exitcode:
        raise typer.Exit(child.exitcode)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    workers: Annotated[int | None, typer.Option(help="Worker processes.")] = None,
) -> None:
    """Start the server; brings the database schema up to date first (unless disabled)."""
    from .serving import run

    settings = get_settings()
    _database_url()
    if settings.auto_migrate:
        _upgrade_in_child()
    run(
        host or settings.host,
        port or settings.port,
        workers or settings.workers,
        settings.log_level,
    )


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply all pending migrations."""
    _upgrade()
    typer.echo("Database schema is up to date.")


@token_app.command("create")
def token_create(
    identifier: Annotated[str, typer.Argument(help="Unique name, e.g. the client application.")],
    scope: Annotated[
        list[str] | None,
        typer.Option(help="Right to grant; repeatable. '*' (default), 'partijen:read', ..."),
    ] = None,
    description: Annotated[str, typer.Option(help="Free text: owner, contact.")] = "",
) -> None:
    """Create a token. The key is shown once and only its hash is stored."""
    store = TokenStore(api_token)
    scopes = scope or ["*"]
    _check_token_args(identifier, scopes)

    async def work(db: Database) -> str:
        async with db.session(write=True) as session:
            return await store.create(session, identifier.strip(), scopes, description)

    try:
        key = _with_db(work)
    except IntegrityError:
        typer.echo(f"A token named {identifier.strip()!r} already exists.", err=True)
        raise typer.Exit(1) from None
    typer.echo(key)


def _check_token_args(identifier: str, scopes: list[str]) -> None:
    if not identifier.strip():
        typer.echo("A token needs a name (e.g. the client application).", err=True)
        raise typer.Exit(2)
    unknown = unknown_scopes(scopes)
    if unknown:
        forms = f"'*', 'audit:read' or <group>:read|write|* with group one of {', '.join(GROUPS)}"
        typer.echo(f"Unknown scope {', '.join(map(repr, unknown))}; use {forms}.", err=True)
        raise typer.Exit(2)


@token_app.command("list")
def token_list() -> None:
    """List tokens (never their keys)."""
    store = TokenStore(api_token)

    async def work(db: Database) -> list[dict[str, object]]:
        async with db.session() as session:
            return await store.list_tokens(session)

    for row in _with_db(work):
        state = "revoked" if row["revoked_at"] else "active"
        scopes = ",".join(row["scopes"])  # type: ignore[arg-type]
        typer.echo(f"{row['identifier']}\t{row['key_prefix']}…\t{scopes}\t{state}")


@token_app.command("revoke")
def token_revoke(identifier: str) -> None:
    """Revoke a token; it stops working in every server process within a second."""
    store = TokenStore(api_token)

    async def work(db: Database) -> bool:
        async with db.session(write=True) as session:
            return await store.revoke(session, identifier)

    if not _with_db(work):
        typer.echo(f"No active token named {identifier!r}.", err=True)
        raise typer.Exit(1)
    typer.echo(f"Revoked {identifier}.")
