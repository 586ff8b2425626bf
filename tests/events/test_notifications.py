"""Every write of partijen, klantcontacten and internetaken stores its notification (DIGEST
§8.1) in the outbox, in the write's own transaction, with the kenmerken as the response shows
them (for a destroy: as the resource was)."""

from __future__ import annotations

from typing import Any

import httpx

from klantinteracties.core.db import Database
from tests.api.klantcontacten_helpers import KC, make_actor, make_klantcontact, post, ref
from tests.events.conftest import SOURCE, check_row, taken, written_at

ACTIES = ("create", "update", "partial_update", "destroy")
AFVAL = "https://onderwerpen.example/afval"


async def four_writes(
    client: httpx.AsyncClient, path: str, bodies: tuple[dict[str, Any], ...]
) -> list[dict[str, Any]]:
    """POST, PUT and PATCH of one resource with these bodies, then its DELETE: the
    representations each announces (for the delete, the last one shown)."""
    item = await post(client, path, bodies[0])
    out = [item]
    for method, body in (("PUT", bodies[1]), ("PATCH", bodies[2])):
        r = await client.request(method, f"{path}/{item['uuid']}", json=body)
        assert r.status_code == 200, r.text
        out.append(r.json())
    r = await client.delete(f"{path}/{item['uuid']}")
    assert r.status_code == 204, r.text
    return [*out, out[-1]]


async def check_announced(
    database: Database,
    kanaal: str,
    resource: str,
    items: list[dict[str, Any]],
    kenmerken: list[dict[str, Any]],
) -> None:
    """The outbox holds exactly one notification per write, in order, each exactly so."""
    rows = await taken(database)
    assert len(rows) == len(items)
    for row, actie, item, kenmerk in zip(rows, ACTIES, items, kenmerken, strict=True):
        body = check_row(row, "notificatie", kanaal, f"{kanaal}/{item['uuid']}")
        assert body == {
            "kanaal": kanaal,
            "hoofdObject": item["url"],
            "resource": resource,
            "resourceUrl": item["url"],
            "actie": actie,
            "aanmaakdatum": written_at(row),
            "kenmerken": kenmerk,
            "source": SOURCE,
        }


def named(keys: str, *rows: tuple[Any, ...]) -> list[dict[str, Any]]:
    return [dict(zip(keys.split(), row, strict=True)) for row in rows]


async def test_partijen_every_actie(client_on, database):
    body = {"soortPartij": "persoon", "indicatieActief": True}
    put = {**body, "nummer": "0000000123", "interneNotitie": "belt vaak"}
    items = await four_writes(client_on, "/partijen", (body, put, {"soortPartij": "organisatie"}))
    kenmerken = named(
        "nummer interneNotitie soortPartij",
        (items[0]["nummer"], "", "persoon"),
        ("0000000123", "belt vaak", "persoon"),
        ("0000000123", "belt vaak", "organisatie"),
        ("0000000123", "belt vaak", "organisatie"),
    )
    await check_announced(database, "partijen", "partij", items, kenmerken)


async def test_klantcontacten_every_actie(client_on, database):
    put = {**KC, "indicatieContactGelukt": True, "hoofdOnderwerpType": AFVAL}
    patch = {"indicatieContactGelukt": False, "verdereActieOndernomen": True}
    items = await four_writes(client_on, "/klantcontacten", (KC, put, patch))
    kenmerken = named(
        "hoofdOnderwerpType indicatieContactGelukt verdereActieOndernomen",
        ("", None, False),
        (AFVAL, True, False),
        (AFVAL, False, True),
        (AFVAL, False, True),
    )
    await check_announced(database, "klantcontacten", "klantcontact", items, kenmerken)


async def test_internetaken_every_actie(client_on, database):
    kc = await make_klantcontact(client_on)
    actor = await make_actor(client_on)
    await taken(database)
    body = {
        "gevraagdeHandeling": "bel terug",
        "aanleidinggevendKlantcontact": ref(kc),
        "toegewezenAanActoren": [ref(actor)],
        "status": "te_verwerken",
    }
    put = {**body, "nummer": "42", "toelichting": "voor vijven"}
    items = await four_writes(client_on, "/internetaken", (body, put, {"status": "verwerkt"}))
    kenmerken = named(
        "nummer gevraagdeHandeling toelichting status",
        (None, "bel terug", "", "te_verwerken"),
        ("42", "bel terug", "voor vijven", "te_verwerken"),
        ("42", "bel terug", "voor vijven", "verwerkt"),
        ("42", "bel terug", "voor vijven", "verwerkt"),
    )
    await check_announced(database, "internetaken", "internetaak", items, kenmerken)
