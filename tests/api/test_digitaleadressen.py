from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import insert, select, update

from klantinteracties.api.digitaleadressen.schemas import adres_error
from klantinteracties.db.models import digitaal_adres, partij, partij_identificator
from tests.api.klantcontact_data import make_betrokkene, make_klantcontact
from tests.helpers import invalid_params, problem, reasons

BASE = "http://testserver.local/klantinteracties/api/v1"
URL = "/digitaleadressen"
MISSING = "6f2b9f2e-8e0b-4a3c-9d4e-0a8d1c1e2f3a"
EMAIL = {"adres": "a@example.com", "soortDigitaalAdres": "email"}
IDENTIFICATOR = ("code_objecttype", "code_soort_object_id", "object_id", "code_register")
BSN = dict(zip(IDENTIFICATOR, ("natuurlijk_persoon", "bsn", "111222333", "brp"), strict=True))
KVK = dict(zip(IDENTIFICATOR, ("niet_natuurlijk_persoon", "kvk_nummer", "123", "hr"), strict=True))
KEYS = [
    "uuid",
    "url",
    "verstrektDoorBetrokkene",
    "verstrektDoorPartij",
    "adres",
    "soortDigitaalAdres",
    "isStandaardAdres",
    "omschrijving",
    "referentie",
    "verificatieDatum",
]


# Partijen are inserted directly, so these tests do not depend on the /partijen endpoint.
@pytest.fixture
async def make_partij(database, client):
    async def make(soort: str = "persoon", *identificatoren: dict[str, str]) -> dict[str, str]:
        key = uuid.uuid4()
        async with database.session(write=True) as session:
            await session.execute(
                insert(partij).values(uuid=key, soort_partij=soort, indicatie_actief=True)
            )
            for values in identificatoren:
                await session.execute(
                    insert(partij_identificator).values(
                        uuid=uuid.uuid4(), identificeerde_partij_uuid=key, **values
                    )
                )
            await session.commit()
        return {"uuid": str(key), "url": f"{BASE}/partijen/{key}"}

    return make


@pytest.fixture
def voorkeur(database):
    """Read (and first set, when a value is given) the hidden is_voorkeur flag of an address."""

    async def flag(item: dict[str, Any], value: bool | None = None) -> bool:
        where = digitaal_adres.c.uuid == uuid.UUID(item["uuid"])
        async with database.session(write=True) as session:
            if value is not None:
                await session.execute(update(digitaal_adres).where(where).values(is_voorkeur=value))
                await session.commit()
            stmt = select(digitaal_adres.c.is_voorkeur).where(where)
            return bool((await session.execute(stmt)).scalar_one())

    return flag


def ref(p: dict[str, str]) -> dict[str, str]:
    return {"uuid": p["uuid"]}


async def post(client, **fields: Any) -> httpx.Response:
    return await client.post(URL, json=fields)


async def patch(client, item: dict[str, Any], **fields: Any) -> httpx.Response:
    return await client.patch(f"{URL}/{item['uuid']}", json=fields)


async def put(client, item: dict[str, Any], **fields: Any) -> httpx.Response:
    return await client.put(f"{URL}/{item['uuid']}", json={**EMAIL, **fields})


async def create(client, **fields: Any) -> dict[str, Any]:
    r = await post(client, **{**EMAIL, **fields})
    assert r.status_code == 201, r.text
    return r.json()


async def standaard(client, *items: dict[str, Any]) -> list[bool]:
    return [(await client.get(f"{URL}/{x['uuid']}")).json()["isStandaardAdres"] for x in items]


async def test_crud_and_representation(client, make_partij):
    p = await make_partij()
    body = await create(
        client,
        verstrektDoorPartij={"uuid": p["uuid"], "url": "http://ignored/x"},
        omschrijving="werk",
        referentie="portaal_voorkeur-1",
        verificatieDatum="2024-05-01",
    )
    assert list(body) == KEYS
    assert body["url"] == f"{BASE}{URL}/{body['uuid']}"
    assert body["verstrektDoorBetrokkene"] is None and body["verstrektDoorPartij"] == p
    assert body["isStandaardAdres"] is False and body["verificatieDatum"] == "2024-05-01"
    assert (await client.get(body["url"])).json() == body

    # PUT leaves optional fields that were not sent as they are
    r = await put(client, body, adres="0612345678", soortDigitaalAdres="telefoonnummer")
    assert r.json() == {**body, "adres": "0612345678", "soortDigitaalAdres": "telefoonnummer"}
    r = await patch(client, body, omschrijving="privé")
    assert r.json()["omschrijving"] == "privé" and r.json()["adres"] == "0612345678"

    r = await client.delete(f"{URL}/{body['uuid']}")
    assert r.status_code == 204 and r.content == b""
    problem(await client.get(f"{URL}/{body['uuid']}"), 404)
    problem(await client.get(f"{URL}/not-a-uuid"), 404)
    problem(await client.patch(f"{URL}/{MISSING}", json={}), 404)
    problem(await client.put(f"{URL}/{MISSING}", json={}), 404)


