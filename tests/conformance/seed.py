"""A database with every kind of data, built through HTTP, for validating real responses.

All soorten of partij and actor, with and without their sub-object; every relation once filled and
once empty; every write answer (201 and 200) is kept with the operation it answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

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
VESTIGING = {
    "codeObjecttype": "vestiging",
    "codeSoortObjectId": "vestigingsnummer",
    "objectId": "000012345678",
    "codeRegister": "hr",
}
ADRES = {
    "nummeraanduidingId": "0363200000123456",
    "straatnaam": "Dorpsstraat",
    "huisnummer": 12,
    "huisnummertoevoeging": "A",
    "postcode": "1234 AB",
    "stad": "Utrecht",
    "adresregel1": "regel 1",
    "adresregel2": "regel 2",
    "adresregel3": "regel 3",
    "land": "NL",
}
NAAM = {
    "voorletters": "J.",
    "voornaam": "Jan",
    "voorvoegselAchternaam": "de",
    "achternaam": "Vries",
}
IDENTIFICATOR = {
    "objectId": "9f2a3c4e-1111-4222-8333-444455556666",
    "codeObjecttype": "zaak",
    "codeRegister": "openzaak",
    "codeSoortObjectId": "uuid",
}


@dataclass
class Exchange:
    """One answer of the API: which operation, its status and its body."""

    method: str
    path: str  # as in the contract, e.g. "/partijen/{uuid}"
    status: int
    body: Any


@dataclass
class Seeded:
    writes: list[Exchange] = field(default_factory=list)
    items: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # per collection


class Seeder:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.out = Seeded()

    async def post(self, collection: str, body: dict[str, Any], path: str = "") -> Any:
        r = await self.client.post(f"/{collection}", json=body)
        assert r.status_code == 201, (collection, body, r.text)
        self.out.writes.append(Exchange("post", path or f"/{collection}", 201, r.json()))
        if not path:
            self.out.items.setdefault(collection, []).append(r.json())
        return r.json()

    async def update(self, collection: str, item: Any, body: dict[str, Any], put: bool) -> Any:
        send = self.client.put if put else self.client.patch
        r = await send(f"/{collection}/{item['uuid']}", json=body)
        assert r.status_code == 200, (collection, body, r.text)
        method = "put" if put else "patch"
        self.out.writes.append(Exchange(method, f"/{collection}/{{uuid}}", 200, r.json()))
        return r.json()


def ref(item: dict[str, Any]) -> dict[str, str]:
    return {"uuid": item["uuid"]}


async def seed(client: httpx.AsyncClient) -> Seeded:
    s = Seeder(client)
    partijen = await _partijen(s)
    await _partij_relations(s, partijen)
    kc = await _klantcontacten(s, partijen)
    await _actoren(s, kc)
    await _maak_klantcontact(s, partijen)
    await _contactgegevens(client, s)
    return s.out


EMAIL = {
    "adres": "jan@example.com",
    "soortDigitaalAdres": "email",
    "isStandaardAdres": True,
    "omschrijving": "privé",
    "referentie": "portaal",
    "verificatieDatum": "2024-02-01",
}
KLANTCONTACT_KORT = {"kanaal": "e-mail", "onderwerp": "kort", "taal": "nld", "vertrouwelijk": False}
KLANTCONTACT = {
    **KLANTCONTACT_KORT,
    "referentienummer": "4711",
    "inhoud": "vraag over de vergunning",
    "reactie": "uitgelegd",
    "indicatieContactGelukt": True,
    "hoofdOnderwerpType": "https://example.com/zaaktypen/1",
    "verdereActieOndernomen": False,
    "plaatsgevondenOp": "2024-03-01T09:30:00Z",
    "metadata": {"bron": "kcc"},
}
KLANT = {
    "bezoekadres": ADRES,
    "correspondentieadres": ADRES,
    "contactnaam": NAAM,
    "rol": "klant",
    "organisatienaam": "",
    "initiator": True,
}
ACTOREN = [
    {
        "naam": "Piet",
        "soortActor": "medewerker",
        "indicatieActief": True,
        "actoridentificator": {**IDENTIFICATOR, "codeObjecttype": "medewerker"},
        "actorIdentificatie": {
            "functie": "KCM",
            "emailadres": "piet@example.com",
            "telefoonnummer": "0612345678",
        },
    },
    {
        "naam": "Chatbot",
        "soortActor": "geautomatiseerde_actor",
        "actorIdentificatie": {"functie": "chat", "omschrijving": "beantwoordt vragen"},
    },
    {
        "naam": "Team Burgerzaken",
        "soortActor": "organisatorische_eenheid",
        "actorIdentificatie": {
            "omschrijving": "balie",
            "emailadres": "balie@example.com",
            "faxnummer": "0301234567",
            "telefoonnummer": "0301234567",
        },
    },
]
ORGANISATIE = {
    "soortPartij": "organisatie",
    "indicatieActief": True,
    "nummer": "1001",
    "interneNotitie": "vaste klant",
    "indicatieGeheimhouding": False,
    "voorkeurstaal": "nld",
    "bezoekadres": ADRES,
    "correspondentieadres": {"adresregel1": "Postbus 1", "land": "NL"},
    "partijIdentificatie": {"naam": "Gemeentewerken BV"},
    "partijIdentificatoren": [{"partijIdentificator": KVK}],
}


async def _partijen(s: Seeder) -> dict[str, Any]:
    org = await s.post("partijen", ORGANISATIE)
    persoon = await s.post(
        "partijen",
        {
            "soortPartij": "persoon",
            "indicatieActief": True,
            "indicatieGeheimhouding": True,
            "partijIdentificatie": {"contactnaam": NAAM},
            "partijIdentificatoren": [{"partijIdentificator": BSN}],
        },
    )
    contact = await s.post(
        "partijen",
        {
            "soortPartij": "contactpersoon",
            "indicatieActief": True,
            "partijIdentificatie": {"werkteVoorPartij": ref(org), "contactnaam": NAAM},
        },
    )
    bare = {}
    for soort in ("persoon", "organisatie", "contactpersoon"):  # no partijIdentificatie at all
        bare[soort] = await s.post("partijen", {"soortPartij": soort, "indicatieActief": False})
    await s.post(
        "partijen",
        {"soortPartij": "contactpersoon", "indicatieActief": True, "partijIdentificatie": {}},
    )
    return {"org": org, "persoon": persoon, "contact": contact, "bare": bare}


async def _partij_relations(s: Seeder, p: dict[str, Any]) -> None:
    org, persoon = p["org"], p["persoon"]
    kvk = org["partijIdentificatoren"][0]
    await s.post(
        "partij-identificatoren",
        {
            "identificeerdePartij": ref(p["bare"]["organisatie"]),
            "partijIdentificator": VESTIGING,
            "subIdentificatorVan": ref(kvk),
        },
    )
    email = await s.post("digitaleadressen", {**EMAIL, "verstrektDoorPartij": ref(persoon)})
    await s.post(
        "digitaleadressen", {"adres": "0612345678", "soortDigitaalAdres": "telefoonnummer"}
    )
    iban = await s.post(
        "rekeningnummers",
        {"partij": ref(persoon), "iban": "NL91ABNA0417164300", "bic": "ABNANL2A"},
    )
    await s.post("rekeningnummers", {"iban": "NL20INGB0001234567"})
    await s.update(
        "partijen",
        persoon,
        {"voorkeursDigitaalAdres": ref(email), "voorkeursRekeningnummer": ref(iban)},
        put=False,
    )
    await s.post(
        "vertegenwoordigingen",
        {"vertegenwoordigendePartij": ref(org), "vertegenwoordigdePartij": ref(persoon)},
    )
    await _categorieen(s, p)


async def _categorieen(s: Seeder, p: dict[str, Any]) -> None:
    org, persoon = p["org"], p["persoon"]
    vip = await s.post("categorieen", {"naam": "VIP"})
    await s.post("categorieen", {})
    await s.post(
        "categorie-relaties",
        {
            "partij": ref(persoon),
            "categorie": ref(vip),
            "beginDatum": "2024-01-01",
            "eindDatum": "2030-01-01",
        },
    )
    await s.post("categorie-relaties", {"partij": ref(org)})
    await s.update("categorieen", vip, {"naam": "Zeer belangrijk"}, put=True)


async def _klantcontacten(s: Seeder, p: dict[str, Any]) -> dict[str, Any]:
    full = await s.post("klantcontacten", KLANTCONTACT)
    bare = await s.post(
        "klantcontacten",
        {**KLANTCONTACT_KORT, "vertrouwelijk": True, "verdereActieOndernomen": True},
    )
    klant = await s.post(
        "betrokkenen",
        {**KLANT, "wasPartij": ref(p["persoon"]), "hadKlantcontact": ref(full)},
    )
    await s.post(
        "betrokkenen",
        {"hadKlantcontact": ref(full), "rol": "vertegenwoordiger", "initiator": False},
    )
    await s.post(
        "digitaleadressen",
        {
            "verstrektDoorBetrokkene": ref(klant),
            "verstrektDoorPartij": ref(p["persoon"]),
            "adres": "jan@werk.example.com",
            "soortDigitaalAdres": "email",
        },
    )
    await _onderwerpen(s, full, bare)
    return {"full": full, "bare": bare}


async def _onderwerpen(s: Seeder, full: dict[str, Any], bare: dict[str, Any]) -> None:
    await s.post(
        "onderwerpobjecten",
        {"klantcontact": ref(full), "onderwerpobjectidentificator": IDENTIFICATOR},
    )
    await s.post("onderwerpobjecten", {"klantcontact": ref(bare), "wasKlantcontact": ref(full)})
    await s.post("onderwerpobjecten", {})
    await s.post(
        "bijlagen",
        {"wasBijlageVanKlantcontact": ref(full), "bijlageidentificator": IDENTIFICATOR},
    )
    await s.post("bijlagen", {})
    await s.update("klantcontacten", bare, {"inhoud": "toch iets"}, put=False)


async def _actoren(s: Seeder, kc: dict[str, Any]) -> None:
    medewerker, robot, _ = [await s.post("actoren", body) for body in ACTOREN]
    for soort in ("medewerker", "geautomatiseerde_actor", "organisatorische_eenheid"):
        await s.post("actoren", {"naam": f"zonder {soort}", "soortActor": soort})
    for actor in (medewerker, robot):
        await s.post("actorklantcontacten", {"actor": ref(actor), "klantcontact": ref(kc["full"])})
    await _taken(s, kc, medewerker, robot)
    await s.update("actoren", robot, {"soortActor": "geautomatiseerde_actor", "naam": "Bot"}, True)


async def _taken(s: Seeder, kc: dict[str, Any], medewerker: Any, robot: Any) -> None:
    await s.post(
        "internetaken",
        {
            "nummer": "42",
            "gevraagdeHandeling": "terugbellen",
            "aanleidinggevendKlantcontact": ref(kc["full"]),
            "toegewezenAanActoren": [ref(medewerker), ref(robot)],
            "toelichting": "graag vandaag",
            "status": "te_verwerken",
        },
    )
    done = await s.post(
        "internetaken",
        {
            "gevraagdeHandeling": "brief sturen",
            "aanleidinggevendKlantcontact": ref(kc["full"]),
            "toegewezenAanActor": ref(medewerker),
            "status": "te_verwerken",
        },
    )
    await s.update("internetaken", done, {"status": "verwerkt"}, put=False)
    await s.post(
        "internetaken",
        {
            "gevraagdeHandeling": "nog niemand",
            "aanleidinggevendKlantcontact": ref(kc["bare"]),
            "toegewezenAanActoren": [],
            "status": "te_verwerken",
        },
    )


async def _maak_klantcontact(s: Seeder, p: dict[str, Any]) -> None:
    contact = {"kanaal": "balie", "onderwerp": "paspoort", "taal": "nld", "vertrouwelijk": False}
    await s.post("maak-klantcontact", {"klantcontact": contact}, path="/maak-klantcontact")
    await s.post(
        "maak-klantcontact",
        {
            "klantcontact": contact,
            "betrokkene": {"wasPartij": ref(p["persoon"]), "rol": "klant", "initiator": True},
            "onderwerpobject": {"onderwerpobjectidentificator": IDENTIFICATOR},
        },
        path="/maak-klantcontact",
    )


async def _contactgegevens(client: httpx.AsyncClient, s: Seeder) -> None:
    """The Contactgegevens API lives next to this one; its answers are kept apart (``cg/…``)."""
    base = str(client.base_url).replace("/klantinteracties/", "/contactgegevens/").rstrip("/")
    bodies = {
        "persoon": [
            {
                "geboortedatum": "1980-05-01",
                "overlijdensdatum": "2020-01-01",
                "geslachtsnaam": "Vries",
                "geslacht": "m",
                "voorvoegsel": "de",
                "voornamen": "Jan Piet",
                "adres": ADRES,
            },
            {"geboortedatum": "1990-01-01", "geslachtsnaam": "Jansen"},
        ],
        "organisatie": [
            {
                "handelsnaam": "Bakkerij",
                "oprichtingsdatum": "2000-01-01",
                "opheffingsdatum": "2030-01-01",
                "adres": ADRES,
            },
            {"handelsnaam": "Kaal"},
        ],
    }
    for collection, items in bodies.items():
        for body in items:
            r = await client.post(f"{base}/{collection}", json=body)
            assert r.status_code == 201, r.text
            s.out.writes.append(Exchange("post", f"cg/{collection}", 201, r.json()))
            s.out.items.setdefault(f"cg/{collection}", []).append(r.json())
