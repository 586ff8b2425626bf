"""``klantinteracties worker`` and ``klantinteracties notifications register-kanalen | list |
retry | purge``.

The commands import their machinery when they run, as the other groups do, so that
``klantinteracties --help`` and ``serve`` load none of it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import signal
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from klantinteracties.cli_db import fail, with_db
from klantinteracties.settings import Settings, get_settings

if TYPE_CHECKING:
    from klantinteracties.core.db import Database

notifications_app = typer.Typer(
    help="Notifications to the Notificaties API: kanalen and the outbox.", no_args_is_help=True
)


class Format(StrEnum):
    text = "text"
    json = "json"


def _configured() -> Settings:
    settings = get_settings()
    if not settings.notifications_url:
        raise fail("KLANTINTERACTIES_NOTIFICATIONS_URL is not set: no Notificaties API.", 2)
    return settings


def worker() -> None:
    """Deliver the outbox to the Notificaties API until SIGTERM or SIGINT (the messages in hand
    are finished first). Run as many as you like on PostgreSQL, one on SQLite."""
    settings = _configured()
    import logging.config

    from klantinteracties.serving import log_config

    # The server's log format and level (KLANTINTERACTIES_LOG_LEVEL), so that a worker's lines
    # carry a time and a level and its info lines (purges) show.
    logging.config.dictConfig(log_config(settings.log_level, settings.log_format))
    # The "metrics" part of issue 15: a worker has no API port, only the metrics one.
    from klantinteracties.ops import metrics

    if settings.metrics_port is not None:
        metrics.start_listener(settings.metrics_port, settings.host)

    async def work(db: Database) -> None:
        from klantinteracties.ops import tracing

        from .worker import Worker

        if tracing.configure():  # spans of its calls and statements (issue 15)
            tracing.instrument({db.read_engine, db.write_engine})

        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        delivery = Worker(db, settings, metrics.delivery_observer(settings))
        try:
            await delivery.run(stop)
        finally:
            await delivery.aclose()

    with_db(work)


@notifications_app.command("register-kanalen")
def register_kanalen() -> None:
    """Create this register's kanalen at the Notificaties API (those it has are left alone)."""
    settings = _configured()
    from .client import KanaalError, NotificationsClient, failure
    from .kanalen import KANALEN
    from .registration import register, registered

    async def work() -> None:
        async with NotificationsClient(settings) as client:
            known = await registered(client)
            for kanaal in KANALEN:
                if known[kanaal.naam]:
                    typer.echo(f"{kanaal.naam}: already registered")
                    continue
                await register(client, kanaal, settings.notifications_documentation_link)
                typer.echo(f"{kanaal.naam}: registered")

    import httpx

    try:
        asyncio.run(work())
    except KanaalError as exc:
        raise fail(f"The Notificaties API refused: {exc}.") from None
    except httpx.HTTPError as exc:
        raise fail(f"The Notificaties API cannot be reached: {failure(exc)}.") from None


def _line(record: dict[str, Any], fmt: Format) -> str:
    from klantinteracties.core.http import dumps

    if fmt is Format.json:
        return dumps(record).decode()
    return "\t".join(
        "" if v is None else v.isoformat() if isinstance(v, dt.datetime) else str(v)
        for v in record.values()
    )


@notifications_app.command("list")
def list_messages(
    failed: Annotated[bool, typer.Option("--failed", help="Only failed messages.")] = False,
    fmt: Annotated[Format, typer.Option("--format", help="text or json (lines).")] = Format.text,
    limit: Annotated[int, typer.Option(help="The newest this many messages.")] = 100,
    body: Annotated[
        bool, typer.Option("--body", help="Include the bodies (they hold personal data).")
    ] = False,
) -> None:
    """The outbox, oldest first, without bodies; the backlog summary goes to standard error."""
    from . import queue
    from .backlog import backlog

    async def work(db: Database) -> None:
        for record in await queue.listing(db.read_engine, failed, limit, body):
            typer.echo(_line(record, fmt))
        typer.echo((await backlog(db.read_engine)).summary(), err=True)

    with_db(work)


@notifications_app.command("retry")
def retry(
    message_id: Annotated[int | None, typer.Argument(metavar="ID", help="A message.")] = None,
    all_failed: Annotated[bool, typer.Option("--all-failed", help="Every failed one.")] = False,
) -> None:
    """Send a failed message again (attempts start over); or all of them."""
    if (message_id is None) == (not all_failed):
        raise fail("Name one message ID or --all-failed.", 2)
    from . import queue

    ids = None if all_failed else [message_id or 0]
    now = dt.datetime.now(dt.UTC)
    changed = with_db(lambda db: queue.retry(db.write_engine, ids, now))
    if ids and not changed:
        raise fail(f"No failed or pending message {message_id} (a delivered one is not resent).")
    typer.echo(f"{len(changed)} messages pending again.")


@notifications_app.command("purge")
def purge(
    delivered_before: Annotated[
        str, typer.Option(help="Delete messages delivered before this date (ISO 8601).")
    ],
) -> None:
    """Delete delivered messages (the worker also does, after the retention period)."""
    from . import queue

    try:
        before = dt.datetime.fromisoformat(delivered_before)
    except ValueError:
        raise fail("--delivered-before: not an ISO 8601 date or date/time.", 2) from None
    if before.tzinfo is None:
        before = before.replace(tzinfo=dt.UTC)
    deleted = with_db(lambda db: queue.purge_delivered(db.write_engine, before))
    typer.echo(f"Deleted {deleted} messages delivered before {before.isoformat()}.")
