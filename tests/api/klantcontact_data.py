"""Test data for the betrokkenen, onderwerpobjecten and bijlagen tests, built through HTTP."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

BASE = "http://testserver.local/klantinteracties/api/v1"
MISSING = "6f2b9f2e-8e0b-4a3c-9d4e-0a8d1c1e2f3a"
IDENTIFICATOR_KEYS = ["objectId", "codeObjecttype", "codeRegister", "codeSoortObjectId"]
EMPTY_IDENTIFICATOR = dict.fromkeys(IDENTIFICATOR_KEYS, "")
EMPTY_ADRES = {
    "nummeraanduidingId": "",
    "straatnaam": "",
    "huisnummer": None,
    "huisnummertoevoeging": "",
    "postcode": "",
    "stad": "",
    "adresregel1": "",
    "adresregel2": "",
    "adresregel3": "",
    "land": "",
}
EMPTY_CONTACTNAAM = {
    "voorletters": "",
    "voornaam": "",
    "voorvoegselAchternaam": "",
    "achternaam": "",
}
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


def ref(item: dict[str, Any]) -> dict[str, str]:
    return {"uuid": item["uuid"]}


def refs(*items: dict[str, Any]) -> list[dict[str, str]]:
    return [{"uuid": x["uuid"], "url": x["url"]} for x in items]


async def make_klantcontact(client: httpx.AsyncClient, **fields: Any) -> dict[str, str]:
    body = {"kanaal": "telefoon", "onderwerp": "vraag", "taal": "nld", "vertrouwelijk": False}
    r = await client.post("/klantcontacten", json={**body, **fields})
    assert r.status_code == 201, r.text
    return {"uuid": r.json()["uuid"], "url": r.json()["url"]}


async def make_partij(
    client: httpx.AsyncClient, *identificatoren: dict[str, str]
) -> dict[str, Any]:
    body = {
        "soortPartij": "persoon",
        "indicatieActief": True,
        "partijIdentificatoren": [{"partijIdentificator": i} for i in identificatoren],
    }
    r = await client.post("/partijen", json=body)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


async def make_betrokkene(
    client: httpx.AsyncClient, kc: dict[str, Any], **fields: Any
) -> dict[str, Any]:
    body = {"hadKlantcontact": ref(kc), "rol": "klant", "initiator": True, **fields}
    r = await client.post("/betrokkenen", json=body)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


async def make_digitaal_adres(client: httpx.AsyncClient, **fields: Any) -> dict[str, Any]:
    body = {"adres": f"{uuid.uuid4().hex[:8]}@example.com", "soortDigitaalAdres": "email", **fields}
    r = await client.post("/digitaleadressen", json=body)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]
