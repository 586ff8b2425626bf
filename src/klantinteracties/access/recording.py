"""The processing log as the API paths write it: one ``RequestRecorder`` per request.

The router asks ``Recorders.for_request`` for a recorder once the request is authenticated
(core/processing.py is the door). Every read and write of rows that concern a partij then logs
one record per data subject (access/subjects.py), durably before the response is sent:

- PostgreSQL: in the statement of the read itself, as a data-modifying CTE: reads run in
  autocommit, so the records are committed when the read returns; a write's records are part
  of its transaction and committed with it.
- SQLite: an ``INSERT ... SELECT`` of its own just before the read (a write's in its transaction).

The trace: an incoming W3C ``traceparent`` is continued (its trace id, its span as the parent),
else a trace is started; every request is a span of its own. The processing activity is the
request's ``X-Processing-Activity-Id`` header, else the application's configured one.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Insert, Table, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from starlette.requests import Request

from klantinteracties.core.auth import Principal
from klantinteracties.core.processing import execute_logged
from klantinteracties.core.view import View, view_of

from .processing_log import (
    ROW_IDS,
    Activity,
    SubjectKey,
    log_params,
    log_template,
    new_span_id,
    new_trace_id,
    parse_traceparent,
    row_ids,
)
from .subjects import subjects_of

ACTIVITY_HEADER = "x-processing-activity-id"
MAX_ACTIVITY_LENGTH = 200
_OPERATIONS = {"GET": "read", "POST": "create", "PUT": "update", "PATCH": "update"}


class LogStatements:
    """The log's INSERT of each table's rows, per dialect and view, built once: a request binds
    its own values (``log_params``) and defines ``row_ids`` as the rows it read or wrote."""

    def __init__(self) -> None:
        self._templates: dict[tuple[str, str, Any], Insert | None] = {}

    def template(self, view: View, table: Table, dialect: str) -> Insert | None:
        key = (table.name, dialect, view.key)
        if key not in self._templates:
            subjects = subjects_of(view, table.name, select(row_ids.c.id))
            self._templates[key] = None if subjects is None else log_template(subjects, dialect)
        return self._templates[key]


@dataclass
class RequestRecorder:
    activity: Activity
    key: bytes
    statements: LogStatements

    async def reading(
        self, session: AsyncSession, table: Table, ids: Any, stmt: Any
    ) -> tuple[Any, dict[str, Any]]:
        dialect = (await session.connection()).dialect.name
        template = self.statements.template(view_of(session), table, dialect)
        if template is None:
            return stmt, {}
        params = log_params(self.activity, self.key, dialect)
        if dialect == "postgresql":
            logged = stmt.add_cte(ids.cte(ROW_IDS)).add_cte(template.cte("logged"))
            return logged, params
        await execute_logged(session, template.add_cte(ids.cte(ROW_IDS)), True, params)
        return stmt, {}

    async def record(self, session: AsyncSession, table: Table, ids: Any) -> None:
        dialect = (await session.connection()).dialect.name
        template = self.statements.template(view_of(session), table, dialect)
        if template is not None:
            params = log_params(self.activity, self.key, dialect)
            await execute_logged(session, template.add_cte(ids.cte(ROW_IDS)), True, params)


class Recorders:
    """Makes the recorder of each request (installed on the app as ``app.state.recorders``)."""

    def __init__(self, key: SubjectKey) -> None:
        self.key = key
        self._loading = asyncio.Lock()
        self.statements = LogStatements()

    async def load(self, engine: AsyncEngine) -> bytes:
        """The key, loaded (or made and stored) once per process, in a transaction of its own:
        never in a request's write transaction, whose rollback would lose a key already in use.
        The app loads it at start-up, so requests normally find it here."""
        known = self.key.known
        if known is not None:
            return known
        async with self._loading, engine.begin() as conn:
            return await self.key.get(conn)

    async def for_request(self, request: Request, principal: Principal) -> RequestRecorder:
        trace = parse_traceparent(request.headers.get("traceparent"))
        trace_id, parent = trace if trace is not None else (new_trace_id(), None)
        route = request.scope.get("route")
        name = getattr(route, "operation_id", None) or "onbekend"
        activity = Activity(
            trace_id=trace_id,
            span_id=new_span_id(),
            parent_span_id=parent,
            name=name,
            application=principal.application or principal.identifier,
            operation=_operation(request.method, name),
            # Without the query string: a list's filters may hold a BSN.
            resource_url=str(request.url.replace(query="")),
            start_time=dt.datetime.now(dt.UTC),
            processing_activity_id=_activity_id(request) or principal.processing_activity_id,
        )
        key = await self.load(request.app.state.db.write_engine)
        return RequestRecorder(activity, key, self.statements)


def _operation(method: str, name: str) -> str:
    if name.endswith("Zoek"):
        return "read"  # a search is a POST that reads
    return _OPERATIONS.get(method, "delete")


def _activity_id(request: Request) -> str | None:
    raw = request.headers.get(ACTIVITY_HEADER, "").strip()
    return raw[:MAX_ACTIVITY_LENGTH] or None
