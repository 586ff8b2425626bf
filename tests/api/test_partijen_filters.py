"""GET /partijen: query parameters."""

from __future__ import annotations

import pytest

from tests.api.partijen_helpers import BASE, BSN, KVK, MISSING, VESTIGING, make_partij, ref
from tests.helpers import invalid_params


async def found(client, **params) -> list[str]:
    r = await client.get("/partijen", params=params)
    assert r.status_code == 200, r.text
    return sorted(p["uuid"] for p in r.json()["results"])


def ids(*partijen) -> list[str]:
    return sorted(p["uuid"] for p in partijen)


async def test_plain_field_filters(client):
    a = await make_partij(
        client,
        nummer="1",
        indicatieGeheimhouding=True,
        bezoekadres={"nummeraanduidingId": "0363200000123456", "land": "NL", "adresregel1": "r1"},
    )
    b = await make_partij(
        client,
        soortPartij="organisatie",
        indicatieActief=False,
        indicatieGeheimhouding=False,
        correspondentieadres={"adresregel2": "r2", "adresregel3": "r3", "land": "BE"},
    )
    assert await found(client, nummer="1") == ids(a)
    assert await found(client, soortPartij="organisatie") == ids(b)
    assert await found(client, indicatieActief="false") == ids(b)
    assert await found(client, indicatieActief="TRUE") == ids(a)
    assert await found(client, indicatieActief="1") == ids(a)
    assert await found(client, indicatieGeheimhouding="0") == ids(b)
    assert await found(client, bezoekadresNummeraanduidingId="0363200000123456") == ids(a)
    assert await found(client, bezoekadresLand="NL") == ids(a)
    assert await found(client, bezoekadresAdresregel1="r1") == ids(a)
    assert await found(client, bezoekadresAdresregel2="r1") == []
    assert await found(client, correspondentieadresLand="BE") == ids(b)
    assert await found(client, correspondentieadresAdresregel2="r2") == ids(b)
    assert await found(client, correspondentieadresAdresregel3="r3") == ids(b)
    assert await found(client, correspondentieadresNummeraanduidingId="x") == []
    assert await found(client, correspondentieadresAdresregel1="r1") == []
    assert await found(client, soortPartij="persoon", indicatieActief="true") == ids(a)


@pytest.mark.parametrize(
    ("params", "name", "code"),
    [
        ({"indicatieActief": "ja"}, "indicatieActief", "invalid"),
        ({"soortPartij": "bedrijf"}, "soortPartij", "invalid_choice"),
        ({"vertegenwoordigdePartij__uuid": "x"}, "vertegenwoordigdePartij__uuid", "invalid"),
        ({"vertegenwoordigdePartij__url": "geen url"}, "vertegenwoordigdePartij__url", "invalid"),
        ({"partij_identificator__object_id": "1"}, "nonFieldErrors", "unknown-parameters"),
        ({"bezoekadresStad": "Delft"}, "nonFieldErrors", "unknown-parameters"),
        ({"expand": "hadBetrokkenen"}, "expand", "invalid_choice"),
    ],
)
async def test_bad_query_parameters(client, params, name, code):
    r = await client.get("/partijen", params=params)
    assert invalid_params(r) == {name: code}


async def test_vertegenwoordigde_partij_filter(client):
    rep = await make_partij(client)
    a = await make_partij(client)
    b = await make_partij(client)
    r = await client.post(
        "/vertegenwoordigingen",
        json={"vertegenwoordigendePartij": ref(rep), "vertegenwoordigdePartij": ref(a)},
    )
    assert r.status_code == 201, r.text
    # The partijen that the given partij represents.
    assert await found(client, vertegenwoordigdePartij__uuid=rep["uuid"]) == ids(a)
    assert await found(client, vertegenwoordigdePartij__url=rep["url"]) == ids(a)
    assert await found(client, vertegenwoordigdePartij__uuid=a["uuid"]) == []
    assert await found(client, vertegenwoordigdePartij__uuid=b["uuid"]) == []
    assert await found(client, vertegenwoordigdePartij__url=f"{BASE}/partijen/nope") == []


async def test_identificator_filters_match_one_and_the_same_identificator(client):
    persoon = await make_partij(client, partijIdentificatoren=[{"partijIdentificator": BSN}])
    # A KvK number used as objectId of a BSN search finds nothing.
    kvk_value = {**KVK, "objectId": BSN["objectId"][:8]}
    org = await make_partij(
        client,
        soortPartij="organisatie",
        partijIdentificatoren=[{"partijIdentificator": kvk_value}],
    )
    bsn_search = {
        "partijIdentificator__codeSoortObjectId": "bsn",
        "partijIdentificator__objectId": kvk_value["objectId"],
    }
    assert await found(client, **bsn_search) == []
    assert await found(client, partijIdentificator__objectId=kvk_value["objectId"]) == ids(org)
    assert await found(
        client,
        partijIdentificator__codeSoortObjectId="bsn",
        partijIdentificator__objectId=BSN["objectId"],
        partijIdentificator__codeRegister="brp",
        partijIdentificator__codeObjecttype="natuurlijk_persoon",
    ) == ids(persoon)
    assert await found(client, partijIdentificator__codeRegister="hr") == ids(org)
    assert await found(client, partijIdentificator__codeObjecttype="vestiging") == []


