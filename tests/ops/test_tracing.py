"""Tracing (the optional extra ``otel``): off unless OTEL_* asks for it, and then the SDK is
never imported (FastAPI itself may import the API); on, a server span per request named by
route template that continues an incoming traceparent, database spans under it, the processing
log naming the same trace and span, and traceparent sent on the worker's outgoing calls. Spans
are read from the SDK's in-memory exporter."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from klantinteracties.app import create_app
from klantinteracties.db.models import processing_log
from klantinteracties.ops import tracing
from klantinteracties.settings import Settings
from tests.events.receiver import running_receiver

# Makes the SDK unimportable, as where the extra is not installed.
NO_SDK = (
    "import importlib.abc, sys\n"
    "class Block(importlib.abc.MetaPathFinder):\n"
    "    def find_spec(self, name, path=None, target=None):\n"
    "        if name.startswith('opentelemetry.sdk'): raise ModuleNotFoundError(name)\n"
    "sys.meta_path.insert(0, Block())\n"
)
PROBE = (
    "import sys; from klantinteracties.app import create_app; app = create_app(); "
    "print(any(m.startswith('opentelemetry.sdk') for m in sys.modules), "
    "[m.cls.__name__ for m in app.user_middleware][0])"
)
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT = "00f067aa0ba902b7"


def probe(without_sdk: bool = False, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
    result = subprocess.run(
        [sys.executable, "-c", (NO_SDK if without_sdk else "") + PROBE],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_off_unless_configured_and_then_not_even_imported(tmp_path):
    data = {"KLANTINTERACTIES_DATA_DIR": str(tmp_path)}
    assert probe(**data) == "False AccessLogMiddleware"
    assert probe(**data, OTEL_SDK_DISABLED="true", OTEL_TRACES_EXPORTER="console") == (
        "False AccessLogMiddleware"
    )
    # Asked for without the extra: the server runs, untraced.
    assert probe(True, **data, OTEL_TRACES_EXPORTER="console") == "False AccessLogMiddleware"
    if not tracing.available():
        pytest.skip("the 'otel' extra is not installed (pip install -e '.[otel]')")
    assert probe(**data, OTEL_TRACES_EXPORTER="console") == "True TracingMiddleware"
    assert probe(**data, OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:9") == (
        "True TracingMiddleware"
    )


_MEMORY: list[Any] = []  # the process's one provider: OpenTelemetry refuses a second


@pytest.fixture
def exporter() -> Any:
    if not tracing.available():
        pytest.skip("the 'otel' extra is not installed (pip install -e '.[otel]')")
    if not _MEMORY:
        from opentelemetry import trace
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import SimpleSpanProcessor
        from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

        memory = InMemorySpanExporter()
        provider = TracerProvider()
        provider.add_span_processor(SimpleSpanProcessor(memory))
        trace.set_tracer_provider(provider)  # configure() keeps a provider that is set
        _MEMORY.append(memory)
    return _MEMORY[0]


@pytest.fixture
def traced(exporter: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Tracing on for this test only (it is decided once per process)."""
    monkeypatch.setenv("OTEL_TRACES_EXPORTER", "console")
    monkeypatch.setattr(tracing, "_on", False)
    assert tracing.configure()
    exporter.clear()
    yield exporter
    exporter.clear()


def _bsn_partij() -> dict[str, Any]:
    identificator = {
        "codeObjecttype": "natuurlijk_persoon",
        "codeSoortObjectId": "bsn",
        "objectId": "111222333",
        "codeRegister": "brp",
    }
    return {
        "soortPartij": "persoon",
        "indicatieActief": True,
        "partijIdentificatoren": [{"partijIdentificator": identificator}],
    }


async def test_a_request_is_one_server_span_continuing_the_callers_trace(traced, database, token):
    # The app makes its own Database in its lifespan, so that it instruments its engines.
    app = create_app(Settings(database_url=database.url))
    headers = {"Authorization": f"Token {token}"}
    base = "http://testserver/klantinteracties/api/v1"
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base) as c,
    ):
        created = await c.post("/partijen", json=_bsn_partij(), headers=headers)
        assert created.status_code == 201, created.text
        traced.clear()
        parent = {"traceparent": f"00-{TRACE_ID}-{PARENT}-01"}
        r = await c.get(f"/partijen/{created.json()['uuid']}", headers=headers | parent)
        assert r.status_code == 200

    spans = traced.get_finished_spans()
    [server] = [s for s in spans if s.kind.name == "SERVER"]
    assert server.name == "GET /klantinteracties/api/v1/partijen/{uuid}"
    assert f"{server.context.trace_id:032x}" == TRACE_ID
    assert f"{server.parent.span_id:016x}" == PARENT
    assert server.attributes["http.response.status_code"] == 200
    assert "111222333" not in str(dict(server.attributes))
    statements = [s for s in spans if "db.system" in (s.attributes or {})]
    assert statements, [s.name for s in spans]
    assert {s.context.trace_id for s in statements} == {server.context.trace_id}
    assert {s.parent.span_id for s in statements} == {server.context.span_id}
    assert {s.name for s in statements} >= {"SELECT"}

    async with database.read_engine.connect() as conn:
        logged = (
            await conn.execute(select(processing_log).where(processing_log.c.trace_id == TRACE_ID))
        ).all()
    assert logged, "the read of a partij with a BSN is in the processing log"
    assert {(row.span_id, row.parent_span_id) for row in logged} == {
        (f"{server.context.span_id:016x}", PARENT)
    }


async def test_the_worker_sends_traceparent_on_its_calls(traced):
    from klantinteracties.events.client import NotificationsClient

    with running_receiver() as rx:
        async with NotificationsClient(Settings(notifications_url=rx.url)) as client:
            assert await client.deliver("notificatie", '{"kanaal": "partijen"}') is None
    [received] = [r for r in rx.requests if r.method == "POST"]
    [span] = [s for s in traced.get_finished_spans() if s.kind.name == "CLIENT"]
    assert span.name == "POST /notificaties"
    _version, trace_id, span_id, _flags = received.headers["traceparent"].split("-")
    ours = (f"{span.context.trace_id:032x}", f"{span.context.span_id:016x}")
    assert (trace_id, span_id) == ours
