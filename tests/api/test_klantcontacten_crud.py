"""/klantcontacten: create, read, update, delete and every field rule."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.api.klantcontacten_helpers import BASE, KC, KEYS, MISSING, make_klantcontact
from tests.helpers import invalid_params, problem, reasons

NO_FURTHER_ACTION = "no-further-action-when-contact-succesful"


async def test_minimal_create_has_every_key_in_order_and_defaults(client):
    before = dt.datetime.now(dt.UTC)
    r = await client.post("/klantcontacten", json=KC)
    assert r.status_code == 201, r.text
    body = r.json()
    assert list(body) == KEYS
    assert r.headers["Location"] == body["url"] == f"{BASE}/klantcontacten/{body['uuid']}"
    for relation in KEYS[2:7]:
        assert body[relation] == []
    assert body["nummer"] is None and body["referentienummer"] is None
    assert body["inhoud"] == "" and body["reactie"] == "" and body["hoofdOnderwerpType"] == ""
    assert body["indicatieContactGelukt"] is None
    assert body["verdereActieOndernomen"] is False
    assert body["metadata"] == {}
    assert body["plaatsgevondenOp"].endswith("Z")
    placed = dt.datetime.fromisoformat(body["plaatsgevondenOp"])
    assert before - dt.timedelta(seconds=1) <= placed <= dt.datetime.now(dt.UTC)

    r = await client.get(f"/klantcontacten/{body['uuid']}")
    assert r.status_code == 200 and r.json() == body  # no "_expand" on a plain detail


async def test_every_field_is_stored(client):
    full = {
        **KC,
        "nummer": "0012",
        "referentienummer": "9876543210",
        "inhoud": "i" * 1000,
        "reactie": "r" * 4000,
        "indicatieContactGelukt": False,
        "hoofdOnderwerpType": "https://catalogi.example.com/api/v1/zaaktypen/1",
        "verdereActieOndernomen": True,
        "plaatsgevondenOp": "2024-03-01T12:30:15.123456Z",
        "metadata": {"bron": "kcc", "kenmerk": "x" * 255},
    }
    body = await make_klantcontact(client, **full)
    for key, value in full.items():
        assert body[key] == value, key


async def test_snake_case_body_keys_are_accepted(client):
    body = await make_klantcontact(
        client,
        referentienummer="1",
        hoofd_onderwerp_type="http://x.nl/a",
        plaatsgevonden_op="2024-01-01T00:00:00Z",
    )
    assert body["hoofdOnderwerpType"] == "http://x.nl/a"
    assert body["plaatsgevondenOp"] == "2024-01-01T00:00:00Z"


async def test_required_fields_null_and_blank(client):
    r = await client.post("/klantcontacten", json={})
    assert invalid_params(r) == {
        "kanaal": "required",
        "onderwerp": "required",
        "taal": "required",
        "vertrouwelijk": "required",
    }
    nulls = {k: None for k in ("kanaal", "onderwerp", "taal", "vertrouwelijk", "inhoud")}
    r = await client.post("/klantcontacten", json=nulls)
    assert invalid_params(r) == {k: "null" for k in nulls}
    r = await client.post("/klantcontacten", json={**KC, "kanaal": "", "onderwerp": "", "taal": ""})
    assert invalid_params(r) == {"kanaal": "blank", "onderwerp": "blank", "taal": "blank"}
    nulls = {"verdereActieOndernomen": None, "plaatsgevondenOp": None, "metadata": None}
    r = await client.post("/klantcontacten", json={**KC, **nulls})
    assert invalid_params(r) == {k: "null" for k in nulls}


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("kanaal", "k" * 51, "max_length"),
        ("onderwerp", "o" * 201, "max_length"),
        ("inhoud", "i" * 1001, "max_length"),
        ("reactie", "r" * 4001, "max_length"),
        ("taal", "nlde", "max_length"),
        ("nummer", "12345678901", "max_length"),
        ("nummer", "12a", "invalid"),
        ("referentienummer", "-1", "invalid"),
        ("referentienummer", True, "invalid"),
        ("vertrouwelijk", "misschien", "invalid"),
        ("indicatieContactGelukt", "soms", "invalid"),
        ("verdereActieOndernomen", [], "invalid"),
        ("plaatsgevondenOp", "gisteren", "invalid"),
        ("plaatsgevondenOp", "2024-13-01T00:00:00Z", "invalid"),
        ("hoofdOnderwerpType", "geen url", "invalid"),
        ("hoofdOnderwerpType", "zaaktype/1", "invalid"),
        ("hoofdOnderwerpType", "mailto:a@example.com", "invalid"),
        ("hoofdOnderwerpType", "https://x.nl/" + "a" * 190, "max_length"),
        ("onderwerp", True, "invalid"),
    ],
)
async def test_field_validation(client, field, value, code):
    r = await client.post("/klantcontacten", json={**KC, field: value})
    assert invalid_params(r) == {field: code}


async def test_metadata_values_are_text_and_errors_name_the_key(client):
    body = await make_klantcontact(client, metadata={"aantal": 3, "prijs": 1.5, "my_key": "a"})
    assert body["metadata"] == {"aantal": "3", "prijs": "1.5", "my_key": "a"}
    bad = {"te_lang": "x" * 256, "Leeg": None, "lijst": [1], "vlag": True, "ok": "fine"}
    r = await client.post("/klantcontacten", json={**KC, "metadata": bad})
    assert invalid_params(r) == {
        "metadata.te_lang": "max_length",
        "metadata.Leeg": "null",
        "metadata.lijst": "invalid",
        "metadata.vlag": "invalid",
    }
    r = await client.post("/klantcontacten", json={**KC, "metadata": ["a"]})
    assert invalid_params(r) == {"metadata": "not_a_dict"}
    # Field errors and metadata errors come together.
    r = await client.post("/klantcontacten", json={"metadata": {"x": None}})
    assert invalid_params(r)["metadata.x"] == "null"
    assert invalid_params(r)["kanaal"] == "required"


async def test_plaatsgevonden_op_is_converted_to_utc(client):
    cases = {
        "2024-01-01T10:00:00+02:00": "2024-01-01T08:00:00Z",
        "2024-01-01T10:00:00": "2024-01-01T10:00:00Z",
        "2024-06-30": "2024-06-30T00:00:00Z",
    }
    for sent, stored in cases.items():
        body = await make_klantcontact(client, plaatsgevondenOp=sent)
        assert body["plaatsgevondenOp"] == stored, sent


async def test_contact_gelukt_excludes_verdere_actie(client):
    r = await client.post(
        "/klantcontacten",
        json={**KC, "indicatieContactGelukt": True, "verdereActieOndernomen": True},
    )
    assert invalid_params(r) == {"nonFieldErrors": NO_FURTHER_ACTION}
    assert reasons(r)["nonFieldErrors"]

    # Stored values count when the request leaves one of the two out.
    gelukt = await make_klantcontact(client, indicatieContactGelukt=True)
    url = f"/klantcontacten/{gelukt['uuid']}"
    r = await client.patch(url, json={"verdereActieOndernomen": True})
    assert invalid_params(r) == {"nonFieldErrors": NO_FURTHER_ACTION}
    actie = await make_klantcontact(client, verdereActieOndernomen=True)
    r = await client.patch(
        f"/klantcontacten/{actie['uuid']}", json={"indicatieContactGelukt": True}
    )
    assert invalid_params(r) == {"nonFieldErrors": NO_FURTHER_ACTION}
    # Both changed at once is fine.
    r = await client.patch(
        url, json={"indicatieContactGelukt": False, "verdereActieOndernomen": True}
    )
    assert r.status_code == 200 and r.json()["verdereActieOndernomen"] is True
    # PUT without verdereActieOndernomen resets it to false, so this PUT is allowed.
    r = await client.put(
        f"/klantcontacten/{actie['uuid']}", json={**KC, "indicatieContactGelukt": True}
    )
    assert r.status_code == 200, r.text
    assert r.json()["verdereActieOndernomen"] is False


async def test_put_keeps_unsent_optional_fields_and_patch_changes_only_sent(client):
    kc = await make_klantcontact(
        client,
        inhoud="eerst",
        referentienummer="5",
        verdereActieOndernomen=True,
        metadata={"a": "b"},
        plaatsgevondenOp="2024-01-01T00:00:00Z",
    )
    url = f"/klantcontacten/{kc['uuid']}"
    r = await client.put(url, json={**KC, "onderwerp": "nieuw"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["onderwerp"] == "nieuw"
    assert body["inhoud"] == "eerst" and body["referentienummer"] == "5"
    assert body["metadata"] == {"a": "b"} and body["plaatsgevondenOp"] == "2024-01-01T00:00:00Z"
    assert body["verdereActieOndernomen"] is False  # the one field with a default

    r = await client.put(url, json={"onderwerp": "x"})
    assert invalid_params(r) == {
        "kanaal": "required",
        "taal": "required",
        "vertrouwelijk": "required",
    }

    await client.patch(url, json={"verdereActieOndernomen": True})
    r = await client.patch(url, json={"reactie": "antwoord", "metadata": {}})
    assert r.status_code == 200
    body = r.json()
    assert body["reactie"] == "antwoord" and body["metadata"] == {}
    assert body["verdereActieOndernomen"] is True and body["onderwerp"] == "nieuw"
    r = await client.patch(url, json={})
    assert r.status_code == 200 and r.json() == body
    r = await client.patch(url, json={"kanaal": None})
    assert invalid_params(r) == {"kanaal": "null"}


async def test_nummer_and_referentienummer_are_unique(client):
    kc = await make_klantcontact(client, nummer="1", referentienummer="2")
    r = await client.post("/klantcontacten", json={**KC, "nummer": "1", "referentienummer": "2"})
    assert invalid_params(r) == {"nummer": "unique", "referentienummer": "unique"}
    # The klantcontact itself may keep its numbers.
    r = await client.put(
        f"/klantcontacten/{kc['uuid']}", json={**KC, "nummer": "1", "referentienummer": "2"}
    )
    assert r.status_code == 200, r.text
    other = await make_klantcontact(client)
    r = await client.patch(f"/klantcontacten/{other['uuid']}", json={"referentienummer": "2"})
    assert invalid_params(r) == {"referentienummer": "unique"}
    # Empty and null mean "no number", of which there may be many.
    for _ in range(2):
        body = await make_klantcontact(client, nummer="", referentienummer=None)
        assert body["nummer"] is None and body["referentienummer"] is None


async def test_malformed_bodies(client):
    r = await client.post("/klantcontacten", json=["a"])
    assert invalid_params(r) == {"nonFieldErrors": "invalid"}
    r = await client.post(
        "/klantcontacten", content=b"{", headers={"Content-Type": "application/json"}
    )
    assert problem(r, 400)["code"] == "parse_error"
    r = await client.post(
        "/klantcontacten", content=b"kanaal=x", headers={"Content-Type": "text/plain"}
    )
    problem(r, 415)
    kc = await make_klantcontact(client)
    r = await client.patch(f"/klantcontacten/{kc['uuid']}", json="tekst")
    assert invalid_params(r) == {"nonFieldErrors": "invalid"}


async def test_not_found_and_unknown_query_parameters(client):
    problem(await client.get(f"/klantcontacten/{MISSING}"), 404)
    problem(await client.get("/klantcontacten/geen-uuid"), 404)
    problem(await client.put(f"/klantcontacten/{MISSING}", json=KC), 404)
    problem(await client.patch(f"/klantcontacten/{MISSING}", json={}), 404)
    problem(await client.delete(f"/klantcontacten/{MISSING}"), 404)
    kc = await make_klantcontact(client)
    r = await client.get(f"/klantcontacten/{kc['uuid']}", params={"kanaal": "x"})
    assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}
    r = await client.get("/klantcontacten", params={"ordering": "kanaal"})
    assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}
    r = await client.get("/klantcontacten/", params={})
    assert r.status_code == 404


async def test_authentication_is_required(anon):
    problem(await anon.get("/klantcontacten"), 401)
    problem(await anon.post("/klantcontacten", json=KC), 401)


async def test_delete(client):
    kc = await make_klantcontact(client)
    r = await client.delete(f"/klantcontacten/{kc['uuid']}")
    assert r.status_code == 204 and r.content == b""
    problem(await client.get(f"/klantcontacten/{kc['uuid']}"), 404)
    assert (await client.get("/klantcontacten")).json()["count"] == 0
