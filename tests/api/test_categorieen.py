from __future__ import annotations

import datetime as dt

from tests.helpers import invalid_params, problem


async def test_categorie_crud(client):
    r = await client.post("/categorieen", json={"naam": "vip"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert r.headers["Location"] == body["url"]
    assert body["url"] == f"http://testserver.local/klantinteracties/api/v1/categorieen/{body['uuid']}"
    assert body["naam"] == "vip"

    r = await client.get(f"/categorieen/{body['uuid']}")
    assert r.status_code == 200 and r.json() == body

    r = await client.put(f"/categorieen/{body['uuid']}", json={"naam": "gold"})
    assert r.json()["naam"] == "gold"
    r = await client.patch(f"/categorieen/{body['uuid']}", json={})
    assert r.json()["naam"] == "gold"

    r = await client.delete(f"/categorieen/{body['uuid']}")
    assert r.status_code == 204 and r.content == b""
    problem(await client.get(f"/categorieen/{body['uuid']}"), 404)


async def test_categorie_without_name_and_too_long_name(client):
    r = await client.post("/categorieen", json={})
    assert r.status_code == 201 and r.json()["naam"] == ""
    r = await client.post("/categorieen", json={"naam": "x" * 81})
    assert invalid_params(r) == {"naam": "max_length"}
    r = await client.post("/categorieen", json={"naam": None})
    assert invalid_params(r) == {"naam": "null"}


async def test_categorie_relatie_defaults_and_refs(client):
    cat = (await client.post("/categorieen", json={"naam": "vip"})).json()
    r = await client.post("/categorie-relaties", json={"categorie": {"uuid": cat["uuid"]}})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["beginDatum"] == dt.date.today().isoformat()
    assert body["eindDatum"] is None
    assert body["partij"] is None
    assert body["categorie"] == {"uuid": cat["uuid"], "url": cat["url"], "naam": "vip"}


async def test_categorie_relatie_unknown_and_malformed_refs(client):
    missing = "6f2b9f2e-8e0b-4a3c-9d4e-0a8d1c1e2f3a"
    r = await client.post("/categorie-relaties", json={"categorie": {"uuid": missing}})
    assert invalid_params(r) == {"categorie.uuid": "invalid"}
    r = await client.post("/categorie-relaties", json={"categorie": "nope"})
    assert invalid_params(r) == {"categorie.nonFieldErrors": "invalid"}
    r = await client.post("/categorie-relaties", json={"categorie": {"url": "http://x.nl/y"}})
    assert invalid_params(r) == {"categorie.uuid": "required"}
    r = await client.post("/categorie-relaties", json={"beginDatum": "gisteren"})
    assert invalid_params(r) == {"beginDatum": "invalid"}


async def test_categorie_relatie_filters(client):
    vip = (await client.post("/categorieen", json={"naam": "vip"})).json()
    std = (await client.post("/categorieen", json={"naam": "std"})).json()
    await client.post("/categorie-relaties", json={"categorie": {"uuid": vip["uuid"]}})
    await client.post(
        "/categorie-relaties",
        json={"categorie": {"uuid": std["uuid"]}, "beginDatum": "2020-01-01"},
    )
    r = await client.get("/categorie-relaties", params={"categorie__naam": "vip"})
    assert [x["categorie"]["naam"] for x in r.json()["results"]] == ["vip"]
    r = await client.get("/categorie-relaties", params={"categorie__url": std["url"]})
    assert [x["categorie"]["naam"] for x in r.json()["results"]] == ["std"]
    r = await client.get("/categorie-relaties", params={"beginDatum": "2020-01-01"})
    assert r.json()["count"] == 1
    r = await client.get("/categorie-relaties", params={"categorie__uuid": "nope"})
    assert invalid_params(r) == {"categorie__uuid": "invalid"}
    r = await client.get("/categorie-relaties", params={"categorie__url": "http://x.nl/not-a-uuid"})
    assert r.status_code == 200 and r.json()["count"] == 0
