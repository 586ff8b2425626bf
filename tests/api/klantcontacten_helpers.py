"""Shared bodies and builders for the /klantcontacten and /maak-klantcontact tests (HTTP only)."""

from __future__ import annotations

from typing import Any

import httpx

BASE = "http://testserver.local/klantinteracties/api/v1"
MISSING = "6f2b9f2e-8e0b-4a3c-9d4e-0a8d1c1e2f3a"
KC = {"kanaal": "telefoon", "onderwerp": "vraag over afval", "taal": "nld", "vertrouwelijk": False}
KEYS = [
    "uuid",
    "url",
    "gingOverOnderwerpobjecten",
    "hadBetrokkenActoren",
    "omvatteBijlagen",
    "hadBetrokkenen",
    "leiddeTotInterneTaken",
    "nummer",
    "referentienummer",
    "kanaal",
    "onderwerp",
    "inhoud",
    "reactie",
    "indicatieContactGelukt",
    "hoofdOnderwerpType",
    "verdereActieOndernomen",
    "taal",
    "vertrouwelijk",
    "plaatsgevondenOp",
    "metadata",
]
BSN = {
    "codeObjecttype": "natuurlijk_persoon",
    "codeSoortObjectId": "bsn",
    "objectId": "111222333",
    "codeRegister": "brp",
}
KVK = {
    "codeObjecttype": "niet_natuurlijk_persoon",
    "codeSoortObjectId": "kvk_nummer",
    "objectId": "12345678",
    "codeRegister": "hr",
}


def ref(obj: dict[str, Any]) -> dict[str, Any]:
    return {"uuid": obj["uuid"]}


def refs(*objs: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"uuid": o["uuid"], "url": o["url"]} for o in objs]


async def post(client: httpx.AsyncClient, path: str, body: dict[str, Any]) -> dict[str, Any]:
    r = await client.post(path, json=body)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


async def make_klantcontact(client: httpx.AsyncClient, **fields: Any) -> dict[str, Any]:
    return await post(client, "/klantcontacten", {**KC, **fields})


async def make_partij(
    client: httpx.AsyncClient, *identificatoren: dict[str, str]
) -> dict[str, Any]:
    body: dict[str, Any] = {"soortPartij": "persoon", "indicatieActief": True}
    if identificatoren:
        body["partijIdentificatoren"] = [{"partijIdentificator": i} for i in identificatoren]
    return await post(client, "/partijen", body)


async def make_betrokkene(
    client: httpx.AsyncClient,
    klantcontact: dict[str, Any],
    partij: dict[str, Any] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    body = {
        "hadKlantcontact": ref(klantcontact),
        "wasPartij": ref(partij) if partij else None,
        "rol": "klant",
        "initiator": True,
        **fields,
    }
    return await post(client, "/betrokkenen", body)


async def make_adres(
    client: httpx.AsyncClient, betrokkene: dict[str, Any], adres: str = "a@example.com"
) -> dict[str, Any]:
    body = {
        "verstrektDoorBetrokkene": ref(betrokkene),
        "verstrektDoorPartij": None,
        "adres": adres,
        "soortDigitaalAdres": "email",
    }
    return await post(client, "/digitaleadressen", body)


async def make_onderwerpobject(
    client: httpx.AsyncClient,
    klantcontact: dict[str, Any] | None = None,
    was: dict[str, Any] | None = None,
    **identificator: str,
) -> dict[str, Any]:
    body = {
        "klantcontact": ref(klantcontact) if klantcontact else None,
        "wasKlantcontact": ref(was) if was else None,
        "onderwerpobjectidentificator": identificator or None,
    }
    return await post(client, "/onderwerpobjecten", body)


async def make_bijlage(client: httpx.AsyncClient, klantcontact: dict[str, Any]) -> dict[str, Any]:
    body = {
        "wasBijlageVanKlantcontact": ref(klantcontact),
        "bijlageidentificator": {"objectId": "doc-1", "codeObjecttype": "document"},
    }
    return await post(client, "/bijlagen", body)


async def make_actor(client: httpx.AsyncClient, naam: str = "Piet") -> dict[str, Any]:
    return await post(client, "/actoren", {"naam": naam, "soortActor": "medewerker"})


async def link_actor(
    client: httpx.AsyncClient, actor: dict[str, Any], klantcontact: dict[str, Any]
) -> dict[str, Any]:
    body = {"actor": ref(actor), "klantcontact": ref(klantcontact)}
    return await post(client, "/actorklantcontacten", body)


async def make_internetaak(
    client: httpx.AsyncClient, klantcontact: dict[str, Any], actor: dict[str, Any]
) -> dict[str, Any]:
    body = {
        "gevraagdeHandeling": "bel terug",
        "aanleidinggevendKlantcontact": ref(klantcontact),
        "toegewezenAanActoren": [ref(actor)],
        "status": "te_verwerken",
    }
    return await post(client, "/internetaken", body)


async def get(client: httpx.AsyncClient, path: str, **params: Any) -> dict[str, Any]:
    r = await client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


async def listed(client: httpx.AsyncClient, **params: Any) -> list[str]:
    """The uuids on the first page of /klantcontacten for these query parameters."""
    body = await get(client, "/klantcontacten", **params)
    return [item["uuid"] for item in body["results"]]
