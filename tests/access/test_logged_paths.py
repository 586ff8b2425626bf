"""Every read and write of a partij's data leaves a record in the processing log, written
before the response (docs/privacy.md); these go through the API, and read the log back through
the audit API and the table."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from klantinteracties.access.hashing import subject_hash
from klantinteracties.core.auth import TokenStore
from klantinteracties.db.models import api_token, processing_log
from tests.access.audit_helpers import BSN, key_of
from tests.api.partijen_helpers import make_partij
from tests.helpers import problem, refuse_inserts

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT = "00f067aa0ba902b7"


async def _partij_with_bsn(client: Any, bsn: str = BSN, **fields: Any) -> dict[str, Any]:
    partij = await make_partij(client, **fields)
    r = await client.post(
        "/partij-identificatoren",
        json={
            "identificeerdePartij": {"uuid": partij["uuid"]},
            "partijIdentificator": {
                "codeObjecttype": "natuurlijk_persoon",
                "codeSoortObjectId": "bsn",
                "objectId": bsn,
                "codeRegister": "brp",
            },
        },
    )
    assert r.status_code == 201, r.text
    return partij


async def _records(database: Any, **where: Any) -> list[dict[str, Any]]:
    t = processing_log
    stmt = select(t).where(*(t.c[k] == v for k, v in where.items())).order_by(t.c.id)
    async with database.session() as session:
        return [dict(r) for r in (await session.execute(stmt)).mappings().all()]


async def test_a_read_is_logged_per_data_subject_with_its_trace(app, client, database, audit):
    partij = await _partij_with_bsn(client)
    headers = {
        "traceparent": f"00-{TRACE}-{PARENT}-01",
        "X-Processing-Activity-Id": "https://gemeente.example/verwerkingen/klantcontact",
    }
    r = await client.get(f"/partijen/{partij['uuid']}", headers=headers)
    assert r.status_code == 200
    (record,) = await _records(database, trace_id=TRACE)
    key = await key_of(app, database)
    assert record["data_subject_id"] == subject_hash(key, BSN) and BSN not in str(record)
    assert record["data_subject_type"] == "bsn" and record["operation"] == "read"
    assert record["name"] == "partijenRetrieve" and record["application"] == "tests"
    assert record["parent_span_id"] == PARENT and record["status"] == "OK"
    assert record["processing_activity_id"] == headers["X-Processing-Activity-Id"]
    assert record["resource_url"].endswith(f"/partijen/{partij['uuid']}")
    # and the privacy officer finds it by the person's number
    r = await audit.post("/dataverwerkingen/_zoek", json={"dataSubjectId": BSN})
    assert r.status_code == 200, r.text
    assert TRACE in [x["traceId"] for x in r.json()["results"]]


async def test_a_search_by_bsn_is_logged_without_the_bsn(client, database):
    await _partij_with_bsn(client)
    r = await client.get("/partijen", params={"partijIdentificator__objectId": BSN})
    assert r.json()["count"] == 1
    (record,) = await _records(database, name="partijenList")
    assert "?" not in record["resource_url"] and BSN not in record["resource_url"]
    r = await client.post("/partijen/_zoek", json={"partijIdentificator__objectId": BSN})
    assert r.json()["count"] == 1
    (record,) = await _records(database, name="partijenZoek")
    assert record["operation"] == "read"


async def test_reads_through_relations_are_logged_once_per_subject(client, database):
    partij = await _partij_with_bsn(client)
    kc = await client.post(
        "/klantcontacten",
        json={"kanaal": "tel", "onderwerp": "o", "taal": "nld", "vertrouwelijk": False},
    )
    for rol in ("klant", "klant"):  # two betrokkenen of one partij: still one subject
        r = await client.post(
            "/betrokkenen",
            json={
                "hadKlantcontact": {"uuid": kc.json()["uuid"]},
                "wasPartij": {"uuid": partij["uuid"]},
                "rol": rol,
                "initiator": True,
            },
        )
        assert r.status_code == 201
    r = await client.get("/klantcontacten", params={"expand": "hadBetrokkenen.wasPartij"})
    assert r.status_code == 200
    assert len(await _records(database, name="klantcontactenList")) == 1
    created = await _records(database, name="betrokkenenCreate", operation="create")
    assert len(created) == 2
    # a create names the resource it made, not the collection it was posted to
    assert {rec["resource_url"].rsplit("/", 2)[-2] for rec in created} == {"betrokkenen"}
    assert len({rec["resource_url"] for rec in created}) == 2
    # a resource that concerns no partij is not logged
    await client.get("/actoren")
    assert await _records(database, name="actorenList") == []


async def test_writes_and_deletes_are_logged_in_their_transaction(client, database):
    partij = await _partij_with_bsn(client)
    r = await client.patch(f"/partijen/{partij['uuid']}", json={"indicatieActief": False})
    assert r.status_code == 200
    assert len(await _records(database, name="partijenPartialUpdate", operation="update")) == 1
    r = await client.delete(f"/partijen/{partij['uuid']}")
    assert r.status_code == 204
    assert len(await _records(database, name="partijenDestroy", operation="delete")) == 1
    # a write that fails logs nothing: its transaction is rolled back with the records
    r = await client.patch(f"/partijen/{partij['uuid']}", json={"indicatieActief": True})
    assert r.status_code == 404


async def test_what_a_token_may_not_see_is_not_logged_for_it(anon, client, database):
    secret = await _partij_with_bsn(client, indicatieGeheimhouding=True)
    async with database.session(write=True) as session:
        key = await TokenStore(api_token).create(session, "portal", ["*"])
    r = await anon.get(f"/partijen/{secret['uuid']}", headers={"Authorization": f"Token {key}"})
    problem(r, 404)
    assert await _records(database, name="partijenRetrieve") == []


async def test_a_read_that_cannot_be_logged_is_not_served(client, database):
    partij = await _partij_with_bsn(client)
    await refuse_inserts(database, "processing_log", True)
    try:
        r = await client.get(f"/partijen/{partij['uuid']}")
        assert problem(r, 503)["code"] == "service_unavailable"
        assert partij["uuid"] not in r.text
        r = await client.patch(f"/partijen/{partij['uuid']}", json={"indicatieActief": False})
        problem(r, 503)
    finally:
        await refuse_inserts(database, "processing_log", False)
    r = await client.get(f"/partijen/{partij['uuid']}")
    assert r.status_code == 200 and r.json()["indicatieActief"] is True  # the PATCH was undone


async def test_a_logged_detail_read_is_still_one_statement_on_postgresql(
    client, database, count_statements
):
    partij = await _partij_with_bsn(client)
    await client.get(f"/partijen/{partij['uuid']}")  # the token is cached
    with count_statements() as c:
        r = await client.get(f"/partijen/{partij['uuid']}")
    assert r.status_code == 200
    # PostgreSQL logs in the read's own statement; SQLite needs an INSERT of its own.
    assert c.count == (2 if database.sqlite else 1), c.statements
    assert len(await _records(database, name="partijenRetrieve")) == 2
