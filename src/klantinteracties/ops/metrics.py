"""``/_metrics``: Prometheus exposition (docs/operations.md "Metrics"). Off unless configured:

- ``METRICS_TOKEN`` set: ``GET /_metrics`` on the API's own port, with ``Authorization: Bearer
  <token>`` (or ``Token <token>``);
- ``METRICS_PORT`` set: a listener of its own on that port, without a token (a port the
  network keeps for the scraper). ``serve`` starts it in its own process (serving.py): with one
  worker that is the process serving the API; with more it is uvicorn's supervisor, which reads
  every worker's files in ``PROMETHEUS_MULTIPROC_DIR``.

Off, nothing here imports prometheus_client and no request pays for it. The gauges that need a
look at the database or the pools are refreshed every ``REFRESH_EVERY`` seconds by each process
and, on ``/_metrics``, at the scrape itself.
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from typing import Any

from fastapi import FastAPI, Request
from starlette.responses import Response

from klantinteracties.core.db import Database
from klantinteracties.core.frontdoor import METRICS_PATH, Observer
from klantinteracties.events.backlog import backlog
from klantinteracties.settings import Settings

METRICS = METRICS_PATH
REFRESH_EVERY = 5.0
_REFUSED = {"WWW-Authenticate": "Bearer", "Cache-Control": "no-store"}


def enabled(settings: Settings) -> bool:
    return bool(settings.metrics_token.get_secret_value()) or settings.metrics_port is not None


def install(app: FastAPI, settings: Settings) -> list[Observer]:
    """The series and, with a token, the route; returns the edge middleware's observers."""
    if not enabled(settings):
        return []
    from . import series

    if settings.metrics_token.get_secret_value():
        app.add_api_route(METRICS, scrape, methods=["GET"], include_in_schema=False)
    return [series.observe]


def delivery_observer(settings: Settings) -> Callable[[Sequence[Any]], None] | None:
    """What the delivery worker tells of each settled batch, when metrics are on."""
    if not enabled(settings):
        return None
    from . import series

    return series.attempts


def presented_token(header: str | None) -> str:
    scheme, _, value = (header or "").strip().partition(" ")
    return value.strip() if scheme.lower() in ("bearer", "token") else ""


async def scrape(request: Request) -> Response:
    from . import series

    settings: Settings = request.app.state.settings
    expected = settings.metrics_token.get_secret_value().encode()
    given = presented_token(request.headers.get("authorization")).encode()
    if not hmac.compare_digest(given, expected):
        series.token_refused()
        return Response("metrics token required\n", 401, _REFUSED, "text/plain")
    await refresh(request.app.state.db, settings)
    body, content_type = series.exposition()
    return Response(body, headers={"Cache-Control": "no-store"}, media_type=content_type)


async def refresh(db: Database, settings: Settings) -> None:
    from . import series

    series.sample_pools(db)
    if settings.notifications_url:
        series.set_backlog(await backlog(db.read_engine))


@asynccontextmanager
async def running(db: Database, settings: Settings) -> AsyncIterator[None]:
    """For the app's lifespan: this process's gauges kept fresh while inside."""
    if not enabled(settings):
        yield
        return
    import os

    from . import series

    task = asyncio.create_task(_refreshing(db, settings), name="metrics-refresh")
    try:
        yield
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task
        series.mark_dead(os.getpid())


async def _refreshing(db: Database, settings: Settings) -> None:
    while True:
        # The database away: the health check says so; the gauges keep their last values.
        with suppress(Exception):
            await refresh(db, settings)
        await asyncio.sleep(REFRESH_EVERY)


def start_listener(port: int, host: str) -> None:
    """The separate metrics port (a daemon thread of prometheus_client's), in this process."""
    import os

    from prometheus_client import REGISTRY, CollectorRegistry, start_http_server
    from prometheus_client.multiprocess import MultiProcessCollector

    registry = REGISTRY
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):  # the supervisor of several workers
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
    try:
        start_http_server(port, addr=host, registry=registry)
    except OSError as exc:  # taken, or not ours to bind: say which setting, in one line
        raise SystemExit(f"KLANTINTERACTIES_METRICS_PORT={port}: cannot listen ({exc})") from None
