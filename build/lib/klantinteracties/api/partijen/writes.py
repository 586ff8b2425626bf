"""Writes of a partij's relations: digitale adressen, rekeningnummers, their voorkeur, and the
nested partijIdentificatoren.

Each relation has a ``check_*`` (all rules, no writes, returns errors) and an ``apply_*``. The
service runs every check first and only then every write, inside one transaction.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.api.partij_identificatoren.repository import partij_identificatoren
from klantinteracties.api.partij_identificatoren.rules import NAME_ALL, check_identificator
from klantinteracties.api.partij_identificatoren.schemas import PartijIdentificator
from klantinteracties.api.partij_identificatoren.service import partij_identificator_service
from klantinteracties.core.errors import InvalidParam
from klantinteracties.core.schemas import FkRef

from .repository import LinkedRows, digitale_adres_links, identificator_writes, rekeningnummer_links
from .schemas import Partij

IDS = "partijIdentificatoren"


@dataclass(frozen=True)
class LinkSpec:
    """One writable to-many relation and the preferred item that must be one of them."""

    field: str  # e.g. "digitale_adressen"
    voorkeur: str  # e.g. "voorkeurs_digitaal_adres"
    wire: str  # e.g. "digitaleAdressen"
    wire_voorkeur: str
    label: str  # e.g. "digitaal adres"
    links: LinkedRows


LINKS = (
    LinkSpec(
        "digitale_adressen",
        "voorkeurs_digitaal_adres",
        "digitaleAdressen",
        "voorkeursDigitaalAdres",
        "digitaal adres",
        digitale_adres_links,
    ),
    LinkSpec(
        "rekeningnummers",
        "voorkeurs_rekeningnummer",
        "rekeningnummers",
        "voorkeursRekeningnummer",
        "rekeningnummer",
        rekeningnummer_links,
    ),
)


def listed(body: Partij, spec: LinkSpec) -> list[uuidlib.UUID] | None:
    """The uuids sent for the relation, without repeats (None: key not sent; null means [])."""
    if spec.field not in body.model_fields_set:
        return None
    refs: list[FkRef] = getattr(body, spec.field) or []
    return list(dict.fromkeys(ref.uuid for ref in refs))


async def check_links(
    session: AsyncSession, body: Partij, key: uuidlib.UUID | None
) -> list[InvalidParam]:
    """``key``: the partij being updated (None on create)."""
    errors: list[InvalidParam] = []
    for spec in LINKS:
        keys = listed(body, spec)
        if keys:
            rows = await spec.links.full_rows(session, keys)
            errors += _missing(spec, getattr(body, spec.field), rows)
            if spec.field == "digitale_adressen":
                errors += _adres_clashes(rows)
        errors += await _check_voorkeur(session, body, spec, keys, key)
    return errors


def _missing(spec: LinkSpec, refs: list[FkRef], rows: Sequence[RowMapping]) -> list[InvalidParam]:
    """Unknown items, named by their index in the list sent."""
    found = {r["uuid"] for r in rows}
    return [
        InvalidParam(
            f"{spec.wire}.{i}.uuid", "invalid", f"Er is geen {spec.label} met uuid {ref.uuid}."
        )
        for i, ref in enumerate(refs)
        if ref.uuid not in found
    ]


def _adres_clashes(rows: Sequence[RowMapping]) -> list[InvalidParam]:
    """After the write the partij holds exactly these addresses: they must not clash among
    themselves (same soort and adres, or same soort and non-empty referentie)."""
    seen_adres: set[tuple[str, str]] = set()
    seen_ref: set[tuple[str, str]] = set()
    for r in rows:
        adres, ref = (
            (r["soort_digitaal_adres"], r["adres"]),
            (r["soort_digitaal_adres"], r["referentie"]),
        )
        if adres in seen_adres or (r["referentie"] and ref in seen_ref):
            reason = (
                "Een partij kan niet twee digitale adressen van dezelfde soort met hetzelfde "
                "adres of dezelfde referentie hebben."
            )
            return [InvalidParam("digitaleAdressen", "unique", reason)]
        seen_adres.add(adres)
        seen_ref.add(ref)
    return []


async def _check_voorkeur(
    session: AsyncSession,
    body: Partij,
    spec: LinkSpec,
    keys: list[uuidlib.UUID] | None,
    key: uuidlib.UUID | None,
) -> list[InvalidParam]:
    """The preferred item must be linked after the write: among the list sent in the same body,
    or, when no list is sent, among the items the partij has now."""
    ref: FkRef | None = getattr(body, spec.voorkeur)
    if ref is None:
        return []
    if keys is None:
        keys = []
        if key is not None:
            keys = [r["uuid"] for r in await spec.links.of_partijen(session, [key])]
    if not keys:
        reason = (
            f"{spec.wire_voorkeur} kan alleen worden opgegeven als de partij "
            f"{spec.wire} heeft; die lijst is leeg."
        )
        return [InvalidParam(spec.wire_voorkeur, "invalid", reason)]
    if ref.uuid not in keys:
        reason = f"{spec.wire_voorkeur} moet een van de {spec.wire} van de partij zijn."
        return [InvalidParam(spec.wire_voorkeur, "invalid", reason)]
    return []


async def apply_links(
    session: AsyncSession, body: Partij, key: uuidlib.UUID, creating: bool
) -> None:
    for spec in LINKS:
        keys = listed(body, spec)
        if keys is not None:
            await spec.links.link(session, key, keys, unlink_others=not creating)
        if spec.voorkeur in body.model_fields_set:
            ref: FkRef | None = getattr(body, spec.voorkeur)
            await spec.links.set_voorkeur(session, key, ref.uuid if ref else None)


# ----- partijIdentificatoren ------------------------------------------------------------------
@dataclass
class IdentificatorPlan:
    """What happens to the partij's identificatoren: items to write (with the stored row they
    update, if any) and the partij's current identificatoren that go."""

    items: list[tuple[PartijIdentificator, RowMapping | None]] = field(default_factory=list)
    delete: list[uuidlib.UUID] = field(default_factory=list)


