"""Tracing with OpenTelemetry, imported only when ops/tracing.py has found it on.

- A server span per request named by method and route template
  (``GET /klantinteracties/api/v1/partijen/{uuid}``), continuing an incoming W3C
  ``traceparent``; its ids go into the ASGI scope, where the processing log's recorder takes its
  trace id and span id from (access/recording.py), so both name the same span.
- A span per SQL statement (SQLAlchemy's cursor events), named by its first keyword; the
  statement's text carries parameters, never values.
- A client span per outgoing notification call, with ``traceparent`` sent along.

Attributes hold no query string, no body and no token: route templates, methods, status codes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from typing import Any

from opentelemetry import propagate, trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter
from opentelemetry.trace import SpanKind, Status, StatusCode, format_span_id, format_trace_id
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.types import ASGIApp, Receive, Scope, Send

from klantinteracties.access.processing_log import TRACE_SCOPE
from klantinteracties.core.frontdoor import StatusWatch

tracer = trace.get_tracer("klantinteracties")  # a proxy: it follows the provider set later
MAX_STATEMENT = 2000  # characters of SQL kept on a span


def configure_provider() -> None:
    """The SDK with the exporter OTEL_TRACES_EXPORTER names (otlp, the default, over HTTP, or
    console); its endpoint, headers and the resource come from the standard variables. A
    provider set already (by a test, or by opentelemetry-instrument) is kept."""
    if isinstance(trace.get_tracer_provider(), TracerProvider):
        return
    service = os.environ.get("OTEL_SERVICE_NAME") or "klantinteracties"
    provider = TracerProvider(resource=Resource.create({"service.name": service}))
    provider.add_span_processor(BatchSpanProcessor(_exporter()))
    trace.set_tracer_provider(provider)


def _exporter() -> SpanExporter:
    name = os.environ.get("OTEL_TRACES_EXPORTER", "otlp").split(",")[0].strip().lower()
    if name == "console":
        return ConsoleSpanExporter()
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    return OTLPSpanExporter()


class TracingMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        carrier = {
            k.decode("latin-1"): v.decode("latin-1")
            for k, v in scope["headers"]
            if k in (b"traceparent", b"tracestate")
        }
        incoming = propagate.extract(carrier)
        method = scope["method"]
        with tracer.start_as_current_span(method, context=incoming, kind=SpanKind.SERVER) as span:
            parent = trace.get_current_span(incoming).get_span_context()
            ids = span.get_span_context()
            scope[TRACE_SCOPE] = (
                format_trace_id(ids.trace_id),
                format_span_id(ids.span_id),
                format_span_id(parent.span_id) if parent.is_valid else None,
            )
            response = StatusWatch(send)
            try:
                await self.app(scope, receive, response.send)
            finally:
                _finish(span, scope, method, response.status)


def _finish(span: Any, scope: Scope, method: str, status: int) -> None:
    route = getattr(scope.get("route"), "path", None)
    if route:
        span.update_name(f"{method} {route}")
        span.set_attribute("http.route", route)
    span.set_attribute("http.request.method", method)
    span.set_attribute("http.response.status_code", status)
    if status >= 500:
        span.set_status(Status(StatusCode.ERROR))


# ----- database -----------------------------------------------------------------------------
def instrument_engine(engine: AsyncEngine) -> None:
    sync = engine.sync_engine
    if event.contains(sync, "before_cursor_execute", _before):
        return
    event.listen(sync, "before_cursor_execute", _before)
    event.listen(sync, "after_cursor_execute", _after)
    event.listen(sync, "handle_error", _failed)


def _before(conn: Any, _cursor: Any, statement: str, _p: Any, context: Any, _many: bool) -> None:
    span = tracer.start_span(
        _operation(statement, context),
        kind=SpanKind.CLIENT,
        attributes={
            "db.system": conn.dialect.name,
            "db.query.text": statement[:MAX_STATEMENT],
        },
    )
    if context is not None:
        context._ki_span = span


def _operation(statement: str, context: Any) -> str:
    """SELECT, INSERT, ...: a statement with a CTE (PostgreSQL's logged reads) by its main
    part."""
    words = statement.lstrip().split(None, 1)
    first = words[0].upper() if words else "SQL"
    if first != "WITH":
        return first
    for flag, name in (("isinsert", "INSERT"), ("isupdate", "UPDATE"), ("isdelete", "DELETE")):
        if getattr(context, flag, False):
            return name
    return "SELECT"


def _after(_conn: Any, _cursor: Any, _s: str, _p: Any, context: Any, _many: bool) -> None:
    span = getattr(context, "_ki_span", None)
    if span is not None:
        span.end()


def _failed(exception_context: Any) -> None:
    span = getattr(exception_context.execution_context, "_ki_span", None)
    if span is not None:
        span.set_status(
            Status(StatusCode.ERROR, type(exception_context.original_exception).__name__)
        )
        span.end()


# ----- outgoing calls -----------------------------------------------------------------------
@contextmanager
def client_span(name: str, headers: MutableMapping[str, str]) -> Iterator[Any]:
    with tracer.start_as_current_span(name, kind=SpanKind.CLIENT) as span:
        propagate.inject(headers)
        yield span
