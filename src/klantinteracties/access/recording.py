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
import re
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Dialect, Insert, Table, TextClause, bindparam, column, select, table, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine.interfaces import BindTyping
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from starlette.requests import Request

from klantinteracties.core.auth import Principal
from klantinteracties.core.processing import ROW_IDS, execute_logged, row_ids
from klantinteracties.core.view import View, view_of

from .processing_log import (
    TRACE_SCOPE,
    Activity,
    SubjectKey,
    log_params,
    log_template,
    new_span_id,
    new_trace_id,
    parse_traceparent,
)
from .subjects import subjects_of

ACTIVITY_HEADER = "x-processing-activity-id"
MAX_ACTIVITY_LENGTH = 200
# The rows a statement logs, by name: the statement running a template defines the CTE
# (core/processing.py's ``row_ids``), so one template serves every choice of rows.
CHOSEN = table(ROW_IDS, column("id"))
# Compiles the log's INSERT once to text whose parameters keep their names; without casts on
# them, which the driver's dialect adds itself when it runs the text.
_NAMED_PG = postgresql.dialect(paramstyle="named")
_NAMED_PG.bind_typing = BindTyping.NONE
_OPERATIONS = {"GET": "read", "POST": "create", "PUT": "update", "PATCH": "update"}


@dataclass(frozen=True)
class LogStatement:
    insert: Insert  # the INSERT ... SELECT of the subjects of the rows ``row_ids`` names
    # On PostgreSQL the same as SQL text, ready to ride along with a read as a CTE: a text's
    # cache key is its string, where SQLAlchemy would otherwise walk the whole INSERT for the
    # cache key of every read that carries it.
    logged: Any


class LogStatements:
    """The log's INSERT of each table's rows, per dialect and view, built once: a request binds
    its own values (``log_params``) and defines ``row_ids`` as the rows it read or wrote."""

    def __init__(self) -> None:
        self._made: dict[tuple[str, Any, Any], LogStatement | None] = {}

    def of(self, view: View, rows_of: Table, dialect: Dialect) -> LogStatement | None:
        key = (rows_of.name, dialect.name, view.key)
        if key not in self._made:
            self._made[key] = self._make(view, rows_of, dialect)
        return self._made[key]

    @staticmethod
    def _make(view: View, rows_of: Table, dialect: Dialect) -> LogStatement | None:
        subjects = subjects_of(view, rows_of.name, select(CHOSEN.c.id))
        if subjects is None:
            return None
        insert = log_template(subjects, dialect.name)
        if dialect.name != "postgresql":
            return LogStatement(insert, None)
        return LogStatement(insert, _as_text(insert).columns().cte("logged"))


def _as_text(insert: Insert) -> TextClause:
    """``insert`` as SQL text with its parameters. The constants' parameters get names of the
    log's own (``log_k<n>``): their compiled names (``param_1``) would clash with those of the
    read the text rides along with."""
    compiled = insert.compile(dialect=_NAMED_PG)
    sql, binds = compiled.string, []
    for n, (bind, name) in enumerate(compiled.bind_names.items()):
        own = name if bind.required else f"log_k{n}"
        sql = re.sub(rf":{re.escape(name)}\b", f":{own}", sql)
        binds.append(bindparam(own, bind.value, type_=bind.type, required=bind.required))
    return text(sql).bindparams(*binds)


@dataclass
class RequestRecorder:
    activity: Activity
    key: bytes
    statements: LogStatements

    async def reading(
        self,
        session: AsyncSession,
        table: Table,
        ids: Any,
        stmt: Any,
        bound: dict[str, Any] | None = None,
    ) -> tuple[Any, dict[str, Any]]:
        dialect = (await session.connection()).dialect
        made = self.statements.of(view_of(session), table, dialect)
        if made is None:
            return stmt, {}
        params = log_params(self.activity, self.key, dialect.name)
        if made.logged is not None:
            return stmt.add_cte(ids).add_cte(made.logged), params
        await execute_logged(session, made.insert.add_cte(ids), True, {**params, **(bound or {})})
        return stmt, {}

    def concerning(self, url: str) -> None:
        self.activity = replace(self.activity, resource_url=url)

    async def record(self, session: AsyncSession, table: Table, ids: Any) -> None:
        dialect = (await session.connection()).dialect
        made = self.statements.of(view_of(session), table, dialect)
        if made is not None:
            params = log_params(self.activity, self.key, dialect.name)
            await execute_logged(session, made.insert.add_cte(row_ids(ids)), True, params)


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
        traced = request.scope.get(TRACE_SCOPE)  # the tracer's own span, when tracing is on
        if traced is not None:
            trace_id, span_id, parent = traced
        else:
            trace = parse_traceparent(request.headers.get("traceparent"))
            trace_id, parent = trace if trace is not None else (new_trace_id(), None)
            span_id = new_span_id()
        route = request.scope.get("route")
        name = getattr(route, "operation_id", None) or "onbekend"
        activity = Activity(
            trace_id=trace_id,
            span_id=span_id,
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
