"""Shared builders for the /actoren, /actorklantcontacten and /internetaken tests."""

from __future__ import annotations

from typing import Any

import httpx

BASE = "http://testserver.local/klantinteracties/api/v1"
MISSING = "6f2b9f2e-8e0b-4a3c-9d4e-0a8d1c1e2f3a"

EMPTY_IDENTIFICATOR = {
    "objectId": "",
    "codeObjecttype": "",
    "codeRegister": "",
    "codeSoortObjectId": "",
}
MEDEWERKER = {"functie": "KCM", "emailadres": "p@example.com", "telefoonnummer": "0612345678"}


def ref(obj: dict[str, Any]) -> dict[str, str]:
    return {"uuid": obj["uuid"]}


async def make_klantcontact(client: httpx.AsyncClient, **extra: Any) -> dict[str, str]:
    """A klantcontact (only its key matters here), as {uuid, url}."""
    body = {
        "kanaal": "telefoon",
        "onderwerp": "vraag",
        "taal": "nld",
        "vertrouwelijk": False,
        "plaatsgevondenOp": "2024-01-01T10:00:00Z",
        **extra,
    }
    r = await client.post("/klantcontacten", json=body)
    assert r.status_code == 201, r.text
    return {"uuid": r.json()["uuid"], "url": r.json()["url"]}


async def make_actor(
    client: httpx.AsyncClient, naam: str = "Piet", soort: str = "medewerker", **extra: Any
) -> dict[str, Any]:
    r = await client.post("/actoren", json={"naam": naam, "soortActor": soort, **extra})
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


async def make_taak(
    client: httpx.AsyncClient,
    kc: dict[str, str],
    actoren: list[dict[str, Any]],
    **extra: Any,
) -> dict[str, Any]:
    body = {
        "gevraagdeHandeling": "bel terug",
        "aanleidinggevendKlantcontact": {"uuid": kc["uuid"]},
        "toegewezenAanActoren": [ref(a) for a in actoren],
        "status": "te_verwerken",
        **extra,
    }
    r = await client.post("/internetaken", json=body)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]