async def test_post_location_defaults_and_snake_case(client):
    # Fix of a reference quirk: the verstrektDoorPartij key may be left out altogether.
    r = await post(client, adres="x", soortDigitaalAdres="overig")
    assert r.status_code == 201, r.text
    assert r.headers["Location"] == r.json()["url"]
    assert r.json() == {
        **r.json(),
        "verstrektDoorPartij": None,
        "isStandaardAdres": False,
        "omschrijving": "",
        "referentie": "",
        "verificatieDatum": None,
    }
    r = await post(client, adres="y", soort_digitaal_adres="overig", verstrekt_door_partij=None)
    assert r.status_code == 201, r.text


async def test_required_null_and_type_errors(client):
    r = await post(client)
    assert invalid_params(r) == {"adres": "required", "soortDigitaalAdres": "required"}
    nulls = ("adres", "soortDigitaalAdres", "isStandaardAdres", "omschrijving", "referentie")
    r = await post(client, **dict.fromkeys(nulls))
    assert invalid_params(r) == dict.fromkeys(nulls, "null")
    r = await post(
        client,
        adres="",
        soortDigitaalAdres="fax",
        omschrijving="x" * 41,
        verificatieDatum="gisteren",
        isStandaardAdres="misschien",
    )
    assert invalid_params(r) == {
        "adres": "blank",
        "soortDigitaalAdres": "invalid_choice",
        "omschrijving": "max_length",
        "verificatieDatum": "invalid",
        "isStandaardAdres": "invalid",
    }
    r = await post(client, adres="x" * 81, soortDigitaalAdres="overig")
    assert invalid_params(r) == {"adres": "max_length"}
    assert invalid_params(await client.post(URL, json=["adres"])) == {"nonFieldErrors": "invalid"}
    json_type = {"Content-Type": "application/json"}
    problem(await client.post(URL, content=b"{", headers=json_type), 400)
    problem(await client.post(URL, content=b"a", headers={"Content-Type": "text/plain"}), 415)


async def test_relations_unknown_and_malformed(client):
    cases = [
        ({"uuid": MISSING}, "verstrektDoorPartij.uuid", "invalid"),
        ({"uuid": "x"}, "verstrektDoorPartij.uuid", "invalid"),
        ({"url": "http://x.nl/y"}, "verstrektDoorPartij.uuid", "required"),
        ("nope", "verstrektDoorPartij.nonFieldErrors", "invalid"),
    ]
    for value, name, code in cases:
        r = await post(client, **EMAIL, verstrektDoorPartij=value)
        assert invalid_params(r) == {name: code}, value
    r = await post(client, **EMAIL, verstrektDoorPartij={"uuid": MISSING})
    assert "bestaat niet" in reasons(r)["verstrektDoorPartij.uuid"]


