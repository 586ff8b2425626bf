"""What the server answers when something outside the request goes wrong.

- The database is unreachable or the connection broke (a restart, a failover, a full pool):
  503 with ``Retry-After`` and a problem body, answered through the normal exception handling
  so that the HTTP connection stays open for the client's next try.
- Any other unexpected exception: a 500 problem body, logged here with its traceback but
  without exception messages, because those may quote request values (a BSN in a filter, a
  name in a body). Nothing is passed on to the ASGI server, which would log the full messages
  and close the connection.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .db import is_connection_error
from .errors import ProblemError, problem_response
from .scrub import route_of, scrubbed_traceback

logger = logging.getLogger("klantinteracties")

RETRY_AFTER_SECONDS = 5


def unavailable() -> ProblemError:
    title = "De database is tijdelijk niet bereikbaar."
    detail = f"Probeer het over {RETRY_AFTER_SECONDS} seconden opnieuw."
    return ProblemError(
        503,
        "service_unavailable",
        title,
        detail,
        "ServiceUnavailable",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def server_error() -> ProblemError:
    msg = "Er is een serverfout opgetreden."
    return ProblemError(500, "error", msg, msg, "APIException")


def log_failure(request: Request, exc: BaseException) -> None:
    logger.error(
        "unhandled error on %s %s\n%s", request.method, route_of(request), scrubbed_traceback(exc)
    )


def install_failure_handlers(app: FastAPI) -> None:
    async def on_database_error(request: Request, exc: Exception) -> Response:
        if is_connection_error(exc):
            logger.warning(
                "database unavailable on %s %s: %s",
                request.method,
                route_of(request),
                type(exc).__name__,
            )
            return problem_response(request, unavailable())
        log_failure(request, exc)
        return problem_response(request, server_error())

    for kind in (OperationalError, InterfaceError, PoolTimeout, OSError):
        app.add_exception_handler(kind, on_database_error)


class LastResortMiddleware:
    """Answers an exception no handler took with a 500 problem body (see module docstring)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_wrapper(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        except Exception as exc:
            request = Request(scope)
            problem = unavailable() if is_connection_error(exc) else server_error()
            if problem.status == 500:
                log_failure(request, exc)
            if started:
                raise RuntimeError("response already started") from None
            await problem_response(request, problem)(scope, receive, send)
