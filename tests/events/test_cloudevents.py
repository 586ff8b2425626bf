"""CloudEvents of zaak links (DIGEST §8.2): an onderwerpobject that links a klantcontact to a
zaak (by uuid) announces the link when it is made, changed or removed; nothing else does."""

from __future__ import annotations

import uuid
from typing import Any

from tests.api.klantcontacten_helpers import KC, make_klantcontact, post, ref
from tests.events.conftest import SOURCE, check_row, taken, written_at

ZAAK_A, ZAAK_B = str(uuid.uuid4()), str(uuid.uuid4())
GEKOPPELD = "nl.overheid.zaken.zaak-gekoppeld"
ONTKOPPELD = "nl.overheid.zaken.zaak-ontkoppeld"


def zaak(key: str, **fields: str) -> dict[str, str]:
    return {
        "codeObjecttype": "zaak",
        "codeSoortObjectId": "uuid",
        "objectId": key,
        "codeRegister": "openzaak",
        **fields,
    }


def event(row: dict[str, Any], kind: str, item: dict[str, Any], zaak_key: str, label: str) -> None:
    body = check_row(row, "cloudevent", kind, f"onderwerpobjecten/{item['uuid']}")
    assert str(uuid.UUID(body["id"])) == body["id"]
    assert body == {
        "id": body["id"],
        "source": SOURCE,
        "specversion": "1.0",
        "type": kind,
        "subject": zaak_key,
        "time": written_at(row),
        "dataref": None,
        "datacontenttype": "application/json",
        "data": {
            "zaak": f"urn:uuid:{zaak_key}",
            "linkTo": item["url"],
            "label": label,
            "linkObjectType": "Onderwerpobject",
        },
    }


async def link(
    client: Any, kc: dict[str, Any] | None, ident: dict[str, str] | None
) -> dict[str, Any]:
    body = {"klantcontact": ref(kc) if kc else None, "onderwerpobjectidentificator": ident}
    return await post(client, "/onderwerpobjecten", body)


async def test_a_zaak_link_made_changed_and_removed(client_on, database):
    kc = await make_klantcontact(client_on, onderwerp="afval", nummer="123")
    await taken(database)
    item = await link(client_on, kc, zaak(ZAAK_A))
    (row,) = await taken(database)
    event(row, GEKOPPELD, item, ZAAK_A, "afval - (123)")
    # another zaak: the old link is undone (with the old data), the new one made, in one write
    r = await client_on.patch(
        f"/onderwerpobjecten/{item['uuid']}", json={"onderwerpobjectidentificator": zaak(ZAAK_B)}
    )
    assert r.status_code == 200, r.text
    first, second = await taken(database)
    assert first["id"] < second["id"] and first["created_at"] == second["created_at"]
    event(first, ONTKOPPELD, item, ZAAK_A, "afval - (123)")
    event(second, GEKOPPELD, r.json(), ZAAK_B, "afval - (123)")
    assert first["body"]["id"] != second["body"]["id"]
    # the same identificator again, or another field: no event
    body = {
        "klantcontact": ref(kc),
        "wasKlantcontact": ref(kc),
        "onderwerpobjectidentificator": zaak(ZAAK_B),
    }
    r = await client_on.put(f"/onderwerpobjecten/{item['uuid']}", json=body)
    assert r.status_code == 200, r.text
    assert await taken(database) == []
    # to something that is not a zaak: unlinked only
    other = {**zaak(ZAAK_B), "codeObjecttype": "melding"}
    r = await client_on.patch(
        f"/onderwerpobjecten/{item['uuid']}", json={"onderwerpobjectidentificator": other}
    )
    (row,) = await taken(database)
    event(row, ONTKOPPELD, item, ZAAK_B, "afval - (123)")
    # and back: linked only
    r = await client_on.put(
        f"/onderwerpobjecten/{item['uuid']}",
        json={"klantcontact": ref(kc), "onderwerpobjectidentificator": zaak(ZAAK_A)},
    )
    assert r.status_code == 200, r.text
    (row,) = await taken(database)
    event(row, GEKOPPELD, item, ZAAK_A, "afval - (123)")
    r = await client_on.delete(f"/onderwerpobjecten/{item['uuid']}")
    assert r.status_code == 204
    (row,) = await taken(database)
    event(row, ONTKOPPELD, item, ZAAK_A, "afval - (123)")


