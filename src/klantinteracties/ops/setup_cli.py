"""``klantinteracties setup apply FILE [--check]`` (docs/operations.md, "Declarative setup")."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from klantinteracties.cli_db import fail, with_db
from klantinteracties.settings import get_settings

if TYPE_CHECKING:
    from klantinteracties.core.db import Database

    from .setup import Change
    from .setup_file import SetupFile

setup_app = typer.Typer(
    help="Declarative setup: applications, tokens, categorieën, kanalen from a file.",
    no_args_is_help=True,
)


@setup_app.command("apply")
def apply_file(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="The setup file (YAML).")],
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Only show what would change; exit 0 when nothing would, else 1."
        ),
    ] = False,
) -> None:
    """Create or update what FILE names, so that applying it twice is applying it once; what
    it does not name is left alone. Keys come from environment variables or files, never from
    FILE. Each item is printed with create, update (which fields) or unchanged."""
    from .setup_file import SetupError, load

    try:
        spec = load(path)
        changes = _run(spec, check)
    except SetupError as exc:
        for line in exc.problems:
            typer.echo(f"{path}: {line}", err=True)
        raise typer.Exit(2) from None
    pending = [c for c in changes if c.action != "unchanged"]
    for change in changes:
        typer.echo(change.line(done=not check))
    typer.echo(
        f"{len(pending)} to change, {len(changes) - len(pending)} unchanged."
        if check
        else f"{len(pending)} changed, {len(changes) - len(pending)} unchanged."
    )
    if check and pending:
        raise typer.Exit(1)


def _run(spec: SetupFile, check: bool) -> list[Change]:
    settings = get_settings()
    if spec.notifications.register_kanalen and not settings.notifications_url:
        raise fail(
            "notifications.registerKanalen: KLANTINTERACTIES_NOTIFICATIONS_URL is not set", 2
        )

    async def work(db: Database) -> list[Change]:
        from contextlib import AsyncExitStack

        from .setup import Planner, apply

        async with AsyncExitStack() as stack:
            client: Any = None
            if spec.notifications.register_kanalen:
                from klantinteracties.events.client import NotificationsClient

                client = await stack.enter_async_context(NotificationsClient(settings))
            session = await stack.enter_async_context(db.session(write=True))
            changes = await Planner(session, settings, client).plan(spec)
            if not check:
                await apply(changes)
            return changes

    return _reaching(lambda: with_db(work))


def _reaching(run: Any) -> list[Change]:
    """Failures in our words: the Notificaties API's as ``register-kanalen`` says them."""
    import httpx
    from sqlalchemy.exc import IntegrityError

    from klantinteracties.events.client import KanaalError, failure

    try:
        return list(run())
    except IntegrityError:
        # Two tokens with one key: the key's hash is unique (the database says no more).
        raise fail("A token's key is already another token's key; each needs its own.") from None
    except KanaalError as exc:
        raise fail(f"The Notificaties API refused: {exc}.") from None
    except httpx.HTTPError as exc:
        raise fail(f"The Notificaties API cannot be reached: {failure(exc)}.") from None