async def test_verstrekt_door_betrokkene(client):
    kc = await make_klantcontact(client)
    b1 = await make_betrokkene(client, kc)
    b2 = await make_betrokkene(client, kc)
    item = await create(
        client, verstrektDoorBetrokkene={"uuid": b1["uuid"], "url": "http://x.nl/y"}
    )
    assert item["verstrektDoorBetrokkene"] == {"uuid": b1["uuid"], "url": b1["url"]}
    assert (await client.get(b1["url"])).json()["digitaleAdressen"] == [
        {"uuid": item["uuid"], "url": item["url"]}
    ]
    r = await patch(client, item, verstrektDoorBetrokkene=ref(b2))
    assert r.json()["verstrektDoorBetrokkene"]["uuid"] == b2["uuid"]
    r = await put(client, item)  # PUT keeps what it does not send
    assert r.json()["verstrektDoorBetrokkene"]["uuid"] == b2["uuid"]
    r = await patch(client, item, verstrektDoorBetrokkene=None)
    assert r.json()["verstrektDoorBetrokkene"] is None
    cases = [
        ({"uuid": MISSING}, "verstrektDoorBetrokkene.uuid", "invalid"),
        ({"uuid": "x"}, "verstrektDoorBetrokkene.uuid", "invalid"),
        ({"url": b1["url"]}, "verstrektDoorBetrokkene.uuid", "required"),
        ("nope", "verstrektDoorBetrokkene.nonFieldErrors", "invalid"),
    ]
    for value, name, code in cases:
        for r in (
            await post(client, **EMAIL, verstrektDoorBetrokkene=value),
            await patch(client, item, verstrektDoorBetrokkene=value),
        ):
            assert invalid_params(r) == {name: code}, value
    r = await post(client, **EMAIL, verstrektDoorBetrokkene={"uuid": MISSING})
    assert "bestaat niet" in reasons(r)["verstrektDoorBetrokkene.uuid"]


VALID = {
    "email": ["jan@example.com", "j.a-n+x@a.example.nl", "x@münchen.de", "r@localhost", "a@[::1]"],
    "telefoonnummer": ["0612345678", "0201234567", "0881234567", "+31612345678", "0031612345678"],
    "overig": ["wat dan ook @ 0800"],
}
INVALID = {
    "email": ["j", "j@", "@x.nl", "j@nl", "j@@x.nl", "j n@x.nl", "j@-x.nl", "j@x.c", "j..n@x.nl"],
    "telefoonnummer": ["061234567", "06123456789", "+3161", "06-12345678", "jan@example.com"],
}
BLOCKED_PHONES = ["0800123456", "0900123456", "1400", "14020"]


def test_adres_rules_per_soort():
    for soort, values in VALID.items():
        for value in values:
            assert adres_error(soort, value) is None, value
    for soort, values in INVALID.items():
        for value in values:
            assert adres_error(soort, value), value
    for value in BLOCKED_PHONES:
        assert "0800" in (adres_error("telefoonnummer", value) or ""), value
    assert "0800" not in (adres_error("telefoonnummer", "061234567") or "")


async def test_adres_checked_by_soort(client):
    for soort, values in VALID.items():
        await create(client, adres=values[-1], soortDigitaalAdres=soort)
    for soort, adres in (("email", "jan@example"), ("telefoonnummer", "0800123456")):
        r = await post(client, adres=adres, soortDigitaalAdres=soort)
        assert invalid_params(r) == {"adres": "invalid"}
        assert reasons(r)["adres"] == adres_error(soort, adres)


async def test_patch_checks_adres_against_stored_soort_and_back(client):
    tel = await create(client, adres="0612345678", soortDigitaalAdres="telefoonnummer")
    assert invalid_params(await patch(client, tel, adres="jan@example.com")) == {"adres": "invalid"}
    assert invalid_params(await patch(client, tel, soortDigitaalAdres="email")) == {
        "adres": "invalid"
    }
    r = await patch(client, tel, soortDigitaalAdres="email", adres="jan@example.com")
    assert r.status_code == 200 and r.json()["soortDigitaalAdres"] == "email"
    assert (await patch(client, tel, soortDigitaalAdres="overig")).status_code == 200


async def test_referentie_slug(client):
    await create(client, referentie="Portaal_voorkeur-2")
    await create(client, adres="b@example.com", referentie="")
    for bad in ("met spatie", "ü", "a.b"):
        assert invalid_params(await post(client, **EMAIL, referentie=bad)) == {
            "referentie": "invalid"
        }
    r = await post(client, **EMAIL, referentie="x" * 51)
    assert invalid_params(r) == {"referentie": "max_length"}


async def test_standaard_needs_partij(client, make_partij):
    r = await post(client, **EMAIL, isStandaardAdres=True)
    assert invalid_params(r) == {"isStandaardAdres": "invalid"}
    loose = await create(client)
    r = await patch(client, loose, isStandaardAdres=True)
    assert invalid_params(r) == {"isStandaardAdres": "invalid"}
    # the partij may come from the stored row
    linked = await create(
        client, adres="b@example.com", verstrektDoorPartij=ref(await make_partij())
    )
    r = await patch(client, linked, isStandaardAdres=True)
    assert r.status_code == 200 and r.json()["isStandaardAdres"] is True
    # ... asking for a standaard address without partij is refused
    r = await patch(client, linked, verstrektDoorPartij=None, isStandaardAdres=True)
    assert invalid_params(r) == {"isStandaardAdres": "invalid"}
    # ... and unlinking the partij drops the standaard flag with it
    r = await patch(client, linked, verstrektDoorPartij=None)
    assert r.json()["isStandaardAdres"] is False and r.json()["verstrektDoorPartij"] is None


