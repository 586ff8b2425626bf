"""/klantcontacten: the relations in the representation, expand, statement counts and delete."""

from __future__ import annotations

from typing import Any

from tests.api.klantcontacten_helpers import (
    BSN,
    KC,
    get,
    link_actor,
    make_actor,
    make_adres,
    make_betrokkene,
    make_bijlage,
    make_internetaak,
    make_klantcontact,
    make_onderwerpobject,
    make_partij,
    post,
    ref,
    refs,
)
from tests.helpers import invalid_params

ALL_PATHS = (
    "hadBetrokkenen",
    "hadBetrokkenen.wasPartij",
    "hadBetrokkenen.digitaleAdressen",
    "leiddeTotInterneTaken",
    "gingOverOnderwerpobjecten",
    "omvatteBijlagen",
)


async def make_full(client, actor: dict[str, Any], n: int = 1) -> list[dict[str, Any]]:
    """Klantcontacten with one of everything: betrokkene (with partij and digitaal adres),
    onderwerpobject, bijlage, interne taak and actor."""
    out = []
    for i in range(n):
        partij = await make_partij(client)
        made = await post(
            client,
            "/maak-klantcontact",
            {
                "klantcontact": KC,
                "betrokkene": {"wasPartij": ref(partij), "rol": "klant", "initiator": True},
                "onderwerpobject": {"onderwerpobjectidentificator": {"objectId": f"z-{i}"}},
            },
        )
        kc = made["klantcontact"]
        await make_adres(client, made["betrokkene"], f"p{i}@example.com")
        await make_bijlage(client, kc)
        await make_internetaak(client, kc, actor)
        await link_actor(client, actor, kc)
        out.append(kc)
    return out


async def test_relations_are_shown_in_insertion_order(client):
    kc = await make_klantcontact(client)
    other = await make_klantcontact(client)
    first, second = await make_actor(client, "Piet"), await make_actor(client, "Anna")
    await link_actor(client, second, kc)
    await link_actor(client, first, kc)
    await link_actor(client, first, other)
    betrokkenen = [await make_betrokkene(client, kc) for _ in range(2)]
    onderwerpen = [await make_onderwerpobject(client, kc) for _ in range(2)]
    await make_onderwerpobject(client, was=kc)  # *is* the contact: not something it was about
    bijlagen = [await make_bijlage(client, kc) for _ in range(2)]
    taken = [await make_internetaak(client, kc, first) for _ in range(2)]

    body = await get(client, f"/klantcontacten/{kc['uuid']}")
    assert body["gingOverOnderwerpobjecten"] == refs(*onderwerpen)
    assert body["omvatteBijlagen"] == refs(*bijlagen)
    assert body["hadBetrokkenen"] == refs(*betrokkenen)
    assert body["leiddeTotInterneTaken"] == refs(*taken)
    # Full actor objects, exactly as /actoren shows them, in the order they were linked.
    assert body["hadBetrokkenActoren"] == [
        await get(client, f"/actoren/{second['uuid']}"),
        await get(client, f"/actoren/{first['uuid']}"),
    ]
    listed = {x["uuid"]: x for x in (await get(client, "/klantcontacten"))["results"]}
    assert [a["naam"] for a in listed[other["uuid"]]["hadBetrokkenActoren"]] == ["Piet"]
    assert listed[other["uuid"]]["hadBetrokkenen"] == []
    assert {k: v for k, v in listed[kc["uuid"]].items() if k != "_expand"} == body


