"""Rows for the benchmark database, generated per chunk of partijen.

Every chunk has its own ``random.Random`` seeded from the tier and the chunk number, so a tier
always produces the same rows (uuids included) however the work is split or resumed, and memory
stays bounded by the chunk size. Rows are dicts keyed by column name; every row of one table in a
chunk has the same keys (needed for executemany and COPY).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from . import data
from .allocate import contacts_per_partij

Row = dict[str, Any]
SEED = 20_240_901
NOW = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
FIVE_YEARS = 5 * 365 * 24 * 3600


@dataclass(frozen=True)
class Tier:
    name: str
    partijen: int
    klantcontacten: int
    chunk: int = 2_000

    @property
    def actoren(self) -> int:
        # A contact centre of ~50 people per 10k partijen: each actor's work queue has a similar
        # length at every tier, as it would in a bigger municipality with more staff.
        return max(5, self.partijen // 200)

    @property
    def chunks(self) -> int:
        return -(-self.partijen // self.chunk)


TIERS = {
    "XS": Tier("XS", 100, 1_000, chunk=60),  # for tests only
    "S": Tier("S", 10_000, 100_000),
    "M": Tier("M", 100_000, 1_000_000),
    "L": Tier("L", 1_000_000, 10_000_000),
}


@dataclass
class Chunk:
    """The rows of one chunk, in an order that satisfies every foreign key."""

    tables: dict[str, list[Row]] = field(default_factory=dict)

    def add(self, table: str, row: Row) -> None:
        self.tables.setdefault(table, []).append(row)

    @property
    def row_count(self) -> int:
        return sum(len(rows) for rows in self.tables.values())


def rng_for(tier: Tier, part: int) -> random.Random:
    return random.Random(f"{SEED}:{tier.name}:{part}")


def actor_rows(tier: Tier) -> list[Row]:
    rng = rng_for(tier, -1)
    rows = []
    for i in range(tier.actoren):
        soort = "medewerker" if i % 10 < 8 else "organisatorische_eenheid" if i % 10 < 9 else None
        naam = data.persoonsnaam(rng)
        row: Row = {
            "uuid": data.seeded_uuid(rng),
            "naam": f"{naam['voornaam']} {naam['achternaam']}",
            "soort_actor": soort or "geautomatiseerde_actor",
            "indicatie_actief": True,
            "actoridentificator_object_id": f"m{i:06d}",
            "actoridentificator_code_objecttype": "medewerker",
            "actoridentificator_code_register": "personeelsadministratie",
            "actoridentificator_code_soort_object_id": "medewerkernummer",
            "identificatie_soort": soort or "geautomatiseerde_actor",
            "functie": "KCC-medewerker" if soort == "medewerker" else "",
            "telefoonnummer": data.telefoonnummer(rng) if soort == "medewerker" else "",
            "emailadres": f"m{i:06d}@gemeente.example.nl" if soort else "",
            "omschrijving": rng.choice(data.AFDELINGEN) if soort != "medewerker" else "",
        }
        if soort is None:
            row["naam"] = f"Automatische afhandeling {i}"
            row["functie"] = "Robot"
        rows.append(row)
    return rows


def generate_chunk(tier: Tier, part: int, actoren: list[Row]) -> Chunk:
    """All rows of partijen [part*chunk, ...) and of the klantcontacten that belong to them."""
    rng = rng_for(tier, part)
    first = part * tier.chunk
    count = min(tier.chunk, tier.partijen - first)
    chunk = Chunk()
    partijen = [_partij(chunk, rng, first + i) for i in range(count)]
    per_partij = contacts_per_partij(
        rng, count, count * tier.klantcontacten // tier.partijen, heavy_every=2_000
    )
    owners: list[Row | None] = []
    for partij, n in zip(partijen, per_partij, strict=True):
        owners.extend([partij] * n)
    anonymous = count * tier.klantcontacten // tier.partijen - len(owners)
    owners.extend([None] * anonymous)
    rng.shuffle(owners)  # contacts of one partij are spread over the table, as in real life
    actor_keys = [a["uuid"] for a in actoren]
    base = first * tier.klantcontacten // tier.partijen
    for offset, owner in enumerate(owners):
        _klantcontact(chunk, rng, base + offset, owner, actor_keys)
    return chunk


def _partij(chunk: Chunk, rng: random.Random, index: int) -> Row:
    draw = rng.random()
    soort = "persoon" if draw < 0.8 else "organisatie" if draw < 0.95 else "contactpersoon"
    naam = data.persoonsnaam(rng)
    organisaties = [
        p for p in chunk.tables.get("partij", [])[-50:] if p["soort_partij"] == "organisatie"
    ]
    row: Row = {
        "uuid": data.seeded_uuid(rng),
        "soort_partij": soort,
        "indicatie_geheimhouding": rng.random() < 0.02,
        "voorkeurstaal": "nld",
        "indicatie_actief": rng.random() < 0.97,
        "identificatie_soort": soort,
        **{f"contactnaam_{k}": v if soort != "organisatie" else "" for k, v in naam.items()},
        "organisatie_naam": data.bedrijfsnaam(rng) if soort == "organisatie" else "",
        "contactpersoon_uuid": data.seeded_uuid(rng) if soort == "contactpersoon" else None,
        "werkte_voor_partij_uuid": (
            rng.choice(organisaties)["uuid"] if soort == "contactpersoon" and organisaties else None
        ),
        **data.adres("bezoekadres", rng),
    }
    chunk.add("partij", row)
    _identificatoren(chunk, rng, index, row)
    _partij_adressen(chunk, rng, index, row)
    return row


def _identificator(partij: Row, objecttype: str, soort: str, object_id: str, register: str) -> Row:
    return {
        "identificeerde_partij_uuid": partij["uuid"],
        "code_objecttype": objecttype,
        "code_soort_object_id": soort,
        "object_id": object_id,
        "code_register": register,
    }


def _identificatoren(chunk: Chunk, rng: random.Random, index: int, partij: Row) -> None:
    rows = []
    if partij["soort_partij"] == "persoon" and rng.random() < 0.97:
        rows.append(
            _identificator(partij, "natuurlijk_persoon", "bsn", data.bsn(index, rng), "brp")
        )
    elif partij["soort_partij"] == "organisatie":
        kvk = data.kvk_nummer(index)
        rows.append(_identificator(partij, "niet_natuurlijk_persoon", "kvk_nummer", kvk, "hr"))
        if rng.random() < 0.4:
            nummer = data.rsin(index, rng)
            rows.append(_identificator(partij, "niet_natuurlijk_persoon", "rsin", nummer, "hr"))
    for row in rows:
        chunk.add("partij_identificator", {"uuid": data.seeded_uuid(rng), **row})


def _digitaal_adres(
    rng: random.Random, soort: str, adres: str, partij: Row | None, betrokkene: Row | None
) -> Row:
    return {
        "uuid": data.seeded_uuid(rng),
        "verstrekt_door_partij_uuid": partij["uuid"] if partij else None,
        "verstrekt_door_betrokkene_uuid": betrokkene["uuid"] if betrokkene else None,
        "adres": adres,
        "soort_digitaal_adres": soort,
        "is_standaard_adres": partij is not None,
        "omschrijving": "Privé" if soort == "email" else "Mobiel",
        "verificatie_datum": (NOW - dt.timedelta(days=rng.randint(1, 900))).date()
        if rng.random() < 0.5
        else None,
        "is_voorkeur": False,
    }


def _partij_adressen(chunk: Chunk, rng: random.Random, index: int, partij: Row) -> None:
    odds = {"persoon": (0.7, 0.6), "organisatie": (0.9, 0.8), "contactpersoon": (0.8, 0.3)}
    email_odds, phone_odds = odds[partij["soort_partij"]]
    naam = partij["organisatie_naam"] or (
        f"{partij['contactnaam_voornaam']}.{partij['contactnaam_achternaam']}"
    )
    rows = []
    if rng.random() < email_odds:
        rows.append(_digitaal_adres(rng, "email", data.emailadres(naam, index, rng), partij, None))
    if rng.random() < phone_odds:
        rows.append(_digitaal_adres(rng, "telefoonnummer", data.telefoonnummer(rng), partij, None))
    if rows:
        rows[0]["is_voorkeur"] = True
    for row in rows:
        chunk.add("digitaal_adres", row)


def _klantcontact(
    chunk: Chunk, rng: random.Random, index: int, owner: Row | None, actoren: list[Any]
) -> None:
    onderwerp, inhoud = data.onderwerp_en_inhoud(rng, index)
    draw = rng.random()
    gelukt = True if draw < 0.8 else None if draw < 0.9 else False
    row: Row = {
        "uuid": data.seeded_uuid(rng),
        "referentienummer": str(index + 1),
        "kanaal": rng.choice(data.KANALEN),
        "onderwerp": onderwerp,
        "inhoud": inhoud,
        "reactie": rng.choice(data.ZINNEN) if rng.random() < 0.5 else "",
        "indicatie_contact_gelukt": gelukt,
        "verdere_actie_ondernomen": gelukt is not True and rng.random() < 0.5,
        "taal": "nld",
        "vertrouwelijk": rng.random() < 0.05,
        "plaatsgevonden_op": NOW - dt.timedelta(seconds=rng.randrange(FIVE_YEARS)),
        "metadata_json": {},
    }
    chunk.add("klantcontact", row)
    _betrokkene(chunk, rng, row, owner)
    if rng.random() < 0.5:
        _onderwerpobject(chunk, rng, row)
    for actor in rng.sample(actoren, 2 if rng.random() < 0.1 and len(actoren) > 1 else 1):
        chunk.add(
            "actorklantcontact",
            {"uuid": data.seeded_uuid(rng), "actor_uuid": actor, "klantcontact_uuid": row["uuid"]},
        )
    if rng.random() < 0.1:
        _internetaak(chunk, rng, row, index, actoren)


def _betrokkene(chunk: Chunk, rng: random.Random, klantcontact: Row, owner: Row | None) -> None:
    if owner is None and rng.random() < 1 / 3:
        return  # a third of the anonymous contacts has no betrokkene at all
    naam = (
        {k: owner[f"contactnaam_{k}"] for k in ("voorletters", "voornaam", "achternaam")}
        if owner
        else data.persoonsnaam(rng)
    )
    row: Row = {
        "uuid": data.seeded_uuid(rng),
        "was_partij_uuid": owner["uuid"] if owner else None,
        "had_klantcontact_uuid": klantcontact["uuid"],
        "contactnaam_voorletters": naam["voorletters"],
        "contactnaam_voornaam": naam["voornaam"],
        "contactnaam_achternaam": naam["achternaam"],
        "rol": "klant" if rng.random() < 0.9 else "vertegenwoordiger",
        "organisatienaam": owner["organisatie_naam"] if owner else "",
        "initiator": True,
    }
    chunk.add("betrokkene", row)
    if owner is None and rng.random() < 0.3:
        adres = data.emailadres(
            f"{naam['voornaam']}.{naam['achternaam']}", rng.randrange(10**6), rng
        )
        chunk.add("digitaal_adres", _digitaal_adres(rng, "email", adres, None, row))


def _onderwerpobject(chunk: Chunk, rng: random.Random, klantcontact: Row) -> None:
    chunk.add(
        "onderwerpobject",
        {
            "uuid": data.seeded_uuid(rng),
            "klantcontact_uuid": klantcontact["uuid"],
            "was_klantcontact_uuid": None,
            "onderwerpobjectidentificator_object_id": str(data.seeded_uuid(rng)),
            "onderwerpobjectidentificator_code_objecttype": "zaak",
            "onderwerpobjectidentificator_code_register": "openzaak",
            "onderwerpobjectidentificator_code_soort_object_id": "uuid",
        },
    )


def _internetaak(
    chunk: Chunk, rng: random.Random, klantcontact: Row, index: int, actoren: list[Any]
) -> None:
    open_ = rng.random() < 0.3
    toegewezen = klantcontact["plaatsgevonden_op"] + dt.timedelta(minutes=rng.randint(1, 120))
    row: Row = {
        "uuid": data.seeded_uuid(rng),
        "referentienummer": str(index + 1),
        "gevraagde_handeling": rng.choice(data.HANDELINGEN),
        "aanleidinggevend_klantcontact_uuid": klantcontact["uuid"],
        "toelichting": rng.choice(data.ZINNEN),
        "status": "te_verwerken" if open_ else "verwerkt",
        "toegewezen_op": toegewezen,
        "afgehandeld_op": None if open_ else toegewezen + dt.timedelta(days=rng.randint(0, 10)),
    }
    chunk.add("internetaak", row)
    count = 2 if rng.random() < 0.1 and len(actoren) > 1 else 1
    for volgorde, actor in enumerate(rng.sample(actoren, count)):
        chunk.add(
            "internetaak_actor",
            {"internetaak_uuid": row["uuid"], "actor_uuid": actor, "volgorde": volgorde},
        )
