"""Request bodies and their errors behave as in the reference (issue 19, points 2-6, 8, 10, 11).
Query strings, auth and links: test_reference_parity.py."""

from __future__ import annotations

from tests.api.klantcontacten_helpers import (
    KC,
    MISSING,
    make_actor,
    make_klantcontact,
    ref,
)
from tests.helpers import invalid_params

PERSOON = {"soortPartij": "persoon", "indicatieActief": True}
BSN = {
    "codeObjecttype": "natuurlijk_persoon",
    "codeSoortObjectId": "bsn",
    "objectId": "111222333",
    "codeRegister": "brp",
}


def names(r) -> list[tuple[str, str]]:
    """invalidParams as (name, code), in order and with repeats."""
    assert r.status_code == 400, r.text
    return [(p["name"], p["code"]) for p in r.json()["invalidParams"]]


async def taak(client, **fields):
    body = {
        "gevraagdeHandeling": "bel terug",
        "aanleidinggevendKlantcontact": ref(await make_klantcontact(client)),
        "status": "te_verwerken",
        **fields,
    }
    return await client.post("/internetaken", json=body)


# ----- 2. a JSON number for a text field is stored as its text --------------------------------
async def test_number_for_text_is_stored_as_text(client):
    r = await client.post("/categorieen", json={"naam": 5})
    assert r.status_code == 201 and r.json()["naam"] == "5"
    r = await client.post("/partijen", json={**PERSOON, "nummer": 5, "interneNotitie": 1.5})
    assert r.status_code == 201
    assert r.json()["nummer"] == "5" and r.json()["interneNotitie"] == "1.5"
    r = await client.post("/klantcontacten", json={**KC, "referentienummer": 12})
    assert r.status_code == 201 and r.json()["referentienummer"] == "12"
    r = await client.post(
        "/onderwerpobjecten", json={"onderwerpobjectidentificator": {"objectId": 5}}
    )
    assert r.status_code == 201 and r.json()["onderwerpobjectidentificator"]["objectId"] == "5"
    # still checked as text afterwards: a number is no nummer with a minus sign
    r = await client.post("/partijen", json={**PERSOON, "nummer": -5})
    assert invalid_params(r) == {"nummer": "invalid"}


async def test_boolean_and_date_are_not_taken_as_text(client):
    r = await client.post("/categorieen", json={"naam": True})
    assert invalid_params(r) == {"naam": "invalid"}
    r = await client.post("/klantcontacten", json={**KC, "onderwerp": False})
    assert invalid_params(r) == {"onderwerp": "invalid"}
    r = await client.post("/categorie-relaties", json={"beginDatum": 20240101})
    assert invalid_params(r) == {"beginDatum": "invalid"}
    r = await client.post("/categorieen", json={"naam": [5]})
    assert invalid_params(r) == {"naam": "invalid"}


# ----- 3 and 4. the deprecated toegewezenAanActor ---------------------------------------------
async def test_taak_without_actoren_shows_an_empty_reference(client):
    r = await taak(client, toegewezenAanActoren=[])
    assert r.status_code == 201
    assert r.json()["toegewezenAanActor"] == {"uuid": None}
    listed = (await client.get("/internetaken")).json()["results"]
    assert listed[0]["toegewezenAanActor"] == {"uuid": None}


async def test_patch_with_both_actor_fields_is_refused(client):
    a, b = await make_actor(client, "a"), await make_actor(client, "b")
    made = (await taak(client, toegewezenAanActoren=[ref(a)])).json()
    both = {"toegewezenAanActor": ref(b), "toegewezenAanActoren": [ref(b)]}
    r = await client.patch(made["url"], json=both)
    assert invalid_params(r) == {"nonFieldErrors": "invalid"}
    unchanged = (await client.get(made["url"])).json()["toegewezenAanActoren"]
    assert unchanged == [{"uuid": a["uuid"], "url": a["url"]}]
    r = await client.patch(made["url"], json={"toegewezenAanActor": ref(b)})
    assert r.status_code == 200 and r.json()["toegewezenAanActor"]["uuid"] == b["uuid"]


# ----- 5 and 6. names of errors inside lists --------------------------------------------------
async def test_errors_inside_lists_carry_the_index(client):
    r = await client.post(
        "/partijen",
        json={
            **PERSOON,
            "partijIdentificatoren": [
                {"partijIdentificator": BSN},
                {"partijIdentificator": {**BSN, "codeSoortObjectId": "rsin", "objectId": "1"}},
            ],
        },
    )
    # (the objectId is wrong too, but only the first failing rule is reported)
    assert names(r) == [("partijIdentificatoren.1.partijIdentificatorCodeSoortObjectId", "invalid")]
    r = await client.post("/partijen", json={**PERSOON, "digitaleAdressen": [{"uuid": MISSING}]})
    assert names(r) == [("digitaleAdressen.0.uuid", "invalid")]
    r = await taak(client, toegewezenAanActoren=[ref(await make_actor(client)), {"uuid": MISSING}])
    assert names(r) == [("toegewezenAanActoren.1.uuid", "invalid")]