async def test_every_expand_path(client):
    actor = await make_actor(client)
    [kc] = await make_full(client, actor)
    [bare] = [await make_klantcontact(client, plaatsgevondenOp="2000-01-01T00:00:00Z")]
    body = await get(client, "/klantcontacten", expand=",".join(ALL_PATHS))
    full, empty = body["results"]
    assert full["uuid"] == kc["uuid"] and empty["uuid"] == bare["uuid"]
    expanded = full["_expand"]
    # Keys in the order of the relations in the representation.
    assert list(expanded) == [
        "gingOverOnderwerpobjecten",
        "omvatteBijlagen",
        "hadBetrokkenen",
        "leiddeTotInterneTaken",
    ]
    [betrokkene] = expanded["hadBetrokkenen"]
    assert {k: v for k, v in betrokkene.items() if k != "_expand"} == await get(
        client, betrokkene["url"].split("/v1")[1]
    )
    partij = betrokkene["_expand"]["wasPartij"]
    assert partij["uuid"] == betrokkene["wasPartij"]["uuid"]
    assert partij["soortPartij"] == "persoon"
    [adres] = betrokkene["_expand"]["digitaleAdressen"]
    assert adres["verstrektDoorBetrokkene"]["uuid"] == betrokkene["uuid"]
    assert [x["uuid"] for x in expanded["gingOverOnderwerpobjecten"]] == [
        x["uuid"] for x in full["gingOverOnderwerpobjecten"]
    ]
    assert (
        expanded["gingOverOnderwerpobjecten"][0]["onderwerpobjectidentificator"]["objectId"]
        == "z-0"
    )
    assert expanded["omvatteBijlagen"][0]["wasBijlageVanKlantcontact"]["uuid"] == kc["uuid"]
    assert expanded["leiddeTotInterneTaken"][0]["gevraagdeHandeling"] == "bel terug"
    # Every requested relation is present, also when it is empty.
    assert empty["_expand"] == {
        "gingOverOnderwerpobjecten": [],
        "omvatteBijlagen": [],
        "hadBetrokkenen": [],
        "leiddeTotInterneTaken": [],
    }

    detail = await get(client, f"/klantcontacten/{kc['uuid']}", expand=",".join(ALL_PATHS))
    assert detail["_expand"] == expanded


async def test_nested_path_includes_its_parent_and_repeated_expand(client):
    actor = await make_actor(client)
    [kc] = await make_full(client, actor)
    body = await get(client, f"/klantcontacten/{kc['uuid']}", expand="hadBetrokkenen.wasPartij")
    assert list(body["_expand"]) == ["hadBetrokkenen"]
    [betrokkene] = body["_expand"]["hadBetrokkenen"]
    assert list(betrokkene["_expand"]) == ["wasPartij"]
    r = await client.get(
        f"/klantcontacten/{kc['uuid']}",
        params=[("expand", "omvatteBijlagen"), ("expand", "hadBetrokkenen.digitaleAdressen")],
    )
    expanded = r.json()["_expand"]
    assert list(expanded) == ["omvatteBijlagen", "hadBetrokkenen"]
    assert list(expanded["hadBetrokkenen"][0]["_expand"]) == ["digitaleAdressen"]
    r = await client.get(f"/klantcontacten/{kc['uuid']}", params={"expand": "hadBetrokkenActoren"})
    assert invalid_params(r) == {"expand": "invalid_choice"}


async def test_contacts_of_a_bsn_newest_first_in_one_request(client):
    persoon = await make_partij(client, BSN)
    other = await make_partij(client)
    old = await make_klantcontact(client, plaatsgevondenOp="2023-01-01T00:00:00Z")
    new = await make_klantcontact(client, plaatsgevondenOp="2024-01-01T00:00:00Z")
    elsewhere = await make_klantcontact(client)
    for kc in (old, new):
        await make_betrokkene(client, kc, persoon)
        await make_onderwerpobject(client, kc, objectId=kc["uuid"])
    await make_betrokkene(client, elsewhere, other)
    body = await get(
        client,
        "/klantcontacten",
        hadBetrokkene__wasPartij__partijIdentificator__objectId=BSN["objectId"],
        hadBetrokkene__wasPartij__partijIdentificator__codeSoortObjectId="bsn",
        expand="hadBetrokkenen,gingOverOnderwerpobjecten",
    )
    assert [x["uuid"] for x in body["results"]] == [new["uuid"], old["uuid"]]
    for item in body["results"]:
        assert item["_expand"]["hadBetrokkenen"][0]["wasPartij"]["uuid"] == persoon["uuid"]
        onderwerp = item["_expand"]["gingOverOnderwerpobjecten"][0]
        assert onderwerp["onderwerpobjectidentificator"]["objectId"] == item["uuid"]


async def count_get(client, count_statements, url: str, **params: Any) -> int:
    with count_statements() as c:
        r = await client.get(url, params=params)
    assert r.status_code == 200, r.text
    return c.count


