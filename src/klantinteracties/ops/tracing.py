"""Tracing with OpenTelemetry: the switch (docs/operations.md, "Tracing").

On only when the standard variables ask for it (OTEL_EXPORTER_OTLP_ENDPOINT,
OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_TRACES_EXPORTER; OTEL_SDK_DISABLED=true or
OTEL_TRACES_EXPORTER=none switch it off) AND the optional extra ``otel`` is installed. This module
imports nothing of OpenTelemetry; ops/tracing_otel.py does, and is imported only once tracing is
on. Off, a request pays nothing: the middleware and the database hooks are not installed, and an
outgoing notification call checks one flag.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from collections.abc import Mapping, MutableMapping
from contextlib import AbstractContextManager, nullcontext
from typing import Any

log = logging.getLogger("klantinteracties.tracing")
_ASKED_BY = (
    "OTEL_EXPORTER_OTLP_ENDPOINT",
    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
    "OTEL_TRACES_EXPORTER",
)
_on = False


def wanted(environ: Mapping[str, str] = os.environ) -> bool:
    if environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return False
    if environ.get("OTEL_TRACES_EXPORTER", "").strip().lower() == "none":
        return False
    return any(environ.get(name, "").strip() for name in _ASKED_BY)


def available() -> bool:
    try:
        return importlib.util.find_spec("opentelemetry.sdk.trace") is not None
    except ModuleNotFoundError:  # not even the opentelemetry package
        return False


def configure() -> bool:
    """Sets tracing up for this process once (a no-op when it is not wanted); whether it is on.
    Wanted without the extra installed is said once in the log, not an error."""
    global _on
    if _on or not wanted():
        return _on
    if not available():
        log.warning("OTEL_* tracing is configured but the 'otel' extra is not installed: off")
        return False
    from . import tracing_otel

    tracing_otel.configure_provider()
    _on = True
    return True


def active() -> bool:
    return _on


def install(app: Any) -> None:
    """The server span of every request (outermost, so that it covers everything)."""
    from .tracing_otel import TracingMiddleware

    app.add_middleware(TracingMiddleware)


def instrument(engines: Any) -> None:
    """Database spans for these engines (AsyncEngine), once each."""
    from .tracing_otel import instrument_engine

    for engine in engines:
        instrument_engine(engine)


def outgoing(name: str, headers: MutableMapping[str, str]) -> AbstractContextManager[Any]:
    """Around an outgoing call: a client span, and its ``traceparent`` put in ``headers``."""
    if not _on:
        return nullcontext()
    from .tracing_otel import client_span

    return client_span(name, headers)
