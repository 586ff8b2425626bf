"""Unfiltered lists of big tables report the planner's estimate as their count (PostgreSQL).

The test makes the estimate and the truth differ on purpose: rows analysed, then half of them
deleted without a new ANALYZE (the estimate keeps the old density and the table its pages).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, insert, text

from klantinteracties.app import create_app
from klantinteracties.db.models import actor
from klantinteracties.settings import Settings
from tests.conftest import BASE


@pytest.fixture
async def estimating(database: Any, token: str) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app that estimates counts of tables from 5 rows on."""
    settings = Settings(
        database_url=database.url,
        count_estimate_from=5,
        token_cache_seconds=3600,
        token_cache_notified_seconds=3600,
    )
    app = create_app(settings, database)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        headers = {"Authorization": f"Token {token}"}
        async with httpx.AsyncClient(transport=transport, base_url=BASE, headers=headers) as c:
            yield c


async def _forty_analysed_then_twenty_deleted(database: Any) -> None:
    keys = [uuid.uuid4() for _ in range(40)]
    rows = [{"uuid": k, "naam": f"a{i}", "soort_actor": "medewerker"} for i, k in enumerate(keys)]
    async with database.session(write=True) as session:
        await session.execute(insert(actor), rows)
        await session.commit()
    if not database.sqlite:
        async with database.session() as session:  # autocommit: ANALYZE needs no transaction
            await session.execute(text("ANALYZE actor"))
    async with database.session(write=True) as session:
        await session.execute(delete(actor).where(actor.c.uuid.in_(keys[:20])))
        await session.commit()


async def test_unfiltered_count_is_the_estimate_from_the_threshold(
    database, client, estimating, count_statements
):
    await _forty_analysed_then_twenty_deleted(database)
    await estimating.get("/actoren")  # the app's token cache learns the token
    with count_statements() as c:
        page = (await estimating.get("/actoren", params={"pageSize": 10})).json()
    assert len(page["results"]) == 10
    # PostgreSQL: the estimate (the 40 analysed rows); SQLite counts exactly.
    assert page["count"] == (20 if database.sqlite else 40)
    assert c.count == 2  # the page, and its count (estimate and exact count in one statement)
    # Below the threshold (the default is 100,000) the count is exact everywhere.
    assert (await client.get("/actoren", params={"pageSize": 10})).json()["count"] == 20


async def test_filtered_lists_and_small_pages_are_counted_exactly(database, estimating):
    await _forty_analysed_then_twenty_deleted(database)
    r = await estimating.get("/actoren", params={"pageSize": 10, "indicatieActief": "true"})
    assert r.json()["count"] == 20
    r = await estimating.get("/actoren", params={"pageSize": 100})
    assert r.json()["count"] == 20  # a page that is not full tells the count itself
