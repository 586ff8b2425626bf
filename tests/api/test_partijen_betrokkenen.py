"""A partij's betrokkenen: the reverse relation and the two betrokkenen expand paths."""

from __future__ import annotations

from tests.api.klantcontact_data import make_betrokkene, make_klantcontact, make_partij, ref


async def _partij_with_history(client, contacts: int = 2):
    partij = await make_partij(client)
    betrokkenen = []
    for i in range(contacts):
        kc = await make_klantcontact(client, onderwerp=f"vraag {i}")
        betrokkenen.append(await make_betrokkene(client, kc, wasPartij=ref(partij)))
    return partij, betrokkenen


async def test_partij_lists_its_betrokkenen(client):
    partij, betrokkenen = await _partij_with_history(client)
    body = (await client.get(f"/partijen/{partij['uuid']}")).json()
    assert sorted(b["uuid"] for b in body["betrokkenen"]) == sorted(b["uuid"] for b in betrokkenen)
    assert all(b["url"].endswith(f"/betrokkenen/{b['uuid']}") for b in body["betrokkenen"])
    assert "_expand" not in body


async def test_expand_betrokkenen(client):
    partij, betrokkenen = await _partij_with_history(client)
    other = await make_partij(client)
    r = await client.get("/partijen", params={"expand": "betrokkenen"})
    items = {x["uuid"]: x for x in r.json()["results"]}
    expanded = items[partij["uuid"]]["_expand"]["betrokkenen"]
    assert sorted(b["uuid"] for b in expanded) == sorted(b["uuid"] for b in betrokkenen)
    assert expanded[0]["rol"] == "klant" and "_expand" not in expanded[0]
    assert items[other["uuid"]]["_expand"] == {"betrokkenen": []}


async def test_nested_path_alone_implies_its_parent(client):
    partij, betrokkenen = await _partij_with_history(client, contacts=1)
    r = await client.get(
        f"/partijen/{partij['uuid']}", params={"expand": "betrokkenen.hadKlantcontact"}
    )
    (betrokkene,) = r.json()["_expand"]["betrokkenen"]
    klantcontact = betrokkene["_expand"]["hadKlantcontact"]
    assert klantcontact["uuid"] == betrokkenen[0]["hadKlantcontact"]["uuid"]
    assert klantcontact["onderwerp"] == "vraag 0"
    assert klantcontact["hadBetrokkenen"] == [
        {"uuid": betrokkene["uuid"], "url": betrokkene["url"]}
    ]


async def _count(client, count_statements, **params) -> int:
    with count_statements() as c:
        r = await client.get("/partijen", params=params)
    assert r.status_code == 200, r.text
    return c.count


async def test_betrokkenen_expand_statement_counts_do_not_grow(client, count_statements):
    await _partij_with_history(client)
    paths = ("betrokkenen", "betrokkenen.hadKlantcontact")
    small = {p: await _count(client, count_statements, expand=p) for p in paths}
    for _ in range(6):
        await _partij_with_history(client, contacts=3)
    big = {p: await _count(client, count_statements, expand=p) for p in paths}
    assert small == big
    base = await _count(client, count_statements)
    # The expansions are built in the same statement as the partijen, after one statement that
    # counts what they add (the expand budget).
    L = count_statements.logged  # the processing log's own INSERT on SQLite
    assert base == 1 + L
    assert big["betrokkenen"] == base + 1
    assert big["betrokkenen.hadKlantcontact"] == base + 1
