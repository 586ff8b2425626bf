from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.helpers import problem


async def _make(client, n: int) -> None:
    for i in range(n):
        r = await client.post("/categorieen", json={"naam": f"c{i:02d}"})
        assert r.status_code == 201


async def test_envelope_and_links_keep_other_params(client):
    await _make(client, 5)
    r = await client.get("/categorieen", params={"pageSize": 2})
    body = r.json()
    assert body["count"] == 5 and len(body["results"]) == 2
    assert body["previous"] is None
    nxt = urlsplit(body["next"])
    assert nxt.scheme == "http" and nxt.netloc == "testserver"
    assert parse_qs(nxt.query) == {"pageSize": ["2"], "page": ["2"]}

    r = await client.get(body["next"])
    body2 = r.json()
    assert [x["naam"] for x in body2["results"]] == ["c02", "c01"]  # newest first
    assert parse_qs(urlsplit(body2["previous"]).query) == {"pageSize": ["2"]}

    last = (await client.get("/categorieen", params={"pageSize": 2, "page": "last"})).json()
    assert [x["naam"] for x in last["results"]] == ["c00"] and last["next"] is None


async def test_empty_list(client):
    r = await client.get("/categorieen")
    assert r.json() == {"count": 0, "next": None, "previous": None, "results": []}
    assert (await client.get("/categorieen", params={"page": "last"})).status_code == 200


@pytest.mark.parametrize("page", ["0", "-1", "x", "3"])
async def test_out_of_range_or_invalid_page_is_404(client, page):
    await _make(client, 3)
    r = await client.get("/categorieen", params={"page": page, "pageSize": 2})
    assert problem(r, 404)["detail"] == "Ongeldige pagina."


async def test_page_size_bounds(client):
    await _make(client, 3)
    assert len((await client.get("/categorieen", params={"pageSize": 1})).json()["results"]) == 1
    for junk in ("0", "-5", "abc"):
        r = await client.get("/categorieen", params={"pageSize": junk})
        assert len(r.json()["results"]) == 3  # falls back to the default of 100
    r = await client.get("/categorieen", params={"pageSize": 100000})
    assert r.status_code == 200


async def test_list_statement_count_does_not_grow(client, count_statements):
    await _make(client, 2)
    with count_statements() as small:
        await client.get("/categorie-relaties")
        await client.get("/categorieen")
    await _make(client, 30)
    with count_statements() as big:
        await client.get("/categorie-relaties")
        await client.get("/categorieen")
    assert small.count == big.count == 4  # per list: count, page (the token is cached)
