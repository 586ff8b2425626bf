"""The door through which reads and writes of personal data are logged (the processing log).

A ``Recorder`` is made per request by the router, once the request is authenticated, and travels
with the request's database session (as the view does, core/view.py). The places that read or
write rows for a client call it with the table and the ids of the rows concerned:

- ``reading(session, table, ids, stmt, bound)`` when ``stmt`` reads those rows, ``ids`` being
  their ids as the common table expression ``row_ids(...)`` (which ``stmt`` may use itself, so
  that the rows are chosen once for the read and its log; ``bound`` the values of parameters
  that ``ids`` leaves unbound, a statement made once for every key): the recorder may return
  a statement that logs in the same round trip (PostgreSQL: a data-modifying CTE) with the
  parameters it adds, or log first in a statement of its own and return ``stmt`` as it is
  (SQLite);
- ``record(session, table, ids)`` where there is no read to ride along with (a delete, the three
  parts of maak-klantcontact), inside the write's transaction.

Which data subjects a table's rows concern, and how they are logged, is the recorder's business
(``klantinteracties.access.recording``); nothing here knows a table. A session without a
recorder logs nothing (internal work such as importers and the command line).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from sqlalchemy import CTE, Select, Table
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from .db import is_connection_error
from .errors import ProblemError

SESSION_KEY = "klantinteracties.recorder"
ROW_IDS = "row_ids"  # the name of the CTE of the rows a read logs
log = logging.getLogger("klantinteracties")


class Recorder(Protocol):
    async def reading(
        self,
        session: AsyncSession,
        table: Table,
        ids: Any,
        stmt: Any,
        bound: dict[str, Any] | None = None,
    ) -> tuple[Any, dict[str, Any]]: ...

    async def record(self, session: AsyncSession, table: Table, ids: Any) -> None: ...

    def concerning(self, url: str) -> None: ...


class RecorderFactory(Protocol):
    """Makes the recorder of an authenticated request (``app.state.recorders``)."""

    async def for_request(self, request: Any, principal: Any) -> Recorder: ...


def row_ids(ids: Select[Any]) -> CTE:
    """The ids of the rows a read chooses, as the CTE that the read and its log share."""
    return ids.cte(ROW_IDS)


def set_recorder(session: AsyncSession, recorder: Recorder | None) -> None:
    if recorder is not None:
        session.info[SESSION_KEY] = recorder


def recorder_of(session: AsyncSession) -> Recorder | None:
    return session.info.get(SESSION_KEY)


@contextmanager
def unrecorded(session: AsyncSession) -> Iterator[None]:
    """Reads inside it log nothing: a read that only serves the request's own bookkeeping (the
    representation before an update, to announce the change), whose rows the request logs
    anyway when it reads its result."""
    recorder = session.info.pop(SESSION_KEY, None)
    try:
        yield
    finally:
        set_recorder(session, recorder)


async def reading(
    session: AsyncSession,
    table: Table,
    ids: Any,
    stmt: Any,
    bound: dict[str, Any] | None = None,
) -> tuple[Any, dict[str, Any]]:
    """The statement to run instead of ``stmt``, and the parameters it needs besides its own
    (the log's values, bound at execution so that the log's SQL is the same every time)."""
    recorder = recorder_of(session)
    if recorder is None:
        return stmt, {}
    return await recorder.reading(session, table, ids, stmt, bound)


def concerning(session: AsyncSession, url: str) -> None:
    """The request's records name ``url`` from now on: a create's own resource, known once it is
    made, rather than the collection it was posted to."""
    recorder = recorder_of(session)
    if recorder is not None:
        recorder.concerning(url)


async def record(session: AsyncSession, table: Table, ids: Any) -> None:
    recorder = recorder_of(session)
    if recorder is not None:
        await recorder.record(session, table, ids)


def not_logged() -> ProblemError:
    """A read or write that could not be logged is not served (docs/privacy.md)."""
    return ProblemError(
        503,
        "service_unavailable",
        "Het verwerkingenlog kon niet worden bijgewerkt.",
        "Dit verzoek is niet uitgevoerd, omdat het niet kon worden gelogd. Probeer het later "
        "opnieuw.",
        "ServiceUnavailable",
        headers={"Retry-After": "5"},
    )


async def execute_logged(
    session: AsyncSession,
    stmt: Any,
    logs: bool,
    params: dict[str, Any] | list[dict[str, Any]] | None = None,
) -> Any:
    """Runs ``stmt`` (with ``params``: one set, or a list for many rows); when it carries the
    log (``logs``), a failure of the database other than a lost connection (which is answered
    503 anyway) is answered as a log that failed."""
    conn = await session.connection()
    with _log_failures(logs):
        return await conn.execute(stmt, params or None)


async def execute_driver_logged(
    session: AsyncSession, sql: str, args: tuple[Any, ...], logs: bool
) -> Any:
    """``execute_logged`` for SQL text already in the driver's own form (a statement compiled
    once, core/fastpath.py's ``Prepared``), with its positional arguments."""
    conn = await session.connection()
    with _log_failures(logs):
        return await conn.exec_driver_sql(sql, args)


@contextmanager
def _log_failures(logs: bool) -> Iterator[None]:
    try:
        yield
    except DBAPIError as exc:
        if not logs or is_connection_error(exc):
            raise
        log.error("processing log not written (%s)", type(exc.orig).__name__)
        raise not_logged() from None
