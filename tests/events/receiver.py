"""A real Notificaties API stand-in on loopback, for the delivery tests: a small ASGI app served
by uvicorn in a thread of its own. It records every request (method, path, query, headers,
body) and can be told to answer with an error or to hang; it also keeps kanalen, so that
``register-kanalen`` has something to register at.

Shared by the tests in this folder (not a conftest: other files here have their own).
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn

from tests.helpers import free_port


@dataclass
class Received:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    ok: bool = False  # answered with success
    at: float = field(default_factory=time.monotonic)

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """What the server saw and how it answers; the tests change the fields while it runs."""

    port: int
    requests: list[Received] = field(default_factory=list)
    kanalen: list[dict[str, Any]] = field(default_factory=list)
    fail_next: int = 0  # answer this many message POSTs with ``fail_status``
    fail_status: int = 500
    hang: bool = False  # keep message POSTs waiting until this is cleared
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v1"

    def messages(self) -> list[Received]:
        with self.lock:
            return [r for r in self.requests if r.path.endswith(("/notificaties", "/cloudevents"))]

    def delivered(self) -> list[Received]:
        """The message POSTs answered with success."""
        with self.lock:
            return [r for r in self.requests if r.ok]

    async def app(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        body = b""
        while True:
            event = await receive()
            if event["type"] == "http.disconnect":
                return  # a sender killed mid-request: nothing arrived
            body += event.get("body", b"")
            if not event.get("more_body"):
                break
        request = Received(
            scope["method"],
            scope["path"],
            scope["query_string"].decode(),
            {k.decode().lower(): v.decode() for k, v in scope["headers"]},
            body,
        )
        with self.lock:
            self.requests.append(request)
        status, answer = await self._answer(request)
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": json.dumps(answer).encode()})

    async def _answer(self, request: Received) -> tuple[int, Any]:
        if request.path.endswith("/kanaal"):
            return self._kanaal(request)
        # A flag, not an asyncio.Event: the test sets it from another thread and event loop.
        while self.hang:  # noqa: ASYNC110
            await asyncio.sleep(0.02)
        with self.lock:
            if self.fail_next > 0:
                self.fail_next -= 1
                # A body that names a person: the worker must never keep it.
                return self.fail_status, {"detail": "Jan Jansen, BSN 999990019, is unknown"}
            request.ok = True
        return 201, {}

    def _kanaal(self, request: Received) -> tuple[int, Any]:
        if request.method == "POST":
            kanaal = request.json()
            self.kanalen.append(kanaal)
            return 201, kanaal
        naam = request.query.removeprefix("naam=")
        return 200, [k for k in self.kanalen if k["naam"] == naam]


@contextmanager
def serving(receiver: Receiver) -> Iterator[Receiver]:
    """Serves ``receiver`` on its port while inside."""
    config = uvicorn.Config(
        receiver.app,
        host="127.0.0.1",
        port=receiver.port,
        log_level="error",
        lifespan="off",
        interface="asgi3",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the receiver did not start")
        time.sleep(0.01)
    try:
        yield receiver
    finally:
        receiver.hang = False
        server.should_exit = True
        thread.join(10)


@contextmanager
def running_receiver() -> Iterator[Receiver]:
    with serving(Receiver(free_port())) as receiver:
        yield receiver


async def wait_for(condition: Callable[[], bool], within: float = 15.0) -> None:
    """Waits (without blocking the event loop) until ``condition()`` holds."""
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        await asyncio.sleep(0.02)
