"""``klantinteracties healthcheck``: the health check of a container (its HEALTHCHECK or a
compose ``healthcheck``), so that no curl needs to be in the image; ``db backup`` and
``db restore`` (ops/backup.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from klantinteracties.cli_db import database_url, fail
from klantinteracties.settings import get_settings


def healthcheck(
    url: Annotated[
        str | None,
        typer.Option(help="The server's root URL; default: this machine at the configured port."),
    ] = None,
    live: Annotated[
        bool, typer.Option("--live", help="Only whether the process answers (/_health/live).")
    ] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the answer.")] = 5.0,
) -> None:
    """Exit 0 when the server is ready (or live, with --live), 1 when it is not."""
    import httpx

    from .health import LIVE, READY

    settings = get_settings()
    host = settings.host if settings.host not in ("0.0.0.0", "::", "") else "127.0.0.1"
    root = (url or f"http://{host}:{settings.port}").rstrip("/")
    try:
        response = httpx.get(root + (LIVE if live else READY), timeout=timeout)
    except httpx.HTTPError as exc:
        typer.echo(f"not reachable ({type(exc).__name__})", err=True)
        raise typer.Exit(1) from None
    typer.echo(response.text)
    if response.status_code != 200:
        raise typer.Exit(1)


# Backup and restore
def db_backup(
    file: Annotated[Path, typer.Argument(help="Where to write the backup (replaced if there).")],
) -> None:
    """Back the database up into FILE: SQLite's online backup, or pg_dump's custom format."""
    from .backup import backup

    _backup_step(backup, file, f"Backed up to {file}.")


def db_restore(
    file: Annotated[Path, typer.Argument(help="A backup made by `db backup`.")],
) -> None:
    """Replace the database's contents by FILE's. Stop every server and worker first."""
    from .backup import restore

    done = f"Restored from {file}; run `klantinteracties db upgrade` if it is older."
    _backup_step(restore, file, done)


def _backup_step(step: Callable[[str, Path], None], file: Path, done: str) -> None:
    from .backup import BackupError

    try:
        step(database_url(), file)
    except BackupError as exc:
        raise fail(str(exc)) from None
    typer.echo(done)
