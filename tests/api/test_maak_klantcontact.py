"""POST /maak-klantcontact: a klantcontact with a betrokkene and an onderwerpobject, atomically."""

from __future__ import annotations

from tests.api.klantcontacten_helpers import (
    BASE,
    KC,
    KEYS,
    MISSING,
    get,
    make_klantcontact,
    make_partij,
    ref,
    refs,
)
from tests.helpers import invalid_params, problem

URL = "/maak-klantcontact"
BETROKKENE = {"rol": "klant", "initiator": True, "organisatienaam": "ACME"}
ZAAK = {
    "codeObjecttype": "zaak",
    "codeSoortObjectId": "uuid",
    "objectId": "095be615-a8ad-4c33-8e9c-c7612fbf6c9f",
    "codeRegister": "open-zaak",
}


async def counts(client) -> dict[str, int]:
    out = {}
    for path in ("/klantcontacten", "/betrokkenen", "/onderwerpobjecten"):
        out[path] = (await get(client, path))["count"]
    return out


NOTHING = {"/klantcontacten": 0, "/betrokkenen": 0, "/onderwerpobjecten": 0}


async def test_creates_all_three_linked_to_each_other(client):
    partij = await make_partij(client)
    body = {
        "klantcontact": {**KC, "referentienummer": "42"},
        "betrokkene": {**BETROKKENE, "wasPartij": ref(partij)},
        "onderwerpobject": {"onderwerpobjectidentificator": ZAAK},
    }
    r = await client.post(URL, json=body)
    assert r.status_code == 201, r.text
    assert "Location" not in r.headers
    out = r.json()
    assert list(out) == ["klantcontact", "betrokkene", "onderwerpobject"]
    kc, betrokkene, onderwerp = out["klantcontact"], out["betrokkene"], out["onderwerpobject"]
    assert list(kc) == KEYS and kc["referentienummer"] == "42"
    assert kc["hadBetrokkenen"] == refs(betrokkene)
    assert kc["gingOverOnderwerpobjecten"] == refs(onderwerp)
    assert betrokkene["hadKlantcontact"] == refs(kc)[0]
    assert betrokkene["wasPartij"] == refs(partij)[0]
    assert betrokkene["organisatienaam"] == "ACME"
    assert onderwerp["klantcontact"] == refs(kc)[0]
    assert onderwerp["onderwerpobjectidentificator"] == ZAAK
    # What was answered is what is stored.
    assert await get(client, f"/klantcontacten/{kc['uuid']}") == kc
    assert await get(client, f"/betrokkenen/{betrokkene['uuid']}") == betrokkene
    assert await get(client, f"/onderwerpobjecten/{onderwerp['uuid']}") == onderwerp


async def test_only_klantcontact(client):
    r = await client.post(URL, json={"klantcontact": KC})
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["betrokkene"] is None and out["onderwerpobject"] is None
    assert out["klantcontact"]["url"].startswith(f"{BASE}/klantcontacten/")
    r = await client.post(
        URL, json={"klantcontact": KC, "betrokkene": None, "onderwerpobject": None}
    )
    assert r.status_code == 201, r.text
    assert await counts(client) == {**NOTHING, "/klantcontacten": 2}


async def test_links_to_the_new_klantcontact_replace_what_was_sent(client):
    other = await make_klantcontact(client)
    body = {
        "klantcontact": KC,
        "betrokkene": {**BETROKKENE, "hadKlantcontact": ref(other), "had_klantcontact": ref(other)},
        "onderwerpobject": {"klantcontact": {"uuid": MISSING}, "wasKlantcontact": ref(other)},
    }
    r = await client.post(URL, json=body)
    assert r.status_code == 201, r.text
    out = r.json()
    new = refs(out["klantcontact"])[0]
    assert out["betrokkene"]["hadKlantcontact"] == new
    assert out["onderwerpobject"]["klantcontact"] == new
    assert out["onderwerpobject"]["wasKlantcontact"] == refs(other)[0]  # honoured


async def test_errors_of_every_part_are_prefixed_and_reported_together(client):
    body = {
        "klantcontact": {"kanaal": "telefoon", "metadata": {"a": None}},
        "betrokkene": {"rol": "baas", "contactnaam": {"voornaam": "x" * 201}},
        "onderwerpobject": {"onderwerpobjectidentificator": {"objectId": "x" * 201}},
    }
    r = await client.post(URL, json=body)
    assert invalid_params(r) == {
        "klantcontact.onderwerp": "required",
        "klantcontact.taal": "required",
        "klantcontact.vertrouwelijk": "required",
        "klantcontact.metadata.a": "null",
        "betrokkene.rol": "invalid_choice",
        "betrokkene.initiator": "required",
        "betrokkene.contactnaam.voornaam": "max_length",
        "onderwerpobject.onderwerpobjectidentificator.objectId": "max_length",
    }
    assert await counts(client) == NOTHING


async def test_klantcontact_is_required_and_parts_must_be_objects(client):
    r = await client.post(URL, json={})
    assert invalid_params(r) == {"klantcontact": "required"}
    r = await client.post(URL, json={"klantcontact": None, "betrokkene": BETROKKENE})
    assert invalid_params(r) == {"klantcontact": "null"}
    r = await client.post(URL, json={"klantcontact": "x", "betrokkene": [], "onderwerpobject": 1})
    assert invalid_params(r) == {
        "klantcontact.nonFieldErrors": "invalid",
        "betrokkene.nonFieldErrors": "invalid",
        "onderwerpobject.nonFieldErrors": "invalid",
    }
    r = await client.post(URL, json=[KC])
    assert invalid_params(r) == {"nonFieldErrors": "invalid"}
    r = await client.post(URL, content=b"{", headers={"Content-Type": "application/json"})
    assert problem(r, 400)["code"] == "parse_error"
    assert await counts(client) == NOTHING


async def test_database_rule_failures_leave_nothing_behind(client):
    # The last part refers to a klantcontact that does not exist.
    body = {
        "klantcontact": KC,
        "betrokkene": BETROKKENE,
        "onderwerpobject": {"wasKlantcontact": {"uuid": MISSING}},
    }
    r = await client.post(URL, json=body)
    assert invalid_params(r) == {"onderwerpobject.wasKlantcontact.uuid": "invalid"}
    # An unknown partij of the betrokkene and a rule of the klantcontact itself.
    r = await client.post(
        URL,
        json={
            **body,
            "betrokkene": {**BETROKKENE, "wasPartij": {"uuid": MISSING}},
            "onderwerpobject": {},
        },
    )
    assert invalid_params(r) == {"betrokkene.wasPartij.uuid": "invalid"}
    gelukt = {**KC, "indicatieContactGelukt": True, "verdereActieOndernomen": True}
    r = await client.post(URL, json={**body, "klantcontact": gelukt})
    assert invalid_params(r) == {
        "klantcontact.nonFieldErrors": "no-further-action-when-contact-succesful"
    }
    assert await counts(client) == NOTHING


async def test_unique_referentienummer_and_nothing_stored(client):
    await make_klantcontact(client, referentienummer="7")
    body = {"klantcontact": {**KC, "referentienummer": "7"}, "betrokkene": BETROKKENE}
    r = await client.post(URL, json=body)
    assert invalid_params(r) == {"klantcontact.referentienummer": "unique"}
    assert await counts(client) == {**NOTHING, "/klantcontacten": 1}


async def test_method_and_auth(client, anon):
    problem(await client.get(URL), 405)
    problem(await anon.post(URL, json={"klantcontact": KC}), 401)
