"""/klanten/api/v1/klanten: every operation, through HTTP, on both databases."""

from __future__ import annotations

from tests.helpers import invalid_params
from tests.v1.helpers import BRON, V1, persoon


async def test_create_and_read_back_exactly(v1):
    body = persoon(
        subjectIdentificatie={"inpBsn": "111222333"},
        klantnummer="K-1",
        functie="wethouder",
        websiteUrl="https://example.nl/jan",
        aanmaakkanaal="balie",
        geverifieerd=True,
        adres={
            "straatnaam": "Kerkstraat",
            "huisnummer": 1,
            "huisletter": "A",
            "huisnummertoevoeging": "bis",
            "postcode": "1234AB",
            "woonplaatsnaam": "Utrecht",
            "landcode": "6030",
        },
    )
    r = await v1.post("/klanten", json=body)
    assert r.status_code == 201, r.text
    klant = r.json()
    assert r.headers["Location"] == klant["url"]
    assert klant["url"].startswith(f"{V1}/klanten/")
    for key, value in body.items():
        if key != "subjectIdentificatie":
            assert klant[key] == value, key
    assert klant["subjectIdentificatie"]["inpBsn"] == "111222333"
    assert klant["subject"] == ""
    assert r.headers["API-version"] == "1.0.0"
    r = await v1.get(klant["url"])
    assert r.status_code == 200 and r.json() == klant


async def test_list_paged_and_filtered(v1):
    made = []
    for i, bsn in enumerate(("111222333", "123456782")):
        r = await v1.post(
            "/klanten",
            json=persoon(
                achternaam=f"A{i}", emailadres=f"a{i}@x.nl", subjectIdentificatie={"inpBsn": bsn}
            ),
        )
        assert r.status_code == 201, r.text
        made.append(r.json())
    r = await v1.get("/klanten")
    assert r.status_code == 200
    page = r.json()
    assert page["count"] == 2 and page["next"] is None and page["previous"] is None
    assert {k["url"] for k in page["results"]} == {k["url"] for k in made}
    r = await v1.get("/klanten", params={"subjectNatuurlijkPersoon__inpBsn": "123456782"})
    assert [k["url"] for k in r.json()["results"]] == [made[1]["url"]]
    r = await v1.get("/klanten", params={"emailadres": "a0@x.nl"})
    assert [k["url"] for k in r.json()["results"]] == [made[0]["url"]]
    r = await v1.get("/klanten", params={"bronorganisatie": BRON, "achternaam": "A1"})
    assert [k["url"] for k in r.json()["results"]] == [made[1]["url"]]
    r = await v1.get("/klanten", params={"klantnummer": made[0]["klantnummer"]})
    assert [k["url"] for k in r.json()["results"]] == [made[0]["url"]]
    r = await v1.get("/klanten", params={"subjectType": "vestiging"})
    assert r.json()["count"] == 0


async def test_patch_put_delete(v1):
    r = await v1.post("/klanten", json=persoon(functie="raadslid"))
    klant = r.json()
    r = await v1.patch(klant["url"], json={"achternaam": "Dijk", "emailadres": ""})
    assert r.status_code == 200, r.text
    patched = r.json()
    assert patched["achternaam"] == "Dijk" and patched["emailadres"] == ""
    assert patched["functie"] == "raadslid" and patched["voornaam"] == "Jan"
    assert (await v1.get(klant["url"])).json() == patched

    r = await v1.put(klant["url"], json={"bronorganisatie": BRON, "voornaam": "Piet"})
    assert r.status_code == 200, r.text
    put = r.json()
    assert put["voornaam"] == "Piet" and put["achternaam"] == "" and put["functie"] == ""
    assert put["klantnummer"] == klant["klantnummer"]  # kept when not sent
    assert put["telefoonnummer"] == ""

    r = await v1.delete(klant["url"])
    assert r.status_code == 204
    assert (await v1.get(klant["url"])).status_code == 404


async def test_kla_001(v1):
    r = await v1.post("/klanten", json=persoon(klantnummer="00042"))
    assert r.status_code == 201
    r = await v1.post("/klanten", json=persoon(klantnummer="00042"))
    assert invalid_params(r) == {"nonFieldErrors": "unique"}
    # Another bronorganisatie may use the same klantnummer.
    r = await v1.post("/klanten", json=persoon(klantnummer="00042", bronorganisatie="111222333"))
    assert r.status_code == 201, r.text
    # Generated when absent: after the highest of the bronorganisatie.
    r = await v1.post("/klanten", json=persoon())
    assert r.status_code == 201 and r.json()["klantnummer"] == "43"
    r = await v1.post("/klanten", json=persoon(bronorganisatie="999999990"))
    assert r.json()["klantnummer"] == "1"


async def test_validation(v1):
    r = await v1.post("/klanten", json={})
    assert invalid_params(r) == {"bronorganisatie": "required"}
    r = await v1.post("/klanten", json=persoon(bronorganisatie="123456789"))
    assert invalid_params(r) == {"bronorganisatie": "invalid"}
    r = await v1.post("/klanten", json=persoon(emailadres="geen-adres"))
    assert invalid_params(r) == {"emailadres": "invalid"}
    r = await v1.post("/klanten", json=persoon(subjectIdentificatie={"inpBsn": "123456789"}))
    assert set(invalid_params(r)) == {"subjectIdentificatie.inpBsn"}
    r = await v1.post("/klanten", json=persoon(subjectType="bedrijf"))
    assert invalid_params(r) == {"subjectType": "invalid_choice"}
    await v1.post("/klanten", json=persoon(subjectIdentificatie={"inpBsn": "111222333"}))
    r = await v1.post("/klanten", json=persoon(subjectIdentificatie={"inpBsn": "111222333"}))
    assert invalid_params(r) == {"nonFieldErrors": "invalid"}  # a v2 rule: one partij per BSN
    r = await v1.get("/klanten")
    assert r.json()["count"] == 1  # nothing half-written


async def test_etag_304_and_head(v1):
    klant = (await v1.post("/klanten", json=persoon())).json()
    r = await v1.get(klant["url"])
    etag = r.headers["ETag"]
    r = await v1.get(klant["url"], headers={"If-None-Match": etag})
    assert r.status_code == 304 and r.headers["ETag"] == etag and r.content == b""
    r = await v1.head(klant["url"])
    assert r.status_code == 200 and r.content == b"" and r.headers["ETag"] == etag
    await v1.patch(klant["url"], json={"functie": "nieuw"})
    r = await v1.get(klant["url"], headers={"If-None-Match": etag})
    assert r.status_code == 200 and r.headers["ETag"] != etag
