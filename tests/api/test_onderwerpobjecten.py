from __future__ import annotations

from typing import Any

import pytest

from tests.api.klantcontact_data import (
    BASE,
    EMPTY_IDENTIFICATOR,
    IDENTIFICATOR_KEYS,
    MISSING,
    make_betrokkene,
    make_digitaal_adres,
    make_klantcontact,
    make_partij,
    ref,
)
from tests.helpers import invalid_params, problem, reasons

URL = "/onderwerpobjecten"
KEYS = ["uuid", "url", "klantcontact", "wasKlantcontact", "onderwerpobjectidentificator"]
ZAAK = {
    "objectId": "095be615-a8ad-4c33-8e9c-c7612fbf6c9f",
    "codeObjecttype": "zaak",
    "codeRegister": "open-zaak",
    "codeSoortObjectId": "uuid",
}


async def create(client, **fields: Any) -> dict[str, Any]:
    r = await client.post(URL, json=fields)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


async def test_crud_and_representation(client):
    kc = await make_klantcontact(client)
    other = await make_klantcontact(client)
    r = await client.post(URL, json={})
    assert r.status_code == 201, r.text
    empty = r.json()
    assert r.headers["Location"] == empty["url"] == f"{BASE}{URL}/{empty['uuid']}"
    assert list(empty) == KEYS
    assert empty["klantcontact"] is None and empty["wasKlantcontact"] is None
    assert empty["onderwerpobjectidentificator"] == EMPTY_IDENTIFICATOR
    assert list(empty["onderwerpobjectidentificator"]) == IDENTIFICATOR_KEYS

    body = await create(
        client,
        klantcontact={"uuid": kc["uuid"], "url": "http://ignored/x"},
        was_klantcontact=ref(other),
        onderwerpobjectidentificator=ZAAK,
    )
    assert body["klantcontact"] == kc and body["wasKlantcontact"] == other
    assert body["onderwerpobjectidentificator"] == ZAAK
    assert (await client.get(body["url"])).json() == body

    r = await client.patch(body["url"], json={"onderwerpobjectidentificator": {"objectId": "1"}})
    assert r.json() == {
        **body,
        "onderwerpobjectidentificator": {**EMPTY_IDENTIFICATOR, "objectId": "1"},
    }
    r = await client.put(body["url"], json={"wasKlantcontact": None})
    assert r.json()["wasKlantcontact"] is None and r.json()["klantcontact"] == kc
    r = await client.patch(body["url"], json={"onderwerpobjectidentificator": None})
    assert r.json()["onderwerpobjectidentificator"] == EMPTY_IDENTIFICATOR

    r = await client.delete(body["url"])
    assert r.status_code == 204 and r.content == b""
    problem(await client.get(body["url"]), 404)
    problem(await client.get(f"{URL}/not-a-uuid"), 404)
    problem(await client.put(f"{URL}/{MISSING}", json={}), 404)
    problem(await client.delete(f"{URL}/{MISSING}"), 404)
    problem(await client.delete(f"{URL}/{MISSING}", params={"cascade": "true"}), 404)


async def test_validation(client):
    cases = [
        ({"klantcontact": {"uuid": MISSING}}, "klantcontact.uuid", "invalid"),
        ({"wasKlantcontact": {"uuid": MISSING}}, "wasKlantcontact.uuid", "invalid"),
        ({"klantcontact": {"uuid": "x"}}, "klantcontact.uuid", "invalid"),
        ({"klantcontact": {"url": "http://x.nl/y"}}, "klantcontact.uuid", "required"),
        ({"wasKlantcontact": "x"}, "wasKlantcontact.nonFieldErrors", "invalid"),
        (
            {"onderwerpobjectidentificator": {"objectId": "x" * 201}},
            "onderwerpobjectidentificator.objectId",
            "max_length",
        ),
        (
            {"onderwerpobjectidentificator": {"codeRegister": None}},
            "onderwerpobjectidentificator.codeRegister",
            "null",
        ),
        (
            {"onderwerpobjectidentificator": ["zaak"]},
            "onderwerpobjectidentificator.nonFieldErrors",
            "invalid",
        ),
    ]
    for body, name, code in cases:
        assert invalid_params(await client.post(URL, json=body)) == {name: code}, body
    r = await client.post(URL, json={"wasKlantcontact": {"uuid": MISSING}})
    assert "bestaat niet" in reasons(r)["wasKlantcontact.uuid"]
    assert invalid_params(await client.post(URL, json="x")) == {"nonFieldErrors": "invalid"}
    assert (await client.get(URL)).json()["count"] == 0


