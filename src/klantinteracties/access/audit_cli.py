"""``klantinteracties audit query | export | prune``: the processing log from the command line.

The commands import their machinery when they run, as the bench group does, so that
``klantinteracties --help`` and ``serve`` do not load it. A BSN given with ``--subject`` ends up
in the shell's history and the process list; ``--subject -`` reads it from standard input.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from klantinteracties.settings import get_settings

if TYPE_CHECKING:
    from klantinteracties.core.db import Database

T = TypeVar("T")
audit_app = typer.Typer(help="The processing log (verwerkingenlogging).", no_args_is_help=True)
TEXT_FIELDS = (
    "startTime",
    "status",
    "operation",
    "name",
    "application",
    "resourceUrl",
    "dataSubjectType",
    "traceId",
    "spanId",
    "processingActivityId",
    "userId",
)


class Format(StrEnum):
    text = "text"
    json = "json"


def _run(work: Callable[[Database], Awaitable[T]]) -> T:
    from klantinteracties.cli_db import with_db

    return with_db(work)


def _line(record: dict[str, Any], fmt: Format) -> str:
    from klantinteracties.core.http import dumps

    if fmt is Format.json:
        return dumps(record).decode()
    values = (record[name] for name in TEXT_FIELDS)
    return "\t".join(
        "" if v is None else v.isoformat() if isinstance(v, dt.datetime) else v for v in values
    )


def _criteria(values: dict[str, str | None], key: bytes | None) -> Any:
    """Criteria by the API's own rules; a refusal is one line per reason and exit code 2."""
    from klantinteracties.core.errors import ValidationFailed

    from .audit_service import parse_search

    try:
        return parse_search({k: v for k, v in values.items() if v is not None}, key, True)
    except ValidationFailed as failed:
        for param in failed.invalid_params:
            typer.echo(f"{param.name}: {param.reason}", err=True)
        raise typer.Exit(2) from None


async def _print(db: Database, criteria: Any, fmt: Format) -> int:
    from . import repository
    from .audit_service import representation

    printed = 0
    async for row in repository.stream(db.read_engine, criteria):
        typer.echo(_line(representation(row), fmt))
        printed += 1
    return printed


@audit_app.command("query")
def query(
    subject: Annotated[
        str | None, typer.Option(help="BSN or KvK-nummer; '-' reads it from standard input.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Started at or after (ISO 8601).")] = None,
    until: Annotated[str | None, typer.Option(help="Started before (ISO 8601).")] = None,
    trace_id: Annotated[str | None, typer.Option(help="The trace (32 hex).")] = None,
    activity: Annotated[str | None, typer.Option(help="The processing activity.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="text or json (lines).")] = Format.text,
) -> None:
    """Records of a data subject, a trace or a processing activity, oldest first."""
    if subject == "-":
        subject = sys.stdin.readline().strip()
    values = {
        "dataSubjectId": subject,
        "since": since,
        "until": until,
        "traceId": trace_id,
        "processingActivityId": activity,
    }
    _criteria(values, None)  # refuse bad arguments before touching the database

    async def work(db: Database) -> int:
        from .processing_log import load_key

        async with db.session() as session:
            key = await load_key(session, get_settings().processing_log_key.get_secret_value())
        return await _print(db, _criteria(values, key), fmt)

    _run(work)


@audit_app.command("export")
def export(
    since: Annotated[str | None, typer.Option(help="Started at or after (ISO 8601).")] = None,
) -> None:
    """Every record (since a moment) as JSON lines on standard output, oldest first."""
    from klantinteracties.core.errors import ValidationFailed
    from klantinteracties.core.filters import parse_datetime

    from .repository import Criteria

    try:
        start = parse_datetime("since", since) if since else None
    except ValidationFailed:
        typer.echo("--since: not an ISO 8601 date/time.", err=True)
        raise typer.Exit(2) from None
    _run(lambda db: _print(db, Criteria(since=start), Format.json))


@audit_app.command("prune")
def prune() -> None:
    """Delete records older than KLANTINTERACTIES_PROCESSING_LOG_RETENTION_DAYS."""
    days = get_settings().processing_log_retention_days
    if days <= 0:
        typer.echo(
            "KLANTINTERACTIES_PROCESSING_LOG_RETENTION_DAYS is 0 (keep for ever): nothing to "
            "prune. Set it to the number of days records are kept.",
            err=True,
        )
        raise typer.Exit(2)
    before = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)

    async def work(db: Database) -> int:
        from . import repository

        async with db.write_engine.begin() as conn:
            return await repository.prune(conn, before)

    deleted = _run(work)
    typer.echo(f"Deleted {deleted} records that started before {before.isoformat()}.")
