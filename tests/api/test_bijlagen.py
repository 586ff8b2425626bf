from __future__ import annotations

from typing import Any

from tests.api.klantcontact_data import (
    BASE,
    EMPTY_IDENTIFICATOR,
    IDENTIFICATOR_KEYS,
    MISSING,
    make_klantcontact,
    ref,
)
from tests.helpers import invalid_params, problem, reasons

URL = "/bijlagen"
KEYS = ["uuid", "url", "wasBijlageVanKlantcontact", "bijlageidentificator"]
DOCUMENT = {
    "objectId": "9193b03f-93c2-4bfc-badf-b61494bd31d6",
    "codeObjecttype": "DOCUMENT",
    "codeRegister": "open-zaak",
    "codeSoortObjectId": "uuid",
}


async def create(client, **fields: Any) -> dict[str, Any]:
    r = await client.post(URL, json=fields)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


async def test_crud_and_representation(client):
    kc = await make_klantcontact(client)
    r = await client.post(URL, json={})
    assert r.status_code == 201, r.text
    empty = r.json()
    assert r.headers["Location"] == empty["url"] == f"{BASE}{URL}/{empty['uuid']}"
    assert list(empty) == KEYS
    assert empty["wasBijlageVanKlantcontact"] is None
    assert empty["bijlageidentificator"] == EMPTY_IDENTIFICATOR
    assert list(empty["bijlageidentificator"]) == IDENTIFICATOR_KEYS

    body = await create(
        client,
        was_bijlage_van_klantcontact={"uuid": kc["uuid"], "url": "http://ignored/x"},
        bijlageidentificator=DOCUMENT,
    )
    assert body["wasBijlageVanKlantcontact"] == kc and body["bijlageidentificator"] == DOCUMENT
    assert (await client.get(body["url"])).json() == body

    r = await client.patch(body["url"], json={"bijlageidentificator": {"codeRegister": "drc"}})
    assert r.json() == {
        **body,
        "bijlageidentificator": {**EMPTY_IDENTIFICATOR, "codeRegister": "drc"},
    }
    r = await client.put(body["url"], json={})
    assert r.json()["wasBijlageVanKlantcontact"] == kc  # PUT keeps what it does not send
    r = await client.put(body["url"], json={"wasBijlageVanKlantcontact": None})
    assert r.json()["wasBijlageVanKlantcontact"] is None

    r = await client.delete(body["url"])
    assert r.status_code == 204 and r.content == b""
    problem(await client.get(body["url"]), 404)
    problem(await client.get(f"{URL}/not-a-uuid"), 404)
    problem(await client.patch(f"{URL}/{MISSING}", json={}), 404)
    problem(await client.delete(f"{URL}/{MISSING}"), 404)


async def test_validation(client):
    cases = [
        (
            {"wasBijlageVanKlantcontact": {"uuid": MISSING}},
            "wasBijlageVanKlantcontact.uuid",
            "invalid",
        ),
        ({"wasBijlageVanKlantcontact": {"uuid": 5}}, "wasBijlageVanKlantcontact.uuid", "invalid"),
        ({"wasBijlageVanKlantcontact": {}}, "wasBijlageVanKlantcontact.uuid", "required"),
        ({"wasBijlageVanKlantcontact": []}, "wasBijlageVanKlantcontact.nonFieldErrors", "invalid"),
        (
            {"bijlageidentificator": {"codeSoortObjectId": "x" * 201}},
            "bijlageidentificator.codeSoortObjectId",
            "max_length",
        ),
        ({"bijlageidentificator": {"objectId": True}}, "bijlageidentificator.objectId", "invalid"),
        ({"bijlageidentificator": "doc"}, "bijlageidentificator.nonFieldErrors", "invalid"),
    ]
    for body, name, code in cases:
        assert invalid_params(await client.post(URL, json=body)) == {name: code}, body
    r = await client.post(URL, json={"wasBijlageVanKlantcontact": {"uuid": MISSING}})
    assert "bestaat niet" in reasons(r)["wasBijlageVanKlantcontact.uuid"]
    json_type = {"Content-Type": "application/json"}
    problem(await client.post(URL, content=b"{", headers=json_type), 400)
    problem(await client.post(URL, content=b"{}", headers={"Content-Type": "text/plain"}), 415)
    assert (await client.get(URL)).json()["count"] == 0


async def test_filters(client):
    kc1 = await make_klantcontact(client)
    kc2 = await make_klantcontact(client)
    a = await create(client, wasBijlageVanKlantcontact=ref(kc1), bijlageidentificator=DOCUMENT)
    b = await create(
        client,
        wasBijlageVanKlantcontact=ref(kc2),
        bijlageidentificator={**DOCUMENT, "objectId": "2", "codeRegister": "drc"},
    )
    c = await create(client)
    a, b, c = a["uuid"], b["uuid"], c["uuid"]
    cases: list[tuple[dict[str, str], list[str]]] = [
        ({}, [a, b, c]),
        ({"klantcontact__uuid": kc1["uuid"]}, [a]),
        ({"klantcontact__uuid": MISSING}, []),
        ({"bijlageidentificatorCodeObjecttype": "DOCUMENT"}, [a, b]),
        ({"bijlageidentificatorCodeObjecttype": "document"}, []),
        ({"bijlageidentificatorCodeRegister": "drc"}, [b]),
        ({"bijlageidentificatorCodeSoortObjectId": "uuid"}, [a, b]),
        ({"bijlageidentificatorObjectId": DOCUMENT["objectId"]}, [a]),
        ({"bijlageidentificatorObjectId": "2", "klantcontact__uuid": kc1["uuid"]}, []),
    ]
    for params, expected in cases:
        r = await client.get(URL, params=params)
        assert r.status_code == 200, r.text
        assert sorted(x["uuid"] for x in r.json()["results"]) == sorted(expected), params
    r = await client.get(URL, params={"klantcontact__uuid": "nope"})
    assert invalid_params(r) == {"klantcontact__uuid": "invalid"}
    # The contract has no __url variant here, nor expand.
    for name in ("klantcontact__url", "wasBijlageVanKlantcontact__uuid", "expand"):
        r = await client.get(URL, params={name: "x"})
        assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}, name


async def test_list_order_pagination_and_statement_count(client, count_statements):
    kc = await make_klantcontact(client)
    queries: list[dict[str, str]] = [
        {},
        {"klantcontact__uuid": kc["uuid"], "bijlageidentificatorCodeObjecttype": "DOCUMENT"},
    ]

    async def counts() -> list[int]:
        out = []
        for params in queries:
            with count_statements() as c:
                r = await client.get(URL, params=params)
            assert r.status_code == 200 and r.json()["count"] == len(made)
            out.append(c.count)
        return out

    made: list[dict[str, Any]] = []
    for i in range(30):
        made.append(
            await create(client, wasBijlageVanKlantcontact=ref(kc), bijlageidentificator=DOCUMENT)
        )
        if i == 1:
            small = await counts()
    L = count_statements.logged  # the processing log's own INSERT on SQLite
    # page (not full: no count; the token is cached)
    assert await counts() == small == [1 + L, 1 + L]
    body = (await client.get(URL, params={"pageSize": "2"})).json()
    assert [x["uuid"] for x in body["results"]] == [made[29]["uuid"], made[28]["uuid"]]
    assert "_expand" not in body["results"][0]