async def test_filters(client):
    kc1 = await make_klantcontact(client)
    kc2 = await make_klantcontact(client)
    a = await create(client, klantcontact=ref(kc1), onderwerpobjectidentificator=ZAAK)
    b = await create(
        client,
        klantcontact=ref(kc2),
        wasKlantcontact=ref(kc1),
        onderwerpobjectidentificator={**ZAAK, "objectId": "2", "codeRegister": "zrc"},
    )
    c = await create(client)
    a, b, c = a["uuid"], b["uuid"], c["uuid"]
    cases: list[tuple[dict[str, str], list[str]]] = [
        ({}, [a, b, c]),
        ({"klantcontact__uuid": kc1["uuid"]}, [a]),
        ({"klantcontact__url": kc2["url"]}, [b]),
        ({"klantcontact__url": "http://x.nl/klantcontacten/nope"}, []),
        ({"wasKlantcontact__uuid": kc1["uuid"]}, [b]),
        ({"wasKlantcontact__url": kc1["url"]}, [b]),
        ({"wasKlantcontact__uuid": kc2["uuid"]}, []),
        ({"onderwerpobjectidentificatorCodeObjecttype": "zaak"}, [a, b]),
        ({"onderwerpobjectidentificatorCodeObjecttype": "Zaak"}, []),
        ({"onderwerpobjectidentificatorCodeRegister": "zrc"}, [b]),
        ({"onderwerpobjectidentificatorCodeSoortObjectId": "uuid"}, [a, b]),
        ({"onderwerpobjectidentificatorObjectId": ZAAK["objectId"]}, [a]),
        ({"onderwerpobjectidentificatorObjectId": "2", "klantcontact__uuid": kc1["uuid"]}, []),
    ]
    for params, expected in cases:
        r = await client.get(URL, params=params)
        assert r.status_code == 200, r.text
        assert sorted(x["uuid"] for x in r.json()["results"]) == sorted(expected), params
    bad = {"klantcontact__uuid": "nope", "wasKlantcontact__url": "nope"}
    for name, value in bad.items():
        assert invalid_params(await client.get(URL, params={name: value})) == {name: "invalid"}
    for name in ("expand", "klantcontact", "onderwerpobjectidentificator__objectId", "cascade"):
        r = await client.get(URL, params={name: "x"})
        assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}, name
    r = await client.get(f"{URL}/{a}", params={"expand": "klantcontact"})
    assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}


async def exists(client, item: dict[str, Any]) -> bool:
    r = await client.get(item["url"].removeprefix(BASE))
    assert r.status_code in (200, 404), r.text
    return r.status_code == 200


