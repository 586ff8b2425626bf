"""Both generations over one register: what v1 writes, v2 reads (for every mapped field), and
the other way round; v1-only fields survive v2 changes, and a v1 write leaves v2-only data
alone."""

from __future__ import annotations

from tests.api.partijen_helpers import EMPTY_ADRES, KVK, VESTIGING, make_adres, make_partij
from tests.v1.helpers import BRON, V1, V2, persoon

ADRES_V1 = {
    "straatnaam": "Kerkstraat",
    "huisnummer": 12,
    "huisletter": "A",
    "huisnummertoevoeging": "bis",
    "postcode": "1234ab",
    "woonplaatsnaam": "Utrecht",
    "landcode": "6030",
}

ADRES_V1_AS_V2 = {
    **EMPTY_ADRES,
    "straatnaam": "Kerkstraat",
    "huisnummer": 12,
    "huisnummertoevoeging": "Abis",
    "postcode": "1234 AB",
    "stad": "Utrecht",
    "land": "NL",
}


def uuid_of(item):
    return item["url"].rsplit("/", 1)[1]


async def test_v1_persoon_read_in_v2(v1, client):
    body = persoon(
        klantnummer="4711",
        adres=ADRES_V1,
        subjectIdentificatie={"inpBsn": "10000008", "geslachtsnaam": "Berg"},
    )
    klant = (await v1.post("/klanten", json=body)).json()
    r = await client.get(f"/partijen/{uuid_of(klant)}", params={"expand": "digitaleAdressen"})
    assert r.status_code == 200, r.text
    partij = r.json()
    assert partij["url"] == f"{V2}/partijen/{uuid_of(klant)}"
    assert partij["soortPartij"] == "persoon" and partij["indicatieActief"] is True
    assert partij["nummer"] == "4711"
    assert partij["partijIdentificatie"]["contactnaam"] == {
        "voorletters": "",
        "voornaam": "Jan",
        "voorvoegselAchternaam": "van der",
        "achternaam": "Berg",
    }
    assert partij["bezoekadres"] == ADRES_V1_AS_V2
    [ident] = partij["partijIdentificatoren"]
    assert ident["partijIdentificator"] == {
        "codeObjecttype": "natuurlijk_persoon",
        "codeSoortObjectId": "bsn",
        "objectId": "010000008",  # zero-padded to 9
        "codeRegister": "brp",
    }
    adressen = {a["soortDigitaalAdres"]: a["adres"] for a in partij["_expand"]["digitaleAdressen"]}
    assert adressen == {"email": "jan@example.nl", "telefoonnummer": "0612345678"}
    # v1 reads back exactly what it wrote, the unpadded BSN and the v1-only fields included.
    again = (await v1.get(klant["url"])).json()
    assert again["subjectIdentificatie"]["inpBsn"] == "10000008"
    assert again["subjectIdentificatie"]["geslachtsnaam"] == "Berg"
    assert again["adres"] == ADRES_V1


async def test_v1_organisaties_read_in_v2(v1, client):
    kvk = persoon(
        bedrijfsnaam="Bakkerij BV",
        subjectType="niet_natuurlijk_persoon",
        subjectIdentificatie={"innNnpId": "12345678", "statutaireNaam": "Bakkerij B.V."},
    )
    klant = (await v1.post("/klanten", json=kvk)).json()
    partij = (await client.get(f"/partijen/{uuid_of(klant)}")).json()
    assert partij["soortPartij"] == "organisatie"
    assert partij["partijIdentificatie"] == {"naam": "Bakkerij BV"}
    assert [i["partijIdentificator"] for i in partij["partijIdentificatoren"]] == [KVK]
    rsin = persoon(
        subjectType="niet_natuurlijk_persoon", subjectIdentificatie={"innNnpId": "123456782"}
    )
    klant = (await v1.post("/klanten", json=rsin)).json()
    partij = (await client.get(f"/partijen/{uuid_of(klant)}")).json()
    [ident] = partij["partijIdentificatoren"]
    assert ident["partijIdentificator"]["codeSoortObjectId"] == "rsin"


async def test_v2_partij_read_in_v1(v1, client):
    partij = await make_partij(
        client,
        nummer="815",
        partijIdentificatie={
            "contactnaam": {"voorletters": "J.", "voornaam": "Jan", "achternaam": "Smit"}
        },
        bezoekadres={
            "straatnaam": "Dorpsweg",
            "huisnummer": 3,
            "postcode": "1234 AB",
            "stad": "Zeist",
            "land": "NL",
            "huisnummertoevoeging": "b",
        },
        partijIdentificatoren=[
            {
                "partijIdentificator": {
                    "codeObjecttype": "natuurlijk_persoon",
                    "codeSoortObjectId": "bsn",
                    "objectId": "111222333",
                    "codeRegister": "brp",
                }
            }
        ],
    )
    await make_adres(client, partij, "smit@example.nl")
    await make_adres(client, partij, "0301234567", soortDigitaalAdres="telefoonnummer")
    r = await v1.get(f"/klanten/{partij['uuid']}")
    assert r.status_code == 200, r.text
    klant = r.json()
    assert klant["url"] == f"{V1}/klanten/{partij['uuid']}"
    assert klant["bronorganisatie"] == ""  # KLANTINTERACTIES_V1_BRONORGANISATIE, unset
    assert klant["klantnummer"] == "815"
    assert (klant["voornaam"], klant["voorvoegselAchternaam"], klant["achternaam"]) == (
        "Jan",
        "",
        "Smit",
    )
    assert klant["emailadres"] == "smit@example.nl"
    assert klant["telefoonnummer"] == "0301234567"
    assert klant["adres"] == {
        "straatnaam": "Dorpsweg",
        "huisnummer": 3,
        "huisletter": "",
        "huisnummertoevoeging": "b",
        "postcode": "1234 AB",
        "woonplaatsnaam": "Zeist",
        "landcode": "6030",
    }
    assert klant["subjectType"] == "natuurlijk_persoon"
    assert klant["subjectIdentificatie"]["inpBsn"] == "111222333"
    assert klant["bedrijfsnaam"] == "" and klant["functie"] == ""
    r = await v1.get("/klanten", params={"subjectNatuurlijkPersoon__inpBsn": "111222333"})
    assert [k["url"] for k in r.json()["results"]] == [klant["url"]]
    r = await v1.get("/klanten", params={"klantnummer": "815"})
    assert r.json()["count"] == 1


