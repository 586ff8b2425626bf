"""/partijen: expand, the ``_expand`` key, and the number of SQL statements per request."""

from __future__ import annotations

import pytest

from tests.api.partijen_helpers import (
    BSN,
    KVK,
    VESTIGING,
    get_partij,
    make_adres,
    make_partij,
    make_rekening,
    ref,
)
from tests.helpers import invalid_params


async def test_list_items_always_carry_expand_and_detail_only_when_asked(client):
    p = await make_partij(client)
    r = await client.get("/partijen")
    assert r.json()["results"][0]["_expand"] == {}
    assert list(r.json()["results"][0])[-1] == "_expand"
    assert "_expand" not in await get_partij(client, p)
    r = await client.get(f"/partijen/{p['uuid']}", params={"expand": "digitaleAdressen"})
    assert r.json()["_expand"] == {"digitaleAdressen": []}


async def test_expand_renders_full_related_resources(client):
    p = await make_partij(client)
    other = await make_partij(client)
    a = await make_adres(client, p, adres="a@example.com")
    b = await make_adres(client, p, adres="b@example.com")
    await make_adres(client, other, adres="o@example.com")
    cat = (await client.post("/categorieen", json={"naam": "vip"})).json()
    relatie = (
        await client.post("/categorie-relaties", json={"partij": ref(p), "categorie": ref(cat)})
    ).json()

    r = await client.get(
        f"/partijen/{p['uuid']}", params={"expand": "digitaleAdressen,categorieRelaties"}
    )
    assert r.status_code == 200, r.text
    expanded = r.json()["_expand"]
    assert list(expanded) == ["categorieRelaties", "digitaleAdressen"]
    assert expanded["digitaleAdressen"] == [
        (await client.get(a["url"])).json(),
        (await client.get(b["url"])).json(),
    ]
    assert expanded["categorieRelaties"] == [(await client.get(relatie["url"])).json()]

    # Repeated parameters work too, and every requested key is there even when empty.
    r = await client.get(
        "/partijen", params=[("expand", "digitaleAdressen"), ("expand", "categorieRelaties")]
    )
    by_uuid = {item["uuid"]: item["_expand"] for item in r.json()["results"]}
    assert len(by_uuid[p["uuid"]]["digitaleAdressen"]) == 2
    assert by_uuid[other["uuid"]]["categorieRelaties"] == []
    assert [x["adres"] for x in by_uuid[other["uuid"]]["digitaleAdressen"]] == ["o@example.com"]


@pytest.mark.parametrize(
    "value", ["bogus", "digitaleAdressen.x", "hadBetrokkenen", "betrokkenen.wasPartij"]
)
async def test_unsupported_expand_values(client, value):
    p = await make_partij(client)
    r = await client.get(f"/partijen/{p['uuid']}", params={"expand": value})
    assert invalid_params(r) == {"expand": "invalid_choice"}
    r = await client.get("/partijen", params={"expand[]": "digitaleAdressen"})
    assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}


async def make_full_partijen(client, n: int, start: int = 0) -> list[dict]:
    """Partijen with every to-many relation filled: identificatoren (one under a parent),
    digitale adressen, rekeningnummers, categorie-relaties and vertegenwoordigden."""
    cat = (await client.post("/categorieen", json={"naam": "vip"})).json()
    org = await make_partij(
        client,
        soortPartij="organisatie",
        partijIdentificatoren=[{"partijIdentificator": {**KVK, "objectId": f"{start:08d}"}}],
    )
    kvk = org["partijIdentificatoren"][0]
    made = []
    for i in range(start, start + n):
        vestiging = {**VESTIGING, "objectId": f"{i:012d}"}
        p = await make_partij(
            client,
            soortPartij="contactpersoon",
            partijIdentificatie={"werkteVoorPartij": ref(org)},
            partijIdentificatoren=[
                {"partijIdentificator": vestiging, "subIdentificatorVan": ref(kvk)}
            ],
        )
        adres = await make_adres(client, p, adres=f"p{i}@example.com")
        await make_adres(client, p, adres=f"q{i}@example.com")
        rekening = await make_rekening(client, p, iban=f"NL91ABNA{i:010d}")
        r = await client.patch(
            f"/partijen/{p['uuid']}",
            json={"voorkeursDigitaalAdres": ref(adres), "voorkeursRekeningnummer": ref(rekening)},
        )
        assert r.status_code == 200, r.text
        await client.post("/categorie-relaties", json={"partij": ref(p), "categorie": ref(cat)})
        r = await client.post(
            "/vertegenwoordigingen",
            json={"vertegenwoordigendePartij": ref(p), "vertegenwoordigdePartij": ref(org)},
        )
        assert r.status_code == 201, r.text
        made.append(p)
    return made