async def test_cascade_deletes_klantcontact_and_partijloze_adressen(client):
    kc = await make_klantcontact(client)
    partij = await make_partij(client)
    b = await make_betrokkene(client, kc)
    loose = await make_digitaal_adres(client, verstrektDoorBetrokkene=ref(b))
    owned = await make_digitaal_adres(
        client, verstrektDoorBetrokkene=ref(b), verstrektDoorPartij=ref(partij)
    )
    other = await make_digitaal_adres(client)  # not given by this betrokkene
    bijlage = (await client.post("/bijlagen", json={"wasBijlageVanKlantcontact": ref(kc)})).json()
    o = await create(client, klantcontact=ref(kc), onderwerpobjectidentificator=ZAAK)

    r = await client.delete(o["url"], params={"cascade": "true"})
    assert r.status_code == 200, r.text
    assert r.json() == {"behouden": []}
    assert not await exists(client, o)
    assert not await exists(client, kc)
    assert not await exists(client, b)
    assert not await exists(client, bijlage)
    assert not await exists(client, loose)
    assert await exists(client, other) and await exists(client, partij)
    kept = (await client.get(owned["url"])).json()
    assert kept["verstrektDoorBetrokkene"] is None and kept["verstrektDoorPartij"]["uuid"]
    assert (await client.get("/betrokkenen", params={"hadKlantcontact__uuid": kc["uuid"]})).json()[
        "count"
    ] == 0


async def test_cascade_keeps_klantcontacten_still_referenced(client):
    kc1, kc2, kc3 = [await make_klantcontact(client) for _ in range(3)]
    b1 = await make_betrokkene(client, kc1)
    b2 = await make_betrokkene(client, kc2)
    # kc2 is still the onderwerp of another onderwerpobject (through wasKlantcontact)
    o = await create(client, klantcontact=ref(kc1), wasKlantcontact=ref(kc2))
    keeper = await create(client, klantcontact=ref(kc3), wasKlantcontact=ref(kc2))
    r = await client.delete(o["url"], params={"cascade": "TRUE"})
    assert r.status_code == 200 and r.json() == {"behouden": [kc2["url"]]}
    assert not await exists(client, kc1) and not await exists(client, b1)
    assert await exists(client, kc2) and await exists(client, b2) and await exists(client, keeper)

    # both links to the same klantcontact, which another onderwerpobject also names
    o2 = await create(client, klantcontact=ref(kc3), wasKlantcontact=ref(kc3))
    r = await client.delete(o2["url"], params={"cascade": "True"})
    assert r.json() == {"behouden": [kc3["url"]]} and await exists(client, kc3)
    # now the last one: kc3 and kc2 go, with keeper itself
    r = await client.delete(keeper["url"], params={"cascade": "true"})
    assert r.json() == {"behouden": []}
    assert not await exists(client, kc2) and not await exists(client, kc3)
    assert not await exists(client, b2)
    assert (await client.get(URL)).json()["count"] == 0


async def test_cascade_without_klantcontacten(client):
    o = await create(client)
    r = await client.delete(o["url"], params={"cascade": "true"})
    assert r.status_code == 200 and r.json() == {"behouden": []}
    assert not await exists(client, o)


@pytest.mark.parametrize("value", ["false", "1", "yes", "", "truee"])
async def test_without_cascade_klantcontact_stays(client, value):
    kc = await make_klantcontact(client)
    b = await make_betrokkene(client, kc)
    o = await create(client, klantcontact=ref(kc))
    r = await client.delete(o["url"], params={"cascade": value})
    assert r.status_code == 204 and r.content == b""
    assert not await exists(client, o) and await exists(client, b) and await exists(client, kc)


async def test_list_order_pagination_and_statement_count(client, count_statements):
    kc = await make_klantcontact(client)
    queries: list[dict[str, str]] = [
        {},
        {"klantcontact__uuid": kc["uuid"], "onderwerpobjectidentificatorCodeObjecttype": "zaak"},
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
        made.append(await create(client, klantcontact=ref(kc), onderwerpobjectidentificator=ZAAK))
        if i == 1:
            small = await counts()
    L = count_statements.logged  # the processing log's own INSERT on SQLite
    # page (not full: no count; the token is cached)
    assert await counts() == small == [1 + L, 1 + L]
    body = (await client.get(URL, params={"pageSize": "2", "page": "2"})).json()
    assert [x["uuid"] for x in body["results"]] == [made[27]["uuid"], made[26]["uuid"]]
    assert body["next"] and body["previous"]
    assert "_expand" not in body["results"][0]
