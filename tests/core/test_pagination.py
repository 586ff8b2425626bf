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
    assert nxt.scheme == "http" and nxt.netloc == "testserver.local"
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
    L = count_statements.logged  # the processing log's own INSERT on SQLite
    # per list: page (not full: no count; the token is cached)
    assert small.count == big.count == 2 + L


@pytest.mark.parametrize("page", ["98703343776256565085", str(2**31 + 1), " 9_999_999_999_999 "])
async def test_a_page_beyond_any_register_is_404_not_500(client, page):
    await _make(client, 1)
    r = await client.get("/categorieen", params={"page": page, "pageSize": 500})
    assert r.status_code == 404 and r.json()["code"] == "not_found"


async def test_count_statement_only_when_the_page_does_not_tell_it(client, count_statements):
    await _make(client, 3)  # three categorieen

    async def listing(**params: object) -> tuple[int, dict[str, object]]:
        with count_statements() as c:
            r = await client.get("/categorieen", params=params)
        return c.count, r.json() if r.status_code == 200 else {"status": r.status_code}

    statements, body = await listing()
    assert statements == 1 and body["count"] == 3  # page, not full (the token is cached)
    statements, body = await listing(pageSize=2)
    assert statements == 2 and body["count"] == 3 and body["next"]  # full page: count too
    statements, body = await listing(pageSize=2, page=2)
    assert statements == 1 and body["count"] == 3 and body["previous"]  # the last, not full
    statements, body = await listing(pageSize=3)
    assert statements == 2 and body["count"] == 3 and body["next"] is None  # exactly full
    statements, body = await listing(pageSize=2, page=3)
    assert statements == 1 and body == {"status": 404}  # empty page past the end
    statements, body = await listing(pageSize=2, page="last")
    assert statements == 2 and body["count"] == 3  # last: count first, then the rows
    assert [r["naam"] for r in body["results"]] == [
        r["naam"] for r in (await listing(pageSize=2, page=2))[1]["results"]
    ]
