"""Slow clients against a real server process over loopback sockets (issue 16, point 2).

A client that trickles its body must not hold a transaction (on SQLite the write lock, on
PostgreSQL a pooled connection), and a client that trickles its headers is cut off."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx

from tests.helpers import open_post, server_process

API = "/klantinteracties/api/v1"


@asynccontextmanager
async def slow_writer(origin: str, token: str, length: int = 200) -> AsyncIterator[asyncio.Task]:
    """A raw socket that sends a POST's headers and then its body at one byte per second; the
    task ends with what the server answered (empty when it closed without answering)."""
    reader, writer = await open_post(
        origin, f"{API}/categorieen", token, f"Content-Length: {length}"
    )

    async def trickle() -> bytes:
        async def send() -> None:
            for _ in range(length):
                writer.write(b" ")
                await writer.drain()
                await asyncio.sleep(1)

        sender = asyncio.create_task(send())
        try:
            return await reader.read(65536)
        finally:
            sender.cancel()

    task = asyncio.create_task(trickle())
    try:
        yield task
    finally:
        task.cancel()
        writer.close()


async def timed_write(http: httpx.AsyncClient, origin: str, token: str, naam: str) -> float:
    started = time.perf_counter()
    r = await http.post(
        f"{origin}{API}/categorieen",
        json={"naam": naam},
        headers={"Authorization": f"Token {token}"},
    )
    assert r.status_code == 201, r.text
    return time.perf_counter() - started


async def test_a_slow_body_does_not_block_other_writes(database, token):
    env = {"KLANTINTERACTIES_BODY_READ_TIMEOUT": "4"}
    async with (
        server_process(database.url, env) as (origin, _proc),
        slow_writer(origin, token) as slow,
        httpx.AsyncClient(timeout=10) as http,
    ):
        await asyncio.sleep(0.5)  # the slow client is in the middle of its body
        times = [await timed_write(http, origin, token, f"snel {i}") for i in range(5)]
        assert max(times) < 2, times  # before, they waited for the slow one's lock
        answer = await asyncio.wait_for(slow, 10)
    status_line = answer.split(b"\r\n", 1)[0]
    assert status_line == b"HTTP/1.1 408 Request Timeout", answer
    assert b'"code":"request_timeout"' in answer


async def test_many_slow_bodies_do_not_exhaust_the_pool(database, token):
    # A pool of two connections and eight clients trickling bodies: every other request still
    # gets a connection at once, because a body is read before any connection is taken.
    env = {
        "KLANTINTERACTIES_BODY_READ_TIMEOUT": "6",
        "KLANTINTERACTIES_DB_POOL_SIZE": "2",
        "KLANTINTERACTIES_DB_MAX_OVERFLOW": "0",
    }
    async with (
        server_process(database.url, env) as (origin, _proc),
        httpx.AsyncClient(timeout=10) as http,
        _many(origin, token, 8),
    ):
        await asyncio.sleep(0.5)
        started = time.perf_counter()
        auth = {"Authorization": f"Token {token}"}
        r = await http.get(f"{origin}{API}/categorieen", headers=auth)
        assert r.status_code == 200, r.text
        await timed_write(http, origin, token, "tussendoor")
        assert time.perf_counter() - started < 2


@asynccontextmanager
async def _many(origin: str, token: str, n: int) -> AsyncIterator[None]:
    if n == 0:
        yield
        return
    async with slow_writer(origin, token), _many(origin, token, n - 1):
        yield


async def test_slow_headers_are_cut_off(database, token):
    env = {"KLANTINTERACTIES_HEADER_READ_TIMEOUT": "2"}
    async with server_process(database.url, env) as (origin, _proc):
        host, port = origin.removeprefix("http://").split(":")
        reader, writer = await asyncio.open_connection(host, int(port))
        started = time.perf_counter()

        async def trickle() -> None:
            for byte in f"GET {API}/categorieen HTTP/1.1\r\nHost: x\r\nX-Slow: {'a' * 50}":
                writer.write(byte.encode())
                await writer.drain()
                await asyncio.sleep(0.2)

        sender = asyncio.create_task(trickle())
        try:
            answer = await asyncio.wait_for(reader.read(), 10)  # until the server closes
        finally:
            sender.cancel()
            writer.close()
        assert answer.startswith(b"HTTP/1.1 408"), answer
        assert time.perf_counter() - started < 5

        # An ordinary client on a kept-alive connection is not affected by the timer.
        async with httpx.AsyncClient() as http:
            for _ in range(2):
                r = await http.get(f"{origin}{API}/")
                assert r.status_code == 200
                await asyncio.sleep(2.5)  # longer than the header timeout, shorter than keep-alive
