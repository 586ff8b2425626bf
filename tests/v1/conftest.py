from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from klantinteracties.access.v1_clients import set_client
from klantinteracties.core.db import Database
from tests.v1.helpers import ALL_SCOPES, CLIENT_ID, SECRET, make_jwt, v1_http


@pytest.fixture
async def v1_client_row(database: Database, token: str) -> str:
    """The tests' application (made by ``token``) as a v1 client with every klanten scope."""
    async with database.session(write=True) as session:
        await set_client(session, "tests", CLIENT_ID, SECRET, list(ALL_SCOPES))
        await session.commit()
    return CLIENT_ID


@pytest.fixture
async def v1(app: Any, v1_client_row: str) -> AsyncIterator[httpx.AsyncClient]:
    async with v1_http(app, make_jwt()) as c:
        yield c


@pytest.fixture
async def v1_anon(app: Any, v1_client_row: str) -> AsyncIterator[httpx.AsyncClient]:
    async with v1_http(app) as c:
        yield c