async def test_what_is_no_zaak_link_announces_nothing(client_on, database):
    kc = await make_klantcontact(client_on, onderwerp="afval")
    await taken(database)
    made = [
        await link(client_on, None, zaak(ZAAK_A)),  # no klantcontact
        await link(client_on, kc, zaak(ZAAK_A, codeSoortObjectId="zaaknummer")),
        await link(client_on, kc, zaak(ZAAK_A, codeObjecttype="Zaak")),
        await link(client_on, kc, None),
    ]
    assert await taken(database) == []
    # a zaak link that gains a klantcontact with its identificator unchanged: nothing (as the
    # reference, which looks at the identificator only)
    r = await client_on.patch(
        f"/onderwerpobjecten/{made[0]['uuid']}", json={"klantcontact": ref(kc)}
    )
    assert r.status_code == 200
    for item in made[1:]:
        r = await client_on.delete(f"/onderwerpobjecten/{item['uuid']}")
        assert r.status_code == 204
    assert await taken(database) == []


async def test_a_cascade_delete_unlinks_with_the_klantcontact_it_removes(client_on, database):
    kc = await make_klantcontact(client_on, onderwerp="afval")
    item = await link(client_on, kc, zaak(ZAAK_A))
    await taken(database)
    r = await client_on.delete(f"/onderwerpobjecten/{item['uuid']}", params={"cascade": "true"})
    assert r.status_code == 200 and r.json() == {"behouden": []}
    rows = await taken(database)
    # the klantcontact is gone too, and its deletion is announced as any other (the reference
    # announces none)
    assert [row["kind"] for row in rows] == ["cloudevent", "notificatie"]
    event(rows[0], ONTKOPPELD, item, ZAAK_A, "afval")
    body = check_row(rows[1], "notificatie", "klantcontacten", f"klantcontacten/{kc['uuid']}")
    assert (body["actie"], body["resourceUrl"]) == ("destroy", kc["url"])
    assert body["kenmerken"]["hoofdOnderwerpType"] == kc["hoofdOnderwerpType"]
    r = await client_on.get(f"/klantcontacten/{kc['uuid']}")
    assert r.status_code == 404


async def test_a_cascade_that_keeps_a_klantcontact_announces_no_destroy(client_on, database):
    kc = await make_klantcontact(client_on, onderwerp="afval")
    item = await link(client_on, kc, zaak(ZAAK_A))
    await link(client_on, kc, zaak(ZAAK_B))  # still about something else: kept
    await taken(database)
    r = await client_on.delete(f"/onderwerpobjecten/{item['uuid']}", params={"cascade": "true"})
    assert r.status_code == 200 and r.json() == {"behouden": [kc["url"]]}
    assert [row["kind"] for row in await taken(database)] == ["cloudevent"]


async def test_maak_klantcontact_announces_the_klantcontact_and_its_zaak_link(client_on, database):
    r = await client_on.post(
        "/maak-klantcontact",
        json={
            "klantcontact": {**KC, "onderwerp": "afval", "nummer": "77"},
            "betrokkene": {"rol": "klant", "initiator": True},
            "onderwerpobject": {"onderwerpobjectidentificator": zaak(ZAAK_A)},
        },
    )
    assert r.status_code == 201, r.text
    made = r.json()
    notificatie, cloudevent = await taken(database)
    kc = made["klantcontact"]
    body = check_row(notificatie, "notificatie", "klantcontacten", f"klantcontacten/{kc['uuid']}")
    assert body == {
        "kanaal": "klantcontacten",
        "hoofdObject": kc["url"],
        "resource": "klantcontact",
        "resourceUrl": kc["url"],
        "actie": "create",
        "aanmaakdatum": written_at(notificatie),
        "kenmerken": {
            "hoofdOnderwerpType": "",
            "indicatieContactGelukt": None,
            "verdereActieOndernomen": False,
        },
        "source": SOURCE,
    }
    event(cloudevent, GEKOPPELD, made["onderwerpobject"], ZAAK_A, "afval - (77)")
    # without a zaak: the notification only
    r = await client_on.post(
        "/maak-klantcontact",
        json={
            "klantcontact": {**KC, "onderwerp": "afval"},
            "onderwerpobject": {
                "onderwerpobjectidentificator": zaak(ZAAK_A, codeObjecttype="melding")
            },
        },
    )
    assert r.status_code == 201, r.text
    assert [row["kind"] for row in await taken(database)] == ["notificatie"]


async def test_no_cloudevents_unless_switched_on_with_a_source(notifying, database):
    for overrides in ({"cloudevents": False}, {"notifications_source": ""}):
        client = await notifying(**overrides)
        kc = await make_klantcontact(client, onderwerp="afval")
        item = await link(client, kc, zaak(ZAAK_A))
        r = await client.delete(f"/onderwerpobjecten/{item['uuid']}")
        assert r.status_code == 204
        (row,) = await taken(database)
        assert row["kind"] == "notificatie"
        assert ("source" in row["body"]) == bool(overrides.get("notifications_source", SOURCE))
