"""/partijen: the writable digitaleAdressen / rekeningnummers lists and their voorkeur."""

from __future__ import annotations

import pytest

from tests.api.partijen_helpers import (
    MISSING,
    get_partij,
    make_adres,
    make_partij,
    make_rekening,
    ref,
    refs,
)
from tests.helpers import invalid_params

BODY = {"soortPartij": "persoon", "indicatieActief": True}

# (list key, voorkeur key, builder of one linked item)
LISTS = [
    ("digitaleAdressen", "voorkeursDigitaalAdres", "adres"),
    ("rekeningnummers", "voorkeursRekeningnummer", "rekening"),
]


async def make_item(client, kind, partij=None, n=0):
    if kind == "adres":
        return await make_adres(client, partij, adres=f"a{n}@example.com")
    return await make_rekening(client, partij, iban=f"NL91ABNA041716430{n}")


@pytest.mark.parametrize(("key", "voorkeur", "kind"), LISTS)
async def test_post_links_listed_items_and_steals_them(client, key, voorkeur, kind):
    owner = await make_partij(client)
    taken = await make_item(client, kind, owner, 1)
    free = await make_item(client, kind, None, 2)
    p = await make_partij(client, **{key: [ref(taken), ref(free), ref(free)], voorkeur: ref(free)})
    assert p[key] == refs(taken, free)
    assert p[voorkeur] == {"uuid": free["uuid"], "url": free["url"]}
    assert (await get_partij(client, owner))[key] == []


@pytest.mark.parametrize(("key", "voorkeur", "kind"), LISTS)
async def test_put_and_patch_unlink_what_is_not_listed(client, key, voorkeur, kind):
    a = await make_item(client, kind, None, 1)
    b = await make_item(client, kind, None, 2)
    p = await make_partij(client, **{key: [ref(a), ref(b)], voorkeur: ref(a)})

    r = await client.patch(f"/partijen/{p['uuid']}", json={"interneNotitie": "x"})
    assert r.json()[key] == refs(a, b)  # key absent: links unchanged
    r = await client.put(f"/partijen/{p['uuid']}", json={**BODY, key: [ref(b)]})
    assert r.status_code == 200, r.text
    assert r.json()[key] == refs(b)
    assert r.json()[voorkeur] is None  # the preferred item left with its link
    r = await client.patch(f"/partijen/{p['uuid']}", json={key: None})
    assert r.json()[key] == []

    # Relinking the earlier preferred item does not bring the preference back.
    r = await client.patch(f"/partijen/{p['uuid']}", json={key: [ref(a)]})
    assert r.json()[key] == refs(a) and r.json()[voorkeur] is None


@pytest.mark.parametrize(("key", "voorkeur", "kind"), LISTS)
async def test_moving_the_preferred_item_clears_the_preference(client, key, voorkeur, kind):
    a = await make_item(client, kind, None, 1)
    first = await make_partij(client, **{key: [ref(a)], voorkeur: ref(a)})
    second = await make_partij(client, **{key: [ref(a)]})
    assert second[voorkeur] is None
    after = await get_partij(client, first)
    assert after[key] == [] and after[voorkeur] is None
    # Preferring it at the new partij works; the old partij stays without.
    r = await client.patch(f"/partijen/{second['uuid']}", json={voorkeur: ref(a)})
    assert r.json()[voorkeur]["uuid"] == a["uuid"]
    assert (await get_partij(client, first))[voorkeur] is None


@pytest.mark.parametrize(("key", "voorkeur", "kind"), LISTS)
async def test_voorkeur_rules_on_post(client, key, voorkeur, kind):
    a = await make_item(client, kind, None, 1)
    b = await make_item(client, kind, None, 2)
    r = await client.post("/partijen", json={**BODY, voorkeur: ref(a)})
    assert invalid_params(r) == {voorkeur: "invalid"}
    r = await client.post("/partijen", json={**BODY, key: [], voorkeur: ref(a)})
    assert invalid_params(r) == {voorkeur: "invalid"}
    r = await client.post("/partijen", json={**BODY, key: [ref(b)], voorkeur: ref(a)})
    assert invalid_params(r) == {voorkeur: "invalid"}
    r = await client.post("/partijen", json={**BODY, key: [ref(b)], voorkeur: None})
    assert r.status_code == 201 and r.json()[voorkeur] is None
    # Nothing was linked by the refused requests.
    assert (await get_partij(client, r.json()))[key] == refs(b)
    r = await client.get("/partijen")
    assert r.json()["count"] == 1


@pytest.mark.parametrize(("key", "voorkeur", "kind"), LISTS)
async def test_voorkeur_rules_on_put(client, key, voorkeur, kind):
    a = await make_item(client, kind, None, 1)
    b = await make_item(client, kind, None, 2)
    p = await make_partij(client, **{key: [ref(a)]})
    url = f"/partijen/{p['uuid']}"
    r = await client.put(url, json={**BODY, key: [], voorkeur: ref(a)})
    assert invalid_params(r) == {voorkeur: "invalid"}
    r = await client.put(url, json={**BODY, key: [ref(a)], voorkeur: ref(b)})
    assert invalid_params(r) == {voorkeur: "invalid"}
    # Without the list key: judged against what the partij has now (a 400, not a 500).
    r = await client.put(url, json={**BODY, voorkeur: ref(b)})
    assert invalid_params(r) == {voorkeur: "invalid"}
    r = await client.put(url, json={**BODY, voorkeur: ref(a)})
    assert r.status_code == 200 and r.json()[voorkeur]["uuid"] == a["uuid"]
    r = await client.put(url, json={**BODY, key: [ref(a), ref(b)], voorkeur: ref(b)})
    assert r.json()[voorkeur]["uuid"] == b["uuid"]
    r = await client.put(url, json={**BODY, voorkeur: None})
    assert r.json()[voorkeur] is None and r.json()[key] == refs(a, b)


