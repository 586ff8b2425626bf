from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import insert, select, update

from klantinteracties.db.models import partij, rekeningnummer
from tests.helpers import invalid_params, problem, reasons

BASE = "http://testserver.local/klantinteracties/api/v1"
MISSING = "6f2b9f2e-8e0b-4a3c-9d4e-0a8d1c1e2f3a"
IBAN = "NL91ABNA0417164300"


# Partijen are inserted directly: this test must not depend on the /partijen endpoint.
@pytest.fixture
async def make_partij(database, client):
    async def make() -> dict[str, str]:
        key = uuid.uuid4()
        async with database.session(write=True) as session:
            await session.execute(
                insert(partij).values(uuid=key, soort_partij="persoon", indicatie_actief=True)
            )
            await session.commit()
        return {"uuid": str(key), "url": f"{BASE}/partijen/{key}"}

    return make


@pytest.fixture
def voorkeur(database):
    """Read or set the hidden is_voorkeur flag of a rekeningnummer."""

    async def flag(key: str, value: bool | None = None) -> bool:
        where = rekeningnummer.c.uuid == uuid.UUID(key)
        async with database.session(write=True) as session:
            if value is not None:
                await session.execute(update(rekeningnummer).where(where).values(is_voorkeur=value))
                await session.commit()
            stmt = select(rekeningnummer.c.is_voorkeur).where(where)
            return bool((await session.execute(stmt)).scalar_one())

    return flag


async def create(client, **fields: Any) -> dict[str, Any]:
    r = await client.post("/rekeningnummers", json={"iban": IBAN, **fields})
    assert r.status_code == 201, r.text
    return r.json()


