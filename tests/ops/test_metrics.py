"""/_metrics through HTTP (docs/operations.md "Metrics"): off by default, behind its token or on
a port of its own, and the series a scraper needs, labelled by route template."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import subprocess
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from klantinteracties.core.auth import TokenStore
from klantinteracties.core.db import Database
from klantinteracties.db.models import api_token
from tests.events.delivery_helpers import FAST, clear, put_notificaties, start_worker
from tests.events.receiver import running_receiver, wait_for
from tests.helpers import API_PATH, app_client, free_port, server_process

SECRET = "scrape-" + uuid.uuid4().hex
METRICS_URL = "http://testserver/_metrics"  # beside the API, not below its root
SCRAPER = {"Authorization": f"Bearer {SECRET}"}
# Notifications on, with no worker and no Notificaties API listening (port 9: discard).
OUTBOX_ON = {"notifications_url": "http://127.0.0.1:9/api/v1", "notifications_with_worker": False}


@pytest.fixture
async def metrics_app(database: Database) -> AsyncIterator[Any]:
    """``await metrics_app(**settings)``: a client (no API token, paths below the API's root)
    of an app with these settings, its lifespan running; metrics behind SECRET unless the
    settings say otherwise."""
    async with AsyncExitStack() as stack:

        async def make(**overrides: Any) -> httpx.AsyncClient:
            wanted = {"metrics_token": SECRET, **overrides}
            c, _ = await stack.enter_async_context(app_client(database, **wanted))
            return c

        yield make


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of an exposition as {(name, labels): value}."""
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(found: dict[Any, float], name: str, **labels: str) -> float:
    return found.get((name, frozenset(labels.items())), 0.0)


async def scrape(c: httpx.AsyncClient) -> str:
    r = await c.get(METRICS_URL, headers=SCRAPER)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/plain")
    return r.text


async def test_off_by_default(token, metrics_app):
    c = await metrics_app(metrics_token="")
    assert (await c.get(METRICS_URL, headers=SCRAPER)).status_code == 404


def test_off_it_does_not_even_import_the_client(tmp_path):
    code = (
        "import sys\n"
        "from klantinteracties.app import create_app\n"
        "from klantinteracties.settings import Settings\n"
        f"create_app(Settings(database_url='sqlite+aiosqlite:///{tmp_path}/x.db'))\n"
        "assert 'prometheus_client' not in sys.modules, 'imported'\n"
        f"create_app(Settings(database_url='sqlite+aiosqlite:///{tmp_path}/x.db', "
        "metrics_token='x'))\n"
        "assert 'prometheus_client' in sys.modules, 'not imported when on'\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("KLANTINTERACTIES_METRICS")}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


async def test_the_token_is_required(token, metrics_app):
    c = await metrics_app()
    before = samples(await scrape(c))
    for header in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": SECRET}):
        r = await c.get(METRICS_URL, headers=header)
        assert r.status_code == 401, header
        assert r.headers["www-authenticate"] == "Bearer"
        assert "klantinteracties_" not in r.text
    r = await c.get(METRICS_URL, headers={"Authorization": f"Token {SECRET}"})
    assert r.status_code == 200
    after = samples(await scrape(c))
    name, reason = "klantinteracties_token_failures_total", "metrics_token"
    assert value(after, name, reason=reason) - value(before, name, reason=reason) == 3


async def test_scrapers_need_not_send_an_allowed_host(token, metrics_app):
    c = await metrics_app(allowed_hosts="klant.example.nl")
    at_pod = {**SCRAPER, "Host": "10.1.2.3:8000"}
    assert (await c.get(METRICS_URL, headers=at_pod)).status_code == 200
    assert (await c.get("/partijen", headers={"Host": "10.1.2.3:8000"})).status_code == 400


async def test_requests_by_route_template_method_and_status(token, metrics_app):
    c = await metrics_app()
    auth = {"Authorization": f"Token {token}"}
    missing = uuid.uuid4()
    before = samples(await scrape(c))
    for _ in range(3):
        r = await c.get(f"/partijen/{missing}", headers=auth)
        assert r.status_code == 404
    r = await c.get("/partijen", params={"pageSize": 1}, headers=auth)
    assert r.status_code == 200
    assert (await c.get(f"http://testserver/no/such/{missing}")).status_code == 404
    text = await scrape(c)
    after = samples(text)

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    one = f"{API_PATH}/partijen/{{uuid}}"
    total = "klantinteracties_http_requests_total"
    assert grew(total, route=one, method="GET", status="404") == 3
    assert grew(total, route=f"{API_PATH}/partijen", method="GET", status="200") == 1
    assert grew(total, route="(no route)", method="GET", status="404") == 1
    latency = "klantinteracties_http_request_duration_seconds"
    assert grew(f"{latency}_count", route=one, method="GET") == 3
    assert grew(f"{latency}_bucket", route=one, method="GET", le="+Inf") == 3
    assert str(missing) not in text and "pageSize" not in text and token not in text
    for engine in ("read", "write"):
        assert value(after, "klantinteracties_db_pool_size", engine=engine) >= 1
        assert ("klantinteracties_db_pool_checked_out", frozenset({("engine", engine)})) in after


async def test_token_failures_by_reason(token, database, metrics_app):
    c = await metrics_app()
    async with database.session(write=True) as session:
        past = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
        expired = await TokenStore(api_token).create(session, "old", ["*"], expires_at=past)
        await session.commit()
    before = samples(await scrape(c))
    headers = {
        "missing": {},
        "malformed": {"Authorization": "Token"},
        "unknown": {"Authorization": "Token " + "0" * 64},
        "expired": {"Authorization": f"Token {expired}"},
    }
    for h in headers.values():
        assert (await c.get("/partijen", headers=h)).status_code == 401
    text = await scrape(c)
    after = samples(text)
    name = "klantinteracties_token_failures_total"
    for reason in headers:
        assert value(after, name, reason=reason) - value(before, name, reason=reason) == 1
    assert expired not in text


async def test_the_outbox_backlog(token, database, metrics_app):
    await clear(database)
    c = await metrics_app(**OUTBOX_ON)
    await put_notificaties(database, 2)
    try:
        found = samples(await scrape(c))
        assert value(found, "klantinteracties_outbox_pending") == 2
        assert value(found, "klantinteracties_outbox_failed") == 0
        assert 0 <= value(found, "klantinteracties_outbox_oldest_pending_seconds") < 60
    finally:
        await clear(database)
    found = samples(await scrape(c))
    assert value(found, "klantinteracties_outbox_pending") == 0
    assert value(found, "klantinteracties_outbox_oldest_pending_seconds") == 0


async def test_delivery_attempts_by_outcome(token, database, metrics_app):
    await clear(database)
    with running_receiver() as receiver:
        receiver.fail_next = 1
        on = {"notifications_url": receiver.url, "notifications_with_worker": True}
        c = await metrics_app(**on, **FAST, notifications_max_attempts=2)
        before = samples(await scrape(c))
        await put_notificaties(database, 1)
        await wait_for(lambda: len(receiver.delivered()) == 1)
        name = "klantinteracties_notification_attempts_total"

        async def grown(outcome: str) -> float:
            after = samples(await scrape(c))
            return value(after, name, outcome=outcome) - value(before, name, outcome=outcome)

        for _ in range(100):  # the worker settles just after the receiver answered
            if await grown("delivered") == 1:
                break
            await asyncio.sleep(0.02)
        assert await grown("delivered") == 1
        assert await grown("retry") == 1
        receiver.fail_next = 2  # both attempts of the next message fail
        await put_notificaties(database, 1)
        await wait_for(lambda: len(receiver.messages()) == 4)
        for _ in range(100):
            if await grown("failed") == 1:
                break
            await asyncio.sleep(0.02)
        assert await grown("failed") == 1
        assert await grown("retry") == 2
    await clear(database)


async def test_the_worker_process_on_its_metrics_port(database):
    await clear(database)
    port = free_port()
    with running_receiver() as receiver:
        worker = await start_worker(database, receiver.url, KLANTINTERACTIES_METRICS_PORT=str(port))
        try:
            await put_notificaties(database, 1)
            await wait_for(lambda: len(receiver.delivered()) == 1)
            name = "klantinteracties_notification_attempts_total"
            async with httpx.AsyncClient() as http:
                for _ in range(100):  # settled just after the receiver answered
                    r = await http.get(f"http://127.0.0.1:{port}/metrics")
                    if value(samples(r.text), name, outcome="delivered") == 1:
                        break
                    await asyncio.sleep(0.05)
            assert value(samples(r.text), name, outcome="delivered") == 1
        finally:
            worker.terminate()
            await worker.communicate()
    await clear(database)


def _metrics_dirs() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("klantinteracties-metrics-*")}


async def test_a_port_of_its_own_without_a_token(database):
    if not database.sqlite:
        pytest.skip("one worker; the PostgreSQL run below has two")
    port = free_port()
    env = {"KLANTINTERACTIES_METRICS_PORT": str(port)}
    async with server_process(database.url, env) as (origin, _), httpx.AsyncClient() as http:
        assert (await http.get(f"{origin}/_metrics")).status_code == 404  # not on the API's
        await http.get(f"{origin}{API_PATH}/partijen")
        r = await http.get(f"http://127.0.0.1:{port}/metrics")
        assert r.status_code == 200
        found = samples(r.text)
        route = f"{API_PATH}/partijen"
        total = "klantinteracties_http_requests_total"
        assert value(found, total, route=route, method="GET", status="401") == 1


async def test_two_workers_are_counted_together(database, token):
    if database.sqlite:
        pytest.skip("more than one worker needs PostgreSQL")
    port = free_port()
    env = {"KLANTINTERACTIES_METRICS_PORT": str(port), "KLANTINTERACTIES_METRICS_TOKEN": SECRET}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    dirs = _metrics_dirs()
    args = ("--workers", "2")
    async with server_process(database.url, env, args=args) as (origin, _):
        assert len(_metrics_dirs() - dirs) == 1  # made for this server
        n = 40
        # New connections each time, so that both workers get some of them.
        for _ in range(n):
            async with httpx.AsyncClient() as http:
                r = await http.get(f"{origin}{API_PATH}/partijen")
                assert r.status_code == 401
        route = f"{API_PATH}/partijen"
        total = "klantinteracties_http_requests_total"
        async with httpx.AsyncClient() as http:
            r = await http.get(f"http://127.0.0.1:{port}/metrics")
            assert r.status_code == 200
            assert value(samples(r.text), total, route=route, method="GET", status="401") == n
            # Any worker's /_metrics shows the sum of both as well.
            r = await http.get(f"{origin}/_metrics", headers=SCRAPER)
            assert value(samples(r.text), total, route=route, method="GET", status="401") == n
            pids = {
                s.labels.get("pid")
                for f in text_string_to_metric_families(r.text)
                for s in f.samples
            }
            assert pids == {None}  # summed, not one series per process
    assert _metrics_dirs() == dirs  # removed when the server stopped
