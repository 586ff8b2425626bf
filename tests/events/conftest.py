"""Apps with notifications on, and the outbox read back as the worker will read it."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy import select

from klantinteracties.app import create_app
from klantinteracties.core.auth import TokenStore
from klantinteracties.core.db import Database
from klantinteracties.db.models import api_token, outbox
from klantinteracties.settings import Settings
from tests.conftest import BASE

NOTIFICATIONS_URL = "http://127.0.0.1:9/notificaties/api/v1"
SOURCE = "urn:nld:oin:00000001234567890000:systeem:klantinteracties"
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z$")


def app_settings(database: Database, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database.url,
        "token_cache_seconds": 3600,
        "token_cache_notified_seconds": 3600,
        "notifications_url": NOTIFICATIONS_URL,
        "notifications_source": SOURCE,
        "cloudevents": True,
        **overrides,
    }
    return Settings(**values)


@pytest.fixture
async def notifying(database: Database, token: str) -> AsyncIterator[Any]:
    """``await notifying(**settings)``: a client (all privileges, as ``client``) of an app with
    notifications on; by default with a source and CloudEvents. ``token=`` another token."""
    async with AsyncExitStack() as stack:

        async def make(key: str = token, **overrides: Any) -> httpx.AsyncClient:
            app = create_app(app_settings(database, **overrides), database)
            await stack.enter_async_context(app.router.lifespan_context(app))
            transport = httpx.ASGITransport(app=app)
            headers = {"Authorization": f"Token {key}"}
            c = httpx.AsyncClient(transport=transport, base_url=BASE, headers=headers)
            return await stack.enter_async_context(c)

        yield make


@pytest.fixture
async def client_on(notifying: Any) -> httpx.AsyncClient:
    return await notifying()  # type: ignore[no-any-return]


@pytest.fixture
async def unprivileged(database: Database, token: str) -> str:
    """A token for every scope, without the privileges geheimhouding and vertrouwelijk."""
    async with database.session(write=True) as session:
        return await TokenStore(api_token).create(session, uuid.uuid4().hex, ["*"])


async def outbox_rows(database: Database) -> list[dict[str, Any]]:
    """Every stored message, oldest first, with its body decoded."""
    async with database.session() as session:
        rows = (await session.execute(select(outbox).order_by(outbox.c.id))).mappings().all()
    return [{**r, "body": orjson.loads(r["body"])} for r in rows]


async def taken(database: Database) -> list[dict[str, Any]]:
    """The messages stored since the last call (they are deleted once read)."""
    rows = await outbox_rows(database)
    async with database.session(write=True) as session:
        await session.execute(outbox.delete())
        await session.commit()
    return rows


def check_row(row: dict[str, Any], kind: str, topic: str, key: str) -> dict[str, Any]:
    """The columns of a new message; returns its body."""
    assert (row["kind"], row["topic"], row["ordering_key"]) == (kind, topic, key)
    assert (row["status"], row["attempts"]) == ("pending", 0)
    assert row["next_attempt_at"] == row["created_at"]
    assert row["claimed_until"] is None and row["delivered_at"] is None
    assert abs(dt.datetime.now(dt.UTC) - row["created_at"]) < dt.timedelta(minutes=1)
    return row["body"]  # type: ignore[no-any-return]


def written_at(row: dict[str, Any]) -> str:
    """The row's time as the message states it."""
    stamp = row["body"].get("aanmaakdatum") or row["body"]["time"]
    assert TIMESTAMP.match(stamp), stamp
    moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    assert moment == row["created_at"]
    return stamp  # type: ignore[no-any-return]
