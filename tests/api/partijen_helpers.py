"""Shared bodies and builders for the /partijen tests (all through the HTTP API)."""

from __future__ import annotations

from typing import Any

import httpx

BASE = "http://testserver.local/klantinteracties/api/v1"
MISSING = "6f2b9f2e-8e0b-4a3c-9d4e-0a8d1c1e2f3a"

BSN = {
    "codeObjecttype": "natuurlijk_persoon",
    "codeSoortObjectId": "bsn",
    "objectId": "111222333",
    "codeRegister": "brp",
}
BSN_2 = {**BSN, "objectId": "296648875"}
KVK = {
    "codeObjecttype": "niet_natuurlijk_persoon",
    "codeSoortObjectId": "kvk_nummer",
    "objectId": "12345678",
    "codeRegister": "hr",
}
RSIN = {
    "codeObjecttype": "niet_natuurlijk_persoon",
    "codeSoortObjectId": "rsin",
    "objectId": "123456782",
    "codeRegister": "hr",
}
VESTIGING = {
    "codeObjecttype": "vestiging",
    "codeSoortObjectId": "vestigingsnummer",
    "objectId": "000012345678",
    "codeRegister": "hr",
}

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

KEYS = [
    "uuid",
    "url",
    "nummer",
    "interneNotitie",
    "betrokkenen",
    "categorieRelaties",
    "digitaleAdressen",
    "voorkeursDigitaalAdres",
    "vertegenwoordigden",
    "rekeningnummers",
    "voorkeursRekeningnummer",
    "partijIdentificatoren",
    "soortPartij",
    "indicatieGeheimhouding",
    "voorkeurstaal",
    "indicatieActief",
    "bezoekadres",
    "correspondentieadres",
    "partijIdentificatie",
]


def ref(obj: dict[str, Any]) -> dict[str, Any]:
    return {"uuid": obj["uuid"]}


def refs(*objs: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"uuid": o["uuid"], "url": o["url"]} for o in objs]


async def make_partij(client: httpx.AsyncClient, **fields: Any) -> dict[str, Any]:
    body = {"soortPartij": "persoon", "indicatieActief": True, **fields}
    r = await client.post("/partijen", json=body)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


async def make_adres(
    client: httpx.AsyncClient,
    partij: dict[str, Any] | None = None,
    adres: str = "a@example.com",
    **fields: Any,
) -> dict[str, Any]:
    body = {
        "verstrektDoorPartij": ref(partij) if partij else None,
        "adres": adres,
        "soortDigitaalAdres": "email",
        **fields,
    }
    r = await client.post("/digitaleadressen", json=body)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


async def make_rekening(
    client: httpx.AsyncClient,
    partij: dict[str, Any] | None = None,
    iban: str = "NL91ABNA0417164300",
) -> dict[str, Any]:
    body = {"partij": ref(partij) if partij else None, "iban": iban}
    r = await client.post("/rekeningnummers", json=body)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


async def get_partij(client: httpx.AsyncClient, partij: dict[str, Any]) -> dict[str, Any]:
    r = await client.get(f"/partijen/{partij['uuid']}")
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]
