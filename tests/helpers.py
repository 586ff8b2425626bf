"""Assertion helpers for HTTP-level tests."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import time
from asyncio.subprocess import Process
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
from sqlalchemy import text

from klantinteracties.app import create_app
from klantinteracties.core.db import Database
from klantinteracties.settings import Settings

API_PATH = "/klantinteracties/api/v1"


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """Assert a problem body with the given status and return it."""
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    for key in ("type", "code", "title", "status", "detail", "instance"):
        assert key in body, body
    assert body["status"] == status
    return body


def invalid_params(response: httpx.Response) -> dict[str, str]:
    """A 400 validation problem's invalidParams as {name: code}."""
    body = problem(response, 400)
    return {p["name"]: p["code"] for p in body["invalidParams"]}


def reasons(response: httpx.Response) -> dict[str, str]:
    body = response.json()
    return {p["name"]: p["reason"] for p in body.get("invalidParams", [])}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@asynccontextmanager
async def server_process(
    database_url: str,
    env: dict[str, str] | None = None,
    stdout: bool = False,
    args: tuple[str, ...] = (),
    start_within: float = 10.0,
) -> AsyncIterator[tuple[str, Process]]:
    """``klantinteracties serve`` as a real process on ``database_url``; yields its origin
    (``http://127.0.0.1:<port>``) once it answers (within ``start_within`` seconds), and the
    process (stderr is piped, and stdout, where the access log goes, when asked). ``env`` adds
    or overrides settings; ``args`` are more options of ``serve``."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "KLANTINTERACTIES_LOG_LEVEL": "warning",
        # One process unless a test asks for more (PostgreSQL's default is one per core).
        "KLANTINTERACTIES_WORKERS": "1",
        **(env or {}),
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "klantinteracties",
        "serve",
        "--port",
        str(port),
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE if stdout else asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    origin = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient() as http:
            for _ in range(round(start_within * 10)):
                try:
                    await http.get(f"{origin}/klantinteracties/api/v1/")
                    break
                except httpx.TransportError:
                    await asyncio.sleep(0.1)
            else:
                raise AssertionError("server did not start")
        yield origin, proc
    finally:
        if proc.returncode is None:
            proc.terminate()
            await proc.communicate()  # drains stderr, so a full pipe cannot block the exit


async def open_post(
    origin: str, path: str, token: str, framing: str
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A raw socket to a real server that has sent a POST's headers (``framing`` is the
    Content-Length or Transfer-Encoding header) and nothing of the body yet."""
    host, port = origin.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Token {token}\r\n"
        f"Content-Type: application/json\r\n{framing}\r\n\r\n"
    )
    writer.write(head.encode())
    await writer.drain()
    return reader, writer


@asynccontextmanager
async def app_client(
    database: Database, **settings: Any
) -> AsyncIterator[tuple[httpx.AsyncClient, Any]]:
    """A client on an app of its own, with its lifespan running and the given settings (the
    defaults otherwise, unlike the shared ``app`` fixture); yields the client and the app."""
    app = create_app(Settings(database_url=database.url, **settings), database)
    transport = httpx.ASGITransport(app=app)
    base = f"http://testserver{API_PATH}"
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url=base) as c,
    ):
        yield c, app


async def status_within(
    request: Callable[[], Awaitable[httpx.Response]], status: int, seconds: float = 1.0
) -> None:
    """Sends ``request`` every 50 ms until it answers ``status``; fails when a request sent
    ``seconds`` or more after the first one still answers something else."""
    start = time.monotonic()
    while True:
        sent = time.monotonic() - start
        response = await request()
        if response.status_code == status:
            return
        assert sent < seconds, f"still {response.status_code} {sent:.2f} s later"
        await asyncio.sleep(0.05)


async def refuse_inserts(database: Database, table: str, on: bool) -> None:
    """A trigger that makes every INSERT into ``table`` fail (``on``), or its removal: a
    database that refuses what a request has to write."""
    name = f"refuse_{table}"
    if database.sqlite:
        sql = (
            [f"CREATE TRIGGER {name} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'no'); END"]
            if on
            else [f"DROP TRIGGER {name}"]
        )
    else:
        sql = (
            [
                f"CREATE FUNCTION {name}() RETURNS trigger AS "
                "$$ BEGIN RAISE EXCEPTION 'no'; END $$ LANGUAGE plpgsql",
                f"CREATE TRIGGER {name} BEFORE INSERT ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {name}()",
            ]
            if on
            else [f"DROP TRIGGER {name} ON {table}", f"DROP FUNCTION {name}()"]
        )
    async with database.write_engine.begin() as conn:
        for statement in sql:
            await conn.execute(text(statement))
