"""The data set and clients of the confidentiality tests (docs/privacy.md, "Geheimhouding" and
"Vertrouwelijk"), shared by test_geheimhouding.py and test_vertrouwelijk.py.

Everything is made over HTTP by the privileged ``client`` fixture. The data holds secret partijen
(S, a persoon with a BSN; SO, an organisatie with a KvK number) with every kind of row that
belongs to a partij, the same for an open partij O, a klantcontact K with betrokkenen of S and O,
a klantcontact KS whose only betrokkene is S's, and a vertrouwelijk klantcontact V with a bijlage.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from klantinteracties.api import klantinteracties_api
from klantinteracties.core.auth import TokenStore
from klantinteracties.core.db import Database
from klantinteracties.core.registry import registered_services
from klantinteracties.core.service import CrudService
from klantinteracties.db.models import api_token

BASE = "http://testserver.local/klantinteracties/api/v1"
GEHEIMHOUDING, VERTROUWELIJK = "geheimhouding", "vertrouwelijk"
# A token of each kind: the privileges its application has.
KINDS: dict[str, tuple[str, ...]] = {
    "geen": (),
    "geheimhouding": (GEHEIMHOUDING,),
    "vertrouwelijk": (VERTROUWELIJK,),
    "beide": (GEHEIMHOUDING, VERTROUWELIJK),
}
Clients = dict[str, httpx.AsyncClient]
ALL_KINDS = pytest.mark.parametrize("kind", list(KINDS))


def without(privilege: str) -> pytest.MarkDecorator:
    """Parametrises a test over the token kinds that lack ``privilege``."""
    return pytest.mark.parametrize("kind", [k for k, p in KINDS.items() if privilege not in p])


klantinteracties_api()  # registers every service of the Klantinteracties API
SERVICES: dict[str, CrudService] = {
    name: svc for name, svc in registered_services().items() if svc.scope != "contactgegevens"
}

BSN_S, BSN_O, KVK_S, KVK_O = "999990019", "999990020", "87654321", "12345678"
ADRES = {
    "S_adres": "geheim-partij@example.com",
    "BS_adres": "geheim-betrokkene@example.com",
    "MIX_adres": "geheim-gemengd@example.com",
    "O_adres": "open-partij@example.com",
    "BO_adres": "open-betrokkene@example.com",
    "BV_adres": "vertrouwelijk-betrokkene@example.com",
}
NUMMER_S = "4711"
IBAN_S, IBAN_O = "NL91ABNA0417164300", "NL02ABNA0123456789"
TEXT = {
    "onderwerp": "Onderwerp-vertrouwelijk-Xq",
    "inhoud": "Inhoud-vertrouwelijk-Yq",
    "reactie": "Reactie-vertrouwelijk-Zq",
}
MASKED = tuple(TEXT)
DOCUMENT = "document-vertrouwelijk-Wq"
# Rows that belong to a secret partij (docs/privacy.md, the table under "Geheimhouding").
SECRET_ROWS = (
    "S", "SO", "S_bsn", "SO_kvk_nummer", "S_adres", "BS_adres", "MIX_adres", "S_iban", "S_cat",
    "REP_OS", "REP_SO", "BS", "BS2",
)  # fmt: skip
CONFIDENTIAL_ROWS = ("V_bijlage",)


def identificator(soort: str, object_id: str) -> dict[str, str]:
    persoon = soort == "bsn"
    return {
        "codeObjecttype": "natuurlijk_persoon" if persoon else "niet_natuurlijk_persoon",
        "codeSoortObjectId": soort,
        "objectId": object_id,
        "codeRegister": "brp" if persoon else "hr",
    }


def ref(row: dict[str, Any]) -> dict[str, str]:
    return {"uuid": row["uuid"]}


@dataclass
class Data:
    """The rows by name, each with its collection and its privileged representation."""

    rows: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)

    def __getitem__(self, name: str) -> dict[str, Any]:
        return self.rows[name][1]

    def uuid(self, name: str) -> str:
        return str(self[name]["uuid"])

    def names(self, collection: str) -> set[str]:
        return {n for n, (c, _) in self.rows.items() if c == collection}

    def name_of(self, key: str) -> str:
        return next((n for n, (_, row) in self.rows.items() if row["uuid"] == key), key)

    def hidden(self, kind: str) -> set[str]:
        """The rows a token of this kind may not see."""
        privileges = KINDS[kind]
        out = set() if GEHEIMHOUDING in privileges else set(SECRET_ROWS)
        return out | (set() if VERTROUWELIJK in privileges else set(CONFIDENTIAL_ROWS))

    def secrets(self) -> dict[str, str]:
        """Every string that shows a secret partij's data: its rows' uuids, numbers, addresses."""
        out = {f"uuid of {n}": self.uuid(n) for n in SECRET_ROWS}
        out |= {"BSN of S": BSN_S, "KvK of SO": KVK_S, "iban of S": IBAN_S}
        out |= {n: a for n, a in ADRES.items() if n in SECRET_ROWS}
        return out

    def confidential(self) -> dict[str, str]:
        out = {f"{f} of V": t for f, t in TEXT.items()}
        return out | {"uuid of V_bijlage": self.uuid("V_bijlage"), "document": DOCUMENT}

    def add(self, name: str, collection: str, row: dict[str, Any]) -> dict[str, Any]:
        self.rows[name] = (collection, row)
        return row

    async def post(
        self, client: httpx.AsyncClient, name: str, collection: str, body: dict[str, Any]
    ) -> dict[str, Any]:
        r = await client.post(f"/{collection}", json=body)
        assert r.status_code == 201, (name, r.text)
        return self.add(name, collection, r.json())


def leaked(text: str, strings: dict[str, str]) -> list[str]:
    """The names of the strings that occur in a response's raw text."""
    low = text.lower()
    return sorted(name for name, value in strings.items() if value.lower() in low)