async def count_get(client, count_statements, url, **params) -> int:
    with count_statements() as c:
        r = await client.get(url, params=params)
    assert r.status_code == 200, r.text
    return c.count


# Statements of a list request (the token is cached): page (not full, so no count), then one
# per to-many relation (betrokkenen, digitale adressen, rekeningnummers, categorie-relaties,
# vertegenwoordigden, identificatoren).
# One statement for the rows, their six relations and what they expand (the token is cached).
# A list that expands a to-many relation first counts what it would add (the expand budget):
# one statement for all its paths. A detail does not.
LIST_STATEMENTS = 1
DETAIL_STATEMENTS = 1
BUDGET_COUNT = 1
EXPAND_STATEMENTS = {"digitaleAdressen": BUDGET_COUNT, "categorieRelaties": BUDGET_COUNT}


async def test_statement_counts_do_not_grow_with_the_page(client, count_statements):
    made = await make_full_partijen(client, 2)
    small = await count_get(client, count_statements, "/partijen")
    detail = await count_get(client, count_statements, f"/partijen/{made[0]['uuid']}")
    expanded = {
        path: await count_get(client, count_statements, "/partijen", expand=path)
        for path in EXPAND_STATEMENTS
    }
    both = await count_get(
        client, count_statements, "/partijen", expand="digitaleAdressen,categorieRelaties"
    )
    detail_expanded = await count_get(
        client,
        count_statements,
        f"/partijen/{made[0]['uuid']}",
        expand="digitaleAdressen,categorieRelaties",
    )

    await make_full_partijen(client, 28, start=2)
    r = await client.get("/partijen")
    assert r.json()["count"] == 32
    item = next(x for x in r.json()["results"] if x["soortPartij"] == "contactpersoon")
    # The page really holds the relations whose loading is counted.
    assert len(item["digitaleAdressen"]) == 2 and item["voorkeursDigitaalAdres"] is not None
    assert len(item["rekeningnummers"]) == 1 and item["voorkeursRekeningnummer"] is not None
    assert len(item["categorieRelaties"]) == 1 and len(item["vertegenwoordigden"]) == 1
    assert len(item["partijIdentificatoren"]) == 1 and item["partijIdentificatie"] is not None

    L = count_statements.logged  # the processing log's own INSERT on SQLite
    assert small == LIST_STATEMENTS + L
    assert await count_get(client, count_statements, "/partijen") == small
    assert detail == DETAIL_STATEMENTS + L
    for path, extra in EXPAND_STATEMENTS.items():
        assert expanded[path] == LIST_STATEMENTS + L + extra
        assert await count_get(client, count_statements, "/partijen", expand=path) == expanded[path]
    assert both == LIST_STATEMENTS + L + BUDGET_COUNT
    assert (
        await count_get(
            client, count_statements, "/partijen", expand="digitaleAdressen,categorieRelaties"
        )
        == both
    )
    assert detail_expanded == DETAIL_STATEMENTS + L


async def test_identificatoren_in_list_are_full_objects(client):
    p = await make_partij(client, partijIdentificatoren=[{"partijIdentificator": BSN}])
    r = await client.get("/partijen")
    item = r.json()["results"][0]
    assert item["partijIdentificatoren"] == p["partijIdentificatoren"]
    assert item["partijIdentificatoren"][0]["partijIdentificator"] == BSN
