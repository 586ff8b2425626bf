"""A real server with notifications on and a real worker delivering them to a receiver on
loopback: inside the server (``serve --with-worker``) on SQLite, a ``klantinteracties worker``
process of its own on PostgreSQL. Shared by the end-to-end and crash tests."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from klantinteracties.core.db import Database
from klantinteracties.db.models.outbox import DELIVERED
from tests.events.conftest import SOURCE, TIMESTAMP
from tests.events.delivery_helpers import env_for, rows
from tests.helpers import API_PATH, server_process

ON = {
    "KLANTINTERACTIES_NOTIFICATIONS_SOURCE": SOURCE,
    "KLANTINTERACTIES_CLOUDEVENTS": "true",
    "KLANTINTERACTIES_LOG_LEVEL": "warning",
}


@dataclass
class Running:
    api: str  # the server's API root
    server: asyncio.subprocess.Process
    worker: asyncio.subprocess.Process | None  # None: the server's own (SQLite)

    def kill(self) -> None:
        """SIGKILL to the server and its worker: no chance to finish anything."""
        for proc in (self.server, self.worker):
            if proc is not None and proc.returncode is None:
                proc.kill()


async def worker_process(db: Database, url: str, log: Path, **env: str) -> Any:
    """``klantinteracties worker``; its log to a file (a full pipe would stop it)."""
    with log.open("ab") as out:
        return await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "klantinteracties",
            "worker",
            env=env_for(db, url, **ON, **env),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=out,
        )


async def _stop(proc: asyncio.subprocess.Process) -> None:
    if proc.returncode is None:
        proc.terminate()
    with suppress(ProcessLookupError):
        await asyncio.wait_for(proc.communicate(), 30)


@asynccontextmanager
async def delivering(db: Database, url: str, log: Path, **env: str) -> AsyncIterator[Running]:
    """A server (and, on PostgreSQL, a worker process) sending to ``url``, with a source and
    CloudEvents on; ``env`` adds settings to both."""
    settings = {k: v for k, v in env_for(db, url, **ON, **env).items() if k.startswith("KLANT")}
    args = ("--with-worker",) if db.sqlite else ("--no-with-worker",)
    async with server_process(db.url, env=settings, args=args) as (origin, proc):
        worker = None if db.sqlite else await worker_process(db, url, log, **env)
        try:
            yield Running(origin + API_PATH, proc, worker)
        finally:
            if worker is not None:
                await _stop(worker)
            if proc.returncode is not None:  # killed by the test: collect it
                await proc.communicate()


def api_client(running: Running, token: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=running.api, headers={"Authorization": f"Token {token}"}, timeout=30
    )


async def all_delivered(db: Database, within: float = 30.0) -> dict[int, dict[str, Any]]:
    """The outbox once every message in it is delivered."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        stored = await rows(db)
        if all(r["status"] == DELIVERED for r in stored.values()):
            return stored
        if asyncio.get_running_loop().time() > deadline:
            left = [r["status"] for r in stored.values() if r["status"] != DELIVERED]
            raise AssertionError(f"not delivered in time: {len(left)} messages")
        await asyncio.sleep(0.1)


def moment(stamp: str) -> dt.datetime:
    """A message's time, after checking its shape (UTC, ``Z``, microseconds only if any)."""
    assert TIMESTAMP.match(stamp), stamp
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