async def test_crud_and_representation(client, make_partij):
    p = await make_partij()
    r = await client.post(
        "/rekeningnummers", json={"partij": {"uuid": p["uuid"]}, "iban": IBAN, "bic": "ABNANL2A"}
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert list(body) == ["uuid", "url", "partij", "iban", "bic"]
    assert r.headers["Location"] == body["url"] == f"{BASE}/rekeningnummers/{body['uuid']}"
    assert body["partij"] == p and body["iban"] == IBAN and body["bic"] == "ABNANL2A"

    r = await client.get(f"/rekeningnummers/{body['uuid']}")
    assert r.status_code == 200 and r.json() == body

    # PUT leaves the optional fields that were not sent as they are
    r = await client.put(
        f"/rekeningnummers/{body['uuid']}", json={"iban": "de89370400440532013000"}
    )
    assert r.json() == {**body, "iban": "de89370400440532013000"}
    r = await client.patch(f"/rekeningnummers/{body['uuid']}", json={"bic": "", "partij": None})
    assert r.json()["bic"] == "" and r.json()["partij"] is None

    r = await client.delete(f"/rekeningnummers/{body['uuid']}")
    assert r.status_code == 204
    problem(await client.get(f"/rekeningnummers/{body['uuid']}"), 404)
    problem(await client.get("/rekeningnummers/not-a-uuid"), 404)


async def test_defaults(client):
    body = await create(client)
    assert body["partij"] is None and body["bic"] == ""


async def test_iban_validation(client):
    r = await client.post("/rekeningnummers", json={})
    assert invalid_params(r) == {"iban": "required"}
    r = await client.post("/rekeningnummers", json={"iban": None})
    assert invalid_params(r) == {"iban": "null"}
    r = await client.post("/rekeningnummers", json={"iban": ""})
    assert invalid_params(r) == {"iban": "blank"}
    for bad in (
        "NL91",
        "9191ABNA0417164300",
        "NLAB0417164300",
        "NL91 ABNA 0417 1643 00",
        "NL91ABNA04171643ü",
    ):
        r = await client.post("/rekeningnummers", json={"iban": bad})
        assert invalid_params(r) == {"iban": "invalid"}, bad
        assert bad in reasons(r)["iban"]
    r = await client.post("/rekeningnummers", json={"iban": "NL91" + "A" * 31})
    assert invalid_params(r) == {"iban": "max_length"}
    await create(client, iban="NL91" + "A" * 30)
    r = await client.post("/rekeningnummers", json={"iban": 12})
    assert invalid_params(r) == {"iban": "invalid"}


async def test_bic_validation(client):
    await create(client, bic="ABNANL2A")
    await create(client, bic="ABNANL2AXXX")
    cases = {"ABNANL2": "min_length", "ABNANL2AXXXX": "max_length", "ABNA NL2A": "invalid"}
    for bad, code in cases.items():
        r = await client.post("/rekeningnummers", json={"iban": IBAN, "bic": bad})
        assert invalid_params(r) == {"bic": code}, bad
    r = await client.post("/rekeningnummers", json={"iban": IBAN, "bic": None})
    assert invalid_params(r) == {"bic": "null"}


async def test_partij_unknown_and_malformed(client):
    r = await client.post("/rekeningnummers", json={"iban": IBAN, "partij": {"uuid": MISSING}})
    assert invalid_params(r) == {"partij.uuid": "invalid"}
    assert "bestaat niet" in reasons(r)["partij.uuid"]
    r = await client.post("/rekeningnummers", json={"iban": IBAN, "partij": "x"})
    assert invalid_params(r) == {"partij.nonFieldErrors": "invalid"}
    r = await client.post("/rekeningnummers", json={"iban": IBAN, "partij": {}})
    assert invalid_params(r) == {"partij.uuid": "required"}
    r = await client.post("/rekeningnummers", json=[])
    assert invalid_params(r) == {"nonFieldErrors": "invalid"}


async def test_voorkeur_cleared_when_partij_changes(client, make_partij, voorkeur):
    p, other = await make_partij(), await make_partij()
    rek = await create(client, partij={"uuid": p["uuid"]})
    await voorkeur(rek["uuid"], True)
    r = await client.patch(
        f"/rekeningnummers/{rek['uuid']}", json={"partij": {"uuid": p["uuid"]}, "bic": "ABNANL2A"}
    )
    assert r.status_code == 200 and await voorkeur(rek["uuid"]) is True
    r = await client.patch(
        f"/rekeningnummers/{rek['uuid']}", json={"partij": {"uuid": other["uuid"]}}
    )
    assert r.status_code == 200 and await voorkeur(rek["uuid"]) is False
    await voorkeur(rek["uuid"], True)
    r = await client.put(f"/rekeningnummers/{rek['uuid']}", json={"iban": IBAN, "partij": None})
    assert r.status_code == 200 and await voorkeur(rek["uuid"]) is False


async def test_filters(client):
    a = await create(client, bic="ABNANL2A")
    b = await create(client, iban="DE89370400440532013000")

    async def found(**params: str) -> list[str]:
        r = await client.get("/rekeningnummers", params=params)
        assert r.status_code == 200, r.text
        return [x["uuid"] for x in r.json()["results"]]

    assert await found() == [b["uuid"], a["uuid"]]
    assert await found(uuid=a["uuid"]) == [a["uuid"]]
    assert await found(uuid=MISSING) == []
    assert await found(iban="DE89370400440532013000") == [b["uuid"]]
    assert await found(iban="de89370400440532013000") == []
    assert await found(bic="ABNANL2A") == [a["uuid"]]
    assert await found(bic="ABNANL") == []
    r = await client.get("/rekeningnummers", params={"uuid": "nope"})
    assert invalid_params(r) == {"uuid": "invalid"}
    for unknown in ("partij__uuid", "expand", "IBAN"):
        r = await client.get("/rekeningnummers", params={unknown: "x"})
        assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}, unknown


async def test_list_statement_count(client, make_partij, count_statements):
    async def listing() -> int:
        with count_statements() as c:
            r = await client.get("/rekeningnummers", params={"bic": "ABNANL2A"})
        assert r.status_code == 200
        return c.count

    p = await make_partij()
    for _ in range(2):
        await create(client, partij={"uuid": p["uuid"]}, bic="ABNANL2A")
    small = await listing()
    for _ in range(28):
        await create(client, partij={"uuid": p["uuid"]}, bic="ABNANL2A")
    assert (await client.get("/rekeningnummers", params={"bic": "ABNANL2A"})).json()["count"] == 30
    L = count_statements.logged  # the processing log's own INSERT on SQLite
    assert await listing() == small == 1 + L  # page (not full: no count; the token is cached)
