"""What the outbox holds besides the messages themselves: nothing for a write that is refused
or for a resource that does not notify, what subscribers may not see withheld, one statement
per write, and no write at all when its message cannot be stored."""

from __future__ import annotations

from typing import Any

import httpx

from tests.api.klantcontacten_helpers import (
    KC,
    MISSING,
    make_actor,
    make_betrokkene,
    make_klantcontact,
    post,
    ref,
)
from tests.api.partijen_helpers import make_partij
from tests.events.conftest import taken
from tests.helpers import problem, refuse_inserts

ZAAK = {
    "codeObjecttype": "zaak",
    "codeSoortObjectId": "uuid",
    "objectId": "0f5e7a9c-2b1d-4c3e-8f6a-7b9c0d1e2f3a",
    "codeRegister": "openzaak",
}


async def test_a_refused_write_stores_nothing(client_on, notifying, unprivileged, database):
    partij = await make_partij(client_on)
    await taken(database)
    problem(await client_on.post("/partijen", json={"soortPartij": "x"}), 400)
    problem(await client_on.patch(f"/partijen/{MISSING}", json={"indicatieActief": False}), 404)
    problem(
        await client_on.put(
            f"/partijen/{MISSING}", json={"soortPartij": "persoon", "indicatieActief": True}
        ),
        404,
    )
    problem(await client_on.delete(f"/partijen/{MISSING}"), 404)
    problem(await client_on.patch(f"/partijen/{partij['uuid']}", json={"soortPartij": "x"}), 400)
    # a write whose result its token may not see is rolled back (a 403), its message with it
    portal = await notifying(unprivileged)
    r = await portal.post(
        "/partijen",
        json={"soortPartij": "persoon", "indicatieActief": True, "indicatieGeheimhouding": True},
    )
    problem(r, 403)
    r = await portal.patch(f"/partijen/{partij['uuid']}", json={"indicatieGeheimhouding": True})
    problem(r, 403)
    assert await taken(database) == []


async def test_other_resources_notify_nothing(client_on, database):
    kc = await make_klantcontact(client_on)
    partij = await make_partij(client_on)
    await taken(database)
    betrokkene = await make_betrokkene(client_on, kc, partij)
    await post(
        client_on,
        "/digitaleadressen",
        {
            "verstrektDoorBetrokkene": ref(betrokkene),
            "adres": "a@example.com",
            "soortDigitaalAdres": "email",
        },
    )
    actor = await make_actor(client_on)
    await post(client_on, "/actorklantcontacten", {"actor": ref(actor), "klantcontact": ref(kc)})
    await post(client_on, "/bijlagen", {"wasBijlageVanKlantcontact": ref(kc)})
    item = await post(client_on, "/onderwerpobjecten", {"klantcontact": ref(kc)})
    r = await client_on.patch(
        f"/betrokkenen/{betrokkene['uuid']}", json={"rol": "vertegenwoordiger"}
    )
    assert r.status_code == 200
    for path in (
        f"/onderwerpobjecten/{item['uuid']}",
        f"/betrokkenen/{betrokkene['uuid']}",
        f"/actoren/{actor['uuid']}",
    ):
        assert (await client_on.delete(path)).status_code == 204
    assert await taken(database) == []


async def test_with_notifications_off_nothing_is_stored(client, database):
    kc = await make_klantcontact(client)
    await post(
        client,
        "/onderwerpobjecten",
        {"klantcontact": ref(kc), "onderwerpobjectidentificator": ZAAK},
    )
    partij = await make_partij(client)
    assert (await client.delete(f"/partijen/{partij['uuid']}")).status_code == 204
    r = await client.post(
        "/maak-klantcontact",
        json={"klantcontact": {**KC, "onderwerp": "o"}},
    )
    assert r.status_code == 201
    assert await taken(database) == []


