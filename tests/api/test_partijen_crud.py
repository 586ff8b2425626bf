"""/partijen: plain fields, address groups, polymorphic partijIdentificatie, delete."""

from __future__ import annotations

import pytest

from tests.api.partijen_helpers import (
    BASE,
    BSN,
    EMPTY_ADRES,
    KEYS,
    MISSING,
    get_partij,
    make_adres,
    make_partij,
    make_rekening,
    ref,
    refs,
)
from tests.helpers import invalid_params, problem, reasons


async def test_minimal_create_has_every_key_in_order(client):
    r = await client.post("/partijen", json={"soortPartij": "persoon", "indicatieActief": True})
    assert r.status_code == 201, r.text
    body = r.json()
    assert list(body) == KEYS
    assert r.headers["Location"] == body["url"] == f"{BASE}/partijen/{body['uuid']}"
    assert body["nummer"] is None
    assert body["interneNotitie"] == "" and body["voorkeurstaal"] == ""
    assert body["indicatieGeheimhouding"] is None
    for key in ("betrokkenen", "categorieRelaties", "digitaleAdressen", "vertegenwoordigden"):
        assert body[key] == []
    assert body["rekeningnummers"] == [] and body["partijIdentificatoren"] == []
    assert body["voorkeursDigitaalAdres"] is None and body["voorkeursRekeningnummer"] is None
    assert body["bezoekadres"] == EMPTY_ADRES and body["correspondentieadres"] == EMPTY_ADRES
    assert body["partijIdentificatie"] is None  # never given
    assert "_expand" not in body

    r = await client.get(f"/partijen/{body['uuid']}")
    assert r.status_code == 200 and r.json() == body


