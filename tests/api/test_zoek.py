"""POST /partijen/_zoek and /klantcontacten/_zoek (issue 12): the list's filters in a JSON body.

Every answer is compared with GET of the list with the same filters as query parameters: the
same results, count and refusals; only the links point at ``_zoek``.
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.api.klantcontacten_helpers import (
    BASE,
    BSN,
    KVK,
    make_betrokkene,
    make_klantcontact,
    make_partij,
)
from tests.helpers import invalid_params, problem

BSN_2 = {**BSN, "objectId": "296648875"}
ZOEK = {"partijen": "/partijen/_zoek", "klantcontacten": "/klantcontacten/_zoek"}


async def _seed(client: httpx.AsyncClient) -> dict[str, Any]:
    """Three partijen (two with a BSN, one with a KvK number) and four klantcontacten, three
    of them with the first partij as betrokkene."""
    p1 = await make_partij(client, BSN)
    p2 = await make_partij(client, BSN_2)
    p3 = await make_partij(client, KVK)
    r = await client.patch(f"/partijen/{p3['uuid']}", json={"indicatieActief": False})
    assert r.status_code == 200, r.text
    contacts = []
    for i, onderwerp in enumerate(("afval", "afvalpas", "parkeren", "afval ophalen")):
        kc = await make_klantcontact(client, onderwerp=onderwerp, kanaal=f"kanaal{i % 2}")
        if i < 3:
            await make_betrokkene(client, kc, p1)
        contacts.append(kc)
    await make_betrokkene(client, contacts[3], p2)
    return {"partijen": [p1, p2, p3], "klantcontacten": contacts}


async def _both(
    client: httpx.AsyncClient,
    collection: str,
    body: Any,
    query: dict[str, Any],
    paging: dict[str, str] | None = None,
) -> tuple[httpx.Response, httpx.Response]:
    listed = await client.get(f"/{collection}", params={**query, **(paging or {})})
    searched = await client.post(ZOEK[collection], params=paging, json=body)
    return listed, searched


async def _same(
    client: httpx.AsyncClient,
    collection: str,
    body: Any,
    query: dict[str, Any],
    paging: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Asserts that the search answers as the list does, and returns the search's answer."""
    listed, searched = await _both(client, collection, body, query, paging)
    assert listed.status_code == 200, listed.text
    assert searched.status_code == 200, searched.text
    want, got = listed.json(), searched.json()
    assert got["count"] == want["count"]
    assert got["results"] == want["results"], body
    for link in ("next", "previous"):
        assert (got[link] is None) == (want[link] is None)
    return got  # type: ignore[no-any-return]


def _as_query(body: dict[str, Any]) -> dict[str, str]:
    """The query string of the list that a body means."""
    out = {}
    for name, value in body.items():
        if isinstance(value, bool):
            value = "true" if value else "false"
        out[name] = ",".join(value) if isinstance(value, list) else str(value)
    return out


def _uuids(answer: dict[str, Any]) -> set[str]:
    return {item["uuid"] for item in answer["results"]}


async def test_partijen_search_answers_as_the_list(client):
    data = await _seed(client)
    p1, p2, p3 = data["partijen"]
    cases: list[tuple[dict[str, Any], dict[str, Any], set[str]]] = [
        ({}, {}, {p1["uuid"], p2["uuid"], p3["uuid"]}),
        (
            {"partijIdentificator__objectId": BSN["objectId"]},
            {"partijIdentificator__objectId": BSN["objectId"]},
            {p1["uuid"]},
        ),
        (
            {"partijIdentificator__codeSoortObjectId": "bsn", "indicatieActief": True},
            {"partijIdentificator__codeSoortObjectId": "bsn", "indicatieActief": "true"},
            {p1["uuid"], p2["uuid"]},
        ),
        ({"indicatieActief": False}, {"indicatieActief": "false"}, {p3["uuid"]}),
        ({"indicatieActief": 0}, {"indicatieActief": "0"}, {p3["uuid"]}),  # a number: its text
        ({"soortPartij": "persoon", "nummer": None}, {"soortPartij": "persoon"}, None),
        ({"soortPartij": "", "indicatieActief": None}, {}, None),  # "" and null: no filter
        (
            {"partijIdentificator__objectId": BSN["objectId"], "expand": "betrokkenen"},
            {"partijIdentificator__objectId": BSN["objectId"], "expand": "betrokkenen"},
            {p1["uuid"]},
        ),
        (
            {"expand": ["betrokkenen.hadKlantcontact", "digitaleAdressen"]},
            {"expand": "betrokkenen.hadKlantcontact,digitaleAdressen"},
            None,
        ),
    ]
    for body, query, expected in cases:
        got = await _same(client, "partijen", body, query)
        if expected is not None:
            assert _uuids(got) == expected, body
    nested = {"expand": "betrokkenen.hadKlantcontact"}
    expanded = await _same(client, "partijen", nested, nested)
    first = next(i for i in expanded["results"] if i["uuid"] == p1["uuid"])
    assert len(first["_expand"]["betrokkenen"]) == 3  # the expansion is really there