# page (not full: no count), all reverse relations in one UNION, the actors of
# hadBetrokkenActoren; the token is cached
# One statement builds a page or a detail with every relation and every expanded resource in
# the database (core/shape.py); the token is cached. A full page adds its count. A list that
# expands a to-many relation (every path here), and a detail that nests one to-many relation
# under another (hadBetrokkenen.digitaleAdressen), first count what the expansion would add:
# one statement more, whatever the paths.
LIST_STATEMENTS = 1
DETAIL_STATEMENTS = 1
EXPAND_STATEMENTS = {path: 2 for path in ALL_PATHS}
ALL_EXPAND_STATEMENTS = 2


async def test_statement_counts_do_not_grow_with_the_page(client, count_statements):
    actor = await make_actor(client)
    made = await make_full(client, actor, 5)
    expand = ",".join(ALL_PATHS)
    small = await count_get(client, count_statements, "/klantcontacten")
    small_expanded = await count_get(client, count_statements, "/klantcontacten", expand=expand)
    per_path = {
        path: await count_get(client, count_statements, "/klantcontacten", expand=path)
        for path in ALL_PATHS
    }
    detail = await count_get(client, count_statements, f"/klantcontacten/{made[0]['uuid']}")
    detail_expanded = await count_get(
        client, count_statements, f"/klantcontacten/{made[0]['uuid']}", expand=expand
    )

    await make_full(client, actor, 95)
    body = await get(client, "/klantcontacten", expand=expand)
    assert body["count"] == 100 and len(body["results"]) == 100
    # The page really holds what is counted.
    for item in body["results"]:
        [betrokkene] = item["_expand"]["hadBetrokkenen"]
        assert betrokkene["_expand"]["wasPartij"] is not None
        assert len(betrokkene["_expand"]["digitaleAdressen"]) == 1
        assert len(item["hadBetrokkenActoren"]) == 1
        for path in ("gingOverOnderwerpobjecten", "omvatteBijlagen", "leiddeTotInterneTaken"):
            assert len(item["_expand"][path]) == 1

    # Now the page of 100 is full, so the count is one statement more; nothing else grows.
    full = 1
    L = count_statements.logged  # the processing log's own INSERT on SQLite
    assert small == LIST_STATEMENTS + L
    assert await count_get(client, count_statements, "/klantcontacten") == small + full
    assert small_expanded == ALL_EXPAND_STATEMENTS + L
    assert (
        await count_get(client, count_statements, "/klantcontacten", expand=expand)
        == small_expanded + full
    )
    assert per_path == {path: count + L for path, count in EXPAND_STATEMENTS.items()}
    for path, count in per_path.items():
        expected = count + full
        assert await count_get(client, count_statements, "/klantcontacten", expand=path) == expected
    assert detail == DETAIL_STATEMENTS + L
    assert detail_expanded == ALL_EXPAND_STATEMENTS + L  # a detail has no count either


async def test_delete_takes_everything_of_the_klantcontact_along(client):
    actor = await make_actor(client)
    [kc] = await make_full(client, actor)
    other = await make_klantcontact(client)
    about_other = await make_onderwerpobject(client, other, was=kc)  # kc *is* its subject
    kept = await make_onderwerpobject(client, other)
    [betrokkene] = kc["hadBetrokkenen"]
    adres = (await get(client, "/digitaleadressen"))["results"][0]
    assert adres["verstrektDoorBetrokkene"]["uuid"] == betrokkene["uuid"]

    r = await client.delete(f"/klantcontacten/{kc['uuid']}")
    assert r.status_code == 204
    for path in ("/betrokkenen", "/bijlagen", "/internetaken", "/actorklantcontacten"):
        assert (await get(client, path))["count"] == 0, path
    onderwerpen = [x["uuid"] for x in (await get(client, "/onderwerpobjecten"))["results"]]
    assert onderwerpen == [kept["uuid"]]  # also the one whose wasKlantcontact it was
    assert about_other["uuid"] not in onderwerpen
    # What does not belong to the contact stays: the actor, the partij, the digitaal adres.
    assert (await client.get(f"/actoren/{actor['uuid']}")).status_code == 200
    assert (await get(client, "/partijen"))["count"] == 1
    adres = await get(client, f"/digitaleadressen/{adres['uuid']}")
    assert adres["verstrektDoorBetrokkene"] is None
    assert [x["uuid"] for x in (await get(client, "/klantcontacten"))["results"]] == [other["uuid"]]
