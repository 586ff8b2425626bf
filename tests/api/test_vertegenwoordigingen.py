"""/vertegenwoordigingen: one partij acting on behalf of another.

Partijen are inserted straight into the table (fixture ``make_partij``) so that these tests do not
depend on the /partijen endpoint.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import insert

from klantinteracties.db.models import partij
from tests.helpers import invalid_params, problem, reasons

BASE = "http://testserver.local/klantinteracties/api/v1"
MISSING = "6f2b9f2e-8e0b-4a3c-9d4e-0a8d1c1e2f3a"


@pytest.fixture
async def make_partij(database, token):
    """Inserts partij rows; depends on ``token`` so it runs after the tables were cleared."""

    async def make(count: int = 1) -> list[str]:
        keys = [uuid.uuid4() for _ in range(count)]
        async with database.session(write=True) as session:
            await session.execute(
                insert(partij),
                [{"uuid": k, "soort_partij": "persoon", "indicatie_actief": True} for k in keys],
            )
            await session.commit()
        return [str(k) for k in keys]

    return make


def body(by: str, of: str) -> dict:
    return {"vertegenwoordigendePartij": {"uuid": by}, "vertegenwoordigdePartij": {"uuid": of}}


def ref(key: str) -> dict:
    return {"uuid": key, "url": f"{BASE}/partijen/{key}"}


async def test_crud(client, make_partij):
    a, b, c = await make_partij(3)
    r = await client.post("/vertegenwoordigingen", json=body(a, b))
    assert r.status_code == 201, r.text
    created = r.json()
    assert list(created) == ["uuid", "url", "vertegenwoordigendePartij", "vertegenwoordigdePartij"]
    assert created["url"] == f"{BASE}/vertegenwoordigingen/{created['uuid']}"
    assert r.headers["Location"] == created["url"]
    assert created["vertegenwoordigendePartij"] == ref(a)
    assert created["vertegenwoordigdePartij"] == ref(b)

    url = f"/vertegenwoordigingen/{created['uuid']}"
    r = await client.get(url)
    assert r.status_code == 200 and r.json() == created

    r = await client.put(url, json=body(c, b))
    assert r.status_code == 200, r.text
    assert r.json()["vertegenwoordigendePartij"] == ref(c)

    # PATCH changes only the side that is sent; the url of a reference is ignored on input
    r = await client.patch(url, json={"vertegenwoordigdePartij": {"uuid": a, "url": "http://x.nl/y"}})
    assert r.status_code == 200, r.text
    assert r.json()["vertegenwoordigendePartij"] == ref(c)
    assert r.json()["vertegenwoordigdePartij"] == ref(a)
    r = await client.patch(url, json={})
    assert r.status_code == 200 and r.json()["vertegenwoordigdePartij"] == ref(a)

    r = await client.delete(url)
    assert r.status_code == 204 and r.content == b""
    problem(await client.get(url), 404)
    problem(await client.delete(url), 404)
    problem(await client.patch(url, json={}), 404)


async def test_required_and_null(client, make_partij):
    (a,) = await make_partij(1)
    r = await client.post("/vertegenwoordigingen", json={})
    assert invalid_params(r) == {
        "vertegenwoordigendePartij": "required",
        "vertegenwoordigdePartij": "required",
    }
    r = await client.post(
        "/vertegenwoordigingen",
        json={"vertegenwoordigendePartij": None, "vertegenwoordigdePartij": {"uuid": a}},
    )
    assert invalid_params(r) == {"vertegenwoordigendePartij": "null"}

    b, c = await make_partij(2)
    created = (await client.post("/vertegenwoordigingen", json=body(b, c))).json()
    url = f"/vertegenwoordigingen/{created['uuid']}"
    r = await client.put(url, json={"vertegenwoordigdePartij": {"uuid": a}})
    assert invalid_params(r) == {"vertegenwoordigendePartij": "required"}
    r = await client.patch(url, json={"vertegenwoordigdePartij": None})
    assert invalid_params(r) == {"vertegenwoordigdePartij": "null"}
    assert (await client.get(url)).json() == created


async def test_unknown_and_malformed_partij(client, make_partij):
    (a,) = await make_partij(1)
    r = await client.post("/vertegenwoordigingen", json=body(a, MISSING))
    assert invalid_params(r) == {"vertegenwoordigdePartij.uuid": "invalid"}
    r = await client.post("/vertegenwoordigingen", json=body(MISSING, MISSING))
    assert invalid_params(r) == {
        "vertegenwoordigendePartij.uuid": "invalid",
        "vertegenwoordigdePartij.uuid": "invalid",
    }
    r = await client.post(
        "/vertegenwoordigingen",
        json={"vertegenwoordigendePartij": "nope", "vertegenwoordigdePartij": {"uuid": "nope"}},
    )
    assert invalid_params(r) == {
        "vertegenwoordigendePartij.nonFieldErrors": "invalid",
        "vertegenwoordigdePartij.uuid": "invalid",
    }
    r = await client.post(
        "/vertegenwoordigingen",
        json={"vertegenwoordigendePartij": {"url": f"{BASE}/partijen/{a}"}},
    )
    assert invalid_params(r) == {
        "vertegenwoordigendePartij.uuid": "required",
        "vertegenwoordigdePartij": "required",  # reported together with the other errors
    }
    problem(await client.post("/vertegenwoordigingen", content=b"{", headers=_json()), 400)
    r = await client.post("/vertegenwoordigingen", json=[])
    assert invalid_params(r) == {"nonFieldErrors": "invalid"}
    r = await client.post(
        "/vertegenwoordigingen", content=b"x", headers={"content-type": "text/plain"}
    )
    problem(r, 415)


def _json() -> dict[str, str]:
    return {"content-type": "application/json"}


async def test_partij_cannot_represent_itself(client, make_partij):
    a, b = await make_partij(2)
    r = await client.post("/vertegenwoordigingen", json=body(a, a))
    assert invalid_params(r) == {"vertegenwoordigdePartij": "invalid"}

    created = (await client.post("/vertegenwoordigingen", json=body(a, b))).json()
    # a PATCH of one side is checked against the stored other side
    r = await client.patch(
        f"/vertegenwoordigingen/{created['uuid']}", json={"vertegenwoordigdePartij": {"uuid": a}}
    )
    assert invalid_params(r) == {"vertegenwoordigdePartij": "invalid"}


async def test_pair_is_unique(client, make_partij):
    a, b, c = await make_partij(3)
    first = (await client.post("/vertegenwoordigingen", json=body(a, b))).json()
    r = await client.post("/vertegenwoordigingen", json=body(a, b))
    assert invalid_params(r) == {"nonFieldErrors": "unique"}
    # checked by the service (with a precise message), not left to the database constraint
    assert "vertegenwoordigt" in reasons(r)["nonFieldErrors"]
    # the reverse direction is a different pair
    r = await client.post("/vertegenwoordigingen", json=body(b, a))
    assert r.status_code == 201, r.text

    # re-sending the row's own pair is no conflict with itself
    url = f"/vertegenwoordigingen/{first['uuid']}"
    r = await client.put(url, json=body(a, b))
    assert r.status_code == 200, r.text

    second = (await client.post("/vertegenwoordigingen", json=body(a, c))).json()
    r = await client.patch(
        f"/vertegenwoordigingen/{second['uuid']}", json={"vertegenwoordigdePartij": {"uuid": b}}
    )
    assert invalid_params(r) == {"nonFieldErrors": "unique"}
    r = await client.get("/vertegenwoordigingen")
    assert r.json()["count"] == 3


async def test_filters(client, make_partij):
    a, b, c = await make_partij(3)
    ab = (await client.post("/vertegenwoordigingen", json=body(a, b))).json()
    ac = (await client.post("/vertegenwoordigingen", json=body(a, c))).json()
    cb = (await client.post("/vertegenwoordigingen", json=body(c, b))).json()

    async def uuids(**params) -> list[str]:
        r = await client.get("/vertegenwoordigingen", params=params)
        assert r.status_code == 200, r.text
        return [x["uuid"] for x in r.json()["results"]]

    # newest first
    assert await uuids() == [cb["uuid"], ac["uuid"], ab["uuid"]]
    assert await uuids(vertegenwoordigendePartij__uuid=a) == [ac["uuid"], ab["uuid"]]
    assert await uuids(vertegenwoordigendePartij__url=f"{BASE}/partijen/{c}") == [cb["uuid"]]
    assert await uuids(vertegenwoordigdePartij__uuid=b) == [cb["uuid"], ab["uuid"]]
    assert await uuids(vertegenwoordigdePartij__url=f"http://elders.nl/x/{c}") == [ac["uuid"]]
    assert await uuids(vertegenwoordigendePartij__uuid=a, vertegenwoordigdePartij__uuid=b) == [
        ab["uuid"]
    ]
    assert await uuids(vertegenwoordigdePartij__url="http://x.nl/geen-uuid") == []

    r = await client.get("/vertegenwoordigingen", params={"vertegenwoordigdePartij__uuid": "x"})
    assert invalid_params(r) == {"vertegenwoordigdePartij__uuid": "invalid"}
    r = await client.get("/vertegenwoordigingen", params={"vertegenwoordigdePartij__url": "x"})
    assert invalid_params(r) == {"vertegenwoordigdePartij__url": "invalid"}
    r = await client.get("/vertegenwoordigingen", params={"vertegenwoordigde_partij__uuid": b})
    assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}
    r = await client.get(f"/vertegenwoordigingen/{ab['uuid']}", params={"expand": "x"})
    assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}


async def test_pagination(client, make_partij):
    keys = await make_partij(4)
    for of in keys[1:]:
        await client.post("/vertegenwoordigingen", json=body(keys[0], of))
    r = await client.get("/vertegenwoordigingen", params={"pageSize": 2})
    page = r.json()
    assert page["count"] == 3 and len(page["results"]) == 2
    assert page["next"] == f"{BASE}/vertegenwoordigingen?page=2&pageSize=2"
    assert page["previous"] is None
    problem(await client.get("/vertegenwoordigingen", params={"page": 5}), 404)


async def test_deleting_a_partij_deletes_its_vertegenwoordigingen(client, database, make_partij):
    a, b = await make_partij(2)
    created = (await client.post("/vertegenwoordigingen", json=body(a, b))).json()
    async with database.session(write=True) as session:
        await session.execute(partij.delete().where(partij.c.uuid == uuid.UUID(b)))
        await session.commit()
    problem(await client.get(f"/vertegenwoordigingen/{created['uuid']}"), 404)


async def test_auth(anon, client, make_partij):
    problem(await anon.get("/vertegenwoordigingen"), 401)
    problem(await anon.post("/vertegenwoordigingen", json={}), 401)
    r = await client.get("/vertegenwoordigingen")
    assert r.headers["API-version"] == "0.9.0"


async def test_list_statement_count(client, make_partij, count_statements):
    async def list_count(rows: int) -> int:
        by = (await make_partij(1))[0]
        for of in await make_partij(rows):
            r = await client.post("/vertegenwoordigingen", json=body(by, of))
            assert r.status_code == 201
        with count_statements() as c:
            r = await client.get("/vertegenwoordigingen")
        assert r.status_code == 200
        return c.count

    small = await list_count(2)
    large = await list_count(28)
    L = count_statements.logged  # the processing log's own INSERT on SQLite
    assert small == large == 1 + L  # page (not full: no count; the token is cached)