async def test_one_standaard_per_partij_and_soort(client, make_partij):
    p, other = ref(await make_partij()), ref(await make_partij())
    first = await create(client, verstrektDoorPartij=p, isStandaardAdres=True)
    phone = await create(
        client,
        adres="0612345678",
        soortDigitaalAdres="telefoonnummer",
        verstrektDoorPartij=p,
        isStandaardAdres=True,
    )
    elsewhere = await create(client, verstrektDoorPartij=other, isStandaardAdres=True)
    second = await create(
        client, adres="b@example.com", verstrektDoorPartij=p, isStandaardAdres=True
    )
    assert await standaard(client, first, phone, elsewhere, second) == [False, True, True, True]
    # the flag moves back; re-sending it on the standaard address itself is fine
    assert (await patch(client, first, isStandaardAdres=True)).status_code == 200
    assert (await patch(client, first, isStandaardAdres=True)).status_code == 200
    assert await standaard(client, first, second) == [True, False]
    # moving a standaard address to another partij takes over that partij's standaard
    r = await patch(client, first, verstrektDoorPartij=other, adres="c@example.com")
    assert r.status_code == 200, r.text
    assert await standaard(client, first, elsewhere) == [True, False]
    # ... and so does changing its soort
    assert (
        await patch(client, first, soortDigitaalAdres="overig", verstrektDoorPartij=p)
    ).is_success
    r = await patch(client, first, soortDigitaalAdres="telefoonnummer", adres="0201234567")
    assert r.status_code == 200, r.text
    assert await standaard(client, first, phone) == [True, False]


async def test_referentie_unique_per_partij_and_soort(client, make_partij):
    p, other = ref(await make_partij()), ref(await make_partij())
    a = await create(client, verstrektDoorPartij=p, referentie="portaal")
    r = await post(
        client,
        adres="b@x.nl",
        soortDigitaalAdres="email",
        verstrektDoorPartij=p,
        referentie="portaal",
    )
    assert invalid_params(r) == {"nonFieldErrors": "unique"}
    # other partij, other soort, no partij (twice): all fine
    await create(client, adres="b@example.com", verstrektDoorPartij=other, referentie="portaal")
    await create(
        client,
        adres="0612345678",
        soortDigitaalAdres="telefoonnummer",
        verstrektDoorPartij=p,
        referentie="portaal",
    )
    await create(client, adres="c@example.com", referentie="portaal")
    await create(client, adres="d@example.com", referentie="portaal")
    # re-sending the unchanged referentie is no conflict with itself (fix of a reference quirk)
    r = await put(client, a, verstrektDoorPartij=p, referentie="portaal")
    assert r.status_code == 200, r.text
    # moving to a partij that already uses the referentie is a conflict
    r = await patch(client, a, verstrektDoorPartij=other)
    assert invalid_params(r) == {"nonFieldErrors": "unique"}


async def test_same_adres_once_per_partij_and_soort(client, make_partij):
    p, other = ref(await make_partij()), ref(await make_partij())
    a = await create(client, verstrektDoorPartij=p, isStandaardAdres=True)
    r = await post(client, **EMAIL, verstrektDoorPartij=p, isStandaardAdres=True)
    assert invalid_params(r) == {"adres": "unique"} and reasons(r)["adres"]
    assert await standaard(client, a) == [True]  # the rejected write changed nothing
    b = await create(client, adres="b@example.com", verstrektDoorPartij=p)
    assert invalid_params(await patch(client, b, adres="a@example.com")) == {"adres": "unique"}
    await create(client, verstrektDoorPartij=other)
    await create(client, soortDigitaalAdres="overig", verstrektDoorPartij=p)
    await create(client)
    await create(client)
    assert (await put(client, a, verstrektDoorPartij=p)).status_code == 200