async def test_subscribers_see_what_an_application_without_privileges_sees(client_on, database):
    partij = await make_partij(client_on, interneNotitie="bedreigd", indicatieGeheimhouding=True)
    (row,) = await taken(database)
    assert row["body"]["kenmerken"] == {
        "nummer": partij["nummer"],
        "interneNotitie": "",
        "soortPartij": "persoon",
    }
    r = await client_on.delete(f"/partijen/{partij['uuid']}")
    assert r.status_code == 204
    (row,) = await taken(database)
    assert row["body"]["actie"] == "destroy" and row["body"]["kenmerken"]["interneNotitie"] == ""
    # a vertrouwelijk klantcontact's onderwerp is left out of a zaak link's label
    labels = []
    for nummer in ("5", None):
        kc = await make_klantcontact(
            client_on, onderwerp="schuldhulp", vertrouwelijk=True, nummer=nummer
        )
        await post(
            client_on,
            "/onderwerpobjecten",
            {"klantcontact": ref(kc), "onderwerpobjectidentificator": ZAAK},
        )
        labels += [
            row["body"]["data"]["label"]
            for row in await taken(database)
            if row["kind"] == "cloudevent"
        ]
    r = await client_on.post(
        "/maak-klantcontact",
        json={
            "klantcontact": {**KC, "onderwerp": "schuldhulp", "vertrouwelijk": True, "nummer": "6"},
            "onderwerpobject": {"onderwerpobjectidentificator": ZAAK},
        },
    )
    assert r.status_code == 201, r.text
    labels += [
        row["body"]["data"]["label"] for row in await taken(database) if row["kind"] == "cloudevent"
    ]
    assert labels == ["(5)", "", "(6)"]


async def _count(database: Any, counter: Any, write: Any) -> int:
    with counter() as c:
        r = await write()
    assert r.status_code in (200, 201, 204), r.text
    return c.count


async def _writes(client: httpx.AsyncClient, database: Any, counter: Any) -> list[int]:
    """The statements of a POST, PUT, PATCH and DELETE of a partij."""
    await client.get("/partijen")  # the token is cached from here on
    body = {"soortPartij": "persoon", "indicatieActief": True}
    counts = [await _count(database, counter, lambda: client.post("/partijen", json=body))]
    (partij,) = (await client.get("/partijen")).json()["results"]
    url = f"/partijen/{partij['uuid']}"
    counts.append(await _count(database, counter, lambda: client.put(url, json=body)))
    counts.append(await _count(database, counter, lambda: client.patch(url, json=body)))
    counts.append(await _count(database, counter, lambda: client.delete(url)))
    return counts


async def test_a_write_costs_one_statement_more(client, client_on, database, count_statements):
    off = await _writes(client, database, count_statements)
    assert await taken(database) == []
    on = await _writes(client_on, database, count_statements)
    assert len(await taken(database)) == 4
    # A delete also reads the representation it announces; on PostgreSQL that read writes the
    # processing log in the same statement, which otherwise has an INSERT of its own.
    read_before = 1 if database.sqlite else 0
    assert on == [off[0] + 1, off[1] + 1, off[2] + 1, off[3] + 1 + read_before]


async def test_a_write_whose_message_cannot_be_stored_is_not_done(client_on, database):
    partij = await make_partij(client_on)
    await taken(database)
    await refuse_inserts(database, "outbox", True)
    try:
        r = await client_on.post(
            "/partijen", json={"soortPartij": "organisatie", "indicatieActief": True}
        )
        assert problem(r, 503)["code"] == "service_unavailable"
        assert r.headers["Retry-After"] == "5"
        r = await client_on.patch(f"/partijen/{partij['uuid']}", json={"indicatieActief": False})
        problem(r, 503)
        problem(await client_on.delete(f"/partijen/{partij['uuid']}"), 503)
        body = {"klantcontact": {**KC, "onderwerp": "o"}}
        problem(await client_on.post("/maak-klantcontact", json=body), 503)
    finally:
        await refuse_inserts(database, "outbox", False)
    (only,) = (await client_on.get("/partijen")).json()["results"]
    assert only["uuid"] == partij["uuid"] and only["indicatieActief"] is True
    assert (await client_on.get("/klantcontacten")).json()["count"] == 0
    assert await taken(database) == []
