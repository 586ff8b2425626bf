"""Records for the processing log tests, written through the writer's own door."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from klantinteracties.access.processing_log import (
    Activity,
    SubjectKey,
    new_span_id,
    new_trace_id,
    write,
)
from klantinteracties.core.auth import TokenStore
from klantinteracties.core.db import Database
from klantinteracties.db.models import api_token

AUDIT_BASE = "http://testserver.local/verwerkingen/api/v1"
BSN = "999993653"
OTHER_BSN = "999990019"
KVK = "69599084"
T0 = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


def activity(**changes: Any) -> Activity:
    values: dict[str, Any] = {
        "trace_id": new_trace_id(),
        "span_id": new_span_id(),
        "name": "partijenRetrieve",
        "application": "portal",
        "operation": "read",
        "resource_url": "http://testserver.local/klantinteracties/api/v1/partijen/1",
        "start_time": T0,
        "processing_activity_id": "https://register.example/activiteiten/1",
    }
    values.update(changes)
    return Activity(**values)


async def key_of(app: Any, database: Database) -> bytes:
    key: SubjectKey = app.state.processing_log_key
    async with database.session(write=True) as session:
        got = await key.get(session)
        await session.commit()
    return got


async def log(app: Any, database: Database, act: Activity, subjects: list[tuple[str, str]]) -> None:
    key = await key_of(app, database)
    async with database.session(write=True) as session:
        await write(session, act, subjects, key)
        await session.commit()


@pytest.fixture
async def audit_token(database: Database, token: str) -> str:
    """A token with only audit:read (after ``token`` has cleared the database)."""
    async with database.session(write=True) as session:
        return await TokenStore(api_token).create(session, "auditor", ["audit:read"])


@pytest.fixture
async def audit(app: Any, audit_token: str) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Token {audit_token}"}
    async with httpx.AsyncClient(transport=transport, base_url=AUDIT_BASE, headers=headers) as c:
        yield c
