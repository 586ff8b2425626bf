"""``klantinteracties import openklant``: copy an Open Klant 2.x register into ours."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from klantinteracties.cli_db import fail, with_db

if TYPE_CHECKING:
    from klantinteracties.core.db import Database

    from .report import Report
    from .source_db import DatabaseSource

import_app = typer.Typer(help="Import from an existing register.", no_args_is_help=True)

# Exit code of a run that finished but refused rows (listed in the report).
REFUSED_EXIT = 3


@import_app.command("openklant")
def openklant(
    database: Annotated[
        str | None,
        typer.Option(help="The Open Klant 2.x database, postgresql://user@host:5432/name."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would change; write nothing.")
    ] = False,
    report: Annotated[
        Path | None, typer.Option(help="Write the report (counts, refused rows) as JSON here.")
    ] = None,
    batch_size: Annotated[
        int, typer.Option(min=1, max=50_000, help="Rows per transaction.")
    ] = 2000,
) -> None:
    """Import every resource of both APIs, keeping uuids, nummers and relations. Safe to
    repeat; an interrupted run continues where it stopped. No notifications are sent."""
    from .openklant_steps import STEPS
    from .run import run_import

    source = _database_source(database)
    result = _run(lambda db: run_import(db, source, STEPS, dry_run=dry_run, batch_size=batch_size))
    if report is not None:
        result.write(report)
    for line in result.summary_lines():
        typer.echo(line)
    if dry_run:
        typer.echo("Dry run: nothing was written.")
    if result.refused:
        raise typer.Exit(REFUSED_EXIT)


def _database_source(database: str | None) -> DatabaseSource:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from .source_db import DatabaseSource

    if database is None:
        raise fail("Give the source: --database postgresql://user@host:5432/name.", 2)
    try:
        backend = make_url(database).get_backend_name()
    except ArgumentError:
        backend = ""
    if backend != "postgresql":
        raise fail("--database must be a PostgreSQL URL: postgresql://user@host:5432/name.", 2)
    return DatabaseSource(database)


def _run(work: Callable[[Database], Awaitable[Report]]) -> Report:
    """The run on our database; a failing source ends it with one line (exit 1)."""
    import asyncpg

    try:
        return with_db(work)
    except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        # The class only: a server's message may quote row values.
        message = (
            f"The source database failed ({type(exc).__name__}); what was written is kept, "
            "run the command again to continue."
        )
        if isinstance(exc, OSError):
            message = f"Cannot reach the source database ({type(exc).__name__})."
        raise fail(message, 1) from None
