"""/partijen: the nested partijIdentificatoren list and deleting partijen with identificatoren."""

from __future__ import annotations

from tests.api.partijen_helpers import (
    BSN,
    BSN_2,
    KVK,
    MISSING,
    RSIN,
    VESTIGING,
    get_partij,
    make_partij,
    ref,
)
from tests.helpers import invalid_params, problem


async def identificatoren(client) -> list[dict]:
    r = await client.get("/partij-identificatoren")
    assert r.status_code == 200, r.text
    return r.json()["results"]


async def test_post_creates_identificatoren_for_the_new_partij(client):
    p = await make_partij(
        client,
        soortPartij="organisatie",
        partijIdentificatoren=[
            {"partijIdentificator": KVK},
            {"partijIdentificator": RSIN, "anderePartijIdentificator": "oud"},
        ],
    )
    items = p["partijIdentificatoren"]
    assert [i["partijIdentificator"] for i in items] == [KVK, RSIN]
    first = items[0]
    assert list(first) == [
        "uuid",
        "url",
        "identificeerdePartij",
        "anderePartijIdentificator",
        "partijIdentificator",
        "subIdentificatorVan",
    ]
    assert first["identificeerdePartij"] == {"uuid": p["uuid"], "url": p["url"]}
    assert items[1]["anderePartijIdentificator"] == "oud"
    r = await client.get(first["url"])
    assert r.status_code == 200 and r.json() == first


async def test_post_refuses_identificeerde_partij_and_duplicate_uuids(client):
    other = await make_partij(client)
    body = {"soortPartij": "persoon", "indicatieActief": True}
    r = await client.post(
        "/partijen",
        json={
            **body,
            "partijIdentificatoren": [
                {"identificeerdePartij": ref(other), "partijIdentificator": BSN}
            ],
        },
    )
    assert invalid_params(r) == {"partijIdentificatoren.identificeerdePartij": "invalid"}

    holder = await make_partij(client, partijIdentificatoren=[{"partijIdentificator": BSN}])
    ident = holder["partijIdentificatoren"][0]
    r = await client.post(
        "/partijen",
        json={
            **body,
            "partijIdentificatoren": [
                {"uuid": ident["uuid"], "partijIdentificator": BSN},
                {"uuid": ident["uuid"], "partijIdentificator": BSN},
            ],
        },
    )
    assert invalid_params(r) == {"partijIdentificatoren.identificeerdePartij": "duplicated"}
    assert len(await identificatoren(client)) == 1


async def test_item_rules_are_reported_with_prefix_and_nothing_is_stored(client):
    body = {"soortPartij": "persoon", "indicatieActief": True}
    r = await client.post(
        "/partijen",
        json={**body, "partijIdentificatoren": [{"partijIdentificator": {**BSN, "objectId": "1"}}]},
    )
    assert invalid_params(r) == {"partijIdentificatoren.0.partijIdentificatorObjectId": "invalid"}
    r = await client.post(
        "/partijen",
        json={
            **body,
            "partijIdentificatoren": [{"partijIdentificator": {**BSN, "codeRegister": "hr"}}],
        },
    )
    assert invalid_params(r) == {
        "partijIdentificatoren.0.partijIdentificatorCodeObjecttype": "invalid"
    }
    r = await client.post("/partijen", json={**body, "partijIdentificatoren": [{}]})
    assert invalid_params(r) == {"partijIdentificatoren.0.partijIdentificator": "required"}
    r = await client.post(
        "/partijen",
        json={**body, "partijIdentificatoren": [{"partijIdentificator": {"objectId": "1"}}]},
    )
    assert set(invalid_params(r)) == {
        "partijIdentificatoren.0.partijIdentificator.codeObjecttype",
        "partijIdentificatoren.0.partijIdentificator.codeSoortObjectId",
        "partijIdentificatoren.0.partijIdentificator.codeRegister",
    }
    r = await client.post(
        "/partijen",
        json={**body, "partijIdentificatoren": [{"partijIdentificator": VESTIGING}]},
    )
    assert invalid_params(r) == {"partijIdentificatoren.0.subIdentificatorVan": "invalid"}
    r = await client.post("/partijen", json={**body, "partijIdentificatoren": {"a": 1}})
    assert invalid_params(r) == {"partijIdentificatoren.nonFieldErrors": "not_a_list"}


