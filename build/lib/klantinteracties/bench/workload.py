"""The requests a contact centre makes, and the seeded rows they are aimed at.

Targets are sampled from the database itself (deterministically: fixed ids drawn from a seeded
RNG), so every run against the same tier asks for the same things.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from klantinteracties.core.db import Database
from klantinteracties.db import models

SAMPLE = 500
_KENMERK = re.compile(r"kenmerk (K[0-9]{8})")


@dataclass
class Targets:
    bsns: list[str] = field(default_factory=list)
    partijen: list[str] = field(default_factory=list)
    klantcontacten: list[str] = field(default_factory=list)
    kenmerken: list[str] = field(default_factory=list)
    adres_fragmenten: list[str] = field(default_factory=list)
    actoren: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    params: dict[str, str] | None = None
    json: Any = None
    kind: str = ""  # the request type's name, set by the driver


@dataclass(frozen=True)
class RequestType:
    name: str
    description: str
    write: bool
    weight: int  # share in the mix
    build: Callable[[random.Random, Targets], Call]


def _partij_by_bsn(rng: random.Random, t: Targets) -> Call:
    bsn = rng.choice(t.bsns)
    params = {"partijIdentificator__codeSoortObjectId": "bsn", "partijIdentificator__objectId": bsn}
    return Call("GET", "/partijen", params)


def _partij_detail(rng: random.Random, t: Targets) -> Call:
    expand = "digitaleAdressen,betrokkenen,betrokkenen.hadKlantcontact"
    return Call("GET", f"/partijen/{rng.choice(t.partijen)}", {"expand": expand})


def _partij_history(rng: random.Random, t: Targets) -> Call:
    params = {"hadBetrokkene__wasPartij__uuid": rng.choice(t.partijen), "pageSize": "20"}
    return Call("GET", "/klantcontacten", params)


def _klantcontact_detail(rng: random.Random, t: Targets) -> Call:
    expand = (
        "hadBetrokkenen,hadBetrokkenen.wasPartij,gingOverOnderwerpobjecten,leiddeTotInterneTaken"
    )
    return Call("GET", f"/klantcontacten/{rng.choice(t.klantcontacten)}", {"expand": expand})


def _search_onderwerp(rng: random.Random, t: Targets) -> Call:
    # An agent searches for a case reference they were given: a selective substring.
    return Call("GET", "/klantcontacten", {"onderwerp": rng.choice(t.kenmerken), "pageSize": "20"})


def _search_adres(rng: random.Random, t: Targets) -> Call:
    params = {"adres__icontains": rng.choice(t.adres_fragmenten), "pageSize": "20"}
    return Call("GET", "/digitaleadressen", params)


def _list_page(rng: random.Random, t: Targets) -> Call:
    return Call("GET", "/klantcontacten", {"pageSize": "20"})


def _open_taken(rng: random.Random, t: Targets) -> Call:
    params = {
        "toegewezenAanActor__uuid": rng.choice(t.actoren),
        "status": "te_verwerken",
        "pageSize": "20",
    }
    return Call("GET", "/internetaken", params)


def _maak_klantcontact(rng: random.Random, t: Targets) -> Call:
    body = {
        "klantcontact": {
            "kanaal": "telefoon",
            "onderwerp": "Vraag over afvalinzameling",
            "inhoud": "De container is niet geleegd. Melding doorgezet naar de buitendienst.",
            "taal": "nld",
            "vertrouwelijk": False,
            "indicatieContactGelukt": True,
        },
        "betrokkene": {
            "wasPartij": {"uuid": rng.choice(t.partijen)},
            "rol": "klant",
            "initiator": True,
        },
        "onderwerpobject": {
            "onderwerpobjectidentificator": {
                "objectId": f"{rng.getrandbits(128):032x}",
                "codeObjecttype": "zaak",
                "codeRegister": "openzaak",
                "codeSoortObjectId": "uuid",
            }
        },
    }
    return Call("POST", "/maak-klantcontact", json=body)


def _internetaak(rng: random.Random, t: Targets) -> Call:
    body = {
        "gevraagdeHandeling": "Klant terugbellen",
        "aanleidinggevendKlantcontact": {"uuid": rng.choice(t.klantcontacten)},
        "toegewezenAanActoren": [{"uuid": rng.choice(t.actoren)}],
        "toelichting": "Graag vandaag nog terugbellen.",
        "status": "te_verwerken",
    }
    return Call("POST", "/internetaken", json=body)


def _klantcontact(rng: random.Random, t: Targets) -> Call:
    body = {
        "kanaal": "e-mail",
        "onderwerp": "Vraag over parkeervergunning",
        "inhoud": "Beantwoord per e-mail.",
        "taal": "nld",
        "vertrouwelijk": False,
    }
    return Call("POST", "/klantcontacten", json=body)


def _partijen_page(rng: random.Random, t: Targets) -> Call:
    # The first page: every tier has one, and its cost does not depend on the offset.
    return Call("GET", "/partijen", {"pageSize": "100"})


def _klantcontacten_page_expand(rng: random.Random, t: Targets) -> Call:
    params = {"pageSize": "100", "expand": "hadBetrokkenen"}
    return Call("GET", "/klantcontacten", params)


def _patch_partij(rng: random.Random, t: Targets) -> Call:
    body = {"interneNotitie": f"Laatst gesproken; notitie {rng.randrange(10**6)}."}
    return Call("PATCH", f"/partijen/{rng.choice(t.partijen)}", json=body)


REQUEST_TYPES: tuple[RequestType, ...] = (
    RequestType("partij_by_bsn", "partij by BSN", False, 20, _partij_by_bsn),
    RequestType("partij_detail_expand", "partij detail with expand", False, 12, _partij_detail),
    RequestType(
        "partij_history", "a partij's klantcontacten, page of 20", False, 15, _partij_history
    ),
    RequestType(
        "klantcontact_detail_expand",
        "klantcontact detail with expand",
        False,
        10,
        _klantcontact_detail,
    ),
    RequestType("search_onderwerp", "onderwerp icontains <kenmerk>", False, 5, _search_onderwerp),
    RequestType("search_digitaal_adres", "adres__icontains <name>", False, 5, _search_adres),
    RequestType("klantcontacten_list", "unfiltered klantcontacten page", False, 5, _list_page),
    RequestType("actor_open_taken", "open interne taken of an actor", False, 10, _open_taken),
    RequestType("maak_klantcontact", "POST /maak-klantcontact", True, 8, _maak_klantcontact),
    RequestType("create_internetaak", "POST /internetaken", True, 5, _internetaak),
    RequestType("patch_partij", "PATCH /partijen/{uuid}", True, 5, _patch_partij),
    # Measured alone only (weight 0), so the mix stays the one measured before.
    RequestType("create_klantcontact", "POST /klantcontacten", True, 0, _klantcontact),
    RequestType("partijen_page_100", "partijen, a page of 100", False, 0, _partijen_page),
    RequestType(
        "klantcontacten_page_expand",
        "klantcontacten, a page of 100 with expand=hadBetrokkenen",
        False,
        0,
        _klantcontacten_page_expand,
    ),
)
BY_NAME = {t.name: t for t in REQUEST_TYPES}


async def _sample_ids(db: Database, table: Any, rng: random.Random) -> list[int]:
    async with db.session() as session:
        top = (await session.execute(select(func.max(table.c.id)))).scalar_one() or 0
    return sorted({rng.randint(1, top) for _ in range(SAMPLE)}) if top else []


async def _rows(db: Database, stmt: Any) -> list[Any]:
    async with db.session() as session:
        return list((await session.execute(stmt)).all())


async def load_targets(db: Database, seed: int = 7) -> Targets:
    """Sample request targets from the seeded rows."""
    rng = random.Random(seed)
    pi, kc, da = models.partij_identificator, models.klantcontact, models.digitaal_adres
    ids = await _sample_ids(db, pi, rng)
    rows = await _rows(
        db,
        select(pi.c.object_id, pi.c.identificeerde_partij_uuid)
        .where(pi.c.id.in_(ids), pi.c.code_soort_object_id == "bsn")
        .order_by(pi.c.id),
    )
    targets = Targets(bsns=[r[0] for r in rows], partijen=[str(r[1]) for r in rows])
    ids = await _sample_ids(db, kc, rng)
    rows = await _rows(
        db, select(kc.c.uuid, kc.c.onderwerp).where(kc.c.id.in_(ids)).order_by(kc.c.id)
    )
    targets.klantcontacten = [str(r[0]) for r in rows]
    targets.kenmerken = [m.group(1) for r in rows if (m := _KENMERK.search(r[1]))]
    ids = await _sample_ids(db, da, rng)
    rows = await _rows(
        db,
        select(da.c.adres)
        .where(da.c.id.in_(ids), da.c.soort_digitaal_adres == "email")
        .order_by(da.c.id),
    )
    # The part before the @ (a name and a number): what an agent types to find an address.
    targets.adres_fragmenten = [r[0].split("@")[0] for r in rows]
    actor = models.actor
    rows = await _rows(
        db, select(actor.c.uuid).where(actor.c.soort_actor == "medewerker").order_by(actor.c.id)
    )
    targets.actoren = [str(r[0]) for r in rows]
    return targets


def missing_targets(targets: Targets) -> list[str]:
    return [name for name, values in vars(targets).items() if not values]
