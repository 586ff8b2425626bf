"""The smaller findings of issue 16, point 6: each through HTTP on both databases."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from klantinteracties.app import create_app
from klantinteracties.settings import Settings
from tests.conftest import BASE
from tests.helpers import invalid_params, problem


async def test_a_deeply_nested_body_is_400(client):
    body = '{"naam": "x", "a": ' + "[" * 5000 + '"\\u0000"' + "]" * 5000 + "}"
    r = await client.post(
        "/categorieen", content=body, headers={"Content-Type": "application/json"}
    )
    assert problem(r, 400)["code"] == "parse_error"
    nested = '{"naam": "x", "a": ' + "[" * 20 + "1" + "]" * 20 + "}"
    r = await client.post(
        "/categorieen", content=nested, headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 201, r.text


async def test_a_deep_metadata_object_is_400(client):
    inner = '{"a": ' * 100 + "1" + "}" * 100
    body = '{"onderwerp": "x", "metadata": ' + inner + "}"
    r = await client.post(
        "/klantcontacten", content=body, headers={"Content-Type": "application/json"}
    )
    assert problem(r, 400)["code"] == "parse_error"


async def test_a_very_long_filter_value_is_400(client):
    for value in ("x" * 4001, "%" * 5000, "é" * 5000):
        r = await client.get("/klantcontacten", params={"onderwerp": value})
        assert invalid_params(r) == {"onderwerp": "max_length"}
    r = await client.get("/klantcontacten", params={"onderwerp": "%_" * 2000})  # 4000: allowed
    assert r.status_code == 200, r.text


@pytest.fixture
async def hosted(database, token) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(database_url=database.url, allowed_hosts="api.example.nl, testserver")
    transport = httpx.ASGITransport(app=create_app(settings, database))
    headers = {"Authorization": f"Token {token}"}
    async with httpx.AsyncClient(transport=transport, base_url=BASE, headers=headers) as c:
        yield c


async def test_only_allowed_hosts_are_served(hosted):
    r = await hosted.get("/categorieen", headers={"Host": "evil.example"})
    body = problem(r, 400)
    assert body["code"] == "invalid_host"
    assert "evil" not in r.text
    r = await hosted.get("/", headers={"Host": "api.example.nl:8443"})
    assert r.status_code == 200
    assert r.json()["partijen"].startswith("http://api.example.nl:8443/")


async def test_without_the_setting_any_host_is_served(client):
    r = await client.get("/", headers={"Host": "localhost:8000"})
    assert r.json()["partijen"].startswith("http://localhost:8000/")


async def test_api_responses_are_not_cached_or_sniffed(client):
    for r in (await client.get("/categorieen"), await client.get("/categorieen/nope")):
        assert r.headers["Cache-Control"] == "no-store"
        assert r.headers["X-Content-Type-Options"] == "nosniff"


async def test_options_lists_every_method_of_the_path(client):
    r = await client.options("/partijen")
    assert r.status_code == 204
    assert r.headers["Allow"] == "GET, HEAD, POST, OPTIONS"
    r = await client.options("/partijen/2b8e0d2c-2a4a-4bb8-8f73-8e6f1ab1e1a4")
    assert r.headers["Allow"] == "GET, HEAD, PUT, PATCH, DELETE, OPTIONS"
    r = await client.options("/maak-klantcontact")
    assert r.headers["Allow"] == "POST, OPTIONS"


async def test_a_405_allows_every_method_of_the_path(client):
    r = await client.delete("/partijen")
    assert problem(r, 405)["code"] == "method_not_allowed"
    assert r.headers["Allow"] == "GET, HEAD, POST, OPTIONS"
    r = await client.post("/partijen/2b8e0d2c-2a4a-4bb8-8f73-8e6f1ab1e1a4", json={})
    assert r.headers["Allow"] == "GET, HEAD, PUT, PATCH, DELETE, OPTIONS"


async def test_the_docs_page_loads_nothing_from_elsewhere(client):
    r = await client.get("/schema")
    assert r.status_code == 200
    assert "https://" not in r.text and "http://" not in r.text.replace("http://testserver", "")
    for name, kind in (("swagger-ui-bundle.js", "javascript"), ("swagger-ui.css", "css")):
        asset = await client.get(f"/schema/static/{name}")
        assert asset.status_code == 200 and kind in asset.headers["content-type"]
        assert f"/klantinteracties/api/v1/schema/static/{name}" in r.text
        assert len(asset.content) > 10000
    assert (await client.get("/schema/static/index.html")).status_code == 404