async def test_one_bad_item_refuses_the_whole_request(client):
    body = {"soortPartij": "persoon", "indicatieActief": True}
    r = await client.post(
        "/partijen",
        json={
            **body,
            "partijIdentificatoren": [
                {"partijIdentificator": BSN},
                {"partijIdentificator": {**KVK, "objectId": "123"}},
            ],
        },
    )
    assert invalid_params(r) == {"partijIdentificatoren.1.partijIdentificatorObjectId": "invalid"}
    assert await identificatoren(client) == []
    assert (await client.get("/partijen")).json()["count"] == 0


async def test_unique_rules_across_partijen_and_within_the_list(client):
    await make_partij(client, partijIdentificatoren=[{"partijIdentificator": BSN}])
    body = {"soortPartij": "persoon", "indicatieActief": True}
    r = await client.post(
        "/partijen", json={**body, "partijIdentificatoren": [{"partijIdentificator": BSN}]}
    )
    assert invalid_params(r) == {"__all__": "invalid"}
    # Two of one soort for one partij: refused before anything is written.
    r = await client.post(
        "/partijen",
        json={
            **body,
            "partijIdentificatoren": [
                {"partijIdentificator": BSN_2},
                {"partijIdentificator": {**BSN_2, "objectId": "123456782"}},
            ],
        },
    )
    assert invalid_params(r) == {"__all__": "invalid"}
    assert (await client.get("/partijen")).json()["count"] == 1


async def test_item_with_uuid_updates_and_relinks_that_identificator(client):
    old = await make_partij(client, partijIdentificatoren=[{"partijIdentificator": BSN}])
    ident = old["partijIdentificatoren"][0]
    new = await make_partij(
        client,
        partijIdentificatoren=[{"uuid": ident["uuid"], "partijIdentificator": BSN_2}],
    )
    moved = new["partijIdentificatoren"]
    assert [i["uuid"] for i in moved] == [ident["uuid"]]
    assert moved[0]["partijIdentificator"] == BSN_2
    assert moved[0]["identificeerdePartij"]["uuid"] == new["uuid"]
    assert (await get_partij(client, old))["partijIdentificatoren"] == []

    r = await client.post(
        "/partijen",
        json={
            "soortPartij": "persoon",
            "indicatieActief": True,
            "partijIdentificatoren": [{"uuid": MISSING, "partijIdentificator": BSN}],
        },
    )
    assert invalid_params(r) == {"partijIdentificatoren.0.uuid": "invalid"}


async def test_put_and_patch_replace_the_list(client):
    p = await make_partij(
        client,
        soortPartij="organisatie",
        partijIdentificatoren=[{"partijIdentificator": KVK}, {"partijIdentificator": RSIN}],
    )
    kvk, rsin = p["partijIdentificatoren"]
    # Only the kvk is listed (by uuid alone: kept as it is); the rsin goes.
    r = await client.patch(
        f"/partijen/{p['uuid']}", json={"partijIdentificatoren": [{"uuid": kvk["uuid"]}]}
    )
    assert r.status_code == 200, r.text
    assert r.json()["partijIdentificatoren"] == [kvk]
    problem(await client.get(rsin["url"]), 404)

    # An item without uuid is created; a vestiging can hang under the kvk of the same list.
    r = await client.put(
        f"/partijen/{p['uuid']}",
        json={
            "soortPartij": "organisatie",
            "indicatieActief": True,
            "partijIdentificatoren": [
                {"uuid": kvk["uuid"], "partijIdentificator": KVK},
                {"partijIdentificator": VESTIGING, "subIdentificatorVan": ref(kvk)},
            ],
        },
    )
    assert r.status_code == 200, r.text
    items = r.json()["partijIdentificatoren"]
    assert [i["partijIdentificator"] for i in items] == [KVK, VESTIGING]
    assert items[1]["subIdentificatorVan"]["uuid"] == kvk["uuid"]