async def test_voorkeur_cleared_when_partij_changes(client, make_partij, voorkeur):
    p, other = ref(await make_partij()), ref(await make_partij())
    a = await create(client, verstrektDoorPartij=p)
    await voorkeur(a, True)
    # same partij re-sent, other fields changed: the preference stays
    assert (await patch(client, a, verstrektDoorPartij=p, omschrijving="x")).is_success
    assert await voorkeur(a) is True
    assert (await patch(client, a, verstrektDoorPartij=other)).is_success
    assert await voorkeur(a) is False
    await voorkeur(a, True)
    assert (await put(client, a, verstrektDoorPartij=None)).is_success
    assert await voorkeur(a) is False


async def test_filters(client, make_partij):
    bsn = await make_partij("persoon", BSN)
    org = await make_partij("organisatie", KVK)
    a = await create(
        client,
        adres="Jan@Example.com",
        verstrektDoorPartij=ref(bsn),
        isStandaardAdres=True,
        omschrijving="Werk adres",
        referentie="werk",
        verificatieDatum="2024-01-10",
    )
    b = await create(
        client,
        adres="0612345678",
        soortDigitaalAdres="telefoonnummer",
        verstrektDoorPartij=ref(org),
        verificatieDatum="2024-02-10",
    )
    c = await create(client, adres="x_y%z", soortDigitaalAdres="overig")
    a, b, c = a["uuid"], b["uuid"], c["uuid"]
    pi = "verstrektDoorPartij__partijIdentificator__"
    cases: list[tuple[dict[str, str], list[str]]] = [
        ({}, [a, b, c]),
        ({"verstrektDoorPartij__uuid": bsn["uuid"]}, [a]),
        ({"verstrektDoorPartij__url": org["url"]}, [b]),
        ({"verstrektDoorPartij__url": "http://x.nl/partijen/nope"}, []),
        ({"verstrektDoorPartij__soortPartij": "organisatie"}, [b]),
        ({f"{pi}objectId": "111222333"}, [a]),
        ({f"{pi}codeRegister": "hr"}, [b]),
        ({f"{pi}codeObjecttype": "natuurlijk_persoon", f"{pi}codeSoortObjectId": "bsn"}, [a]),
        ({"adres": "Jan@Example.com"}, [a]),
        ({"adres": "jan@example.com"}, []),
        ({"adres__icontains": "EXAMPLE"}, [a]),
        ({"adres__icontains": "_y%"}, [c]),
        ({"adres__icontains": "%"}, [c]),
        ({"soortDigitaalAdres": "telefoonnummer"}, [b]),
        ({"isStandaardAdres": "true"}, [a]),
        ({"isStandaardAdres": "0"}, [b, c]),
        ({"omschrijving": "WERK"}, [a]),
        ({"referentie": "werk"}, [a]),
        ({"referentie": "wer"}, []),
        ({"isGeverifieerd": "true"}, [a, b]),
        ({"isGeverifieerd": "false"}, [c]),
        ({"verificatieDatum": "2024-01-10"}, [a]),
        ({"verificatieDatum__gt": "2024-01-10"}, [b]),
        ({"verificatieDatum__gte": "2024-01-10"}, [a, b]),
        ({"verificatieDatum__lt": "2024-02-10"}, [a]),
        ({"verificatieDatum__lte": "2024-02-10"}, [a, b]),
        ({"verificatieDatum__gt": "2024-01-10", "verstrektDoorPartij__soortPartij": "persoon"}, []),
    ]
    for params, expected in cases:
        r = await client.get(URL, params=params)
        assert r.status_code == 200, r.text
        assert sorted(x["uuid"] for x in r.json()["results"]) == sorted(expected), params


async def test_identificator_filters_match_one_identificator(client, make_partij):
    # A partij with a BSN and, on another identificator, the object id searched for: the
    # combined filter must not match, because no single identificator has both values.
    p = await make_partij("persoon", BSN, {**KVK, "object_id": "999"})
    a = await create(client, verstrektDoorPartij=ref(p))
    pi = "verstrektDoorPartij__partijIdentificator__"
    r = await client.get(URL, params={f"{pi}codeSoortObjectId": "bsn", f"{pi}objectId": "999"})
    assert r.json()["count"] == 0
    params = {f"{pi}codeSoortObjectId": "kvk_nummer", f"{pi}objectId": "999"}
    r = await client.get(URL, params=params)
    assert [x["uuid"] for x in r.json()["results"]] == [a["uuid"]]