def identificatoren_shape_errors(body: Partij, creating: bool) -> list[InvalidParam]:
    """Rules about the list itself, before any lookup."""
    items = body.partij_identificatoren or []
    errors: list[InvalidParam] = []
    if creating and any("identificeerde_partij" in item.model_fields_set for item in items):
        reason = (
            "identificeerdePartij wordt bij het aanmaken automatisch op de nieuwe partij gezet "
            "en hoort niet in de aanvraag."
        )
        errors.append(InvalidParam(f"{IDS}.identificeerdePartij", "invalid", reason))
    uuids = [item.uuid for item in items if item.uuid is not None]
    if len(uuids) != len(set(uuids)):
        reason = "Elke uuid mag maar één keer in partijIdentificatoren voorkomen."
        errors.append(InvalidParam(f"{IDS}.identificeerdePartij", "duplicated", reason))
    return errors


async def plan_identificatoren(
    session: AsyncSession, body: Partij, key: uuidlib.UUID, creating: bool
) -> tuple[IdentificatorPlan | None, list[InvalidParam]]:
    """Check every item against the identificator rules, as if the partij already had exactly
    the listed identificatoren (the ones that go are not counted as clashes)."""
    if "partij_identificatoren" not in body.model_fields_set:
        return None, []
    items = body.partij_identificatoren or []
    wanted = [item.uuid for item in items if item.uuid is not None]
    stored = {r["uuid"]: r for r in await partij_identificatoren.get_many(session, wanted)}
    plan = IdentificatorPlan()
    if not creating:
        plan.delete = [
            k for k in await identificator_writes.of_partij(session, key) if k not in wanted
        ]
    errors = await _blocked_deletes(session, plan.delete)
    for i, item in enumerate(items):
        if item.uuid is not None and item.uuid not in stored:
            reason = f"Er is geen partij-identificator met uuid {item.uuid}."
            errors.append(InvalidParam(f"{IDS}.{i}.uuid", "invalid", reason))
            continue
        current = stored.get(item.uuid) if item.uuid is not None else None
        owned = item.model_copy(update={"identificeerde_partij": FkRef(uuid=key)})
        plan.items.append((owned, current))
        errors += await check_identificator(
            session,
            item.model_copy(update={"identificeerde_partij": None}),
            current=current,
            partij_uuid=key,
            prefix=f"{IDS}.{i}.",
            partial=current is not None,
            exclude=plan.delete,
        )
    return plan, errors + _soort_repeats(plan)


async def _blocked_deletes(session: AsyncSession, keys: list[uuidlib.UUID]) -> list[InvalidParam]:
    if not await identificator_writes.with_outside_children(session, keys):
        return []
    reason = (
        "Een niet meer genoemde partij-identificator kan niet verdwijnen: andere "
        "partij-identificatoren hebben hem als subIdentificatorVan."
    )
    return [InvalidParam(IDS, "invalid", reason)]


def _soort_repeats(plan: IdentificatorPlan) -> list[InvalidParam]:
    """Two items of one soort would each pass the per-item check but cannot both be stored."""
    soorten: list[str] = []
    for item, current in plan.items:
        if item.partij_identificator is not None:
            soorten.append(str(item.partij_identificator.code_soort_object_id))
        elif current is not None:
            soorten.append(current["code_soort_object_id"])
    if len(soorten) == len(set(soorten)):
        return []
    reason = "Een partij heeft ten hoogste één identificator per codeSoortObjectId."
    return [InvalidParam(NAME_ALL, "invalid", reason)]


async def apply_identificatoren(session: AsyncSession, plan: IdentificatorPlan | None) -> None:
    if plan is None:
        return
    await identificator_writes.delete_all(session, plan.delete)
    for item, current in plan.items:
        values = partij_identificator_service.values(item, current)
        if current is None:
            await partij_identificatoren.insert(session, values)
        else:
            await partij_identificatoren.update(session, current["uuid"], values)
