"""Every write of partijen, klantcontacten and internetaken stores its notification (DIGEST
§8.1) in the outbox, in the write's own transaction; nothing else does."""

from __future__ import annotations

from typing import Any

import httpx

from tests.api.klantcontacten_helpers import KC, make_actor, make_klantcontact, post, ref
from tests.events.conftest import SOURCE, check_row, taken, written_at

NOTIFICATIE = "notificatie"


def expected(
    kanaal: str, resource: str, actie: str, item: dict[str, Any], row: Any, **kenmerken: Any
) -> dict[str, Any]:
    return {
        "kanaal": kanaal,
        "hoofdObject": item["url"],
        "resource": resource,
        "resourceUrl": item["url"],
        "actie": actie,
        "aanmaakdatum": written_at(row),
        "kenmerken": kenmerken,
        "source": SOURCE,
    }


async def four_writes(
    client: httpx.AsyncClient,
    path: str,
    create: dict[str, Any],
    put: dict[str, Any],
    patch: dict[str, Any],
) -> list[tuple[str, dict[str, Any]]]:
    """POST, PUT, PATCH and DELETE of one resource: each actie with the representation it
    announces (for the delete, the last one shown)."""
    item = await post(client, path, create)
    out = [("create", item)]
    r = await client.put(f"{path}/{item['uuid']}", json=put)
    assert r.status_code == 200, r.text
    out.append(("update", r.json()))
    r = await client.patch(f"{path}/{item['uuid']}", json=patch)
    assert r.status_code == 200, r.text
    out.append(("partial_update", r.json()))
    r = await client.delete(f"{path}/{item['uuid']}")
    assert r.status_code == 204, r.text
    out.append(("destroy", out[-1][1]))
    return out


async def test_partijen_every_actie(client_on, database):
    body = {"soortPartij": "persoon", "indicatieActief": True}
    writes = await four_writes(
        client_on,
        "/partijen",
        body,
        {**body, "nummer": "0000000123", "interneNotitie": "belt vaak"},
        {"soortPartij": "organisatie"},
    )
    rows = await taken(database)
    assert len(rows) == 4
    kenmerken = [
        {"nummer": writes[0][1]["nummer"], "interneNotitie": "", "soortPartij": "persoon"},
        {"nummer": "0000000123", "interneNotitie": "belt vaak", "soortPartij": "persoon"},
        {"nummer": "0000000123", "interneNotitie": "belt vaak", "soortPartij": "organisatie"},
        {"nummer": "0000000123", "interneNotitie": "belt vaak", "soortPartij": "organisatie"},
    ]
    for row, (actie, item), kenmerk in zip(rows, writes, kenmerken, strict=True):
        body = check_row(row, NOTIFICATIE, "partijen", f"partijen/{item['uuid']}")
        assert body == expected("partijen", "partij", actie, item, row, **kenmerk)


async def test_klantcontacten_every_actie(client_on, database):
    writes = await four_writes(
        client_on,
        "/klantcontacten",
        KC,
        {
            **KC,
            "indicatieContactGelukt": True,
            "hoofdOnderwerpType": "https://onderwerpen.example/afval",
        },
        {"indicatieContactGelukt": False, "verdereActieOndernomen": True},
    )
    rows = await taken(database)
    assert len(rows) == 4
    for row, (actie, item) in zip(rows, writes, strict=True):
        body = check_row(row, NOTIFICATIE, "klantcontacten", f"klantcontacten/{item['uuid']}")
        kenmerken = {
            k: item[k]
            for k in ("hoofdOnderwerpType", "indicatieContactGelukt", "verdereActieOndernomen")
        }
        assert body == expected("klantcontacten", "klantcontact", actie, item, row, **kenmerken)
    assert rows[0]["body"]["kenmerken"] == {
        "hoofdOnderwerpType": "",
        "indicatieContactGelukt": None,
        "verdereActieOndernomen": False,
    }
    assert rows[1]["body"]["kenmerken"]["hoofdOnderwerpType"] == "https://onderwerpen.example/afval"
    assert rows[2]["body"]["kenmerken"]["verdereActieOndernomen"] is True


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
    writes = await four_writes(
        client_on,
        "/internetaken",
        body,
        {**body, "nummer": "42", "toelichting": "voor vijven"},
        {"status": "verwerkt"},
    )
    rows = await taken(database)
    assert len(rows) == 4
    kenmerken = [
        {
            "nummer": None,
            "gevraagdeHandeling": "bel terug",
            "toelichting": "",
            "status": "te_verwerken",
        },
        {
            "nummer": "42",
            "gevraagdeHandeling": "bel terug",
            "toelichting": "voor vijven",
            "status": "te_verwerken",
        },
        {
            "nummer": "42",
            "gevraagdeHandeling": "bel terug",
            "toelichting": "voor vijven",
            "status": "verwerkt",
        },
        {
            "nummer": "42",
            "gevraagdeHandeling": "bel terug",
            "toelichting": "voor vijven",
            "status": "verwerkt",
        },
    ]
    for row, (actie, item), kenmerk in zip(rows, writes, kenmerken, strict=True):
        body = check_row(row, NOTIFICATIE, "internetaken", f"internetaken/{item['uuid']}")
        assert body == expected("internetaken", "internetaak", actie, item, row, **kenmerk)