async def test_klantcontacten_search_answers_as_the_list(client):
    data = await _seed(client)
    k = data["klantcontacten"]
    bsn = "hadBetrokkene__wasPartij__partijIdentificator__objectId"
    cases: list[tuple[dict[str, Any], dict[str, Any], set[str] | None]] = [
        (
            {bsn: BSN["objectId"]},
            {bsn: BSN["objectId"]},
            {k[0]["uuid"], k[1]["uuid"], k[2]["uuid"]},
        ),
        (
            {bsn: BSN["objectId"], "onderwerp": "AFVAL"},
            {bsn: BSN["objectId"], "onderwerp": "AFVAL"},
            {k[0]["uuid"], k[1]["uuid"]},
        ),
        (
            {"kanaal": "kanaal1", "vertrouwelijk": False},
            {"kanaal": "kanaal1", "vertrouwelijk": "0"},
            None,
        ),
        ({"hadBetrokkene__wasPartij": True}, {"hadBetrokkene__wasPartij": "true"}, None),
        (
            {bsn: BSN_2["objectId"], "expand": ["hadBetrokkenen.wasPartij"]},
            {bsn: BSN_2["objectId"], "expand": "hadBetrokkenen.wasPartij"},
            {k[3]["uuid"]},
        ),
    ]
    for body, query, expected in cases:
        got = await _same(client, "klantcontacten", body, query)
        if expected is not None:
            assert _uuids(got) == expected, body
    nested = {"expand": "hadBetrokkenen.wasPartij"}
    got = await _same(client, "klantcontacten", nested, nested)
    assert all(i["_expand"]["hadBetrokkenen"] for i in got["results"])


async def test_pages_and_their_links_point_at_the_search(client):
    await _seed(client)
    body = {"hadBetrokkene__wasPartij__partijIdentificator__codeSoortObjectId": "bsn"}
    query = dict(body)
    first = await _same(client, "klantcontacten", body, query, {"pageSize": "2"})
    assert first["count"] == 4
    assert first["previous"] is None
    assert first["next"] == f"{BASE}/klantcontacten/_zoek?page=2&pageSize=2"
    # The client POSTs the same body to the link it was given.
    second = (await client.post(first["next"], json=body)).json()
    listed = (
        await client.get("/klantcontacten", params={**query, "pageSize": 2, "page": 2})
    ).json()
    assert second["results"] == listed["results"]
    assert second["next"] is None
    assert second["previous"] == f"{BASE}/klantcontacten/_zoek?pageSize=2"
    assert _uuids(first).isdisjoint(_uuids(second))
    last = await _same(client, "klantcontacten", body, query, {"pageSize": "3", "page": "last"})
    assert len(last["results"]) == 1
    for page in ("3", "x", "0"):
        listed, searched = await _both(
            client, "klantcontacten", body, query, {"pageSize": "2", "page": page}
        )
        assert problem(searched, 404)["detail"] == problem(listed, 404)["detail"]


def _comparable(response: httpx.Response) -> dict[str, Any]:
    body = response.json()
    body.pop("instance")
    return body  # type: ignore[no-any-return]


async def test_refusals_are_the_lists(client):
    for body, query in (
        ({"onbekend": "x", "ookOnbekend": 1}, {"onbekend": "x", "ookOnbekend": "1"}),
        ({"soortPartij": "dier"}, {"soortPartij": "dier"}),
        ({"indicatieActief": "ja"}, {"indicatieActief": "ja"}),
        ({"indicatieActief": 1.5}, {"indicatieActief": "1.5"}),
        (
            {"vertegenwoordigdePartij__uuid": "geen-uuid"},
            {"vertegenwoordigdePartij__uuid": "geen-uuid"},
        ),
        (
            {"vertegenwoordigdePartij__url": "geen url"},
            {"vertegenwoordigdePartij__url": "geen url"},
        ),
        ({"expand": "betrokkenen,fout"}, {"expand": "betrokkenen,fout"}),
        ({"expand": ["fout"]}, {"expand": "fout"}),
        ({"nummer": "a\x00b"}, {"nummer": "a\x00b"}),
        ({"nummer": "x" * 4001}, {"nummer": "x" * 4001}),
    ):
        listed, searched = await _both(client, "partijen", body, query)
        assert listed.status_code == 400, listed.text
        assert _comparable(searched) == _comparable(listed), body


async def test_wrong_bodies_and_query_strings_are_refused(client):
    url = ZOEK["partijen"]
    for body, name, code in (
        ([], "nonFieldErrors", "invalid"),
        ("soortPartij=persoon", "nonFieldErrors", "invalid"),
        (12, "nonFieldErrors", "invalid"),
        ({"soortPartij": ["persoon"]}, "soortPartij", "invalid"),
        ({"nummer": {"exact": "1"}}, "nummer", "invalid"),
        ({"expand": ["betrokkenen", 1]}, "expand", "invalid"),
        ({"expand": {"betrokkenen": True}}, "expand", "invalid"),
        ({"expand": True}, "expand", "invalid"),
        # Pagination belongs in the query string, whose links would otherwise lose it.
        ({"page": 2}, "nonFieldErrors", "unknown-parameters"),
        ({"pageSize": "1"}, "nonFieldErrors", "unknown-parameters"),
    ):
        assert invalid_params(await client.post(url, json=body)) == {name: code}, body
    # Filters in the URL are what the search exists to avoid: refused, not ignored.
    r = await client.post(url, params={"partijIdentificator__objectId": "1"}, json={})
    assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}
    r = await client.post(url, params={"expand": "betrokkenen"}, json={})
    assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}
    r = await client.post(url, content=b"{", headers={"Content-Type": "application/json"})
    assert problem(r, 400)["code"] == "parse_error"
    r = await client.post(url, content=b"{}", headers={"Content-Type": "text/plain"})
    assert problem(r, 415)["code"] == "unsupported_media_type"