async def test_bad_filter_values(client):
    cases = {
        "verstrektDoorPartij__uuid": ("nope", "invalid"),
        "verstrektDoorPartij__url": ("not a url", "invalid"),
        "verstrektDoorPartij__soortPartij": ("bedrijf", "invalid_choice"),
        "soortDigitaalAdres": ("fax", "invalid_choice"),
        "isStandaardAdres": ("misschien", "invalid"),
        "isGeverifieerd": ("ja", "invalid"),
        "verificatieDatum": ("2024-13-01", "invalid"),
        "verificatieDatum__gte": ("gisteren", "invalid"),
    }
    for name, (value, code) in cases.items():
        assert invalid_params(await client.get(URL, params={name: value})) == {name: code}
    cases = {
        "verstrektDoorBetrokkene__uuid": ("nope", "invalid"),
        "verstrektDoorBetrokkene__url": ("betrokkenen/x", "invalid"),
        "verstrektDoorBetrokkene__rol": ("baas", "invalid_choice"),
        "expand": ("verstrektDoorPartij", "invalid_choice"),
    }
    for name, (value, code) in cases.items():
        assert invalid_params(await client.get(URL, params={name: value})) == {name: code}
    r = await client.get(f"{URL}/{MISSING}", params={"expand": "hadKlantcontact"})
    assert invalid_params(r) == {"expand": "invalid_choice"}
    unknown = (
        "verstrekt_door_partij__uuid",
        "verstrektDoorBetrokkene__wasPartij__uuid",
        "expand[]",
        "ordering",
    )
    for name in unknown:
        r = await client.get(URL, params={name: "x"})
        assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}, name
    r = await client.get(f"{URL}/{MISSING}", params={"adres": "x"})
    assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}


async def test_list_order_and_pagination(client):
    items = [await create(client, adres=f"{i}@example.com") for i in range(3)]
    body = (await client.get(URL, params={"pageSize": "2"})).json()
    assert body["count"] == 3 and body["next"] and body["previous"] is None
    assert [x["uuid"] for x in body["results"]] == [items[2]["uuid"], items[1]["uuid"]]
    # Expandable: every list item carries "_expand", even when nothing is expanded.
    assert list(body["results"][0]) == [*KEYS, "_expand"]
    assert [x["_expand"] for x in body["results"]] == [{}, {}]
    assert "_expand" not in (await client.get(items[0]["url"])).json()
    problem(await client.get(URL, params={"page": "5"}), 404)


async def test_list_statement_count(client, make_partij, count_statements):
    filters = {
        "verstrektDoorPartij__soortPartij": "persoon",
        "verstrektDoorPartij__partijIdentificator__objectId": "1",
    }

    async def listing() -> int:
        counts = []
        for params in ({}, filters):
            with count_statements() as c:
                r = await client.get(URL, params=params)
            assert r.status_code == 200
            counts.append(c.count)
        assert counts[0] == counts[1]
        return counts[0]

    p = ref(await make_partij("persoon", {**BSN, "object_id": "1"}))
    for i in range(30):
        await create(client, adres=f"{i}@example.com", verstrektDoorPartij=p)
        if i == 1:
            small = await listing()
    assert (await client.get(URL, params=filters)).json()["count"] == 30
    L = count_statements.logged  # the processing log's own INSERT on SQLite
    assert await listing() == small == 1 + L  # page (not full: no count; the token is cached)


async def test_filters_by_betrokkene(client):
    kc = await make_klantcontact(client)
    klant = await make_betrokkene(client, kc, rol="klant")
    vertegenwoordiger = await make_betrokkene(client, kc, rol="vertegenwoordiger")
    a = await create(client, verstrektDoorBetrokkene=ref(klant))
    b = await create(client, verstrektDoorBetrokkene=ref(vertegenwoordiger))
    c = await create(client)
    a, b, c = a["uuid"], b["uuid"], c["uuid"]
    cases: list[tuple[dict[str, str], list[str]]] = [
        ({}, [a, b, c]),
        ({"verstrektDoorBetrokkene__uuid": klant["uuid"]}, [a]),
        ({"verstrektDoorBetrokkene__url": vertegenwoordiger["url"]}, [b]),
        ({"verstrektDoorBetrokkene__url": "http://x.nl/betrokkenen/nope"}, []),
        ({"verstrektDoorBetrokkene__uuid": MISSING}, []),
        ({"verstrektDoorBetrokkene__rol": "klant"}, [a]),
        ({"verstrektDoorBetrokkene__rol": "vertegenwoordiger"}, [b]),
        ({"verstrektDoorBetrokkene__rol": "klant", "adres": "nope@example.com"}, []),
    ]
    for params, expected in cases:
        r = await client.get(URL, params=params)
        assert r.status_code == 200, r.text
        assert sorted(x["uuid"] for x in r.json()["results"]) == sorted(expected), params


