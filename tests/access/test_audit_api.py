"""The audit API over HTTP: searches by trace, processing activity and data subject, the
refusals, the right audit:read, and its own OpenAPI document."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from klantinteracties.access.hashing import subject_hash
from tests.access.audit_helpers import AUDIT_BASE, BSN, KVK, OTHER_BSN, T0, activity, key_of, log
from tests.helpers import invalid_params, problem

ACTIVITY = "https://register.example/activiteiten/7"


async def seed(app, database):
    """Three actions: two on BSN (one of them also on a KvK), one on another BSN."""
    first = activity(start_time=T0, processing_activity_id=ACTIVITY)
    second = activity(start_time=T0 + dt.timedelta(hours=1), operation="update", status="ERROR")
    third = activity(start_time=T0 + dt.timedelta(hours=2), processing_activity_id=ACTIVITY)
    await log(app, database, first, [(BSN, "bsn"), (KVK, "kvk")])
    await log(app, database, second, [(BSN, "bsn")])
    await log(app, database, third, [(OTHER_BSN, "bsn")])
    return first, second, third


async def test_search_by_data_subject_in_a_body(app, database, audit):
    first, second, _ = await seed(app, database)
    r = await audit.post("/dataverwerkingen/_zoek", json={"dataSubjectId": BSN})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["count"] == 2
    assert [x["spanId"] for x in body["results"]] == [first.span_id, second.span_id]  # in time
    key = await key_of(app, database)
    record = body["results"][1]
    assert record == {
        "traceId": second.trace_id,
        "spanId": second.span_id,
        "parentSpanId": None,
        "name": "partijenRetrieve",
        "startTime": "2026-03-01T13:00:00Z",
        "endTime": record["endTime"],
        "status": "ERROR",
        "application": "portal",
        "operation": "update",
        "resourceUrl": second.resource_url,
        "dataSubjectId": subject_hash(key, BSN),
        "dataSubjectType": "bsn",
        "processingActivityId": second.processing_activity_id,
        "userId": None,  # an API token names no person (the beheer interface does)
    }
    assert BSN not in r.text
    r = await audit.post(
        "/dataverwerkingen/_zoek",
        json={"dataSubjectId": BSN, "since": "2026-03-01T12:30:00Z", "until": "2026-03-02T00:00Z"},
    )
    assert [x["spanId"] for x in r.json()["results"]] == [second.span_id]
    r = await audit.post(
        "/dataverwerkingen/_zoek", json={"dataSubjectId": KVK, "dataSubjectType": "bsn"}
    )
    assert r.json()["count"] == 0


async def test_a_search_for_a_person_is_itself_logged(app, database, audit):
    await seed(app, database)
    key = await key_of(app, database)
    headers = {"traceparent": f"00-{'c' * 32}-{'d' * 16}-01"}
    r = await audit.post("/dataverwerkingen/_zoek", json={"dataSubjectId": KVK}, headers=headers)
    assert r.status_code == 200 and r.json()["count"] == 1
    r = await audit.get("/dataverwerkingen", params={"traceId": "c" * 32})
    (record,) = r.json()["results"]
    assert record["dataSubjectId"] == subject_hash(key, KVK)
    assert record["dataSubjectType"] == "kvk"  # 8 digits: a KvK-nummer
    assert (record["name"], record["operation"]) == ("dataverwerkingenZoek", "read")
    assert record["application"] == "auditor" and record["parentSpanId"] == "d" * 16
    assert record["resourceUrl"].endswith("/verwerkingen/api/v1/dataverwerkingen/_zoek")
    # searching by trace or activity names no person: nothing more is logged
    r = await audit.get("/dataverwerkingen", params={"traceId": "c" * 32})
    assert r.json()["count"] == 1


async def test_search_by_trace_and_by_activity(app, database, audit):
    first, _, third = await seed(app, database)
    r = await audit.get("/dataverwerkingen", params={"traceId": first.trace_id.upper()})
    assert r.status_code == 200
    assert {x["dataSubjectType"] for x in r.json()["results"]} == {"bsn", "kvk"}
    r = await audit.get("/dataverwerkingen", params={"processingActivityId": ACTIVITY})
    assert [x["traceId"] for x in r.json()["results"]] == [first.trace_id] * 2 + [third.trace_id]
    r = await audit.get(
        "/dataverwerkingen", params={"processingActivityId": ACTIVITY, "until": "2026-03-01T13:00"}
    )
    assert r.json()["count"] == 2


async def test_pages(app, database, audit):
    await seed(app, database)
    r = await audit.get(
        "/dataverwerkingen", params={"processingActivityId": ACTIVITY, "pageSize": 2}
    )
    body = r.json()
    assert body["count"] == 3 and len(body["results"]) == 2 and body["previous"] is None
    assert body["next"].startswith(f"{AUDIT_BASE}/dataverwerkingen?")
    r2 = await audit.get(body["next"])
    assert len(r2.json()["results"]) == 1 and r2.json()["next"] is None
    last = await audit.get(
        "/dataverwerkingen",
        params={"processingActivityId": ACTIVITY, "pageSize": 2, "page": "last"},
    )
    assert last.json()["results"] == r2.json()["results"]
    problem(
        await audit.get("/dataverwerkingen", params={"processingActivityId": ACTIVITY, "page": 9}),
        404,
    )
    r = await audit.post("/dataverwerkingen/_zoek?pageSize=1&page=2", json={"dataSubjectId": BSN})
    assert r.json()["count"] == 2 and len(r.json()["results"]) == 1


async def test_a_criterion_is_required(audit):
    for r in (
        await audit.get("/dataverwerkingen"),
        await audit.get("/dataverwerkingen", params={"since": "2026-01-01"}),
        await audit.post("/dataverwerkingen/_zoek", json={}),
        await audit.post("/dataverwerkingen/_zoek", json={"dataSubjectType": "bsn"}),
    ):
        assert invalid_params(r) == {"nonFieldErrors": "invalid"}


async def test_refused_input(audit):
    r = await audit.get("/dataverwerkingen", params={"dataSubjectId": BSN})
    assert invalid_params(r) == {"dataSubjectId": "invalid"}
    assert BSN not in r.text  # not even in the refusal
    r = await audit.get("/dataverwerkingen", params={"traceId": "abc"})
    assert invalid_params(r) == {"traceId": "invalid"}
    r = await audit.get("/dataverwerkingen", params={"traceId": "a" * 32, "since": "gisteren"})
    assert invalid_params(r) == {"since": "invalid"}
    r = await audit.post("/dataverwerkingen/_zoek", json={"dataSubjectId": BSN, "bsn": BSN})
    assert invalid_params(r) == {"bsn": "unknown"}
    r = await audit.post("/dataverwerkingen/_zoek", json={"dataSubjectId": 999993653})
    assert invalid_params(r) == {"dataSubjectId": "invalid"}
    r = await audit.post("/dataverwerkingen/_zoek", json={"dataSubjectId": ""})
    assert invalid_params(r) == {"dataSubjectId": "blank"}
    r = await audit.get("/dataverwerkingen", params={"traceId": "a" * 32, "bsn": BSN})
    assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}
    r = await audit.get("/dataverwerkingen", params={"traceId": "a" * 32, "pageSize": "1\x00"})
    assert invalid_params(r) == {"pageSize": "invalid"}
    r = await audit.post("/dataverwerkingen/_zoek?traceId=" + "a" * 32, json={"dataSubjectId": BSN})
    assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}
    r = await audit.post("/dataverwerkingen/_zoek", json=[BSN])
    assert invalid_params(r) == {"nonFieldErrors": "invalid"}
    r = await audit.post(
        "/dataverwerkingen/_zoek", content=b"{", headers={"Content-Type": "application/json"}
    )
    problem(r, 400)


async def test_rights(app, client, anon, audit):
    """'*' grants every data group but not the log: a data-reading token must not read it."""
    for http in (client, anon):
        for r in (
            await http.get(f"{AUDIT_BASE}/dataverwerkingen", params={"traceId": "a" * 32}),
            await http.post(f"{AUDIT_BASE}/dataverwerkingen/_zoek", json={"dataSubjectId": BSN}),
        ):
            problem(r, 403 if http is client else 401)
    # and audit:read grants no data
    problem(await audit.get("http://testserver.local/klantinteracties/api/v1/partijen"), 403)


async def test_nothing_changes_or_deletes_a_record(audit):
    for method in ("PUT", "PATCH", "DELETE"):
        for path in ("/dataverwerkingen", "/dataverwerkingen/_zoek"):
            problem(await audit.request(method, path), 405)
    problem(await audit.post("/dataverwerkingen", json={}), 405)


async def test_own_openapi_document(app):
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=AUDIT_BASE) as http:
        r = await http.get("/openapi.json")
        assert r.status_code == 200
        doc = r.json()
        assert doc["servers"] == [{"url": "/verwerkingen/api/v1"}]
        assert set(doc["paths"]) == {"/dataverwerkingen", "/dataverwerkingen/_zoek"}
        assert "Dataverwerking" in doc["components"]["schemas"]
        assert (await http.get("/")).json() == {
            "dataverwerkingen": f"{AUDIT_BASE}/dataverwerkingen"
        }
        ki = (await http.get("http://testserver.local/klantinteracties/api/v1/openapi.json")).json()
        assert not any(p.startswith("/dataverwerkingen") for p in ki["paths"])
        r = await http.get("/dataverwerkingen", params={"traceId": "a" * 32})
        assert r.headers["API-version"] == "1.0.0"


@pytest.mark.parametrize(
    ("path", "allow"),
    [("/dataverwerkingen", "GET, HEAD, OPTIONS"), ("/dataverwerkingen/_zoek", "POST, OPTIONS")],
)
async def test_options(audit, path, allow):
    r = await audit.options(path)
    assert r.status_code == 204 and r.headers["Allow"] == allow
