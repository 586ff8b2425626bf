"""The JSON representation of partijen, built for a whole page at once.

``load_related`` fetches every to-many relation of all rows with one statement per relation;
``partij_output`` then only assembles dictionaries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.api.categorieen.repository import categorie_relaties
from klantinteracties.api.partij_identificatoren.repository import partij_identificatoren
from klantinteracties.api.partij_identificatoren.service import partij_identificator_service
from klantinteracties.core.adres import Adres
from klantinteracties.core.contactnaam import Contactnaam
from klantinteracties.core.context import Ctx
from klantinteracties.core.repository import TableRepository, group_by
from klantinteracties.db.models import betrokkene

from .repository import digitale_adres_links, partijen, rekeningnummer_links

COLLECTION = "partijen"
betrokkenen = TableRepository(betrokkene)


@dataclass
class Related:
    """Everything a page of partijen refers to, keyed by partij uuid."""

    betrokkenen: dict[Any, list[Any]] = field(default_factory=dict)
    digitale_adressen: dict[Any, list[RowMapping]] = field(default_factory=dict)
    rekeningnummers: dict[Any, list[RowMapping]] = field(default_factory=dict)
    vertegenwoordigden: dict[Any, list[Any]] = field(default_factory=dict)
    categorie_relaties: dict[Any, list[RowMapping]] = field(default_factory=dict)
    identificatoren: dict[Any, list[dict[str, Any]]] = field(default_factory=dict)


async def load_related(session: AsyncSession, ctx: Ctx, rows: Sequence[RowMapping]) -> Related:
    keys = [r["uuid"] for r in rows]
    if not keys:
        return Related()
    related = Related(
        digitale_adressen=group_by(
            await digitale_adres_links.of_partijen(session, keys), "partij_uuid"
        ),
        rekeningnummers=group_by(
            await rekeningnummer_links.of_partijen(session, keys), "partij_uuid"
        ),
        categorie_relaties=group_by(
            await categorie_relaties.rows_by(session, "partij_uuid", keys), "partij_uuid"
        ),
    )
    for link in await betrokkenen.keys_by(session, "was_partij_uuid", keys):
        related.betrokkenen.setdefault(link["was_partij_uuid"], []).append(link["uuid"])
    for pair in await partijen.vertegenwoordigden_of(session, keys):
        related.vertegenwoordigden.setdefault(pair["vertegenwoordigende_partij_uuid"], []).append(
            pair["vertegenwoordigde_partij_uuid"]
        )
    id_rows = await partij_identificatoren.rows_by(session, "identificeerde_partij_uuid", keys)
    rendered = await partij_identificator_service.represent(session, ctx, id_rows)
    for row, item in zip(id_rows, rendered, strict=True):
        related.identificatoren.setdefault(row["identificeerde_partij_uuid"], []).append(item)
    return related


def _linked(ctx: Ctx, collection: str, rows: list[RowMapping]) -> tuple[list[Any], Any]:
    """The {uuid, url} list of linked rows and the preferred one (or None)."""
    refs = ctx.refs(collection, [r["uuid"] for r in rows])
    voorkeur = next((ref for ref, r in zip(refs, rows, strict=True) if r["is_voorkeur"]), None)
    return refs, voorkeur


def categorie_relatie_ref(ctx: Ctx, row: RowMapping) -> dict[str, Any]:
    return {
        "uuid": str(row["uuid"]),
        "url": ctx.url("categorie-relaties", row["uuid"]),
        "categorieNaam": row["categorie_naam"],
        "beginDatum": row["begin_datum"],
        "eindDatum": row["eind_datum"],
    }


def identificatie_output(ctx: Ctx, row: RowMapping) -> dict[str, Any] | None:
    """The sub-object of the current soort; None when none was stored for that soort."""
    soort = row["identificatie_soort"]
    if soort is None or soort != row["soort_partij"]:
        return None
    if soort == "organisatie":
        return {"naam": row["organisatie_naam"]}
    naam = {
        "contactnaam": Contactnaam.output("contactnaam", row),
        "volledigeNaam": Contactnaam.volledige_naam_van("contactnaam", row),
    }
    if soort == "persoon":
        return naam
    return {
        "uuid": str(row["contactpersoon_uuid"]) if row["contactpersoon_uuid"] else None,
        "werkteVoorPartij": ctx.ref(COLLECTION, row["werkte_voor_partij_uuid"]),
        **naam,
    }


def partij_output(ctx: Ctx, row: RowMapping, related: Related) -> dict[str, Any]:
    key = row["uuid"]
    adressen, voorkeurs_adres = _linked(
        ctx, "digitaleadressen", related.digitale_adressen.get(key, [])
    )
    rekeningen, voorkeurs_rekening = _linked(
        ctx, "rekeningnummers", related.rekeningnummers.get(key, [])
    )
    return {
        "uuid": str(key),
        "url": ctx.url(COLLECTION, key),
        "nummer": row["nummer"],
        "interneNotitie": row["interne_notitie"],
        "betrokkenen": ctx.refs("betrokkenen", related.betrokkenen.get(key, [])),
        "categorieRelaties": [
            categorie_relatie_ref(ctx, r) for r in related.categorie_relaties.get(key, [])
        ],
        "digitaleAdressen": adressen,
        "voorkeursDigitaalAdres": voorkeurs_adres,
        "vertegenwoordigden": ctx.refs(COLLECTION, related.vertegenwoordigden.get(key, [])),
        "rekeningnummers": rekeningen,
        "voorkeursRekeningnummer": voorkeurs_rekening,
        "partijIdentificatoren": related.identificatoren.get(key, []),
        "soortPartij": row["soort_partij"],
        "indicatieGeheimhouding": row["indicatie_geheimhouding"],
        "voorkeurstaal": row["voorkeurstaal"],
        "indicatieActief": row["indicatie_actief"],
        "bezoekadres": Adres.output("bezoekadres", row),
        "correspondentieadres": Adres.output("correspondentieadres", row),
        "partijIdentificatie": identificatie_output(ctx, row),
    }


async def represent_partijen(
    session: AsyncSession, ctx: Ctx, rows: Sequence[RowMapping]
) -> list[dict[str, Any]]:
    related = await load_related(session, ctx, rows)
    return [partij_output(ctx, row, related) for row in rows]