async def test_v2_organisatie_and_vestiging_read_in_v1(v1, client):
    org = await make_partij(
        client,
        soortPartij="organisatie",
        partijIdentificatie={"naam": "Smederij"},
        partijIdentificatoren=[{"partijIdentificator": KVK}],
    )
    klant = (await v1.get(f"/klanten/{org['uuid']}")).json()
    assert klant["subjectType"] == "niet_natuurlijk_persoon"
    assert klant["bedrijfsnaam"] == "Smederij"
    assert klant["subjectIdentificatie"]["innNnpId"] == "12345678"
    kvk_uuid = org["partijIdentificatoren"][0]["uuid"]
    r = await client.patch(
        f"/partijen/{org['uuid']}",
        json={
            "partijIdentificatoren": [
                {"uuid": kvk_uuid},
                {"partijIdentificator": VESTIGING, "subIdentificatorVan": {"uuid": kvk_uuid}},
            ]
        },
    )
    assert r.status_code == 200, r.text
    klant = (await v1.get(f"/klanten/{org['uuid']}")).json()
    assert klant["subjectType"] == "vestiging"
    assert klant["subjectIdentificatie"]["vestigingsNummer"] == VESTIGING["objectId"]
    r = await v1.get("/klanten", params={"subjectType": "vestiging"})
    assert [k["url"] for k in r.json()["results"]] == [klant["url"]]


async def test_v2_change_shows_in_v1_and_v1_only_fields_stay(v1, client):
    body = persoon(
        functie="wethouder",
        websiteUrl="https://example.nl",
        adres=ADRES_V1,
        subjectIdentificatie={"inpBsn": "10000008", "voornamen": "Jan Piet"},
    )
    klant = (await v1.post("/klanten", json=body)).json()
    key = uuid_of(klant)
    r = await client.patch(
        f"/partijen/{key}",
        json={
            "partijIdentificatie": {
                "contactnaam": {
                    "voornaam": "Jan",
                    "achternaam": "Dijk",
                    "voorvoegselAchternaam": "van der",
                }
            },
            "bezoekadres": {**ADRES_V1_AS_V2, "straatnaam": "Nieuwstraat"},
        },
    )
    assert r.status_code == 200, r.text
    after = (await v1.get(klant["url"])).json()
    assert after["achternaam"] == "Dijk"  # from v2
    assert after["adres"] == {**ADRES_V1, "straatnaam": "Nieuwstraat"}  # the rest as written
    assert after["functie"] == "wethouder" and after["websiteUrl"] == "https://example.nl"
    assert after["subjectIdentificatie"]["inpBsn"] == "10000008"
    assert after["subjectIdentificatie"]["voornamen"] == "Jan Piet"
    # A v2 change of the e-mail address shows in v1 as well.
    adres = (await client.get(f"/partijen/{key}", params={"expand": "digitaleAdressen"})).json()
    email = next(
        a for a in adres["_expand"]["digitaleAdressen"] if a["soortDigitaalAdres"] == "email"
    )
    r = await client.patch(f"/digitaleadressen/{email['uuid']}", json={"adres": "nieuw@x.nl"})
    assert r.status_code == 200, r.text
    assert (await v1.get(klant["url"])).json()["emailadres"] == "nieuw@x.nl"


async def test_v1_patch_leaves_v2_data_alone(v1, client):
    partij = await make_partij(
        client,
        interneNotitie="let op",
        partijIdentificatie={"contactnaam": {"voorletters": "J.", "achternaam": "Smit"}},
        correspondentieadres={"straatnaam": "Postbus", "stad": "Zeist"},
    )
    r = await v1.patch(
        f"/klanten/{partij['uuid']}",
        json={"bronorganisatie": BRON, "achternaam": "Smits", "functie": "x"},
    )
    assert r.status_code == 200, r.text
    after = (await client.get(f"/partijen/{partij['uuid']}")).json()
    assert after["partijIdentificatie"]["contactnaam"]["voorletters"] == "J."
    assert after["partijIdentificatie"]["contactnaam"]["achternaam"] == "Smits"
    assert after["interneNotitie"] == "let op"
    assert after["correspondentieadres"]["straatnaam"] == "Postbus"
    # A v2 delete takes the klant (and its side row) along.
    assert (await client.delete(f"/partijen/{partij['uuid']}")).status_code == 204
    assert (await v1.get(f"/klanten/{partij['uuid']}")).status_code == 404