async def test_an_empty_body_is_the_whole_list(client):
    await _seed(client)
    listed = (await client.get("/partijen")).json()
    for r in (await client.post(ZOEK["partijen"]), await client.post(ZOEK["partijen"], json={})):
        assert r.status_code == 200, r.text
        assert r.json()["results"] == listed["results"]
        assert r.json()["count"] == 3


async def test_no_token_is_refused_before_the_body_is_read(anon, app):
    too_big = b"{" * (app.state.settings.max_body_size + 1)
    for url in ZOEK.values():
        for content in (b"{", too_big):  # else a 400 parse error or a 413
            r = await anon.post(url, content=content, headers={"Content-Type": "application/json"})
            assert problem(r, 401)["code"] == "not_authenticated"
        r = await anon.post(url, json={}, headers={"Authorization": "Token onbekend"})
        assert problem(r, 401)["code"] == "authentication_failed"


async def test_rights_are_the_lists(client, as_token):
    await _seed(client)
    partijen_only = await as_token("partijen:read")
    klantcontacten_only = await as_token("klantcontacten:read")
    cases = [
        (klantcontacten_only, "partijen", {}, 403),
        (partijen_only, "klantcontacten", {}, 403),
        (partijen_only, "partijen", {"expand": "digitaleAdressen"}, 200),
        (partijen_only, "partijen", {"expand": "betrokkenen"}, 403),  # of klantcontacten
        (partijen_only, "partijen", {"partijIdentificator__objectId": "1"}, 200),
        (klantcontacten_only, "klantcontacten", {"leiddeTotInterneTaken": True}, 403),
        (klantcontacten_only, "klantcontacten", {"expand": ["hadBetrokkenen.wasPartij"]}, 403),
        (klantcontacten_only, "klantcontacten", {"onderwerp": "afval"}, 200),
    ]
    for c, collection, body, status in cases:
        listed, searched = await _both(c, collection, body, _as_query(body))
        assert listed.status_code == status, (collection, body, listed.text)
        assert searched.status_code == status, (collection, body, searched.text)
        if status == 403:
            assert _comparable(searched) == _comparable(listed)


async def test_statement_count_is_the_lists(client, count_statements):
    await _seed(client)
    for collection, body, query in (
        ("partijen", {"partijIdentificator__objectId": BSN["objectId"]}, None),
        ("partijen", {"expand": ["betrokkenen.hadKlantcontact"]}, None),
        ("partijen", {"indicatieActief": True}, {"pageSize": "1"}),  # a full page: count too
        (
            "klantcontacten",
            {
                "hadBetrokkene__wasPartij__partijIdentificator__objectId": BSN["objectId"],
                "expand": "hadBetrokkenen.wasPartij",
            },
            None,
        ),
    ):
        with count_statements() as listed:
            r = await client.get(f"/{collection}", params={**_as_query(body), **(query or {})})
        assert r.status_code == 200, r.text
        with count_statements() as searched:
            r = await client.post(ZOEK[collection], params=query, json=body)
        assert r.status_code == 200, r.text
        assert searched.count == listed.count, (searched.statements, listed.statements)
        L = count_statements.logged  # the processing log's own INSERT on SQLite
        assert 1 + L <= searched.count <= 2 + L


async def test_options_names_only_post(client):
    for url in ZOEK.values():
        r = await client.options(url)
        assert r.status_code == 204
        assert r.headers["allow"] == "POST, OPTIONS"


async def test_documented_as_our_extension(anon):
    doc = (await anon.get("/openapi.json")).json()
    for collection, name in (
        ("partijen", "partijenZoek"),
        ("klantcontacten", "klantcontactenZoek"),
    ):
        op = doc["paths"][f"/{collection}/_zoek"]["post"]
        listing = doc["paths"][f"/{collection}"]["get"]
        assert op["operationId"] == name
        assert op["x-extension"] is True
        assert "niet in de standaard" in op["description"]
        assert [p["name"] for p in op["parameters"]] == ["page", "pageSize"]
        body = op["requestBody"]["content"]["application/json"]["schema"]
        filters = {p["name"] for p in listing["parameters"]} - {"page", "pageSize"}
        assert set(body["properties"]) == filters
        assert body["additionalProperties"] is False
        assert op["responses"]["200"] == listing["responses"]["200"]
        assert {"408", "413", "415"} <= set(op["responses"])
