"""Bounded resources (issue 16, point 3): body size and expanded rows per response."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from klantinteracties.app import create_app
from klantinteracties.settings import Settings
from tests.api.partijen_helpers import make_adres, make_partij
from tests.conftest import BASE
from tests.helpers import invalid_params, open_post, problem, server_process

API = "/klantinteracties/api/v1"
MiB = 1024 * 1024


@pytest.fixture
async def limited(database, token) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app with small limits: 1000-byte bodies, 3 expanded rows per response."""
    settings = Settings(database_url=database.url, max_body_size=1000, max_expanded_rows=3)
    app = create_app(settings, database)
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Token {token}"}
    async with httpx.AsyncClient(transport=transport, base_url=BASE, headers=headers) as c:
        yield c


async def test_a_body_over_the_default_limit_is_413(client):
    body = b'{"naam": "' + b"x" * MiB + b'"}'
    r = await client.post(
        "/categorieen", content=body, headers={"Content-Type": "application/json"}
    )
    assert problem(r, 413)["code"] == "request_too_large"
    assert (await client.get("/categorieen")).json()["count"] == 0


async def test_a_body_at_the_limit_is_read(limited):
    body = b'{"naam": "vip"}'.ljust(1000)
    r = await limited.post(
        "/categorieen", content=body, headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 201, r.text


async def test_a_chunked_body_is_counted_while_it_streams(database, token):
    # Through a real server: no Content-Length, so only counting the chunks can stop it.
    async with server_process(database.url) as (origin, _proc):
        framing = "Transfer-Encoding: chunked"
        reader, writer = await open_post(origin, f"{API}/categorieen", token, framing)
        chunk = b"x" * 65536
        sent = 0
        answer = asyncio.create_task(reader.read(65536))
        try:
            while not answer.done() and sent < 64 * MiB:
                writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                await writer.drain()
                sent += len(chunk)
        except ConnectionError:
            pass  # the server stopped reading and closed: its answer is already there
        try:
            head: bytes | None = await asyncio.wait_for(answer, 10)
        except ConnectionResetError:
            # The server closed with our unread chunks still arriving, so its kernel reset the
            # connection, and Linux drops received data on a reset: the 413 can be lost in
            # transit. The upload was still stopped long before its end (asserted below).
            head = None
        writer.close()
        assert head is None or head.startswith(b"HTTP/1.1 413"), head
        assert sent < 64 * MiB  # answered while the body was still coming (socket buffers aside)
        async with httpx.AsyncClient() as http:
            r = await http.get(
                f"{origin}{API}/categorieen", headers={"Authorization": f"Token {token}"}
            )
            assert r.json()["count"] == 0


async def test_a_declared_length_over_the_limit_is_refused_before_reading(database, token):
    async with server_process(database.url) as (origin, _proc):
        framing = f"Content-Length: {100 * MiB}"  # and not one byte of the body follows
        reader, writer = await open_post(origin, f"{API}/categorieen", token, framing)
        answer = await asyncio.wait_for(reader.read(65536), 10)
        writer.close()
        assert answer.startswith(b"HTTP/1.1 413"), answer


async def _partij_with_adressen(client: httpx.AsyncClient, n: int) -> dict[str, Any]:
    partij = await make_partij(client)
    for i in range(n):
        await make_adres(client, partij, adres=f"a{i}@example.com")
    return partij


async def test_expanded_rows_are_capped_per_response(client, limited):
    small = await _partij_with_adressen(client, 3)
    r = await limited.get(f"/partijen/{small['uuid']}", params={"expand": "digitaleAdressen"})
    assert len(r.json()["_expand"]["digitaleAdressen"]) == 3

    await _partij_with_adressen(client, 1)  # 4 on the page in all
    r = await limited.get("/partijen", params={"expand": "digitaleAdressen"})
    body = problem(r, 400)
    assert body["invalidParams"][0]["name"] == "expand"
    assert invalid_params(r) == {"expand": "too_many_expanded"}
    assert "pageSize" in body["invalidParams"][0]["reason"]
    r = await limited.get("/partijen", params={"expand": "digitaleAdressen", "pageSize": 1})
    assert r.status_code == 200, r.text


async def test_the_cap_counts_every_relation_of_the_response(client, limited):
    partij = await _partij_with_adressen(client, 2)
    cat = (await client.post("/categorieen", json={"naam": "vip"})).json()
    for _ in range(2):
        body = {"categorie": {"uuid": cat["uuid"]}, "partij": {"uuid": partij["uuid"]}}
        assert (await client.post("/categorie-relaties", json=body)).status_code == 201
    # 2 digitale adressen and 2 categorie-relaties: 4 rows, over the cap of 3
    r = await limited.get(f"/partijen/{partij['uuid']}", params={"expand": "digitaleAdressen"})
    assert r.status_code == 200, r.text
    r = await limited.get(
        f"/partijen/{partij['uuid']}", params={"expand": "digitaleAdressen,categorieRelaties"}
    )
    assert invalid_params(r) == {"expand": "too_many_expanded"}


async def test_a_list_over_the_cap_is_refused_before_its_json_is_built(
    client, limited, count_statements
):
    for _ in range(2):
        await _partij_with_adressen(client, 2)  # 4 addresses on the page, over the cap of 3
    with count_statements() as c:
        r = await limited.get("/partijen", params={"expand": "digitaleAdressen"})
    assert invalid_params(r) == {"expand": "too_many_expanded"}
    # Only the count of what the expansion would add ran, not the statement building the page.
    # This app runs no lifespan: it has no token cache and loads the log's key on demand.
    ran = [s for s in c.statements if "api_token" not in s and "processing_log_key" not in s]
    assert len(ran) == 1 and "json" not in ran[0].lower(), ran
