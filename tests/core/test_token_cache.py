"""The token cache: a known token costs no SQL statement, and a revocation reaches every server
process within a second (PostgreSQL: LISTEN/NOTIFY; SQLite: a one-second time bound)."""

from __future__ import annotations

import asyncio
import os
import secrets
import sys
from typing import Any

import httpx
import pytest
from sqlalchemy import func, text, update

from klantinteracties.core.auth import TokenStore
from klantinteracties.core.token_cache import LISTENER_NAME, TokenListener
from klantinteracties.db.models import api_token
from tests.helpers import API_PATH, app_client, problem, server_process, status_within

URL = "/categorieen"


def auth_statements(counter: Any) -> int:
    return sum("api_token" in s for s in counter.statements)


async def get_counted(http: httpx.AsyncClient, count_statements: Any, key: str) -> int:
    """GET with ``key``; how many authentication statements it sent."""
    with count_statements() as c:
        r = await http.get(URL, headers={"Authorization": f"Token {key}"})
    assert r.status_code == 200, r.text
    return auth_statements(c)


async def new_token(database: Any, name: str) -> str:
    async with database.session(write=True) as session:
        return await TokenStore(api_token).create(session, name, ["*"])


async def revoke_by_hand(database: Any, name: str) -> None:
    """A revocation made in SQL, outside TokenStore: nobody is notified of it."""
    async with database.session(write=True) as session:
        await session.execute(
            update(api_token).where(api_token.c.identifier == name).values(revoked_at=func.now())
        )
        await session.commit()


async def test_a_known_token_costs_no_statement_after_the_first_request(
    client, token, count_statements
):
    assert await get_counted(client, count_statements, token) == 1
    assert await get_counted(client, count_statements, token) == 0
    # A write authenticates from the cache as well.
    with count_statements() as c:
        r = await client.post(URL, json={"naam": "x"})
    assert r.status_code == 201 and auth_statements(c) == 0


async def test_zero_seconds_switches_the_cache_off(database, token, count_statements):
    async with app_client(database, token_cache_seconds=0) as (http, app):
        assert app.state.tokens.cache is None
        assert await get_counted(http, count_statements, token) == 1
        assert await get_counted(http, count_statements, token) == 1


async def test_unknown_keys_are_refused_every_time_and_never_cached(
    app, anon, token, count_statements
):
    cache = app.state.tokens.cache
    before = len(cache)
    key = secrets.token_hex(32)
    for _ in range(3):  # the same unknown key is looked up (and refused) every time
        with count_statements() as c:
            r = await anon.get(URL, headers={"Authorization": f"Token {key}"})
        assert problem(r, 401)["code"] == "authentication_failed"
        assert auth_statements(c) == 1
    for _ in range(50):
        r = await anon.get(URL, headers={"Authorization": f"Token {secrets.token_hex(32)}"})
        problem(r, 401)
    assert len(cache) == before


async def test_the_cache_keeps_at_most_its_size(database, token, count_statements):
    keys = [await new_token(database, f"t{i}") for i in range(5)]
    async with app_client(database, token_cache_size=3) as (http, app):
        for key in keys:
            assert await get_counted(http, count_statements, key) == 1
        assert len(app.state.tokens.cache) == 3
        assert await get_counted(http, count_statements, keys[-1]) == 0  # still cached
        assert await get_counted(http, count_statements, keys[0]) == 1  # the oldest went


async def test_a_change_nobody_notified_is_seen_within_the_time_bound(database, token):
    # Both time bounds short: on SQLite every change is of this kind, on PostgreSQL only
    # changes made to api_token by hand.
    short = {"token_cache_seconds": 0.3, "token_cache_notified_seconds": 0.3}
    headers = {"Authorization": f"Token {token}"}
    async with app_client(database, **short) as (http, _app):
        assert (await http.get(URL, headers=headers)).status_code == 200
        await revoke_by_hand(database, "tests")
        await status_within(lambda: http.get(URL, headers=headers), 401, seconds=0.5)


