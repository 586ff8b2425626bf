"""``serve``'s processes: how many, the refusal on SQLite, and a graceful stop on SIGTERM, all
with the real command as a process of its own."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import orjson
import pytest
from sqlalchemy import text

from klantinteracties.core.db import Database
from klantinteracties.ops.processes import usable_cores
from tests.helpers import API_PATH, free_port, open_post, server_process

STARTED = "Started server process"


async def _serve(database: Database, *args: str, **env: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "klantinteracties",
        "serve",
        "--port",
        str(free_port()),
        *args,
        env={**os.environ, "DATABASE_URL": database.url, **env},
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_more_than_one_process_on_sqlite_is_refused(database):
    if not database.sqlite:
        pytest.skip("a refusal of SQLite only")
    for args, env in ((("--workers", "2"), {}), ((), {"KLANTINTERACTIES_WORKERS": "3"})):
        proc = await _serve(database, *args, **env)
        _, err = await asyncio.wait_for(proc.communicate(), 60)
        assert proc.returncode == 2, err
        lines = err.decode().strip().splitlines()
        assert len(lines) == 1 and "SQLite" in lines[0] and "PostgreSQL" in lines[0], lines


def test_cores_follow_a_cgroup_cpu_quota(tmp_path: Path) -> None:
    cpu_max = tmp_path / "cpu.max"
    cpu_max.write_text("max 100000\n")
    unlimited = usable_cores(cpu_max)
    assert unlimited == len(os.sched_getaffinity(0))
    cpu_max.write_text("50000 100000\n")  # half a core: still one process
    assert usable_cores(cpu_max) == 1
    cpu_max.write_text(f"{(unlimited + 4) * 100000} 100000\n")  # a quota above the cores
    assert usable_cores(cpu_max) == unlimited
    assert usable_cores(tmp_path / "absent") == unlimited


async def test_postgresql_runs_one_process_per_core_by_default(database):
    if database.sqlite:
        pytest.skip("SQLite runs one process")
    proc = await _serve(database, KLANTINTERACTIES_LOG_LEVEL="info")
    started = 0
    try:
        async with asyncio.timeout(60):
            while started < usable_cores():
                line = await proc.stderr.readline()  # type: ignore[union-attr]
                assert line, "serve exited"
                started += STARTED in line.decode()
    finally:
        proc.terminate()
        _, rest = await proc.communicate()
    started += rest.decode().count(STARTED)
    assert started == usable_cores()


async def _unserved(origin: str) -> bool:
    """A new connection is refused, or (several processes: the parent keeps the port open until
    the last one is done) accepted but its request never answered."""
    host, port = origin.removeprefix("http://").split(":")
    try:
        reader, writer = await asyncio.open_connection(host, int(port))
    except ConnectionRefusedError:
        return True
    try:
        writer.write(f"GET {API_PATH}/ HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        await writer.drain()
        async with asyncio.timeout(0.5):
            return await reader.read(1) == b""
    except (TimeoutError, ConnectionError):
        return True
    finally:
        writer.close()


@pytest.mark.parametrize("processes", [1, 2])
async def test_sigterm_finishes_the_request_in_flight(database, token, processes):
    if database.sqlite and processes > 1:
        pytest.skip("SQLite runs one process")
    body = orjson.dumps({"naam": "graceful"})
    # With two, the parent passes SIGTERM on to the process that holds the request.
    workers = {"KLANTINTERACTIES_WORKERS": str(processes)}
    async with server_process(database.url, env=workers) as (origin, proc):
        path = f"{API_PATH}/categorieen"
        reader, writer = await open_post(origin, path, token, f"Content-Length: {len(body)}")
        writer.write(body[:5])  # a slow client: the request is in flight, its body unread
        await writer.drain()
        await asyncio.sleep(0.3)
        proc.send_signal(signal.SIGTERM)
        for _ in range(200):  # no new requests served once stopping (within 10 s)
            if await _unserved(origin):
                break
            await asyncio.sleep(0.05)
        else:
            raise AssertionError("still serving new connections 10 s after SIGTERM")
        assert proc.returncode is None  # still finishing the request
        writer.write(body[5:])
        await writer.drain()
        async with asyncio.timeout(10):
            response = await reader.read()
        writer.close()
        status = response.split(b"\r\n", 1)[0]
        assert status.startswith(b"HTTP/1.1 201"), response[:300]
        # uvicorn re-raises the signal it stopped for once it is done, so a supervisor sees
        # the process ended by SIGTERM (and not by a crash).
        assert await asyncio.wait_for(proc.wait(), 10) in (0, -signal.SIGTERM)
    async with database.session() as session:
        found = await session.execute(text("SELECT naam FROM categorie WHERE naam = 'graceful'"))
        assert found.scalar() == "graceful"
