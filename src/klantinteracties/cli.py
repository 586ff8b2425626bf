"""Command line: ``klantinteracties serve | worker | healthcheck | db upgrade | application ... |
token ... | notifications ... | staff ... | bench ...``.

Each subsystem brings its own command group; this module only mounts them.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from .access.audit_cli import audit_app
from .access.cli import application_app, token_app
from .beheer.cli import staff_app
from .bench.cli import bench_app
from .cli_db import database_url, fail, with_db
from .core.db import is_sqlite
from .events.cli import notifications_app, worker
from .importers.cli import import_app
from .ops.cli import db_backup, db_restore, healthcheck
from .ops.config_cli import config_app
from .ops.processes import worker_count
from .ops.setup_cli import setup_app
from .settings import get_settings

app = typer.Typer(help="Klantinteracties API and Contactgegevens API server.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema, backup and restore.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(application_app, name="application")
app.add_typer(token_app, name="token")
app.add_typer(bench_app, name="bench")
app.add_typer(audit_app, name="audit")
app.add_typer(notifications_app, name="notifications")
app.add_typer(import_app, name="import")
app.command("worker")(worker)
app.command("healthcheck")(healthcheck)
app.add_typer(config_app, name="config")
app.add_typer(setup_app, name="setup")
app.add_typer(staff_app, name="staff")


def _upgrade() -> None:
    from .migrate import upgrade

    with_db(lambda db: upgrade(db.write_engine), migrate=False)


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
    workers: Annotated[
        int | None,
        typer.Option(help="Server processes; default: one per core on PostgreSQL, 1 on SQLite."),
    ] = None,
    with_worker: Annotated[
        bool | None,
        typer.Option(
            "--with-worker/--no-with-worker",
            help="Deliver notifications inside the server (default: on SQLite only).",
        ),
    ] = None,
) -> None:
    """Start the server; brings the database schema up to date first (unless disabled)."""
    from .serving import run

    if with_worker is not None:  # for the app, which uvicorn builds from the environment
        os.environ["KLANTINTERACTIES_NOTIFICATIONS_WITH_WORKER"] = str(with_worker).lower()
        get_settings.cache_clear()
    settings = get_settings()
    url = database_url()
    # the process count is checked before anything is migrated.
    count = _worker_count(workers if workers is not None else settings.workers, url)
    if settings.auto_migrate:
        _upgrade_in_child()
    run(host or settings.host, port or settings.port, count, settings.log_level)


def _worker_count(requested: int | None, url: str) -> int:
    try:
        return worker_count(requested, is_sqlite(url))
    except ValueError as exc:
        raise fail(str(exc), 2) from None


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply all pending migrations."""
    _upgrade()
    typer.echo("Database schema is up to date.")


# Backup and restore
db_app.command("backup")(db_backup)
db_app.command("restore")(db_restore)
