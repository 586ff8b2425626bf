"""How ``klantinteracties serve`` runs uvicorn: its own access log and a header read timeout.

uvicorn times out idle keep-alive connections, but not a client that connects and then sends
its request headers slowly (or never): each such connection is kept open for ever. The protocol
below closes a connection whose request headers are not complete within
KLANTINTERACTIES_HEADER_READ_TIMEOUT seconds. The body has its own deadline (see core/body.py).
"""

from __future__ import annotations

import asyncio
import copy
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from uvicorn.config import LOGGING_CONFIG
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from .settings import Settings, get_settings

MULTIPROC_DIR = "PROMETHEUS_MULTIPROC_DIR"

TIMEOUT_RESPONSE = b"HTTP/1.1 408 Request Timeout\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"


class HeaderTimeoutProtocol(HttpToolsProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_timeout = get_settings().header_read_timeout
        self.header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm()  # the next request on a kept-alive connection

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self.header_timer is None:
            self.header_timer = self.loop.call_later(self.header_timeout, self._expired)

    def _disarm(self) -> None:
        if self.header_timer is not None:
            self.header_timer.cancel()
            self.header_timer = None

    def _expired(self) -> None:
        self.header_timer = None
        if not self.transport.is_closing():
            self.transport.write(TIMEOUT_RESPONSE)
            self.transport.close()


def log_config(log_level: str, log_format: str = "auto") -> dict[str, Any]:
    """uvicorn's logging, plus our loggers: ``klantinteracties.access`` in uvicorn's access
    format or as JSON lines (ops/logs.py); uvicorn's own access log, which prints query
    strings, is switched off."""
    from .ops import logs

    level = log_level.upper()
    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["klantinteracties"] = {"handlers": ["default"], "level": level}
    config["loggers"]["klantinteracties.access"] = {
        "handlers": ["access"],
        "level": level,
        "propagate": False,
    }
    return logs.apply(config, log_format)


def run(host: str, port: int, workers: int, log_level: str) -> None:
    import uvicorn

    settings = get_settings()
    with metrics_processes(settings, workers):
        if settings.metrics_port is not None:
            from .ops.metrics import start_listener

            start_listener(settings.metrics_port, host)
        uvicorn.run(
            "klantinteracties.asgi:app",
            host=host,
            port=port,
            workers=workers,
            log_level=log_level,
            log_config=log_config(log_level, settings.log_format),
            access_log=False,
            http="klantinteracties.serving:HeaderTimeoutProtocol",
            proxy_headers=True,
        )


# The "metrics" part of issue 15: prometheus_client's multi-process mode for --workers N.
@contextmanager
def metrics_processes(settings: Settings, workers: int) -> Iterator[None]:
    """With metrics on and more than one worker, each worker writes its series to files in
    PROMETHEUS_MULTIPROC_DIR and a scrape (of any worker, or of the metrics port) adds them
    up. Unless the operator names one, a fresh directory is made for this server and removed
    when it stops: files left by an earlier run would count again. The variable is set before
    uvicorn starts the workers, which inherit it."""
    from .ops.metrics import enabled

    if workers <= 1 or not enabled(settings) or os.environ.get(MULTIPROC_DIR):
        yield
        return
    made = tempfile.mkdtemp(prefix="klantinteracties-metrics-")
    os.environ[MULTIPROC_DIR] = made
    try:
        yield
    finally:
        del os.environ[MULTIPROC_DIR]
        shutil.rmtree(made, ignore_errors=True)