async def test_required_fields_and_types(client):
    r = await client.post("/partijen", json={})
    assert invalid_params(r) == {"soortPartij": "required", "indicatieActief": "required"}
    r = await client.post("/partijen", json={"soortPartij": "bedrijf", "indicatieActief": "ja"})
    assert invalid_params(r) == {"soortPartij": "invalid_choice", "indicatieActief": "invalid"}
    r = await client.post("/partijen", json={"soortPartij": None, "indicatieActief": None})
    assert invalid_params(r) == {"soortPartij": "null", "indicatieActief": "null"}
    r = await client.post("/partijen", json=["soortPartij"])
    assert invalid_params(r) == {"nonFieldErrors": "invalid"}
    r = await client.post(
        "/partijen",
        json={"soortPartij": "persoon", "indicatieActief": True, "voorkeurstaal": "nldx"},
    )
    assert invalid_params(r) == {"voorkeurstaal": "max_length"}
    r = await client.post(
        "/partijen", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert problem(r, 400)["code"] == "parse_error"


async def test_snake_case_body_keys_are_accepted(client):
    r = await client.post(
        "/partijen",
        json={"soort_partij": "organisatie", "indicatie_actief": False, "interne_notitie": "x"},
    )
    assert r.status_code == 201, r.text
    assert r.json()["soortPartij"] == "organisatie" and r.json()["interneNotitie"] == "x"


async def test_put_keeps_unsent_optional_fields_and_patch_changes_only_sent(client):
    p = await make_partij(
        client, interneNotitie="notitie", voorkeurstaal="nld", indicatieGeheimhouding=True
    )
    r = await client.put(
        f"/partijen/{p['uuid']}", json={"soortPartij": "persoon", "indicatieActief": False}
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["indicatieActief"] is False
    assert body["interneNotitie"] == "notitie" and body["voorkeurstaal"] == "nld"
    assert body["indicatieGeheimhouding"] is True

    r = await client.put(f"/partijen/{p['uuid']}", json={"indicatieActief": True})
    assert invalid_params(r) == {"soortPartij": "required"}

    r = await client.patch(f"/partijen/{p['uuid']}", json={"indicatieGeheimhouding": None})
    assert r.status_code == 200
    assert r.json()["indicatieGeheimhouding"] is None
    assert r.json()["interneNotitie"] == "notitie" and r.json()["indicatieActief"] is False


async def test_nummer_digits_length_unique_and_null(client):
    p = await make_partij(client, nummer="0012")
    assert p["nummer"] == "0012"
    body = {"soortPartij": "persoon", "indicatieActief": True}
    r = await client.post("/partijen", json={**body, "nummer": "0012"})
    assert invalid_params(r) == {"nummer": "unique"}
    r = await client.post("/partijen", json={**body, "nummer": "12a"})
    assert invalid_params(r) == {"nummer": "invalid"}
    r = await client.post("/partijen", json={**body, "nummer": "-12"})
    assert invalid_params(r) == {"nummer": "invalid"}
    r = await client.post("/partijen", json={**body, "nummer": "12345678901"})
    assert invalid_params(r) == {"nummer": "max_length"}
    # Keeping its own nummer is not a clash; null and "" both mean "no nummer".
    r = await client.patch(f"/partijen/{p['uuid']}", json={"nummer": "0012"})
    assert r.status_code == 200 and r.json()["nummer"] == "0012"
    r = await client.patch(f"/partijen/{p['uuid']}", json={"nummer": ""})
    assert r.status_code == 200 and r.json()["nummer"] is None
    q = await make_partij(client, nummer=None)
    assert q["nummer"] is None
    r = await client.patch(f"/partijen/{q['uuid']}", json={"nummer": "0012"})
    assert r.status_code == 200 and r.json()["nummer"] == "0012"


# ----- address groups -------------------------------------------------------------------------
async def test_adres_is_stored_whole_and_replaced_whole(client):
    adres = {
        "nummeraanduidingId": "0363200000123456",
        "straatnaam": "Dam",
        "huisnummer": 1,
        "huisnummertoevoeging": "A",
        "postcode": "1012 JS",
        "stad": "Amsterdam",
        "adresregel1": "r1",
        "adresregel2": "r2",
        "adresregel3": "r3",
        "land": "NL",
    }
    p = await make_partij(client, bezoekadres=adres)
    assert p["bezoekadres"] == adres and p["correspondentieadres"] == EMPTY_ADRES
    assert list(p["bezoekadres"]) == list(EMPTY_ADRES)

    r = await client.patch(f"/partijen/{p['uuid']}", json={"bezoekadres": {"stad": "Delft"}})
    assert r.json()["bezoekadres"] == {**EMPTY_ADRES, "stad": "Delft"}
    r = await client.patch(f"/partijen/{p['uuid']}", json={"correspondentieadres": adres})
    assert r.json()["correspondentieadres"] == adres
    r = await client.patch(f"/partijen/{p['uuid']}", json={"correspondentieadres": None})
    assert r.json()["correspondentieadres"] == EMPTY_ADRES
    r = await client.patch(f"/partijen/{p['uuid']}", json={"bezoekadres": {}})
    assert r.json()["bezoekadres"] == EMPTY_ADRES


@pytest.mark.parametrize(
    ("sub", "value", "code"),
    [
        ("nummeraanduidingId", "12345", "invalid"),
        ("nummeraanduidingId", "036320000012345X", "invalid"),
        ("nummeraanduidingId", "03632000001234567", "max_length"),
        ("postcode", "1012JS", "invalid"),
        ("postcode", "1012 js", "invalid"),
        ("postcode", "0123 AB", "invalid"),
        ("huisnummer", 0, "min_value"),
        ("huisnummer", 100000, "max_value"),
        ("huisnummer", "een", "invalid"),
        ("land", "XX", "invalid"),
        ("land", "NLD", "max_length"),
        ("land", "N", "invalid"),
        ("straatnaam", None, "null"),
        ("huisnummertoevoeging", "x" * 21, "max_length"),
        ("adresregel1", "x" * 81, "max_length"),
    ],
)
async def test_adres_validation(client, sub, value, code):
    body = {"soortPartij": "persoon", "indicatieActief": True, "correspondentieadres": {sub: value}}
    r = await client.post("/partijen", json=body)
    assert invalid_params(r) == {f"correspondentieadres.{sub}": code}


async def test_adres_lowercase_land_suggests_the_code(client):
    body = {"soortPartij": "persoon", "indicatieActief": True, "bezoekadres": {"land": "nl"}}
    r = await client.post("/partijen", json=body)
    assert invalid_params(r) == {"bezoekadres.land": "invalid"}
    assert "NL?" in reasons(r)["bezoekadres.land"]
    r = await client.post("/partijen", json={**body, "bezoekadres": {"land": "BE"}})
    assert r.status_code == 201 and r.json()["bezoekadres"]["land"] == "BE"
    r = await client.post("/partijen", json={**body, "bezoekadres": "Dam 1"})
    assert invalid_params(r) == {"bezoekadres.nonFieldErrors": "invalid"}


# ----- partijIdentificatie (polymorphic) ------------------------------------------------------
async def test_identificatie_per_soort(client):
    persoon = await make_partij(
        client,
        partijIdentificatie={
            "contactnaam": {"voorletters": "J.", "voornaam": "Jan", "achternaam": "Berg"}
        },
    )
    assert persoon["partijIdentificatie"] == {
        "contactnaam": {
            "voorletters": "J.",
            "voornaam": "Jan",
            "voorvoegselAchternaam": "",
            "achternaam": "Berg",
        },
        "volledigeNaam": "Jan Berg",
    }
    org = await make_partij(
        client,
        soortPartij="organisatie",
        # Unknown keys inside the sub-object are ignored.
        partijIdentificatie={"naam": "Gemeente", "contactpersonen": []},
    )
    assert org["partijIdentificatie"] == {"naam": "Gemeente"}

    cp = await make_partij(
        client,
        soortPartij="contactpersoon",
        partijIdentificatie={
            "uuid": MISSING,
            "werkteVoorPartij": ref(org),
            "contactnaam": {"voornaam": "Piet", "voorvoegselAchternaam": "de", "achternaam": "Vos"},
        },
    )
    ident = cp["partijIdentificatie"]
    assert list(ident) == ["uuid", "werkteVoorPartij", "contactnaam", "volledigeNaam"]
    assert ident["uuid"] != MISSING  # server-generated
    assert ident["werkteVoorPartij"] == {"uuid": org["uuid"], "url": org["url"]}
    assert ident["volledigeNaam"] == "Piet de Vos"

    empty = await make_partij(client, partijIdentificatie={})
    assert empty["partijIdentificatie"] == {
        "contactnaam": {k: "" for k in persoon["partijIdentificatie"]["contactnaam"]},
        "volledigeNaam": "",
    }
    cp_empty = await make_partij(client, soortPartij="contactpersoon", partijIdentificatie={})
    assert cp_empty["partijIdentificatie"]["werkteVoorPartij"] is None


async def test_identificatie_validation(client):
    body = {"soortPartij": "persoon", "indicatieActief": True}
    r = await client.post(
        "/partijen",
        json={**body, "partijIdentificatie": {"contactnaam": {"voorletters": "x" * 11}}},
    )
    assert invalid_params(r) == {"partijIdentificatie.contactnaam.voorletters": "max_length"}
    r = await client.post("/partijen", json={**body, "partijIdentificatie": "Jan"})
    assert invalid_params(r) == {"partijIdentificatie.nonFieldErrors": "invalid"}
    r = await client.post(
        "/partijen",
        json={**body, "soortPartij": "organisatie", "partijIdentificatie": {"naam": "x" * 201}},
    )
    assert invalid_params(r) == {"partijIdentificatie.naam": "max_length"}


async def test_contactpersoon_must_work_for_an_existing_organisatie(client):
    persoon = await make_partij(client)
    body = {"soortPartij": "contactpersoon", "indicatieActief": True}
    r = await client.post(
        "/partijen", json={**body, "partijIdentificatie": {"werkteVoorPartij": ref(persoon)}}
    )
    assert invalid_params(r) == {"partijIdentificatie.werkteVoorPartij.uuid": "invalid"}
    r = await client.post(
        "/partijen", json={**body, "partijIdentificatie": {"werkteVoorPartij": {"uuid": MISSING}}}
    )
    assert invalid_params(r) == {"partijIdentificatie.werkteVoorPartij.uuid": "invalid"}
    r = await client.post(
        "/partijen", json={**body, "partijIdentificatie": {"werkteVoorPartij": {"url": "x"}}}
    )
    assert invalid_params(r) == {"partijIdentificatie.werkteVoorPartij.uuid": "required"}
    # An organisatie that turns itself into a contactpersoon cannot work for itself.
    org = await make_partij(client, soortPartij="organisatie")
    r = await client.patch(
        f"/partijen/{org['uuid']}",
        json={
            "soortPartij": "contactpersoon",
            "partijIdentificatie": {"werkteVoorPartij": ref(org)},
        },
    )
    assert invalid_params(r) == {"partijIdentificatie.werkteVoorPartij.uuid": "invalid"}
    assert (await get_partij(client, org))["soortPartij"] == "organisatie"


async def test_patch_identificatie_without_soort_applies_to_stored_soort(client):
    p = await make_partij(
        client, partijIdentificatie={"contactnaam": {"voornaam": "Jan", "achternaam": "Berg"}}
    )
    r = await client.patch(
        f"/partijen/{p['uuid']}",
        json={"partijIdentificatie": {"contactnaam": {"voornaam": "Kees"}}},
    )
    assert r.status_code == 200, r.text
    # Applied (not ignored), and replaced as a whole: the achternaam is gone.
    assert r.json()["partijIdentificatie"]["volledigeNaam"] == "Kees"
    # Validated against the stored soort: an organisatie field means nothing for a persoon.
    r = await client.patch(
        f"/partijen/{p['uuid']}",
        json={"partijIdentificatie": {"contactnaam": {"voornaam": "x" * 201}}},
    )
    assert invalid_params(r) == {"partijIdentificatie.contactnaam.voornaam": "max_length"}

    never = await make_partij(client, soortPartij="organisatie")
    r = await client.patch(
        f"/partijen/{never['uuid']}", json={"partijIdentificatie": {"naam": "X"}}
    )
    assert r.json()["partijIdentificatie"] == {"naam": "X"}
    r = await client.patch(f"/partijen/{never['uuid']}", json={"partijIdentificatie": None})
    assert r.json()["partijIdentificatie"] is None


async def test_changing_soort_follows_the_discriminator(client):
    org = await make_partij(client, soortPartij="organisatie")
    cp = await make_partij(
        client,
        soortPartij="contactpersoon",
        partijIdentificatie={"werkteVoorPartij": ref(org), "contactnaam": {"voornaam": "Els"}},
    )
    cp_uuid = cp["partijIdentificatie"]["uuid"]
    # Same soort, new data: the contactpersoon keeps its uuid, the rest is replaced.
    r = await client.patch(
        f"/partijen/{cp['uuid']}",
        json={"soortPartij": "contactpersoon", "partijIdentificatie": {"contactnaam": {}}},
    )
    ident = r.json()["partijIdentificatie"]
    assert ident["uuid"] == cp_uuid and ident["werkteVoorPartij"] is None
    assert ident["volledigeNaam"] == ""

    # Only the soort changes: the stored sub-object belongs to another soort -> null.
    r = await client.patch(f"/partijen/{cp['uuid']}", json={"soortPartij": "persoon"})
    assert r.json()["partijIdentificatie"] is None
    r = await client.put(
        f"/partijen/{cp['uuid']}",
        json={
            "soortPartij": "organisatie",
            "indicatieActief": True,
            "partijIdentificatie": {"naam": "BV"},
        },
    )
    assert r.json()["partijIdentificatie"] == {"naam": "BV"}
    r = await client.patch(
        f"/partijen/{cp['uuid']}",
        json={"soortPartij": "persoon", "partijIdentificatie": {"contactnaam": {"voornaam": "A"}}},
    )
    assert r.json()["partijIdentificatie"]["volledigeNaam"] == "A"
    assert "naam" not in r.json()["partijIdentificatie"]


# ----- read-only relations, detail, delete ----------------------------------------------------
async def test_vertegenwoordigden_and_categorie_relaties_are_shown(client):
    a = await make_partij(client)
    b = await make_partij(client)
    c = await make_partij(client)
    for vertegenwoordigde in (b, c):
        r = await client.post(
            "/vertegenwoordigingen",
            json={
                "vertegenwoordigendePartij": ref(a),
                "vertegenwoordigdePartij": ref(vertegenwoordigde),
            },
        )
        assert r.status_code == 201, r.text
    cat = (await client.post("/categorieen", json={"naam": "vip"})).json()
    r = await client.post(
        "/categorie-relaties",
        json={"partij": ref(b), "categorie": ref(cat), "beginDatum": "2024-01-01"},
    )
    relatie = r.json()

    assert (await get_partij(client, a))["vertegenwoordigden"] == refs(b, c)
    assert (await get_partij(client, b))["vertegenwoordigden"] == []
    assert (await get_partij(client, b))["categorieRelaties"] == [
        {
            "uuid": relatie["uuid"],
            "url": relatie["url"],
            "categorieNaam": "vip",
            "beginDatum": "2024-01-01",
            "eindDatum": None,
        }
    ]
    assert (await get_partij(client, a))["categorieRelaties"] == []


async def test_detail_not_found_and_unknown_query(client):
    problem(await client.get(f"/partijen/{MISSING}"), 404)
    problem(await client.get("/partijen/not-a-uuid"), 404)
    problem(await client.patch(f"/partijen/{MISSING}", json={}), 404)
    p = await make_partij(client)
    r = await client.get(f"/partijen/{p['uuid']}", params={"soortPartij": "persoon"})
    assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}


async def test_delete_removes_the_partij_and_what_hangs_off_it(client):
    org = await make_partij(client, soortPartij="organisatie")
    p = await make_partij(client, partijIdentificatoren=[{"partijIdentificator": BSN}])
    cp = await make_partij(
        client, soortPartij="contactpersoon", partijIdentificatie={"werkteVoorPartij": ref(org)}
    )
    adres = await make_adres(client, p)
    rekening = await make_rekening(client, p)
    cat = (await client.post("/categorieen", json={"naam": "vip"})).json()
    relatie = (
        await client.post("/categorie-relaties", json={"partij": ref(p), "categorie": ref(cat)})
    ).json()
    other = await make_partij(client)
    verteg = (
        await client.post(
            "/vertegenwoordigingen",
            json={"vertegenwoordigendePartij": ref(p), "vertegenwoordigdePartij": ref(other)},
        )
    ).json()

    r = await client.delete(f"/partijen/{p['uuid']}")
    assert r.status_code == 204 and r.content == b""
    problem(await client.get(f"/partijen/{p['uuid']}"), 404)
    ident = p["partijIdentificatoren"][0]
    for url in (ident["url"], adres["url"], rekening["url"], relatie["url"], verteg["url"]):
        problem(await client.get(url), 404)
    assert (await get_partij(client, other))["uuid"] == other["uuid"]
    problem(await client.delete(f"/partijen/{p['uuid']}"), 404)

    # A contactpersoon whose organisatie is deleted stays, without werkgever.
    await client.delete(f"/partijen/{org['uuid']}")
    assert (await get_partij(client, cp))["partijIdentificatie"]["werkteVoorPartij"] is None