async def test_list_absent_kept_and_empty_list_removes_all(client):
    p = await make_partij(
        client, soortPartij="organisatie", partijIdentificatoren=[{"partijIdentificator": KVK}]
    )
    kvk = p["partijIdentificatoren"][0]
    r = await client.patch(
        f"/partijen/{p['uuid']}",
        json={
            "partijIdentificatoren": [
                {"uuid": kvk["uuid"]},
                {"partijIdentificator": VESTIGING, "subIdentificatorVan": ref(kvk)},
            ]
        },
    )
    items = r.json()["partijIdentificatoren"]
    assert len(items) == 2
    # Without the key nothing changes; with identificeerdePartij on PATCH it is set to this partij.
    r = await client.patch(f"/partijen/{p['uuid']}", json={"interneNotitie": "x"})
    assert r.json()["partijIdentificatoren"] == items
    other = await make_partij(client)
    r = await client.patch(
        f"/partijen/{p['uuid']}",
        json={
            "partijIdentificatoren": [
                {"uuid": i["uuid"], "identificeerdePartij": ref(other)} for i in items
            ]
        },
    )
    assert r.json()["partijIdentificatoren"] == items

    # An empty list (or null) removes them all, children before their parent.
    r = await client.patch(f"/partijen/{p['uuid']}", json={"partijIdentificatoren": None})
    assert r.status_code == 200, r.text
    assert r.json()["partijIdentificatoren"] == []
    assert await identificatoren(client) == []


async def test_replacing_a_bsn_in_one_request(client):
    p = await make_partij(client, partijIdentificatoren=[{"partijIdentificator": BSN}])
    # The old bsn is not listed and goes, so the new one does not clash with it.
    r = await client.patch(
        f"/partijen/{p['uuid']}", json={"partijIdentificatoren": [{"partijIdentificator": BSN_2}]}
    )
    assert r.status_code == 200, r.text
    assert [i["partijIdentificator"] for i in r.json()["partijIdentificatoren"]] == [BSN_2]
    assert len(await identificatoren(client)) == 1


async def test_parent_of_another_partijs_identificator_cannot_go(client):
    org = await make_partij(
        client, soortPartij="organisatie", partijIdentificatoren=[{"partijIdentificator": KVK}]
    )
    kvk = org["partijIdentificatoren"][0]
    vestiging = await make_partij(
        client,
        soortPartij="organisatie",
        partijIdentificatoren=[{"partijIdentificator": VESTIGING, "subIdentificatorVan": ref(kvk)}],
    )
    r = await client.patch(f"/partijen/{org['uuid']}", json={"partijIdentificatoren": []})
    assert invalid_params(r) == {"partijIdentificatoren": "invalid"}

    # Deleting the partij is refused (not a server error) and deletes nothing.
    r = await client.delete(f"/partijen/{org['uuid']}")
    assert invalid_params(r) == {"nonFieldErrors": "invalid"}
    assert (await get_partij(client, org))["partijIdentificatoren"] == [kvk]

    # Once the vestiging's partij is gone, the organisatie can go too.
    assert (await client.delete(f"/partijen/{vestiging['uuid']}")).status_code == 204
    assert (await client.delete(f"/partijen/{org['uuid']}")).status_code == 204
    assert await identificatoren(client) == []


async def test_partij_with_its_own_parent_and_child_can_be_deleted(client):
    p = await make_partij(
        client, soortPartij="organisatie", partijIdentificatoren=[{"partijIdentificator": KVK}]
    )
    kvk = p["partijIdentificatoren"][0]
    r = await client.patch(
        f"/partijen/{p['uuid']}",
        json={
            "partijIdentificatoren": [
                {"uuid": kvk["uuid"]},
                {"partijIdentificator": VESTIGING, "subIdentificatorVan": ref(kvk)},
            ]
        },
    )
    assert r.status_code == 200, r.text
    assert (await client.delete(f"/partijen/{p['uuid']}")).status_code == 204
    assert await identificatoren(client) == []