async def test_same_row_even_when_a_partij_has_several_identificatoren(client):
    # One partij with a bsn A and an rsin B; searching bsn B (values spread over two rows) misses.
    both = await make_partij(
        client,
        partijIdentificatoren=[
            {"partijIdentificator": BSN},
            {
                "partijIdentificator": {
                    "codeObjecttype": "niet_natuurlijk_persoon",
                    "codeSoortObjectId": "rsin",
                    "objectId": "296648875",
                    "codeRegister": "hr",
                }
            },
        ],
    )
    assert (
        await found(
            client,
            partijIdentificator__codeSoortObjectId="bsn",
            partijIdentificator__objectId="296648875",
        )
        == []
    )
    assert await found(
        client,
        partijIdentificator__codeSoortObjectId="rsin",
        partijIdentificator__objectId="296648875",
    ) == ids(both)


async def vestigingen(client):
    """A KvK number with one vestiging under it (which has a KvK number of its own too), and
    the same vestigingsnummer under another KvK number."""
    org = await make_partij(
        client, soortPartij="organisatie", partijIdentificatoren=[{"partijIdentificator": KVK}]
    )
    kvk = org["partijIdentificatoren"][0]
    other_kvk = {**KVK, "objectId": "87654321"}
    other = await make_partij(
        client,
        soortPartij="organisatie",
        partijIdentificatoren=[{"partijIdentificator": other_kvk}],
    )
    # This vestiging also has a KvK number of its own (another identificator row).
    vestiging = await make_partij(
        client,
        soortPartij="organisatie",
        partijIdentificatoren=[
            {"partijIdentificator": VESTIGING, "subIdentificatorVan": ref(kvk)},
            {"partijIdentificator": {**KVK, "objectId": "11112222"}},
        ],
    )
    # The same vestigingsnummer under another KvK number belongs to another vestiging.
    elsewhere = await make_partij(
        client,
        soortPartij="organisatie",
        partijIdentificatoren=[
            {
                "partijIdentificator": VESTIGING,
                "subIdentificatorVan": ref(other["partijIdentificatoren"][0]),
            }
        ],
    )
    return vestiging, elsewhere, other_kvk


async def test_sub_identificator_van_filters(client):
    vestiging, elsewhere, other_kvk = await vestigingen(client)
    assert await found(client, subIdentificatorVan__objectId=KVK["objectId"]) == ids(vestiging)
    assert await found(client, subIdentificatorVan__codeSoortObjectId="kvk_nummer") == ids(
        vestiging, elsewhere
    )
    assert await found(
        client,
        subIdentificatorVan__objectId=KVK["objectId"],
        subIdentificatorVan__codeRegister="hr",
        subIdentificatorVan__codeObjecttype="niet_natuurlijk_persoon",
        partijIdentificator__objectId=VESTIGING["objectId"],
    ) == ids(vestiging)
    assert await found(
        client,
        subIdentificatorVan__objectId=other_kvk["objectId"],
        partijIdentificator__objectId=VESTIGING["objectId"],
    ) == ids(elsewhere)
    # Both groups concern the same identificator: the partij's KvK row has no parent, and its
    # vestigingsnummer row is no kvk_nummer.
    assert (
        await found(
            client,
            subIdentificatorVan__objectId=KVK["objectId"],
            partijIdentificator__codeSoortObjectId="kvk_nummer",
        )
        == []
    )
    assert await found(client, subIdentificatorVan__objectId="00000000") == []


async def test_categorie_naam_filter_takes_a_list(client):
    vip = (await client.post("/categorieen", json={"naam": "vip"})).json()
    std = (await client.post("/categorieen", json={"naam": "std"})).json()
    a = await make_partij(client)
    b = await make_partij(client)
    c = await make_partij(client)
    for partij, cat in ((a, vip), (b, std), (a, std)):
        r = await client.post(
            "/categorie-relaties", json={"partij": ref(partij), "categorie": ref(cat)}
        )
        assert r.status_code == 201
    assert await found(client, categorierelatie__categorie__naam="vip") == ids(a)
    assert await found(client, categorierelatie__categorie__naam="std") == ids(a, b)
    assert await found(client, categorierelatie__categorie__naam="vip,std") == ids(a, b)
    assert await found(client, categorierelatie__categorie__naam="vip, onbekend") == ids(a)
    assert await found(client, categorierelatie__categorie__naam="onbekend") == []
    assert await found(client, categorierelatie__categorie__naam="") == ids(a, b, c)
    r = await client.get("/partijen", params={"categorierelatie__categorie__naam": "std"})
    assert r.json()["count"] == 2  # a partij with two matching categories counts once


async def test_pagination_and_order(client):
    made = [await make_partij(client, nummer=str(n)) for n in range(3)]
    r = await client.get("/partijen", params={"pageSize": 2})
    body = r.json()
    assert body["count"] == 3
    assert [p["nummer"] for p in body["results"]] == ["2", "1"]  # newest first
    assert body["next"] == f"{BASE}/partijen?page=2&pageSize=2"
    r = await client.get("/partijen", params={"pageSize": 2, "page": 2})
    assert [p["uuid"] for p in r.json()["results"]] == [made[0]["uuid"]]
    r = await client.get("/partijen", params={"page": 3, "pageSize": 2})
    assert r.status_code == 404
    assert await found(client, vertegenwoordigdePartij__uuid=MISSING) == []
