"""A v1 write notifies on kanaal ``klanten`` (resource ``klant``, kenmerk ``subjectType``)
through the same outbox, in the same transaction as the write."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from klantinteracties.app import create_app
from tests.events.conftest import app_settings, check_row, taken
from tests.v1.helpers import make_jwt, persoon, v1_http


@pytest.fixture
async def v1_on(database, v1_client_row) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(app_settings(database, cloudevents=False), database)
    async with app.router.lifespan_context(app), v1_http(app, make_jwt()) as c:
        yield c


def klanten_messages(rows):
    return [r for r in rows if r["topic"] == "klanten"]


async def test_create_update_destroy_notify(v1_on, database):
    await taken(database)
    r = await v1_on.post("/klanten", json=persoon())
    klant = r.json()
    key = klant["url"].rsplit("/", 1)[1]
    rows = await taken(database)
    [row] = klanten_messages(rows)
    body = check_row(row, "notificatie", "klanten", f"klanten/{key}")
    assert body["kanaal"] == "klanten" and body["resource"] == "klant"
    assert body["hoofdObject"] == body["resourceUrl"] == klant["url"]
    assert body["actie"] == "create"
    assert body["kenmerken"] == {"subjectType": "natuurlijk_persoon"}
    # The partij it is stored as notifies on its own kanaal too.
    assert "partijen" in {r["topic"] for r in rows}

    await v1_on.patch(klant["url"], json={"functie": "x"})
    [row] = klanten_messages(await taken(database))
    assert row["body"]["actie"] == "partial_update"
    await v1_on.put(klant["url"], json=persoon(subjectType="niet_natuurlijk_persoon"))
    [row] = klanten_messages(await taken(database))
    assert row["body"]["actie"] == "update"
    assert row["body"]["kenmerken"] == {"subjectType": "niet_natuurlijk_persoon"}
    assert (await v1_on.delete(klant["url"])).status_code == 204
    [row] = klanten_messages(await taken(database))
    assert row["body"]["actie"] == "destroy" and row["body"]["resourceUrl"] == klant["url"]


async def test_refused_write_notifies_nothing(v1_on, database):
    await taken(database)
    r = await v1_on.post("/klanten", json=persoon(emailadres="geen"))
    assert r.status_code == 400
    assert await taken(database) == []


async def test_a_late_refusal_undoes_the_whole_write(v1_on, database, client):
    """v1 takes e-mail addresses of 254 characters, a v2 digitaal adres only 80: the partij is
    already written when the address is refused, and must go with the rest."""
    await taken(database)
    long_email = "a" * 60 + "@" + "b" * 20 + ".example.nl"
    r = await v1_on.post("/klanten", json=persoon(emailadres=long_email))
    assert set((p["name"], p["code"]) for p in r.json()["invalidParams"]) == {
        ("emailadres", "max_length")
    }
    assert await taken(database) == []
    assert (await client.get("/partijen")).json()["count"] == 0
    assert (await v1_on.get("/klanten")).json()["count"] == 0
