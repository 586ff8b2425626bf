"""Database outage (issue 16, point 4).

The real thing: the test starts a PostgreSQL cluster of its own (initdb, pg_ctl) on a free port,
serves on it with a real server process, stops the cluster, and starts it again. A connection
lost in the middle of a read is also forced in-process, on both databases, to show the retry."""

from __future__ import annotations

import asyncio
import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from klantinteracties.core.auth import TokenStore
from klantinteracties.core.db import Database
from klantinteracties.db.models import api_token
from klantinteracties.migrate import upgrade
from tests.helpers import free_port, problem, server_process

API = "/klantinteracties/api/v1"


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


class Cluster:
    """A throw-away PostgreSQL cluster; as root it runs as the ``postgres`` system user."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="ki-pg-"))
        self.port = free_port()
        self.data = self.dir / "data"
        self.url = f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")

    def _run(self, *args: str) -> None:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")

    def start(self) -> None:
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.dir / "log")
        self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", log, "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("initdb not found under /usr/lib/postgresql/*/bin")
    c = Cluster(bindir)
    try:
        c.init()
        c.start()
        yield c
    finally:
        c.remove()


async def _prepare(url: str) -> str:
    db = Database(url)
    try:
        await upgrade(db.write_engine)
        async with db.session(write=True) as session:
            return await TokenStore(api_token).create(session, "outage", ["*"])
    finally:
        await db.dispose()


async def test_a_postgresql_restart_is_503_then_recovers(cluster):
    key = await _prepare(cluster.url)
    headers = {"Authorization": f"Token {key}"}
    async with (
        server_process(cluster.url) as (origin, _proc),
        httpx.AsyncClient(base_url=origin + API, headers=headers, timeout=30) as http,
    ):
        assert (await http.get("/categorieen")).status_code == 200

        await asyncio.to_thread(cluster.stop)
        for request in (
            http.get("/categorieen"),
            http.post("/categorieen", json={"naam": "x"}),
        ):
            r = await request
            assert problem(r, 503)["code"] == "service_unavailable"
            assert int(r.headers["Retry-After"]) > 0
            assert r.headers.get("connection") != "close"  # the client may simply try again

        await asyncio.to_thread(cluster.start)
        r = await http.get("/categorieen")  # stale pooled connections are replaced
        assert r.status_code == 200, r.text
        assert (await http.post("/categorieen", json={"naam": "x"})).status_code == 201


async def test_a_read_is_retried_once_on_a_lost_connection(client, monkeypatch):
    calls = []
    original = TokenStore.authenticate

    async def flaky(self, session, header):
        calls.append(1)
        if len(calls) == 1:
            raise ConnectionResetError("connection lost")
        return await original(self, session, header)

    monkeypatch.setattr(TokenStore, "authenticate", flaky)
    r = await client.get("/categorieen")
    assert r.status_code == 200, r.text
    assert len(calls) == 2


async def test_a_write_is_not_retried_and_gets_503(client, monkeypatch):
    calls = []

    async def lost(self, session, header):
        calls.append(1)
        raise ConnectionResetError("connection lost")

    monkeypatch.setattr(TokenStore, "authenticate", lost)
    r = await client.post("/categorieen", json={"naam": "x"})
    assert problem(r, 503)["code"] == "service_unavailable"
    assert len(calls) == 1
    r = await client.get("/categorieen")  # a read gives up after its one retry
    assert problem(r, 503)["code"] == "service_unavailable"
    assert len(calls) == 3
