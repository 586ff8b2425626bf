"""Starting the server under test as a subprocess, the way it runs in production."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from .stats import ENV as STATS_ENV
from .stats import PATH as STATS_PATH


@dataclass(frozen=True)
class Server:
    base_url: str  # e.g. http://127.0.0.1:8123
    pid: int | None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def wait_until_up(base_url: str, seconds: float = 60.0) -> None:
    async with httpx.AsyncClient() as http:
        for _ in range(int(seconds * 10)):
            try:
                await http.get(base_url + STATS_PATH)
                return
            except httpx.TransportError:
                await asyncio.sleep(0.1)
    raise RuntimeError(f"the server at {base_url} did not come up within {seconds:.0f} s")


@contextlib.asynccontextmanager
async def spawned(
    database_url: str, workers: int = 1, log: Path | None = None
) -> AsyncIterator[Server]:
    """``klantinteracties serve`` with production settings (no reload, warnings only).

    The server's own output (warnings, tracebacks of failed requests) goes to ``log``.
    """
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "KLANTINTERACTIES_LOG_LEVEL": "warning",
        "KLANTINTERACTIES_SQL_ECHO": "false",
        STATS_ENV: "1",
    }
    log_file = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115, ASYNC230
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "klantinteracties",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=log_file,
        stderr=log_file,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        await wait_until_up(base_url)
        yield Server(base_url, proc.pid)
    finally:
        if proc.returncode is None:
            proc.terminate()
            try:
                await asyncio.wait_for(proc.wait(), 15)
            except TimeoutError:
                proc.kill()
                await proc.wait()
        if log_file is not subprocess.DEVNULL:
            log_file.close()  # type: ignore[union-attr]
