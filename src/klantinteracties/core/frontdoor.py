"""Middleware at the edge of the application: the access log and the allowed hosts.

The access log names the route template (``GET /klantinteracties/api/v1/partijen/{uuid}``), never
the path and query string a client sent: query strings carry BSNs, names and e-mail addresses.
``klantinteracties serve`` switches uvicorn's own access log off and sends these lines through
uvicorn's access log format instead.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from klantinteracties.access.processing_log import TRACE_SCOPE, parse_traceparent

from .errors import ProblemError, problem_response

access_logger = logging.getLogger("klantinteracties.access")


# Called after each request with (scope, method, status, seconds): the metrics, when on.
Observer = Callable[[Scope, str, int, float], None]


class StatusWatch:
    """Passes a response on and notes its status (500 until one is sent: a request that ends
    in an exception was a failure)."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self.status = 500

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
        await self._send(message)


class AccessLogMiddleware:
    """Outermost: times each request, writes its access log line and tells the observers."""

    def __init__(self, app: ASGIApp, observers: Sequence[Observer] = ()) -> None:
        self.app = app
        self.observers = tuple(observers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]  # before any middleware changes it (HEAD is served as GET)
        started = time.perf_counter()
        # Shared with every request object made further in (request.state), which leaves the
        # trace, the application and the reason of a refused token there.
        scope.setdefault("state", {})
        response = StatusWatch(send)
        try:
            await self.app(scope, receive, response.send)
        finally:
            seconds = time.perf_counter() - started
            self._log(scope, method, response.status, seconds)
            for observe in self.observers:
                observe(scope, method, response.status, seconds)

    @staticmethod
    def _log(scope: Scope, method: str, status: int, seconds: float) -> None:
        if not access_logger.isEnabledFor(logging.INFO):
            return
        route = route_template(scope)
        client = scope.get("client")
        addr = f"{client[0]}:{client[1]}" if client else "-"
        state = scope["state"]
        fields = {
            "method": method,
            "route": route,
            "status": status,
            "duration_ms": round(seconds * 1000, 1),
            "trace_id": _trace_id(scope, state),
            "application": state.get("application"),
        }
        # The argument order of uvicorn's AccessFormatter: client, method, path, version, status;
        # the JSON format (ops/logs.py) writes the fields instead.
        access_logger.info(
            '%s - "%s %s HTTP/%s" %d',
            addr,
            method,
            route,
            scope.get("http_version", "1.1"),
            status,
            extra={"request": fields},
        )


def route_template(scope: Scope) -> str:
    """The matched route's template, never the path sent (it holds uuids and worse)."""
    return getattr(scope.get("route"), "path", None) or "(no route)"


def _trace_id(scope: Scope, state: dict[str, Any]) -> str | None:
    """The processing log's trace id once the request authenticated, else the tracer's span's
    (tracing on), else the incoming traceparent's: the rules of access/recording.py."""
    recorder = state.get("recorder")
    if recorder is not None:
        return str(recorder.activity.trace_id)
    traced = scope.get(TRACE_SCOPE)
    if traced is not None:
        return str(traced[0])
    for name, value in scope.get("headers") or ():
        if name == b"traceparent":
            trace = parse_traceparent(value.decode("latin-1"))
            return trace[0] if trace else None
    return None


def parse_hosts(raw: str) -> frozenset[str]:
    return frozenset(h.strip().lower() for h in raw.split(",") if h.strip())


HEALTH_PREFIX = "/_health/"
METRICS_PATH = "/_metrics"  # ops/metrics.py


class AllowedHostsMiddleware:
    """Refuses (400) a ``Host`` header not in the allowed list. Links in responses are built
    from the Host header, so an unchecked one lets a client have us hand out links to any site."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts
        self.fallback = sorted(hosts)[0].encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Health probes and scrapers come with a pod's or container's address as Host, and their
        # answers hold no links, so they are let through.
        path = scope.get("path", "")
        exempt = scope["type"] != "http" or path.startswith(HEALTH_PREFIX) or path == METRICS_PATH
        if exempt or self._allowed(scope):
            await self.app(scope, receive, send)
            return
        # The problem's own links must not use the refused host either.
        headers = [(k, v) for k, v in scope["headers"] if k != b"host"] + [(b"host", self.fallback)]
        request = Request({**scope, "headers": headers})
        msg = "Deze host wordt niet bediend."
        err = ProblemError(400, "invalid_host", msg, msg, "InvalidHost")
        await problem_response(request, err)(scope, receive, send)

    def _allowed(self, scope: Scope) -> bool:
        host = dict(scope["headers"]).get(b"host", b"").decode("latin-1").lower()
        # Without the port; an IPv6 address keeps its brackets ([::1]:8000 -> [::1]).
        name = host.split("]")[0] + "]" if host.startswith("[") else host.rsplit(":", 1)[0]
        return name in self.hosts
