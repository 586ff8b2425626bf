from __future__ import annotations

import pytest

from tests.api.actoren_helpers import BASE, MISSING, make_actor, make_klantcontact, ref
from tests.helpers import invalid_params, problem

URL = "/actorklantcontacten"


async def link(client, actor, kc):
    r = await client.post(URL, json={"actor": ref(actor), "klantcontact": ref(kc)})
    assert r.status_code == 201, r.text
    return r.json()


async def test_crud(client):
    piet, jan = await make_actor(client, "Piet"), await make_actor(client, "Jan")
    kc = await make_klantcontact(client)
    made = await link(client, piet, kc)
    assert list(made) == ["uuid", "url", "actor", "klantcontact"]
    assert made["url"] == f"{BASE}/actorklantcontacten/{made['uuid']}"
    assert made["actor"] == {"uuid": piet["uuid"], "url": piet["url"]}
    assert made["klantcontact"] == kc

    r = await client.get(made["url"])
    assert r.status_code == 200 and r.json() == made
    r = await client.put(made["url"], json={"actor": ref(jan), "klantcontact": ref(kc)})
    assert r.status_code == 200 and r.json()["actor"]["uuid"] == jan["uuid"]
    r = await client.patch(made["url"], json={"actor": {"uuid": piet["uuid"], "url": "genegeerd"}})
    assert r.status_code == 200 and r.json()["actor"]["uuid"] == piet["uuid"]
    # Re-sending the row's own pair is not a conflict with itself.
    r = await client.put(made["url"], json={"actor": ref(piet), "klantcontact": ref(kc)})
    assert r.status_code == 200, r.text

    r = await client.delete(made["url"])
    assert r.status_code == 204
    problem(await client.get(made["url"]), 404)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({}, {"actor": "required", "klantcontact": "required"}),
        ({"actor": None, "klantcontact": None}, {"actor": "null", "klantcontact": "null"}),
        (
            {"actor": "x", "klantcontact": {"url": "http://x.nl/y"}},
            {"actor.nonFieldErrors": "invalid", "klantcontact.uuid": "required"},
        ),
        (
            {"actor": {"uuid": MISSING}, "klantcontact": {"uuid": MISSING}},
            {"actor.uuid": "invalid", "klantcontact.uuid": "invalid"},
        ),
        ({"actor": {"uuid": "nope"}}, {"actor.uuid": "invalid", "klantcontact": "required"}),
    ],
)
async def test_invalid_bodies(client, body, expected):
    assert invalid_params(await client.post(URL, json=body)) == expected


async def test_pair_is_unique(client):
    piet, jan = await make_actor(client, "Piet"), await make_actor(client, "Jan")
    kc = await make_klantcontact(client)
    await link(client, piet, kc)
    r = await client.post(URL, json={"actor": ref(piet), "klantcontact": ref(kc)})
    assert invalid_params(r) == {"nonFieldErrors": "unique"}
    other = await link(client, jan, kc)
    # A PATCH of one side is combined with the stored other side.
    r = await client.patch(other["url"], json={"actor": ref(piet)})
    assert invalid_params(r) == {"nonFieldErrors": "unique"}
    r = await client.patch(other["url"], json={"actor": None})
    assert invalid_params(r) == {"actor": "null"}


async def test_deleting_the_actor_or_klantcontact_deletes_the_link(client):
    piet = await make_actor(client, "Piet")
    kc = await make_klantcontact(client)
    made = await link(client, piet, kc)
    await client.delete(piet["url"])
    problem(await client.get(made["url"]), 404)
    made = await link(client, await make_actor(client, "Jan"), kc)
    assert (await client.delete(kc["url"])).status_code == 204
    problem(await client.get(made["url"]), 404)


async def test_klantcontact_shows_the_full_actor(client):
    """The klantcontact renders its actoren with this group's representation."""
    piet = await make_actor(
        client, "Piet", actorIdentificatie={"functie": "KCM", "telefoonnummer": "0612345678"}
    )
    kc = await make_klantcontact(client)
    await link(client, piet, kc)
    r = await client.get(kc["url"])
    assert r.status_code == 200, r.text
    assert r.json()["hadBetrokkenActoren"] == [piet]


async def test_filters(client):
    piet, jan = await make_actor(client, "Piet"), await make_actor(client, "Jan")
    kc1, kc2 = await make_klantcontact(client), await make_klantcontact(client)
    a = await link(client, piet, kc1)
    b = await link(client, jan, kc1)
    c = await link(client, piet, kc2)

    async def found(**params):
        r = await client.get(URL, params=params)
        assert r.status_code == 200, r.text
        return [x["uuid"] for x in r.json()["results"]]

    assert await found() == [c["uuid"], b["uuid"], a["uuid"]]
    assert await found(actor__uuid=piet["uuid"]) == [c["uuid"], a["uuid"]]
    assert await found(actor__url=jan["url"]) == [b["uuid"]]
    assert await found(klantcontact__uuid=kc1["uuid"]) == [b["uuid"], a["uuid"]]
    assert await found(klantcontact__url=kc2["url"]) == [c["uuid"]]
    assert await found(actor__uuid=piet["uuid"], klantcontact__url=kc1["url"]) == [a["uuid"]]
    assert await found(actor__url="http://elders.nl/actoren/geen-uuid") == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"actor__uuid": "nope"}, {"actor__uuid": "invalid"}),
        ({"klantcontact__url": "geen url"}, {"klantcontact__url": "invalid"}),
        ({"actor": "x"}, {"nonFieldErrors": "unknown-parameters"}),
    ],
)
async def test_invalid_filters(client, params, expected):
    assert invalid_params(await client.get(URL, params=params)) == expected


async def test_list_statement_count(client, count_statements):
    piet = await make_actor(client, "Piet")

    async def listing() -> int:
        counts = []
        for params in ({}, {"actor__uuid": piet["uuid"]}):
            with count_statements() as c:
                r = await client.get(URL, params=params)
            assert r.status_code == 200
            counts.append(c.count)
        assert counts[0] == counts[1]
        return counts[0]

    for i in range(30):
        await link(client, piet, await make_klantcontact(client))
        if i == 1:
            small = await listing()
    assert (await client.get(URL)).json()["count"] == 30
    assert await listing() == small == 1  # page (not full: no count; the token is cached)