async def test_uniqueness_inside_partij_identificatoren_is_named_all(client):
    first = await client.post(
        "/partijen", json={**PERSOON, "partijIdentificatoren": [{"partijIdentificator": BSN}]}
    )
    assert first.status_code == 201
    r = await client.post(
        "/partijen", json={**PERSOON, "partijIdentificatoren": [{"partijIdentificator": BSN}]}
    )
    assert names(r) == [("__all__", "invalid")]


# ----- 8. an organisatie without any of its fields has no sub-object ---------------------------
async def test_organisatie_with_empty_identificatie_stores_none(client):
    body = {"soortPartij": "organisatie", "indicatieActief": True}
    for sub in ({}, {"onbekend": "x"}):
        r = await client.post("/partijen", json={**body, "partijIdentificatie": sub})
        assert r.status_code == 201 and r.json()["partijIdentificatie"] is None
    r = await client.post("/partijen", json={**body, "partijIdentificatie": {"naam": ""}})
    assert r.json()["partijIdentificatie"] == {"naam": ""}
    r = await client.patch(r.json()["url"], json={"partijIdentificatie": {}})
    assert r.status_code == 200 and r.json()["partijIdentificatie"] is None


# ----- 10. which errors are reported together -------------------------------------------------
async def test_identificator_rules_report_only_the_first_failure(client):
    # wrong objecttype for the register, and a vestigingsnummer without subIdentificatorVan
    groep = {
        "codeObjecttype": "vestiging",
        "codeSoortObjectId": "vestigingsnummer",
        "objectId": "1",
        "codeRegister": "brp",
    }
    r = await client.post("/partij-identificatoren", json={"partijIdentificator": groep})
    assert names(r) == [("partijIdentificatorCodeObjecttype", "invalid")]
    r = await client.post(
        "/partij-identificatoren", json={"partijIdentificator": {**groep, "codeRegister": "hr"}}
    )
    assert names(r) == [("partijIdentificatorObjectId", "invalid")]
    groep = {**groep, "codeRegister": "hr", "objectId": "123456789012"}
    r = await client.post("/partij-identificatoren", json={"partijIdentificator": groep})
    assert names(r) == [("subIdentificatorVan", "invalid")]


async def test_too_long_iban_reports_shape_and_length(client):
    r = await client.post("/rekeningnummers", json={"iban": "NL" + "9" * 40})
    assert names(r) == [("iban", "invalid"), ("iban", "max_length")]
    r = await client.post("/rekeningnummers", json={"iban": "NL91-ABNA"})
    assert names(r) == [("iban", "invalid")]  # not too long: only the shape


async def test_maak_klantcontact_reports_unknown_was_klantcontact_only_alone(client):
    body = {
        "klantcontact": KC,
        "betrokkene": {"rol": "klant", "initiator": True, "wasPartij": {"uuid": MISSING}},
        "onderwerpobject": {"wasKlantcontact": {"uuid": MISSING}},
    }
    r = await client.post("/maak-klantcontact", json=body)
    assert names(r) == [("betrokkene.wasPartij.uuid", "invalid")]
    r = await client.post("/maak-klantcontact", json={**body, "betrokkene": None})
    assert names(r) == [("onderwerpobject.wasKlantcontact.uuid", "invalid")]
    assert (await client.get("/klantcontacten")).json()["count"] == 0


# ----- 11. codes and names ----------------------------------------------------------------------
async def test_codes_and_names_as_the_reference(client):
    r = await client.post("/partij-identificatoren", json={"partijIdentificator": None})
    assert names(r) == [("partijIdentificator", "null")]
    r = await client.post("/klantcontacten", json={**KC, "metadata": ["a"]})
    assert names(r) == [("metadata", "not_a_dict")]
    r = await client.post("/partijen", json={**PERSOON, "digitaleAdressen": "x"})
    assert names(r) == [("digitaleAdressen.nonFieldErrors", "not_a_list")]
    r = await taak(client, toegewezenAanActoren={"uuid": MISSING})
    assert names(r) == [("toegewezenAanActoren.nonFieldErrors", "not_a_list")]


# ----- listed in docs/compatibility.md: null accepted where the reference refuses it ------------
async def test_null_actor_and_null_identificatie_are_accepted(client):
    made = (await taak(client, toegewezenAanActoren=[ref(await make_actor(client))])).json()
    r = await client.patch(made["url"], json={"toegewezenAanActor": None})
    assert r.status_code == 200
    assert r.json()["toegewezenAanActoren"] == [] and r.json()["toegewezenAanActor"] == {
        "uuid": None
    }
    body = {"soortPartij": "organisatie", "indicatieActief": True}
    partij = (
        await client.post("/partijen", json={**body, "partijIdentificatie": {"naam": "X"}})
    ).json()
    r = await client.patch(partij["url"], json={"partijIdentificatie": None})
    assert r.status_code == 200 and r.json()["partijIdentificatie"] is None
