"""/_health/live and /_health/ready through HTTP, and `klantinteracties healthcheck` against a
real server process."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from klantinteracties.app import create_app
from klantinteracties.core.db import Database
from klantinteracties.db.models import outbox
from klantinteracties.db.schema import HEAD
from klantinteracties.migrate import head_revision
from klantinteracties.settings import Settings
from tests.helpers import free_port, server_process


@pytest.fixture
async def health(database: Database) -> AsyncIterator[Any]:
    """``await health(**settings)``: a client without any token of an app with these settings."""
    async with AsyncExitStack() as stack:

        async def make(db: Database = database, **overrides: Any) -> httpx.AsyncClient:
            settings = Settings(database_url=db.url, **overrides)
            app = create_app(settings, db)
            await stack.enter_async_context(app.router.lifespan_context(app))
            transport = httpx.ASGITransport(app=app)
            c = httpx.AsyncClient(transport=transport, base_url="http://testserver")
            return await stack.enter_async_context(c)

        yield make


def test_the_code_knows_its_schema_revision() -> None:
    assert head_revision() == HEAD


async def test_live_and_ready_need_no_token(health):
    c = await health()
    r = await c.get("/_health/live")
    assert r.status_code == 200 and r.json() == {"status": "ok"}
    assert r.headers["cache-control"] == "no-store"
    r = await c.get("/_health/ready")
    assert r.status_code == 200, r.text
    assert r.json() == {
        "status": "ok",
        "checks": {
            "database": {"ok": True},
            "schema": {"ok": True, "revision": HEAD, "expected": HEAD},
        },
    }


async def test_not_ready_when_the_schema_is_not_the_codes(health, database):
    c = await health()
    async with database.session(write=True) as session:
        await session.execute(text("UPDATE alembic_version SET version_num = '0005'"))
        await session.commit()
    try:
        r = await c.get("/_health/ready")
    finally:
        async with database.session(write=True) as session:
            await session.execute(text(f"UPDATE alembic_version SET version_num = '{HEAD}'"))
            await session.commit()
    assert r.status_code == 503
    assert r.json()["checks"]["schema"] == {"ok": False, "revision": "0005", "expected": HEAD}
    assert r.json()["status"] == "unavailable"
    assert (await c.get("/_health/live")).status_code == 200  # live does not look


async def test_not_ready_without_a_database(health, database):
    if database.sqlite:
        url = "sqlite+aiosqlite:////nonexistent-dir/never/here.db"
    else:
        url = f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/test"
    gone = Database(url)
    try:
        c = await health(gone, auto_migrate=False, processing_log=False)
        r = await c.get("/_health/ready")
        assert r.status_code == 503, r.text
        check = r.json()["checks"]["database"]
        assert check["ok"] is False and check["reason"]  # the kind of failure, no message
        assert (await c.get("/_health/live")).status_code == 200
    finally:
        await gone.dispose()


async def _pending(database: Database, n: int) -> None:
    now = dt.datetime.now(dt.UTC)
    row = {
        "kind": "notificatie",
        "topic": "partijen",
        "body": "{}",
        "created_at": now - dt.timedelta(seconds=30),
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": now,
    }
    async with database.session(write=True) as session:
        await session.execute(
            outbox.insert(), [{**row, "ordering_key": f"partijen/{i}"} for i in range(n)]
        )
        await session.commit()


async def test_the_outbox_backlog_makes_it_unready_from_the_threshold(health, database):
    on = {"notifications_url": "http://127.0.0.1:9/api/v1", "notifications_with_worker": False}
    c = await health(health_max_outbox_backlog=3, **on)
    await _pending(database, 2)
    try:
        r = await c.get("/_health/ready")
        assert r.status_code == 200, r.text
        outbox_check = r.json()["checks"]["outbox"]
        assert outbox_check["pending"] == 2 and outbox_check["failed"] == 0
        assert outbox_check["oldestPendingSeconds"] >= 30
        await _pending(database, 1)
        r = await c.get("/_health/ready")
        assert r.status_code == 503 and r.json()["checks"]["outbox"]["ok"] is False
        # 0: the backlog is shown but never makes it unready
        r = await (await health(health_max_outbox_backlog=0, **on)).get("/_health/ready")
        assert r.status_code == 200 and r.json()["checks"]["outbox"]["pending"] == 3
    finally:
        async with database.session(write=True) as session:
            await session.execute(outbox.delete())
            await session.commit()


async def test_without_notifications_the_outbox_is_not_checked(health, database):
    r = await (await health()).get("/_health/ready")
    assert "outbox" not in r.json()["checks"]


async def test_health_answers_a_host_the_api_refuses(health):
    c = await health(allowed_hosts="klantinteracties.example")
    probe = {"Host": "10.1.2.3:8000"}  # a probe at the pod's address
    assert (await c.get("/_health/live", headers=probe)).status_code == 200
    assert (await c.get("/_health/ready", headers=probe)).status_code == 200
    r = await c.get("/klantinteracties/api/v1/partijen", headers=probe)
    assert r.status_code == 400


async def _healthcheck(*args: str) -> tuple[int, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "klantinteracties",
        "healthcheck",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate()
    return proc.returncode or 0, (out + err).decode()


async def test_the_healthcheck_command(database):
    async with server_process(database.url) as (origin, _proc):
        code, out = await _healthcheck("--url", origin)
        assert code == 0 and '"status":"ok"' in out.replace(" ", "")
        code, _ = await _healthcheck("--url", origin, "--live")
        assert code == 0
    code, out = await _healthcheck("--url", f"http://127.0.0.1:{free_port()}", "--timeout", "2")
    assert code == 1 and "not reachable" in out
