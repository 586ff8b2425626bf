"""Middleware at the edge of the application: the access log and the allowed hosts.

The access log names the route template (``GET /klantinteracties/api/v1/partijen/{uuid}``), never
the path and query string a client sent: query strings carry BSNs, names and e-mail addresses.
``klantinteracties serve`` switches uvicorn's own access log off and sends these lines through
uvicorn's access log format instead.
"""

from __future__ import annotations

import logging
import time

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import ProblemError, problem_response

access_logger = logging.getLogger("klantinteracties.access")


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
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]  # before any middleware changes it (HEAD is served as GET)
        started = time.perf_counter()
        response = StatusWatch(send)
        try:
            await self.app(scope, receive, response.send)
        finally:
            self._log(scope, method, response.status, time.perf_counter() - started)

    @staticmethod
    def _log(scope: Scope, method: str, status: int, seconds: float) -> None:
        if not access_logger.isEnabledFor(logging.INFO):
            return
        route = getattr(scope.get("route"), "path", None) or "(no route)"
        client = scope.get("client")
        addr = f"{client[0]}:{client[1]}" if client else "-"
        # The argument order of uvicorn's AccessFormatter: client, method, path, version, status.
        access_logger.info(
            '%s - "%s %s HTTP/%s" %d',
            addr,
            method,
            route,
            scope.get("http_version", "1.1"),
            status,
            extra={"duration_ms": round(seconds * 1000, 1)},
        )


def parse_hosts(raw: str) -> frozenset[str]:
    return frozenset(h.strip().lower() for h in raw.split(",") if h.strip())


HEALTH_PREFIX = "/_health/"


class AllowedHostsMiddleware:
    """Refuses (400) a ``Host`` header not in the allowed list. Links in responses are built
    from the Host header, so an unchecked one lets a client have us hand out links to any site."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts
        self.fallback = sorted(hosts)[0].encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Health probes come with a pod's or container's address as Host, and their answers hold
        # no links, so they are let through.
        exempt = scope["type"] != "http" or scope["path"].startswith(HEALTH_PREFIX)
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
