"""Assertion helpers for HTTP-level tests."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from asyncio.subprocess import Process
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx


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
    database_url: str, env: dict[str, str] | None = None, stdout: bool = False
) -> AsyncIterator[tuple[str, Process]]:
    """``klantinteracties serve`` as a real process on ``database_url``; yields its origin
    (``http://127.0.0.1:<port>``) once it answers, and the process (stderr is piped, and
    stdout, where the access log goes, when asked). ``env`` adds or overrides settings."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "KLANTINTERACTIES_LOG_LEVEL": "warning",
        **(env or {}),
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "klantinteracties",
        "serve",
        "--port",
        str(port),
        env=env,
        stdout=asyncio.subprocess.PIPE if stdout else asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    origin = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient() as http:
            for _ in range(100):
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