async def make_interne_taak(client, kc: dict[str, Any]) -> dict[str, Any]:
    actor = await client.post("/actoren", json={"naam": "Piet", "soortActor": "medewerker"})
    assert actor.status_code == 201, actor.text
    body = {
        "gevraagdeHandeling": "bel terug",
        "aanleidinggevendKlantcontact": ref(kc),
        "toegewezenAanActoren": [ref(actor.json())],
        "status": "te_verwerken",
    }
    r = await client.post("/internetaken", json=body)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


EXPAND_ALL = ",".join(
    (
        "verstrektDoorBetrokkene",
        "verstrektDoorBetrokkene.hadKlantcontact",
        "verstrektDoorBetrokkene.hadKlantcontact.leiddeTotInterneTaken",
    )
)


async def test_expand(client):
    kc = await make_klantcontact(client)
    taak = await make_interne_taak(client, kc)
    b = await make_betrokkene(client, kc)
    given = await create(client, verstrektDoorBetrokkene=ref(b))
    loose = await create(client)
    b = (await client.get(b["url"])).json()  # now lists the address
    kc = (await client.get(kc["url"])).json()
    taak = (await client.get(taak["url"])).json()

    r = await client.get(given["url"], params={"expand": "verstrektDoorBetrokkene"})
    assert r.json() == {**given, "_expand": {"verstrektDoorBetrokkene": b}}
    r = await client.get(given["url"], params={"expand": "verstrektDoorBetrokkene.hadKlantcontact"})
    # a nested path implies its parents
    assert r.json()["_expand"] == {
        "verstrektDoorBetrokkene": {**b, "_expand": {"hadKlantcontact": kc}}
    }
    full = {
        **given,
        "_expand": {
            "verstrektDoorBetrokkene": {
                **b,
                "_expand": {
                    "hadKlantcontact": {**kc, "_expand": {"leiddeTotInterneTaken": [taak]}}
                },
            }
        },
    }
    r = await client.get(given["url"], params={"expand": EXPAND_ALL})
    assert r.json() == full
    r = await client.get(given["url"], params=[("expand", p) for p in EXPAND_ALL.split(",")])
    assert r.json() == full
    r = await client.get(loose["url"], params={"expand": EXPAND_ALL})
    assert r.json() == {**loose, "_expand": {"verstrektDoorBetrokkene": None}}

    listing = (await client.get(URL, params={"expand": EXPAND_ALL})).json()["results"]
    assert listing == [{**loose, "_expand": {"verstrektDoorBetrokkene": None}}, full]


async def test_expand_statement_count(client, count_statements):
    queries = [
        {"expand": "verstrektDoorBetrokkene"},
        {"expand": "verstrektDoorBetrokkene.hadKlantcontact"},
        {"expand": EXPAND_ALL},
    ]

    async def counts() -> list[int]:
        out = []
        for params in queries:
            with count_statements() as c:
                r = await client.get(URL, params=params)
            assert r.status_code == 200 and r.json()["count"] == len(made)
            out.append(c.count)
        return out

    made: list[dict[str, Any]] = []
    for i in range(30):
        # Every address its own betrokkene, klantcontact and interne taak: nothing is shared.
        kc = await make_klantcontact(client)
        await make_interne_taak(client, kc)
        b = await make_betrokkene(client, kc)
        made.append(await create(client, adres=f"{i}@example.com", verstrektDoorBetrokkene=ref(b)))
        if i == 1:
            small = await counts()
    # One statement for the page and every nested expansion (not full: no count; the token is
    # cached); the deepest path reaches a to-many relation, which is counted first
    L = count_statements.logged  # the processing log's own INSERT on SQLite
    assert await counts() == small == [1 + L, 1 + L, 2 + L]