async def _partij(
    data: Data, client: httpx.AsyncClient, name: str, soort: str, geheim: bool, *ids: Any
) -> None:
    body: dict[str, Any] = {"soortPartij": soort, "indicatieActief": True}
    body["indicatieGeheimhouding"] = geheim
    body["partijIdentificatoren"] = [{"partijIdentificator": identificator(*i)} for i in ids]
    if name == "S":
        body["nummer"] = NUMMER_S
    if soort == "organisatie":
        body["partijIdentificatie"] = {"naam": f"Organisatie {name}"}
    partij = await data.post(client, name, "partijen", body)
    for i, pid in zip(ids, partij["partijIdentificatoren"], strict=True):
        r = await client.get(f"/partij-identificatoren/{pid['uuid']}")
        data.add(f"{name}_{i[0]}", "partij-identificatoren", r.json())


async def _belongings(data: Data, client: httpx.AsyncClient, p: str, iban: str) -> None:
    """A partij's digitaal adres, rekeningnummer and categorie-relatie."""
    body = {"verstrektDoorPartij": ref(data[p]), "adres": ADRES[f"{p}_adres"]}
    await data.post(
        client, f"{p}_adres", "digitaleadressen", {**body, "soortDigitaalAdres": "email"}
    )
    await data.post(client, f"{p}_iban", "rekeningnummers", {"partij": ref(data[p]), "iban": iban})
    cat = await data.post(client, f"{p}_categorie", "categorieen", {"naam": f"categorie-{p}"})
    body = {"partij": ref(data[p]), "categorie": ref(cat)}
    await data.post(client, f"{p}_cat", "categorie-relaties", body)


async def _betrokkene(
    data: Data, client: httpx.AsyncClient, name: str, kc: str, partij: str, rol: str = "klant"
) -> None:
    body = {"hadKlantcontact": ref(data[kc]), "wasPartij": ref(data[partij])}
    await data.post(client, name, "betrokkenen", {**body, "rol": rol, "initiator": True})


async def _adres(
    data: Data, client: httpx.AsyncClient, name: str, betrokkene: str, partij: str | None = None
) -> None:
    body = {
        "verstrektDoorBetrokkene": ref(data[betrokkene]),
        "verstrektDoorPartij": ref(data[partij]) if partij else None,
        "adres": ADRES[name],
        "soortDigitaalAdres": "email",
    }
    await data.post(client, name, "digitaleadressen", body)