@pytest.mark.parametrize(("key", "voorkeur", "kind"), LISTS)
async def test_voorkeur_rules_on_patch(client, key, voorkeur, kind):
    a = await make_item(client, kind, None, 1)
    other = await make_partij(client)
    b = await make_item(client, kind, other, 2)
    p = await make_partij(client, **{key: [ref(a)]})
    url = f"/partijen/{p['uuid']}"
    r = await client.patch(url, json={voorkeur: ref(b)})
    assert invalid_params(r) == {voorkeur: "invalid"}
    r = await client.patch(url, json={voorkeur: {"uuid": MISSING}})
    assert invalid_params(r) == {voorkeur: "invalid"}
    r = await client.patch(url, json={voorkeur: ref(a)})
    assert r.json()[voorkeur]["uuid"] == a["uuid"]
    # Another partij's preference is its own business.
    assert (await get_partij(client, other))[voorkeur] is None
    # Swapping the preference in one PATCH.
    r = await client.patch(url, json={key: [ref(a), ref(b)], voorkeur: ref(b)})
    assert r.status_code == 200, r.text
    assert r.json()[voorkeur]["uuid"] == b["uuid"]
    r = await client.patch(url, json={voorkeur: None})
    assert r.json()[voorkeur] is None


@pytest.mark.parametrize(("key", "voorkeur", "kind"), LISTS)
async def test_unknown_and_malformed_items(client, key, voorkeur, kind):
    a = await make_item(client, kind, None, 1)
    r = await client.post("/partijen", json={**BODY, key: [ref(a), {"uuid": MISSING}]})
    assert invalid_params(r) == {f"{key}.1.uuid": "invalid"}
    r = await client.post("/partijen", json={**BODY, key: [{"uuid": "nope"}]})
    assert invalid_params(r) == {f"{key}.0.uuid": "invalid"}
    r = await client.post("/partijen", json={**BODY, key: [{"url": "http://x.nl/y"}]})
    assert invalid_params(r) == {f"{key}.0.uuid": "required"}
    r = await client.post("/partijen", json={**BODY, key: ref(a)})
    assert invalid_params(r) == {f"{key}.nonFieldErrors": "not_a_list"}
    r = await client.post("/partijen", json={**BODY, voorkeur: "nope"})
    assert invalid_params(r) == {f"{voorkeur}.nonFieldErrors": "invalid"}
    # The refused requests did not link the existing item.
    r = await client.get(a["url"])
    assert r.json().get("verstrektDoorPartij", r.json().get("partij")) is None


@pytest.mark.parametrize(("key", "voorkeur", "kind"), LISTS)
async def test_deleting_the_preferred_item_clears_the_preference(client, key, voorkeur, kind):
    a = await make_item(client, kind, None, 1)
    p = await make_partij(client, **{key: [ref(a)], voorkeur: ref(a)})
    assert (await client.delete(a["url"])).status_code == 204
    after = await get_partij(client, p)
    assert after[key] == [] and after[voorkeur] is None


async def test_linked_addresses_must_not_clash(client):
    first = await make_partij(client)
    second = await make_partij(client)
    a = await make_adres(client, first, adres="same@example.com")
    b = await make_adres(client, second, adres="same@example.com")
    r = await client.post("/partijen", json={**BODY, "digitaleAdressen": [ref(a), ref(b)]})
    assert invalid_params(r) == {"digitaleAdressen": "unique"}
    c = await make_adres(client, first, adres="c@example.com", referentie="portaal")
    d = await make_adres(client, second, adres="d@example.com", referentie="portaal")
    r = await client.patch(
        f"/partijen/{first['uuid']}", json={"digitaleAdressen": [ref(a), ref(c), ref(d)]}
    )
    assert invalid_params(r) == {"digitaleAdressen": "unique"}
    # Same adres but another soort is fine.
    e = await make_adres(
        client, second, adres="0612345678", soortDigitaalAdres="telefoonnummer", referentie="x"
    )
    f = await make_adres(client, None, adres="0612345678", soortDigitaalAdres="overig")
    r = await client.patch(
        f"/partijen/{first['uuid']}", json={"digitaleAdressen": [ref(e), ref(f)]}
    )
    assert r.status_code == 200, r.text


async def test_moved_or_unlinked_address_stops_being_standaard(client):
    first = await make_partij(client)
    a = await make_adres(client, first, adres="a@example.com", isStandaardAdres=True)
    keep = await make_adres(client, first, adres="k@example.com")
    second = await make_partij(client)
    b = await make_adres(client, second, adres="b@example.com", isStandaardAdres=True)
    # b moves to first next to a: first would have two standaard e-mail addresses otherwise.
    r = await client.patch(
        f"/partijen/{first['uuid']}", json={"digitaleAdressen": [ref(a), ref(b)]}
    )
    assert r.status_code == 200, r.text
    assert (await client.get(a["url"])).json()["isStandaardAdres"] is True
    assert (await client.get(b["url"])).json()["isStandaardAdres"] is False
    assert (await client.get(keep["url"])).json()["verstrektDoorPartij"] is None
    # a is unlinked: an address without partij cannot be a standaard address.
    r = await client.patch(f"/partijen/{first['uuid']}", json={"digitaleAdressen": [ref(b)]})
    assert (await client.get(a["url"])).json()["isStandaardAdres"] is False