async def test_a_revocation_through_token_store_reaches_this_process_at_once(
    app, client, database
):
    key = await new_token(database, "other")
    headers = {"Authorization": f"Token {key}"}
    assert (await client.get(URL, headers=headers)).status_code == 200
    async with database.session(write=True) as session:
        await app.state.tokens.revoke(session, "other")
    assert (await client.get(URL, headers=headers)).status_code == 401


async def bench_statements(http: httpx.AsyncClient, origin: str) -> int:
    return int((await http.get(f"{origin}/_bench/stats")).json()["statements"])


async def statements_of(http: httpx.AsyncClient, origin: str, headers: dict[str, str]) -> int:
    before = await bench_statements(http, origin)
    assert (await http.get(f"{origin}{API_PATH}{URL}", headers=headers)).status_code == 200
    return await bench_statements(http, origin) - before


async def revoke_with_cli(database_url: str, name: str) -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "klantinteracties",
        "token",
        "revoke",
        name,
        env={**os.environ, "DATABASE_URL": database_url},
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await proc.communicate()
    assert proc.returncode == 0, err.decode()


async def test_a_revocation_reaches_every_server_process_within_a_second(database, token):
    headers = {"Authorization": f"Token {token}"}
    env = {"KLANTINTERACTIES_BENCH_STATS": "1"}
    async with (
        server_process(database.url, env) as (one, _),
        server_process(database.url, env) as (two, _),
        httpx.AsyncClient() as http,
    ):
        for origin in (one, two):
            first = await statements_of(http, origin, headers)
            # The second request is served from this process's cache: one statement fewer.
            assert await statements_of(http, origin, headers) == first - 1
        await revoke_with_cli(database.url, "tests")
        for origin in (one, two):
            url = f"{origin}{API_PATH}{URL}"
            await status_within(lambda url=url: http.get(url, headers=headers), 401)


async def kill_listeners(database: Any) -> int:
    async with database.session(write=True) as session:
        killed = (
            await session.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE application_name = :name AND datname = current_database()"
                ),
                {"name": LISTENER_NAME},
            )
        ).scalar_one()
        await session.commit()
    return int(killed)


async def until_cached(http: httpx.AsyncClient, count_statements: Any, key: str) -> None:
    """Waits (at most 5 s) until requests with ``key`` are served from the cache again."""
    for _ in range(100):
        if await get_counted(http, count_statements, key) == 0:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the token cache did not come back")


async def test_without_its_notifications_a_server_asks_the_database(
    database, client, token, count_statements, monkeypatch
):
    if database.sqlite:
        pytest.skip("PostgreSQL only: SQLite has no notifications to lose")
    monkeypatch.setattr(TokenListener, "MIN_BACKOFF", 2.0)  # stay down long enough to see it
    key = await new_token(database, "portal")
    headers = {"Authorization": f"Token {key}"}
    async with app_client(database) as (http, _app):
        await until_cached(http, count_statements, key)
        assert await kill_listeners(database) == 2  # this app's and the shared app's
        # Down (noticed as soon as the connection breaks): every request asks the database, so
        # no revocation can be missed...
        for _ in range(5):
            if await get_counted(http, count_statements, key) == 1:
                break
            await asyncio.sleep(0.05)
        else:
            raise AssertionError("the cache was still used without its notifications")
        # ...not even one made while nobody listens.
        async with database.session(write=True) as session:
            assert await TokenStore(api_token).revoke(session, "portal")
        assert (await http.get(URL, headers=headers)).status_code == 401
        # Back: from the cache again, and notified again.
        await until_cached(http, count_statements, token)
        async with database.session() as session:
            listening = text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :n")
            assert (await session.execute(listening, {"n": LISTENER_NAME})).scalar_one() >= 1
        await revoke_with_cli(database.url, "tests")
        await status_within(lambda: http.get(URL, headers={"Authorization": f"Token {token}"}), 401)
    await until_cached(client, count_statements, await new_token(database, "later"))