async def _klantcontacten(data: Data, client: httpx.AsyncClient) -> None:
    kc = {"kanaal": "telefoon", "onderwerp": "afval", "taal": "nld", "vertrouwelijk": False}
    await data.post(client, "K", "klantcontacten", kc)
    await data.post(client, "KS", "klantcontacten", {**kc, "onderwerp": "alleen S"})
    await data.post(client, "V", "klantcontacten", {**kc, **TEXT, "vertrouwelijk": True})
    await _betrokkene(data, client, "BS", "K", "S", rol="vertegenwoordiger")
    await _betrokkene(data, client, "BO", "K", "O")
    await _betrokkene(data, client, "BS2", "KS", "S")
    await _betrokkene(data, client, "BV", "V", "O")
    await _adres(data, client, "BS_adres", "BS")
    await _adres(data, client, "BO_adres", "BO")
    await _adres(data, client, "MIX_adres", "BO", "S")  # given by O's betrokkene, for S
    await _adres(data, client, "BV_adres", "BV")
    body = {"wasBijlageVanKlantcontact": ref(data["V"])}
    body["bijlageidentificator"] = {"objectId": DOCUMENT, "codeObjecttype": "document"}
    await data.post(client, "V_bijlage", "bijlagen", body)
    await data.post(client, "V_onderwerp", "onderwerpobjecten", {"klantcontact": ref(data["V"])})
    actor = await data.post(client, "A", "actoren", {"naam": "Piet", "soortActor": "medewerker"})
    for kc_name in ("K", "V"):
        link = {"actor": ref(actor), "klantcontact": ref(data[kc_name])}
        await data.post(client, f"A_{kc_name}", "actorklantcontacten", link)
        taak = {"gevraagdeHandeling": "bel terug", "status": "te_verwerken"}
        taak |= {"aanleidinggevendKlantcontact": ref(data[kc_name])}
        await data.post(
            client, f"T_{kc_name}", "internetaken", {**taak, "toegewezenAanActoren": [ref(actor)]}
        )


async def build(client: httpx.AsyncClient) -> Data:
    data = Data()
    await _partij(data, client, "S", "persoon", True, ("bsn", BSN_S))
    await _partij(data, client, "SO", "organisatie", True, ("kvk_nummer", KVK_S))
    await _partij(data, client, "O", "persoon", False, ("bsn", BSN_O))
    await _partij(data, client, "ORG", "organisatie", False, ("kvk_nummer", KVK_O))
    await _belongings(data, client, "S", IBAN_S)
    await _belongings(data, client, "O", IBAN_O)
    body = {"soortPartij": "contactpersoon", "indicatieActief": True}
    body["partijIdentificatie"] = {"werkteVoorPartij": ref(data["SO"])}
    await data.post(client, "C", "partijen", body)
    vestiging = {**identificator("vestigingsnummer", "000012345678"), "codeObjecttype": "vestiging"}
    body = {"identificeerdePartij": ref(data["ORG"]), "partijIdentificator": vestiging}
    await data.post(client, "ORG_vestiging", "partij-identificatoren", {
        **body, "subIdentificatorVan": ref(data["SO_kvk_nummer"])
    })  # fmt: skip
    for by, of in (("O", "S"), ("S", "O")):  # REP_OS: O represents S
        body = {
            "vertegenwoordigendePartij": ref(data[by]),
            "vertegenwoordigdePartij": ref(data[of]),
        }
        await data.post(client, f"REP_{by}{of}", "vertegenwoordigingen", body)
    await _klantcontacten(data, client)
    # Representations as they are now (the relations made later show in them).
    for name, (collection, row) in list(data.rows.items()):
        r = await client.get(f"/{collection}/{row['uuid']}")
        assert r.status_code == 200, (name, r.text)
        data.rows[name] = (collection, r.json())
    return data


@pytest.fixture
async def data(client: httpx.AsyncClient) -> Data:
    return await build(client)


@pytest.fixture
async def tokens(
    app: Any, database: Database, token: str
) -> AsyncIterator[dict[str, httpx.AsyncClient]]:
    """A client per kind of token (``KINDS``), each with every scope."""
    clients: dict[str, httpx.AsyncClient] = {}
    for kind, privileges in KINDS.items():
        async with database.session(write=True) as session:
            store = TokenStore(api_token)
            key = await store.create(session, uuid.uuid4().hex, ["*"], privileges=privileges)
        headers = {"Authorization": f"Token {key}"}
        transport = httpx.ASGITransport(app=app)
        clients[kind] = httpx.AsyncClient(transport=transport, base_url=BASE, headers=headers)
    yield clients
    for c in clients.values():
        await c.aclose()


async def listing(
    c: httpx.AsyncClient, collection: str, **params: Any
) -> tuple[list[str], int, str]:
    """The uuids of a list's (single) page, its count, and its raw text."""
    r = await c.get(f"/{collection}", params={"pageSize": 100, **params})
    assert r.status_code == 200, (collection, params, r.text)
    body = r.json()
    return [item["uuid"] for item in body["results"]], body["count"], r.text


def objects(value: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in a response body, at any depth."""
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from objects(v)
    elif isinstance(value, list):
        for v in value:
            yield from objects(v)
